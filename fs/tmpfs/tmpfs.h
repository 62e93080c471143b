/*
 * tmpfs internals, shared by the files of fs/tmpfs/.
 *
 * A tmpfs file keeps its data in its page cache; a directory keeps its
 * entries in a list (struct tmpfs_dir, in inode->private), each entry
 * holding a reference to the inode it names.  An inode dies when its
 * last name is gone and nobody has it open: the entries' references and
 * the VFS's (dentries, open files) all count.
 *
 * The directory's inode lock protects its entry list, its counters and
 * next_cookie; the VFS holds it around every directory operation.
 */
#ifndef FS_TMPFS_H
#define FS_TMPFS_H

#include <vfs.h>

#define BOGO_DIRENT_SIZE	20	/* Linux reports directory sizes in these */

struct tmpfs_dirent {
	struct list_head node;		/* dir->entries, in cookie order */
	u64 cookie;			/* readdir position of this entry (>= 2) */
	struct inode *inode;		/* one reference */
	u32 len;
	char name[];			/* NUL-terminated */
};

struct tmpfs_dir {
	struct list_head entries;
	u64 next_cookie;
	u64 count;			/* entries */
	struct inode *inode;		/* the directory itself (immutable) */
	struct list_head teardown;	/* put_super's work list */
	bool drop_after_teardown;	/* put_super holds the entry's reference */
};

#define TMPFS_UNLIMITED	(~0ull)	/* size=0: no limit on pages */

/* One instance (sb->private): its page budget and what its options were. */
struct tmpfs_sb_info {
	struct page_quota quota;	/* every regular file's pages */
	u64 default_limit;		/* immutable: half of RAM, in pages (Linux's default) */
	u32 root_mode;			/* immutable: mode= */
};

static inline struct tmpfs_sb_info *tmpfs_sb(const struct super_block *sb)
{
	return sb->private;
}

static inline struct tmpfs_dir *tmpfs_dir(const struct inode *dir)
{
	return dir->private;
}

extern const struct inode_operations tmpfs_dir_iops;
extern const struct file_operations tmpfs_dir_fops;
extern const struct inode_operations tmpfs_file_iops;
extern const struct file_operations tmpfs_file_fops;
extern const struct inode_operations tmpfs_special_iops;

/* super.c: a new inode of type mode in sb (owner from the caller and dir). */
struct inode *tmpfs_new_inode(struct super_block *sb, const struct inode *dir, u32 mode,
			      u32 rdev);
int tmpfs_setattr(struct inode *inode, const struct iattr *attr);
/* The super operations, for instances with operations of their own (devpts). */
void tmpfs_evict(struct inode *inode);
void tmpfs_put_super(struct super_block *sb);

/* xattr.c: the inode operations, with the inode's lock held */
ssize_t tmpfs_getxattr(struct inode *inode, const char *name, void *buf, size_t size);
int tmpfs_setxattr(struct inode *inode, const char *name, const void *value, size_t size,
		   int flags);
ssize_t tmpfs_listxattr(struct inode *inode, char *buf, size_t size);

/* dir.c, all with dir's lock held */
int tmpfs_dir_lookup(struct inode *dir, struct dentry *d);
struct tmpfs_dirent *tmpfs_find(struct inode *dir, const struct qstr *name);
/* A new entry (taking an inode reference); NULL on -ENOMEM. */
struct tmpfs_dirent *tmpfs_dirent_alloc(const struct qstr *name, struct inode *inode);
void tmpfs_link_entry(struct inode *dir, struct tmpfs_dirent *e);
/* Unlink and free e, dropping its inode reference. */
void tmpfs_remove_entry(struct inode *dir, struct tmpfs_dirent *e);
/* Unlink e without freeing it (rename moves it). */
void tmpfs_unlink_entry(struct inode *dir, struct tmpfs_dirent *e);

#endif
