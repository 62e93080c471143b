/*
 * devpts: the directories of pseudo-terminal slaves, mounted on /dev/pts
 * ("mount -t devpts devpts /dev/pts").
 *
 * As on Linux since 4.7, every mount is an instance of its own (the
 * "newinstance" option is accepted and changes nothing): each has its
 * own "ptmx" node, its own slave numbers starting at 0, and its own
 * options.  /dev/pts/ptmx opens a pair in its instance; /dev/ptmx (the
 * devtmpfs node) in the instance mounted on "pts" beside it, as Linux's
 * devpts_acquire() finds it; without one, ENOENT or ENODEV.
 *
 * An instance is a tmpfs instance whose names only the kernel makes:
 * opening a ptmx adds "N" (character device 136:N) and closing the
 * master removes it.  The options, as Linux's fs/devpts/inode.c:
 *   uid=, gid=   owner of new slaves (default: the opener's fsuid/fsgid)
 *   mode=        their permissions (default 0600)
 *   ptmxmode=    the permissions of the instance's ptmx (default 0000)
 *   max=         how many pairs the instance may hold (ENOSPC beyond;
 *                0, as Linux's unsigned arithmetic has it, means no limit)
 *   newinstance  accepted
 * Anything else is EINVAL.  A remount starts again from the defaults and
 * applies the options given (even a failing one changes those parsed
 * before it, as on Linux); /proc/mounts shows them as Linux's
 * devpts_show_options() does.  Users may chmod and chown the nodes
 * (grantpt) but not create or remove names: the root directory's
 * creators are left out, which gives -EPERM as on Linux.
 *
 * A pair keeps its instance alive through a private mount of it
 * (devpts_acquire), so unmounting /dev/pts does not pull the nodes from
 * under open terminals.  opts_lock protects every instance's options.
 */
#include <devpts.h>
#include <cred.h>
#include <file.h>
#include <format.h>
#include <kmalloc.h>
#include <panic.h>
#include <printk.h>
#include <seq_buf.h>
#include <string.h>
#include <uapi/fcntl.h>
#include "internal.h"
#include "tmpfs/tmpfs.h"

#define DEVPTS_SUPER_MAGIC	0x1cd1
#define PTMX_DEV		MKDEV(5, 2)
#define NR_UNIX98_PTY_MAX	(1 << 20)	/* Linux's limit, and max='s ceiling */
#define DEFAULT_MODE		0600
#define DEFAULT_PTMX_MODE	0000

struct devpts_opts {
	bool setuid, setgid;
	u32 uid, gid;
	u32 mode, ptmxmode;
	int max;
};

struct devpts_fs {
	struct super_block *sb;		/* immutable */
	struct inode *ptmx;		/* immutable: the instance's ptmx node */
	struct devpts_opts opts;	/* opts_lock */
};

static DEFINE_SPINLOCK(opts_lock);
static struct file_system_type devpts_type;

static struct devpts_fs *sb_fs(struct super_block *sb)
{
	return sb->private;
}

/* --- options ------------------------------------------------------------------ */

static void default_opts(struct devpts_opts *o)
{
	*o = (struct devpts_opts){
		.mode = DEFAULT_MODE, .ptmxmode = DEFAULT_PTMX_MODE, .max = NR_UNIX98_PTY_MAX,
	};
}

/* A number as Linux's match_int/match_octal read it (base 0 or 8, all of it). */
static bool parse_number(const char *s, size_t len, unsigned int base, long long *out)
{
	bool neg = false;
	long long v = 0;
	size_t i = 0;

	if (base == 0 && len > 0 && s[0] == '-')
		neg = true, i++;
	if (base == 0) {
		base = 10;
		if (i + 1 < len && s[i] == '0' && (s[i + 1] == 'x' || s[i + 1] == 'X'))
			base = 16, i += 2;
		else if (i < len && s[i] == '0')
			base = 8;
	}
	if (i == len)
		return false;
	for (; i < len; i++) {
		char c = s[i];
		unsigned int d = (c >= '0' && c <= '9') ? (unsigned int)(c - '0') :
				 (c >= 'a' && c <= 'f') ? (unsigned int)(c - 'a' + 10) :
				 (c >= 'A' && c <= 'F') ? (unsigned int)(c - 'A' + 10) : 99;

		if (d >= base || v > (1LL << 40))
			return false;
		v = v * base + d;
	}
	*out = neg ? -v : v;
	return v <= 0x7fffffffLL + neg;
}

/* One "name=value" or "name" option into o: 0 or -EINVAL. */
static int parse_one(struct devpts_opts *o, const char *opt, size_t len)
{
	const char *eq = memchr(opt, '=', len);
	size_t nlen = eq ? (size_t)(eq - opt) : len, vlen = eq ? len - nlen - 1 : 0;
	const char *val = eq ? eq + 1 : NULL;
	long long v;

	if (!eq)
		return (len == 11 && memcmp(opt, "newinstance", 11) == 0) ? 0 : -EINVAL;
#define IS(name) (nlen == sizeof(name) - 1 && memcmp(opt, name, nlen) == 0)
	if (IS("uid") || IS("gid")) {
		if (!parse_number(val, vlen, 0, &v) || v == -1)
			return -EINVAL;	/* -1 is no valid id */
		if (IS("uid"))
			o->uid = (u32)v, o->setuid = true;
		else
			o->gid = (u32)v, o->setgid = true;
	} else if (IS("mode") || IS("ptmxmode")) {
		if (!parse_number(val, vlen, 8, &v))
			return -EINVAL;
		*(IS("mode") ? &o->mode : &o->ptmxmode) = (u32)v & S_IALLUGO;
	} else if (IS("max")) {
		if (!parse_number(val, vlen, 0, &v) || v < 0 || v > NR_UNIX98_PTY_MAX)
			return -EINVAL;
		o->max = (int)v;
	} else {
		return -EINVAL;
	}
#undef IS
	return 0;
}

/*
 * Linux's parse_mount_options(): back to the defaults, then each
 * comma-separated option in turn; the first bad one stops it.
 */
static int parse_opts(struct devpts_opts *o, const char *data)
{
	const char *p = data;

	default_opts(o);
	while (p && *p) {
		const char *end = strchr(p, ',');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		int err = len ? parse_one(o, p, len) : 0;

		if (err) {
			pr_err("devpts: called with bogus options\n");
			return err;
		}
		p = end ? end + 1 : NULL;
	}
	return 0;
}

static void show_options(struct seq_buf *s, struct super_block *sb)
{
	struct devpts_opts o;

	spin_lock(&opts_lock);
	o = sb_fs(sb)->opts;
	spin_unlock(&opts_lock);
	if (o.setuid)
		seq_printf(s, ",uid=%u", o.uid);
	if (o.setgid)
		seq_printf(s, ",gid=%u", o.gid);
	seq_printf(s, ",mode=%03o", o.mode);
	seq_printf(s, ",ptmxmode=%03o", o.ptmxmode);
	if (o.max < NR_UNIX98_PTY_MAX)
		seq_printf(s, ",max=%d", o.max);
}

/* ptmx's permissions follow ptmxmode (after a remount too). */
static void update_ptmx_mode(struct devpts_fs *fs)
{
	struct inode *ptmx = fs->ptmx;
	u32 mode;

	spin_lock(&opts_lock);
	mode = fs->opts.ptmxmode;
	spin_unlock(&opts_lock);
	mutex_lock(&ptmx->lock);
	ptmx->mode = S_IFCHR | mode;
	mutex_unlock(&ptmx->lock);
}

static int devpts_remount(struct super_block *sb, unsigned long flags, const char *data)
{
	struct devpts_fs *fs = sb_fs(sb);
	struct devpts_opts o;
	int err = parse_opts(&o, data);

	(void)flags;
	spin_lock(&opts_lock);
	fs->opts = o;		/* even after a bad option, as Linux's devpts_remount */
	spin_unlock(&opts_lock);
	update_ptmx_mode(fs);
	return err;
}

/* --- instances ------------------------------------------------------------------ */

static void devpts_put_super(struct super_block *sb)
{
	struct devpts_fs *fs = sb_fs(sb);

	if (fs && fs->ptmx)
		iput(fs->ptmx);
	tmpfs_put_super(sb);
	kfree(fs);
}

static const struct super_operations devpts_sops = {
	.evict_inode = tmpfs_evict,
	.put_super = devpts_put_super,
	.show_options = show_options,
	.remount = devpts_remount,
	/* no statfs: zero blocks and files, as Linux's simple_statfs, so df leaves it out */
};

/* The root: lookups and attribute changes only. */
static const struct inode_operations devpts_root_iops = {
	.lookup = tmpfs_dir_lookup,
	.setattr = tmpfs_setattr,
};

/* The root's child called name, with a reference (root locked). */
static struct dentry *child_locked(struct dentry *root, const char *name)
{
	u32 len = strlen(name);
	struct qstr q = { name, len, vfs_name_hash(name, len) };

	return lookup_one_locked(root, &q);
}

/*
 * Make name in fs's root (mode and dev as mknod); the new inode, with
 * a reference, through *out when asked.  0 or -errno.
 */
static int make_node(struct devpts_fs *fs, const char *name, u32 mode, u32 dev,
		     struct inode **out)
{
	struct inode *dir = fs->sb->root->inode;
	struct dentry *d;
	int err;

	mutex_lock(&dir->lock);
	d = child_locked(fs->sb->root, name);
	if (IS_ERR(d)) {
		err = (int)PTR_ERR(d);
	} else {
		err = d_is_negative(d) ? tmpfs_dir_iops.mknod(dir, d, mode, dev) : -EEXIST;
		if (!err && out) {
			*out = d->inode;
			__atomic_add_fetch(&d->inode->refcount, 1, __ATOMIC_RELAXED);
		}
		dput(d);
	}
	mutex_unlock(&dir->lock);
	return err;
}

static struct super_block *devpts_mount(const struct file_system_type *type,
					unsigned long flags, const char *source,
					const char *data)
{
	struct devpts_fs *fs = kzalloc(sizeof(*fs));
	struct super_block *sb;
	int err;

	if (!fs)
		return ERR_PTR(-ENOMEM);
	err = parse_opts(&fs->opts, data);
	if (err) {
		kfree(fs);
		return ERR_PTR(err);
	}
	sb = tmpfs_fill_super(type, 0755);
	if (IS_ERR(sb)) {
		kfree(fs);
		return sb;
	}
	fs->sb = sb;
	sb->private = fs;
	sb->magic = DEVPTS_SUPER_MAGIC;
	sb->ops = &devpts_sops;
	sb->root->inode->iops = &devpts_root_iops;
	err = make_node(fs, "ptmx", S_IFCHR | fs->opts.ptmxmode, PTMX_DEV, &fs->ptmx);
	if (err) {
		sb_put(sb);
		return ERR_PTR(err);
	}
	mutex_lock(&fs->ptmx->lock);
	fs->ptmx->uid = fs->ptmx->gid = 0;	/* root's, whoever mounts */
	mutex_unlock(&fs->ptmx->lock);
	return sb;
}

static struct file_system_type devpts_type = {
	.name = "devpts",
	.mount = devpts_mount,
};

/* --- the pty driver's side -------------------------------------------------------- */

static bool is_devpts_root(const struct path *p)
{
	return p->mnt->sb->type == &devpts_type && p->dentry == p->mnt->sb->root;
}

/* Linux's devpts_ptmx_path(): the devpts root mounted on "pts" beside ptmx. */
static int find_pts_beside(const struct path *ptmx, struct path *out)
{
	struct dentry *parent, *d;

	spin_lock(&dcache_lock);
	parent = dget(ptmx->dentry->parent);	/* a device node is never a mount root */
	spin_unlock(&dcache_lock);
	mutex_lock(&parent->inode->lock);
	d = child_locked(parent, "pts");
	mutex_unlock(&parent->inode->lock);
	dput(parent);
	if (IS_ERR(d))
		return (int)PTR_ERR(d);
	if (d_is_negative(d)) {
		dput(d);
		return -ENOENT;
	}
	out->mnt = ptmx->mnt;
	mnt_get(out->mnt);
	out->dentry = d;
	follow_mounts(out);
	if (!is_devpts_root(out)) {
		path_put(out);
		return -ENODEV;
	}
	return 0;
}

struct mount *devpts_acquire(struct file *ptmx)
{
	struct path p;
	struct mount *m;
	int err;

	if (ptmx->path.mnt->sb->type == &devpts_type) {
		p.mnt = ptmx->path.mnt;
		p.dentry = p.mnt->sb->root;
		path_get(&p);
	} else {
		err = find_pts_beside(&ptmx->path, &p);
		if (err)
			return ERR_PTR(err);
	}
	m = kern_mount(p.mnt->sb);
	path_put(&p);
	return m ? m : ERR_PTR(-ENOMEM);
}

void devpts_release(struct mount *inst)
{
	mnt_put(inst);
}

const void *devpts_id(const struct mount *inst)
{
	return inst->sb;
}

const void *devpts_inode_id(const struct inode *inode)
{
	return inode->sb->type == &devpts_type ? inode->sb : NULL;
}

unsigned int devpts_max(struct mount *inst)
{
	unsigned int max;

	spin_lock(&opts_lock);
	max = (unsigned int)sb_fs(inst->sb)->opts.max;
	spin_unlock(&opts_lock);
	return max;
}

static void index_name(unsigned int index, char *buf, size_t len)
{
	snprintf(buf, len, "%u", index);
}

int devpts_pty_new(struct mount *inst, unsigned int index)
{
	struct devpts_fs *fs = sb_fs(inst->sb);
	struct devpts_opts o;
	struct inode *inode;
	char name[16];
	int err;

	spin_lock(&opts_lock);
	o = fs->opts;
	spin_unlock(&opts_lock);
	index_name(index, name, sizeof(name));
	err = make_node(fs, name, S_IFCHR | o.mode, MKDEV(DEVPTS_SLAVE_MAJOR, index), &inode);
	if (err)
		return err;
	mutex_lock(&inode->lock);	/* the opener's fsuid/fsgid unless uid=/gid= */
	if (o.setuid)
		inode->uid = o.uid;
	if (o.setgid)
		inode->gid = o.gid;
	mutex_unlock(&inode->lock);
	iput(inode);
	return 0;
}

void devpts_pty_kill(struct mount *inst, unsigned int index)
{
	struct inode *dir = inst->sb->root->inode;
	struct dentry *d;
	char name[16];

	index_name(index, name, sizeof(name));
	mutex_lock(&dir->lock);
	d = child_locked(inst->sb->root, name);
	if (!IS_ERR(d)) {
		if (!d_is_negative(d)) {
			struct inode *inode = d->inode;

			mutex_lock(&inode->lock);
			if (!tmpfs_dir_iops.unlink(dir, d)) {
				mutex_unlock(&inode->lock);
				d_delete(d);
			} else {
				mutex_unlock(&inode->lock);
			}
		}
		dput(d);
	}
	mutex_unlock(&dir->lock);
}

int devpts_open_slave(struct mount *inst, unsigned int index, unsigned int oflags,
		      struct file **out)
{
	struct inode *dir = inst->sb->root->inode;
	struct path p = { .mnt = inst };
	char name[16];
	int err = 0;

	index_name(index, name, sizeof(name));
	mutex_lock(&dir->lock);
	p.dentry = child_locked(inst->sb->root, name);
	mutex_unlock(&dir->lock);
	if (IS_ERR(p.dentry))
		return (int)PTR_ERR(p.dentry);
	if (d_is_negative(p.dentry)) {
		err = -EIO;	/* the master is closing */
	} else {
		*out = vfs_file_open(&p, oflags);
		if (IS_ERR(*out))
			err = (int)PTR_ERR(*out);
	}
	dput(p.dentry);
	return err;
}

void devpts_init(void)
{
	register_filesystem(&devpts_type);
}
