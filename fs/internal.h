/*
 * What the files of fs/ share with each other and with nobody else.
 */
#ifndef FS_INTERNAL_H
#define FS_INTERNAL_H

#include <file.h>
#include <mutex.h>
#include <pathname.h>
#include <spinlock.h>
#include <vfs.h>

/* gen_text.c: generated text files (procfs, sysfs). */
struct gen_text {
	struct mutex lock;		/* protects buf, len and filled */
	char *buf;			/* kmalloc'd by whoever fills it */
	size_t len;
	bool filled;			/* buf holds the text of a successful fill */
};
/* Produce the text into g (g->lock held): 0, or -errno with g left as it was made. */
typedef int (*gen_text_fill_fn)(struct gen_text *g, const void *arg);
/* Take a write's data (NUL-terminated): bytes taken, or -errno. */
typedef ssize_t (*gen_text_store_fn)(const void *arg, const char *buf, size_t len);
/* open: a gen_text as f->private, with a buffer of bufsize bytes (0: none yet). */
int gen_text_open(struct file *f, size_t bufsize);
/* release: free f's gen_text and its text. */
void gen_text_release(struct file *f);
/* read(2): fill at offset 0 or when nothing is filled yet, then copy from *pos. */
ssize_t gen_text_read(struct gen_text *g, gen_text_fill_fn fill, const void *arg,
		      struct iov_iter *to, u64 *pos);
/* write(2): up to max bytes copied in and given to store(); *pos advances by what it took. */
ssize_t gen_text_write(struct iov_iter *from, u64 *pos, size_t max, gen_text_store_fn store,
		       const void *arg);

/* dcache.c */
extern struct spinlock dcache_lock;
void dcache_init(void);
struct dentry *d_alloc(struct dentry *parent, const struct qstr *name);
/* A hashed child of parent with this name, with a reference, or NULL. */
struct dentry *d_lookup(struct dentry *parent, const struct qstr *name);
void d_rehash(struct dentry *d);
void d_drop(struct dentry *d);
/* After unlink/rmdir: the name is gone; the inode stays for holders. */
void d_delete(struct dentry *d);
/* rename: d takes target's place (parent and name); target is dropped. */
int d_move(struct dentry *d, struct dentry *target);
int d_exchange(struct dentry *a, struct dentry *b);
/* Free every unused dentry below root (umount). */
void d_prune_tree(struct dentry *root);
/* Is ancestor an ancestor of d (or d itself)?  Caller holds rename_lock. */
bool d_is_ancestor(struct dentry *ancestor, struct dentry *d);
/*
 * Write p's name as seen from root into buf, right-aligned; returns the
 * offset where the name starts, or -ENAMETOOLONG.
 */
long d_path(const struct path *p, const struct path *root, char *buf, size_t len);

/* mount.c */
extern struct spinlock mount_lock;
/* The mount sitting on (parent, dentry), with a reference, or NULL. */
struct mount *lookup_mnt(struct mount *parent, struct dentry *d);
/* A mount of sb (taking a sb reference), not attached anywhere. */
struct mount *mnt_alloc(struct super_block *sb, struct dentry *root, const char *source);
void mount_init_root(void);
/* Mount an internal instance (pipefs) that never appears in the tree. */
struct mount *kern_mount(struct super_block *sb);

/* super.c */
void sb_get(struct super_block *sb);

/* namei.c */
/* rename_lock: serializes renames between directories (see rename.c). */
extern struct mutex rename_lock;
struct nameidata;
/*
 * Resolve name up to its last component: *parent is the directory it
 * lives in, *last names it (pointing into name), *type says what it is.
 * Trailing slashes set *trailing.
 */
#define LAST_NORM	PATHNAME_NORM
#define LAST_ROOT	1
#define LAST_DOT	PATHNAME_DOT
#define LAST_DOTDOT	PATHNAME_DOTDOT
int vfs_lookup_parent(int dirfd, const char *name, unsigned int flags, struct path *parent,
		      struct qstr *last, int *type, bool *trailing);
/* The child of dir named name (dir's inode lock held): positive or negative. */
struct dentry *lookup_one_locked(struct dentry *dir, const struct qstr *name);

/* permission.c */
/* May the caller remove victim from dir (sticky-bit rules)?  0 or -EPERM. */
int may_delete_sticky(const struct inode *dir, const struct inode *victim);
/* Parent must be a searchable, writable directory: 0, -EACCES, -EROFS. */
int may_modify_dir(const struct path *dir);

/* open.c */
/* Open the file at p (found or just created by the caller) for open(2). */
int do_file_open(const struct path *p, unsigned int oflags, bool created, struct file **out);
/* open(2) and friends: a new fd for the user's name, or -errno. */
long open_user_name(int dirfd, const char __user *uname, unsigned int flags, u32 mode,
		    unsigned int lookup_flags);
/* vfs_open() with openat2's LOOKUP_NO_* and scoping flags. */
int vfs_open_lookup(int dirfd, const char *name, unsigned int oflags, u32 mode,
		    unsigned int lookup_flags, struct file **out);
/* lookup_flags: openat2's LOOKUP_NO_* and scoping flags, or 0. */
int do_filp_open(int dirfd, const char *name, unsigned int oflags, u32 mode,
		 unsigned int lookup_flags, struct file **out);

/* attr.c: truncate after the checks; stamp: set mtime/ctime even if the size stays. */
int do_truncate(struct inode *inode, s64 length, bool stamp);

/* locks.c: advisory locks */
/* fcntl F_GETLK, F_SETLK, F_SETLKW and the F_OFD_ forms on fd (file f). */
long fcntl_lock(unsigned int fd, struct file *f, unsigned int cmd, unsigned long arg);
/* A descriptor table lets go of f: drop the table's POSIX locks on its inode. */
void locks_remove_posix(struct file *f, struct files *owner);
/* The last reference to f went: drop its flock and OFD locks. */
void locks_remove_file(struct file *f);
/* Inode eviction: free the lock context. */
void locks_free_inode(struct inode *inode);

/* file_table.c */
struct file *file_alloc(void);
void file_free(struct file *f);

/* pipe.c */
/* Open a FIFO inode: set up the shared pipe, wait for the other side. */
int fifo_open(struct inode *inode, struct file *f);
void pipe_evict(struct inode *inode);
long pipe_fcntl(struct file *f, unsigned int cmd, unsigned long arg);

/* Special files: character devices, FIFOs, and what cannot be opened yet. */
extern const struct file_operations chrdev_fops;	/* chrdev.c */
extern const struct file_operations fifo_fops;		/* pipe.c */
extern const struct file_operations no_device_fops;	/* chrdev.c: -ENXIO */

/* chrdev.c: call fn for every registered device (devtmpfs fills itself). */
void chrdev_for_each(void (*fn)(const char *name, u32 mode, u32 dev));

/* fs_context.c */
struct fs_context *current_fs(void);

/* tmpfs */
void tmpfs_init(void);
/* The root tmpfs instance, mounted as "/". */
struct super_block *tmpfs_mount_root(void);
/* A new tmpfs instance shown as fs type 'type' (devtmpfs). */
struct super_block *tmpfs_fill_super(const struct file_system_type *type, u32 root_mode);
/* tmpfs's operations for an instance with no size to report (devpts). */
extern const struct super_operations tmpfs_unsized_sops;

/* devtmpfs.c */
void devtmpfs_init(void);
/* Make /dev/name (no-op before devtmpfs_init: it adds every device then). */
void devtmpfs_create_node(const char *name, u32 mode, u32 dev);

/* initramfs.c: fill "/" from the boot initramfs */
void initramfs_unpack(void);
/* initramfs.c: unpack an image under root ("" is "/"); entries unpacked, *reason on failure. */
int initramfs_unpack_buffer(const char *root, const void *buf, size_t len, const char **reason);

/* pipe.c */
void pipefs_init(void);

/* anon_inodes.c */
void anon_inodes_init(void);
/* proc/root.c: the procfs instance and its type */
void proc_init(void);

/* memdev.c, console_dev.c: register the devices */
void memdev_init(void);
void console_dev_init(void);

#endif
