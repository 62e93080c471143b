/*
 * Superblocks and filesystem types.
 *
 * A filesystem type (tmpfs, devtmpfs, ...) registers once at boot; each
 * mount(2) of it asks the type for a superblock, a new instance or (for
 * single-instance types) the shared one.  A superblock is reference
 * counted by the mounts showing it; the last sb_put() prunes its cached
 * dentries, lets the filesystem free its tree (put_super, while the root
 * dentry still holds the root inode), then drops the root.
 *
 * fs_types_lock protects the list of types.  Anonymous device numbers
 * (major 0, as Linux gives tmpfs and friends) come from an atomic counter.
 */
#include <kmalloc.h>
#include <seq_buf.h>
#include <string.h>
#include <uapi/statfs.h>
#include "internal.h"

static DEFINE_SPINLOCK(fs_types_lock);
static struct file_system_type *fs_types;	/* fs_types_lock */
static u32 next_anon_minor = 1;			/* atomic */

int register_filesystem(struct file_system_type *type)
{
	spin_lock(&fs_types_lock);
	type->next = fs_types;
	fs_types = type;
	spin_unlock(&fs_types_lock);
	return 0;
}

const struct file_system_type *find_filesystem(const char *name)
{
	struct file_system_type *t;

	spin_lock(&fs_types_lock);
	for (t = fs_types; t; t = t->next)
		if (strcmp(t->name, name) == 0)
			break;
	spin_unlock(&fs_types_lock);
	return t;
}

/* Oldest first, as Linux lists them (registration prepends). */
static void show_types_from(struct seq_buf *s, const struct file_system_type *t)
{
	if (!t)
		return;
	show_types_from(s, t->next);
	seq_printf(s, "%s\t%s\n", (t->flags & FS_REQUIRES_DEV) ? "" : "nodev", t->name);
}

void vfs_show_filesystems(struct seq_buf *s)
{
	spin_lock(&fs_types_lock);
	show_types_from(s, fs_types);	/* a dozen types: the recursion stays shallow */
	spin_unlock(&fs_types_lock);
}

struct super_block *sb_alloc(const struct file_system_type *type,
			     const struct super_operations *ops, u32 magic)
{
	struct super_block *sb = kzalloc(sizeof(*sb));

	if (!sb)
		return NULL;
	sb->dev = MKDEV(0, __atomic_fetch_add(&next_anon_minor, 1, __ATOMIC_RELAXED));
	sb->magic = magic;
	sb->ops = ops;
	sb->type = type;
	sb->refcount = 1;
	sb->next_ino = 1;
	return sb;
}

void sb_get(struct super_block *sb)
{
	__atomic_add_fetch(&sb->refcount, 1, __ATOMIC_RELAXED);
}

void sb_put(struct super_block *sb)
{
	if (!sb || __atomic_sub_fetch(&sb->refcount, 1, __ATOMIC_ACQ_REL) != 0)
		return;
	if (sb->root)
		d_prune_tree(sb->root);
	if (sb->ops && sb->ops->put_super)
		sb->ops->put_super(sb);
	if (sb->root)
		dput(sb->root);
	kfree(sb);
}

u64 sb_next_ino(struct super_block *sb)
{
	return __atomic_fetch_add(&sb->next_ino, 1, __ATOMIC_RELAXED);
}

int vfs_statfs(const struct path *p, struct statfs *st)
{
	struct super_block *sb = p->dentry->sb;
	unsigned int mf = READ_ONCE(p->mnt->flags);

	memset(st, 0, sizeof(*st));
	st->f_type = sb->magic;
	st->f_bsize = 4096;
	st->f_frsize = 4096;
	st->f_namelen = NAME_MAX;
	if (sb->ops && sb->ops->statfs)
		sb->ops->statfs(sb, st);
	st->f_fsid[0] = (s32)sb->dev;
	st->f_flags = ST_VALID | (mnt_is_readonly(p->mnt) ? ST_RDONLY : 0) |
		      (mf & MNT_NOSUID ? ST_NOSUID : 0) | (mf & MNT_NODEV ? ST_NODEV : 0) |
		      (mf & MNT_NOEXEC ? ST_NOEXEC : 0) | (mf & MNT_NOATIME ? ST_NOATIME : 0) |
		      (mf & MNT_NODIRATIME ? ST_NODIRATIME : 0) |
		      (mf & MNT_RELATIME ? ST_RELATIME : 0);
	return 0;
}
