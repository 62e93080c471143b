/*
 * Mounts: grafting filesystem trees onto directories.
 *
 * A struct mount joins a super_block's tree (from 'root', usually the
 * superblock's root, or any directory for a bind mount) onto the dentry
 * 'mountpoint' inside the parent mount.  The path walk asks lookup_mnt()
 * whenever it reaches a dentry with mounted > 0 and continues at the
 * child's root; ".." at a mount's root climbs back to its mountpoint.
 * The tree's top is the root tmpfs (root_mount), whose parent is itself.
 *
 * Reference counts: every struct path holds one on its mount; an attached
 * mount holds one on itself, one on its parent mount and one on its
 * mountpoint dentry.  umount refuses (-EBUSY) while anything else holds
 * the mount, unless MNT_DETACH: then the mount leaves the tree at once and
 * is freed when its last user lets go.  Freeing the last mount of a
 * superblock frees the superblock (sb_put).
 *
 * mount_lock (a spinlock) protects the tree: every mount's parent,
 * mountpoint, flags and lists, and every dentry's 'mounted' count.  Lock
 * order: mount_lock before dcache_lock.
 */
#include <cred.h>
#include <format.h>
#include <panic.h>
#include <kmalloc.h>
#include <seq_buf.h>
#include <string.h>
#include <uapi/fcntl.h>
#include <uapi/mount.h>
#include <syscall.h>
#include "getname.h"
#include "internal.h"

DEFINE_SPINLOCK(mount_lock);
static LIST_HEAD(all_mounts);		/* mount_lock: attached mounts */
static struct mount *root_mount;	/* immutable after boot */
static int next_mnt_id = 1;		/* atomic */

/* vfs_mount() and umount serialize on this, so checks and changes agree. */
static struct mutex namespace_sem = MUTEX_INIT(namespace_sem);

struct mount *mnt_alloc(struct super_block *sb, struct dentry *root, const char *source)
{
	struct mount *m = kzalloc(sizeof(*m));
	size_t len = strlen(source ? source : "none") + 1;

	if (!m)
		return NULL;
	m->source = kmalloc(len, GFP_KERNEL);
	if (!m->source) {
		kfree(m);
		return NULL;
	}
	memcpy(m->source, source ? source : "none", len);
	m->parent = m;
	m->root = dget(root);
	m->mountpoint = m->root;
	m->sb = sb;
	sb_get(sb);
	m->refcount = 1;
	m->id = __atomic_fetch_add(&next_mnt_id, 1, __ATOMIC_RELAXED);
	list_init(&m->node);
	list_init(&m->children);
	list_init(&m->child_node);
	return m;
}

void mnt_get(struct mount *m)
{
	__atomic_add_fetch(&m->refcount, 1, __ATOMIC_RELAXED);
}

void mnt_put(struct mount *m)
{
	if (!m || __atomic_sub_fetch(&m->refcount, 1, __ATOMIC_ACQ_REL) != 0)
		return;
	dput(m->root);
	sb_put(m->sb);
	kfree(m->source);
	kfree(m);
}

void path_get(const struct path *p)
{
	mnt_get(p->mnt);
	dget(p->dentry);
}

void path_put(struct path *p)
{
	if (p->dentry)
		dput(p->dentry);
	if (p->mnt)
		mnt_put(p->mnt);
	p->dentry = NULL;
	p->mnt = NULL;
}

bool mnt_is_readonly(const struct mount *m)
{
	return (READ_ONCE(m->flags) & MNT_RDONLY) || (READ_ONCE(m->sb->flags) & SB_RDONLY);
}

struct mount *lookup_mnt(struct mount *parent, struct dentry *d)
{
	struct mount *m, *found = NULL;

	spin_lock(&mount_lock);
	list_for_each_entry(m, &parent->children, child_node) {
		if (m->mountpoint == d) {
			found = m;
			mnt_get(found);
			break;
		}
	}
	spin_unlock(&mount_lock);
	return found;
}

void follow_mounts(struct path *p)
{
	while (READ_ONCE(p->dentry->mounted)) {
		struct mount *m = lookup_mnt(p->mnt, p->dentry);

		if (!m)
			break;
		path_put(p);
		p->mnt = m;	/* lookup_mnt's reference */
		p->dentry = dget(m->root);
	}
}

void vfs_root_path(struct path *out)
{
	out->mnt = root_mount;
	out->dentry = root_mount->root;
	path_get(out);
}

/* Hang m on where (namespace_sem held); takes the references it keeps. */
static void attach_mnt(struct mount *m, const struct path *where)
{
	mnt_get(where->mnt);
	dget(where->dentry);
	mnt_get(m);		/* held while attached */
	spin_lock(&mount_lock);
	m->parent = where->mnt;
	m->mountpoint = where->dentry;
	where->dentry->mounted++;
	list_add_tail(&m->child_node, &where->mnt->children);
	list_add_tail(&m->node, &all_mounts);
	spin_unlock(&mount_lock);
}

/* Take m out of the tree (namespace_sem held) and drop what attach took. */
static void detach_mnt(struct mount *m)
{
	struct mount *parent;
	struct dentry *mp;

	spin_lock(&mount_lock);
	parent = m->parent;
	mp = m->mountpoint;
	mp->mounted--;
	list_del(&m->child_node);
	list_del(&m->node);
	m->parent = m;
	m->mountpoint = m->root;
	m->flags |= MNT_DETACHED;
	spin_unlock(&mount_lock);
	dput(mp);
	mnt_put(parent);
	mnt_put(m);
}

/* Detach m and every mount below it (lazy umount of a subtree). */
static void detach_tree(struct mount *m)
{
	for (;;) {
		struct mount *leaf = m;

		spin_lock(&mount_lock);
		while (!list_empty(&leaf->children))
			leaf = list_first_entry(&leaf->children, struct mount, child_node);
		spin_unlock(&mount_lock);
		detach_mnt(leaf);
		if (leaf == m)
			return;
	}
}

void mount_init_root(void)
{
	struct super_block *sb = tmpfs_mount_root();

	if (IS_ERR_OR_NULL(sb))
		panic("VFS: cannot create the root tmpfs");
	root_mount = mnt_alloc(sb, sb->root, "rootfs");
	if (!root_mount)
		panic("VFS: cannot mount the root tmpfs");
	sb_put(sb);		/* the mount holds it now */
	spin_lock(&mount_lock);
	list_add_tail(&root_mount->node, &all_mounts);
	spin_unlock(&mount_lock);
}

struct mount *kern_mount(struct super_block *sb)
{
	return mnt_alloc(sb, sb->root, sb->type ? sb->type->name : "none");
}

static unsigned int mnt_flags_from(unsigned long flags)
{
	unsigned int f = 0;

	if (flags & MS_RDONLY)
		f |= MNT_RDONLY;
	if (flags & MS_NOSUID)
		f |= MNT_NOSUID;
	if (flags & MS_NODEV)
		f |= MNT_NODEV;
	if (flags & MS_NOEXEC)
		f |= MNT_NOEXEC;
	if (flags & MS_NOATIME)
		f |= MNT_NOATIME;
	if (flags & MS_NODIRATIME)
		f |= MNT_NODIRATIME;
	if (!(flags & (MS_NOATIME | MS_STRICTATIME)))
		f |= MNT_RELATIME;	/* Linux's default */
	return f;
}

static bool is_mount_root(const struct path *p)
{
	return p->dentry == p->mnt->root;
}

/* Attach m at where, after the checks every kind of mount shares. */
static int graft(struct mount *m, const struct path *where)
{
	if (!S_ISDIR(where->dentry->inode->mode) && S_ISDIR(m->root->inode->mode))
		return -ENOTDIR;
	if (d_unhashed(where->dentry) && !is_mount_root(where))
		return -ENOENT;
	attach_mnt(m, where);
	return 0;
}

static int do_new_mount(const char *source, const struct path *where, const char *type,
			unsigned long flags, const char *data)
{
	const struct file_system_type *fs = type ? find_filesystem(type) : NULL;
	struct super_block *sb;
	struct mount *m;
	int err;

	if (!fs)
		return -ENODEV;
	if (!S_ISDIR(where->dentry->inode->mode))
		return -ENOTDIR;
	sb = fs->mount(fs, flags, source, data);
	if (IS_ERR(sb))
		return (int)PTR_ERR(sb);
	m = mnt_alloc(sb, sb->root, source ? source : fs->name);
	sb_put(sb);
	if (!m)
		return -ENOMEM;
	m->flags = mnt_flags_from(flags);
	err = graft(m, where);
	mnt_put(m);		/* attached: the tree holds it */
	return err;
}

static int do_bind_mount(const char *source, const struct path *where)
{
	struct path from;
	struct mount *m;
	int err;

	if (!source)
		return -EINVAL;
	err = vfs_lookup(AT_FDCWD, source, LOOKUP_FOLLOW, &from);
	if (err)
		return err;
	m = mnt_alloc(from.mnt->sb, from.dentry, from.mnt->source);
	if (m) {
		m->flags = from.mnt->flags & ~MNT_DETACHED;
		err = graft(m, where);
		mnt_put(m);
	} else {
		err = -ENOMEM;
	}
	path_put(&from);
	return err;
}

static int do_remount(const struct path *where, unsigned long flags, const char *data)
{
	struct super_block *sb = where->mnt->sb;
	int err;

	if (!is_mount_root(where))
		return -EINVAL;
	if (sb->ops && sb->ops->remount) {
		err = sb->ops->remount(sb, flags, data);
		if (err)
			return err;
	}
	spin_lock(&mount_lock);
	where->mnt->flags = (where->mnt->flags & MNT_DETACHED) | mnt_flags_from(flags);
	spin_unlock(&mount_lock);
	return 0;
}

/* Is m somewhere below (or equal to) top in the mount tree? */
static bool mnt_is_below(struct mount *m, struct mount *top)
{
	bool below = false;

	spin_lock(&mount_lock);
	for (;;) {
		if (m == top) {
			below = true;
			break;
		}
		if (m->parent == m)
			break;
		m = m->parent;
	}
	spin_unlock(&mount_lock);
	return below;
}

static int do_move_mount(const char *source, const struct path *where)
{
	struct path from;
	struct mount *m;
	int err;

	if (!source)
		return -EINVAL;
	err = vfs_lookup(AT_FDCWD, source, LOOKUP_FOLLOW, &from);
	if (err)
		return err;
	m = from.mnt;
	err = -EINVAL;
	if (!is_mount_root(&from) || m == root_mount || m->parent == m)
		goto out;
	err = -ELOOP;
	if (mnt_is_below(where->mnt, m))
		goto out;
	mnt_get(m);
	detach_mnt(m);
	err = graft(m, where);
	mnt_put(m);
out:
	path_put(&from);
	return err;
}

int vfs_mount(const char *source, const struct path *where, const char *type,
	      unsigned long flags, const char *data)
{
	int err;

	if ((flags & MS_MGC_MSK) == MS_MGC_VAL)
		flags &= ~MS_MGC_MSK;
	mutex_lock(&namespace_sem);
	if (flags & MS_REMOUNT)
		err = do_remount(where, flags, data);
	else if (flags & MS_BIND)
		err = do_bind_mount(source, where);
	else if (flags & MS_MOVE)
		err = do_move_mount(source, where);
	else if (flags & (MS_SHARED | MS_PRIVATE | MS_SLAVE | MS_UNBINDABLE))
		err = 0;	/* one namespace, no propagation: nothing to change */
	else
		err = do_new_mount(source, where, type, flags, data);
	mutex_unlock(&namespace_sem);
	return err;
}

/* umount2(2) on p, which the caller holds (one reference of its own). */
int vfs_umount(struct path *p, int flags)
{
	struct mount *m = p->mnt;
	int err = 0;

	if (!is_mount_root(p))
		return -EINVAL;
	mutex_lock(&namespace_sem);
	if (m == root_mount || m->parent == m) {
		err = -EINVAL;
		goto out;
	}
	if (!(flags & MNT_DETACH)) {
		bool busy;

		spin_lock(&mount_lock);
		busy = !list_empty(&m->children) ||
		       __atomic_load_n(&m->refcount, __ATOMIC_ACQUIRE) > 2;
		spin_unlock(&mount_lock);
		if (busy) {
			err = -EBUSY;
			goto out;
		}
	}
	detach_tree(m);
out:
	mutex_unlock(&namespace_sem);
	return err;
}

/* A path in a mount table: space, tab, newline and backslash as octal escapes. */
static void show_escaped(struct seq_buf *s, const char *str)
{
	for (; *str; str++) {
		if (*str == ' ' || *str == '\t' || *str == '\n' || *str == '\\')
			seq_printf(s, "\\%03o", (unsigned char)*str);
		else
			seq_putc(s, *str);
	}
}

/* The per-mount flags as /proc/mounts spells them ("rw,nosuid,relatime"). */
static void show_mnt_opts(struct seq_buf *s, struct mount *m)
{
	static const struct { unsigned int flag; const char *name; } opts[] = {
		{ MNT_NOSUID, ",nosuid" }, { MNT_NODEV, ",nodev" }, { MNT_NOEXEC, ",noexec" },
		{ MNT_NOATIME, ",noatime" }, { MNT_NODIRATIME, ",nodiratime" },
		{ MNT_RELATIME, ",relatime" },
	};
	unsigned int flags = READ_ONCE(m->flags);

	seq_puts(s, mnt_is_readonly(m) ? "ro" : "rw");
	for (size_t i = 0; i < ARRAY_SIZE(opts); i++)
		if (flags & opts[i].flag)
			seq_puts(s, opts[i].name);
}

/* The filesystem's own options, after the mount's (devpts ",mode=620", tmpfs ",size=1024k,mode=750,inode64"). */
static void show_sb_opts(struct seq_buf *s, struct super_block *sb)
{
	if (sb->ops && sb->ops->show_options)
		sb->ops->show_options(s, sb);
}

/* Where m's root sits inside its filesystem ("/" unless a bind mount). */
static void show_mnt_root(struct seq_buf *s, struct mount *m, char *buf, size_t len)
{
	long pos = (long)len - 1;
	struct dentry *d;

	buf[pos] = '\0';
	spin_lock(&dcache_lock);
	for (d = m->root; d != m->sb->root && d->parent != d; d = d->parent) {
		if (pos < (long)d->name.len + 1)
			break;
		pos -= d->name.len;
		memcpy(buf + pos, d->name.name, d->name.len);
		buf[--pos] = '/';
	}
	spin_unlock(&dcache_lock);
	show_escaped(s, pos == (long)len - 1 ? "/" : buf + pos);
}

/* One line of /proc/mounts, or of /proc/PID/mountinfo when info is set. */
static void show_one(struct seq_buf *s, struct mount *m, const struct path *root, bool info,
		     char *buf)
{
	struct path mp = { .mnt = m, .dentry = m->root };
	const char *type = m->sb->type ? m->sb->type->name : "none";
	long off;

	if (info) {
		spin_lock(&mount_lock);
		seq_printf(s, "%d %d %u:%u ", m->id, m->parent->id, MAJOR(m->sb->dev),
			   MINOR(m->sb->dev));
		spin_unlock(&mount_lock);
		show_mnt_root(s, m, buf, PATH_MAX);
		seq_putc(s, ' ');
	} else {
		show_escaped(s, m->source);
		seq_putc(s, ' ');
	}
	off = d_path(&mp, root, buf, PATH_MAX);
	show_escaped(s, off < 0 ? "?" : buf + off);
	if (!info) {
		seq_printf(s, " %s ", type);
		show_mnt_opts(s, m);
		show_sb_opts(s, m->sb);
		seq_puts(s, " 0 0\n");
		return;
	}
	seq_putc(s, ' ');
	show_mnt_opts(s, m);
	seq_printf(s, " - %s ", type);
	show_escaped(s, m->source);
	seq_puts(s, (m->sb->flags & SB_RDONLY) ? " ro" : " rw");
	show_sb_opts(s, m->sb);
	seq_putc(s, '\n');
}

void vfs_show_mounts(struct seq_buf *s, const struct path *root, bool mountinfo)
{
	char *buf = kmalloc(PATH_MAX, GFP_KERNEL);
	struct mount *m;

	if (!buf) {
		s->len = s->size + 1;	/* nothing fits: the caller gives up */
		return;
	}
	mutex_lock(&namespace_sem);	/* the list cannot change under us */
	list_for_each_entry(m, &all_mounts, node) {
		if (mnt_is_below(m, root->mnt))
			show_one(s, m, root, mountinfo, buf);
	}
	mutex_unlock(&namespace_sem);
	kfree(buf);
}

/* --- system calls ---------------------------------------------------------- */

/*
 * A string argument of mount(2) that may be NULL: *out is NULL for a NULL
 * pointer.  The data argument is any page of bytes in Linux; we take it
 * as a string (every filesystem here parses "opt=val,..." text).
 */
static int get_mount_string(const char __user *u, char **out, bool page_ok)
{
	char *s;
	long len;

	*out = NULL;
	if (!u)
		return 0;
	s = kmalloc(PAGE_SIZE, GFP_KERNEL);
	if (!s)
		return -ENOMEM;
	len = strncpy_from_user(s, u, PAGE_SIZE);
	if (len == -ENAMETOOLONG && page_ok) {
		s[PAGE_SIZE - 1] = '\0';
		len = 0;
	}
	if (len < 0) {
		kfree(s);
		return (int)len;
	}
	*out = s;
	return 0;
}

static long do_mount_syscall(const char *source, const char __user *utarget, const char *type,
			     unsigned long flags, const char *data)
{
	struct path where;
	long err = user_path_at(AT_FDCWD, utarget, LOOKUP_FOLLOW, &where);

	if (err)
		return err;
	err = vfs_mount(source, &where, type, flags, data);
	path_put(&where);
	return err;
}

SYSCALL_DEFINE5(mount, const char *, dev_name, const char *, dir_name, const char *, type,
		unsigned long, flags, const void *, data)
{
	char *source = NULL, *fstype = NULL, *options = NULL;
	long err;

	if (!cred_is_root(current_cred()))
		return -EPERM;
	err = get_mount_string(dev_name, &source, false);
	if (!err)
		err = get_mount_string(type, &fstype, false);
	if (!err)
		err = get_mount_string(data, &options, true);
	if (!err)
		err = do_mount_syscall(source, dir_name, fstype, flags, options);
	kfree(options);
	kfree(fstype);
	kfree(source);
	return err;
}

SYSCALL_DEFINE2(umount2, const char *, name, int, flags)
{
	struct path p;
	long err;

	if (flags & ~(MNT_FORCE | MNT_DETACH | MNT_EXPIRE | UMOUNT_NOFOLLOW))
		return -EINVAL;
	if ((flags & MNT_EXPIRE) && (flags & (MNT_FORCE | MNT_DETACH)))
		return -EINVAL;
	if (!cred_is_root(current_cred()))
		return -EPERM;
	err = user_path_at(AT_FDCWD, name, (flags & UMOUNT_NOFOLLOW) ? 0 : LOOKUP_FOLLOW, &p);
	if (err)
		return err;
	err = vfs_umount(&p, flags);
	path_put(&p);
	return err;
}
