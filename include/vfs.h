/*
 * The virtual file system: the objects every filesystem shares and the
 * operations the system calls are built from.
 *
 *   super_block  one mounted filesystem instance (tmpfs, devtmpfs, ...)
 *   inode        one file: type, mode, owner, size, times, and its data
 *                in the page cache
 *   dentry       one name in one directory, pointing at an inode (or at
 *                nothing: a negative dentry, "this name does not exist");
 *                dentries form the tree the path walk follows, and the
 *                dentry cache (dcache) finds a child by parent and name
 *   mount        where a super_block's tree is grafted onto another
 *                tree's dentry; (mount, dentry) is a struct path, the full
 *                answer to "which file does this name mean"
 *   file         an open file: a path, the access mode, the position and
 *                the operations (struct file_operations) chosen at open
 *
 * Filesystems supply const ops tables (super_, inode_, file_operations)
 * filled with designated initializers; a missing member has the default
 * documented at the member.  Every object another thread can find is
 * reference counted (get/put pairs below); locks keep data consistent,
 * references keep it alive.  Lock order and which ops run with which
 * locks held: docs/locking.md, "VFS".
 *
 * All functions return 0 or a negative errno unless stated otherwise;
 * functions that return objects use ERR_PTR (err.h).  Every function here
 * may sleep unless stated otherwise.
 */
#ifndef VFS_H
#define VFS_H

#include <types.h>
#include <err.h>
#include <list.h>
#include <mutex.h>
#include <spinlock.h>
#include <wait.h>
#include <uio.h>
#include <uapi/stat.h>

struct cred;
struct dentry;
struct dir_context;
struct file;
struct file_lock_context;
struct inode;
struct mount;
struct page;
struct path;
struct simple_xattrs;
struct seq_buf;
struct pipe;
struct poll_table;
struct statfs;
struct super_block;

#define NAME_MAX	255		/* longest name in a directory */
#define PATH_MAX	4096		/* longest path, NUL included */
#define MAXSYMLINKS	40		/* symlinks followed in one lookup */
/* Largest file offset we store: page indexes fit the page cache's 36 bits. */
#define VFS_MAX_FILE_SIZE	((1ull << 48) - 1)

/* Device numbers inside the kernel; stat(2) encodes them Linux's way. */
#define MINORBITS	20
#define MKDEV(ma, mi)	((u32)(((ma) << MINORBITS) | (mi)))
#define MAJOR(dev)	((u32)(dev) >> MINORBITS)
#define MINOR(dev)	((u32)(dev) & ((1u << MINORBITS) - 1))

struct timespec64 {
	s64 tv_sec;
	long tv_nsec;
};

/* The file-system clock (CLOCK_REALTIME). */
struct timespec64 vfs_now(void);

/* A name to look up: not NUL-terminated; hash from vfs_name_hash(). */
struct qstr {
	const char *name;
	u32 len;
	u32 hash;
};

u32 vfs_name_hash(const char *name, u32 len);

/* --- the page cache ----------------------------------------------------------
 * Each inode's data pages, indexed by page number (offset >> PAGE_SHIFT), in
 * a radix tree of 64-way nodes.  The cache holds one reference on each page;
 * lookups hand out another.  tmpfs keeps file contents only here; the same
 * pages back read(2), write(2) and (later) mmap.
 */
/*
 * A file system's budget of page-cache pages (tmpfs's size=): a page
 * cache with a quota adds no page beyond it (-ENOSPC), and every page it
 * drops gives one back.
 */
struct page_quota {
	u64 used;			/* atomic: pages charged */
	u64 limit;			/* pages; immutable once the instance is mounted */
};

struct page_cache {
	struct spinlock lock;		/* protects root, height, nr_pages, the nodes,
					   and the mappers list */
	void *root;
	unsigned int height;		/* levels below root; 0: empty */
	u64 nr_pages;
	struct list_head mappers;	/* lock: struct vma file_node (mm/file_map.c) */
	u64 sweep_gen;			/* inode->lock: truncate sweeps (mm/file_map.c) */
	struct page_quota *quota;	/* immutable once the inode is made; NULL: none */
};

void page_cache_init(struct page_cache *pc);
/* Pages in every page cache (all tmpfs: /proc/meminfo's Cached and Shmem). */
u64 page_cache_total_pages(void);
/* The page at index with a new reference, or NULL.  Never sleeps. */
struct page *page_cache_lookup(struct page_cache *pc, u64 index);
/*
 * The page at index with a new reference, adding a zeroed page when there
 * is none, for writing or mapping it.  NULL when out of memory.  Never sleeps.
 */
struct page *page_cache_get_or_add(struct page_cache *pc, u64 index);
/* The same, saying why there is none: -ENOSPC (the quota is used up) or -ENOMEM. */
struct page *page_cache_get_or_add_err(struct page_cache *pc, u64 index, int *err);
/* fallocate: add a zeroed page at index if there is none, marked unwritten
   (0, -ENOSPC or -ENOMEM). */
int page_cache_reserve(struct page_cache *pc, u64 index);
/* Drop every page at index >= from; returns how many were dropped. */
u64 page_cache_truncate(struct page_cache *pc, u64 from);
/* Drop the pages at indexes [from, to); returns how many were dropped. */
u64 page_cache_remove_range(struct page_cache *pc, u64 from, u64 to);
/*
 * Take the pages at [from, to) out of the tree, handing its reference on
 * each to taken[index - from] (NULL for a hole); returns how many.
 */
u64 page_cache_take_range(struct page_cache *pc, u64 from, u64 to, struct page **taken);
/* The first index in [from, to) with data (present) or a hole (a missing or
   unwritten page); to if none. */
u64 page_cache_find(struct page_cache *pc, u64 from, u64 to, bool present);

/* --- inodes ------------------------------------------------------------------ */

/* inode->flags */
#define S_DEAD		(1u << 0)	/* directory removed: no lookups, no creates */

struct inode {
	u64 ino;			/* immutable */
	u32 mode;			/* lock; the S_IFMT bits are immutable */
	u32 nlink;			/* lock */
	u32 uid, gid;			/* lock */
	u32 rdev;			/* immutable: device nodes */
	u64 size;			/* lock to change, READ_ONCE to read */
	struct timespec64 atime, mtime, ctime, btime;	/* lock */
	u32 flags;			/* lock: S_* */
	int refcount;			/* atomic */
	int write_count;		/* atomic: > 0 files open for writing, < 0
					   programs running it (Linux's i_writecount) */
	struct mutex lock;		/* see the fields above; for directories also
					   the entries; for files the page cache
					   contents beyond reads */
	struct super_block *sb;		/* immutable */
	const struct inode_operations *iops;	/* immutable once published */
	const struct file_operations *fops;	/* immutable once published */
	struct page_cache pages;	/* regular files: the data */
	char *link;			/* symlinks: the target, immutable */
	struct pipe *pipe;		/* FIFOs: lock; created by the first open */
	struct file_lock_context *flctx;	/* advisory locks (fs/locks.c), made on first use */
	struct simple_xattrs *xattrs;	/* lock: extended attributes (include/xattr.h) */
	void *private;			/* the filesystem's */
};

/* struct iattr.valid */
#define ATTR_MODE	(1u << 0)
#define ATTR_UID	(1u << 1)
#define ATTR_GID	(1u << 2)
#define ATTR_SIZE	(1u << 3)
#define ATTR_ATIME	(1u << 4)
#define ATTR_MTIME	(1u << 5)
#define ATTR_CTIME	(1u << 6)

struct iattr {
	unsigned int valid;
	u32 mode, uid, gid;
	u64 size;
	struct timespec64 atime, mtime, ctime;
};

/*
 * Directory operations are called with the directory's lock held and a
 * dentry the VFS has checked: lookup gets a negative, hashed-to-be dentry;
 * the creators get a negative dentry the VFS found by lookup under the
 * same lock; they must d_instantiate() it on success.  A missing creator
 * means -EPERM; a missing lookup means -ENOTDIR.
 */
struct inode_operations {
	/* Fill d with d_add(d, inode) when the name exists; 0 either way. */
	int (*lookup)(struct inode *dir, struct dentry *d);
	int (*create)(struct inode *dir, struct dentry *d, u32 mode);
	int (*mkdir)(struct inode *dir, struct dentry *d, u32 mode);
	int (*mknod)(struct inode *dir, struct dentry *d, u32 mode, u32 rdev);
	int (*symlink)(struct inode *dir, struct dentry *d, const char *target);
	/* The VFS also holds old's inode lock. */
	int (*link)(struct dentry *old, struct inode *dir, struct dentry *d);
	/* The VFS also holds the victim's inode lock. */
	int (*unlink)(struct inode *dir, struct dentry *d);
	int (*rmdir)(struct inode *dir, struct dentry *d);
	/*
	 * Both directories locked (rename_lock held when they differ); the
	 * VFS has done every check; nd may be positive (to be replaced, or
	 * exchanged with RENAME_EXCHANGE).  The fs updates its directories
	 * and link counts; the VFS moves the dentries afterwards.
	 */
	int (*rename)(struct inode *odir, struct dentry *od, struct inode *ndir,
		      struct dentry *nd, unsigned int flags);
	/*
	 * Apply a checked change, with the inode's lock held.  Default:
	 * vfs_setattr_copy(), which cannot change the size (-EPERM then).
	 */
	int (*setattr)(struct inode *inode, const struct iattr *attr);
	/*
	 * Symlinks whose target is computed at each use (procfs).  Either
	 * return a kmalloc'ed target text the walk follows and frees, or
	 * set *jump (with references) to the object a "magic" link stands
	 * for (/proc/PID/fd/N, exe, cwd) and return NULL; ERR_PTR on
	 * failure.  Default: the fixed text in inode->link.
	 */
	char *(*get_link)(struct dentry *d, struct path *jump);
	/* readlink(2) text into buf: its length or -errno (default: inode->link). */
	ssize_t (*readlink)(struct dentry *d, char *buf, size_t len);
	/*
	 * Extended attributes (include/xattr.h), with the inode's lock held;
	 * fs/xattr.c has checked the name and the permission.  get: the
	 * value's size, copied when size > 0.  set: value NULL removes.
	 * list: the names' total size.  Missing get/set: -EOPNOTSUPP;
	 * missing list: no names.
	 */
	ssize_t (*getxattr)(struct inode *inode, const char *name, void *buf, size_t size);
	int (*setxattr)(struct inode *inode, const char *name, const void *value,
			size_t size, int flags);
	ssize_t (*listxattr)(struct inode *inode, char *buf, size_t size);
};

struct inode *new_inode(struct super_block *sb);
void iget(struct inode *inode);
/* Drop a reference; the last one evicts the inode (sb->ops->evict_inode). */
void iput(struct inode *inode);
/* Owner of a new inode: the caller's fsuid, fsgid or the setgid directory's group. */
void inode_init_owner(struct inode *inode, const struct inode *dir, u32 mode);
/* Copy the attributes attr names into inode (caller holds inode->lock). */
void vfs_setattr_copy(struct inode *inode, const struct iattr *attr);
void inode_touch_mctime(struct inode *inode);	/* mtime = ctime = now */

/* --- super blocks and filesystem types --------------------------------------- */

#define SB_RDONLY	(1u << 0)

struct super_operations {
	/* Last iput(): release the fs's private data (default: nothing). */
	void (*evict_inode)(struct inode *inode);
	/* Fill the counters of statfs(2) (default: zeroes, TMPFS_MAGIC-free). */
	void (*statfs)(struct super_block *sb, struct statfs *st);
	/* Last mount gone, unused dentries pruned, root dentry still held: free
	   the fs's own structures (default: nothing). */
	void (*put_super)(struct super_block *sb);
	/* /proc/mounts: append the instance's ",name=value" options (default: none). */
	void (*show_options)(struct seq_buf *s, struct super_block *sb);
	/* mount -o remount: apply the option string data (default: accept, change nothing). */
	int (*remount)(struct super_block *sb, unsigned long flags, const char *data);
};

struct super_block {
	u32 dev;			/* immutable: anonymous 0:N */
	u32 magic;			/* immutable: f_type of statfs(2) */
	unsigned int flags;		/* SB_*; mount_lock */
	int refcount;			/* atomic: mounts of this instance */
	const struct super_operations *ops;	/* immutable */
	const struct file_system_type *type;	/* immutable */
	struct dentry *root;		/* immutable once mounted */
	const struct dentry_operations *d_op;	/* immutable: default for dentries */
	u64 next_ino;			/* atomic: inode numbers handed out */
	void *private;
};

/* fs_type->flags */
#define FS_REQUIRES_DEV	(1u << 0)
#define FS_SINGLE	(1u << 1)	/* one instance, shared by every mount */

struct file_system_type {
	const char *name;
	unsigned int flags;
	/* Make (or find, for FS_SINGLE) an instance; ERR_PTR on failure. */
	struct super_block *(*mount)(const struct file_system_type *type, unsigned long flags,
				     const char *source, const char *data);
	struct file_system_type *next;	/* fs_types_lock */
};

int register_filesystem(struct file_system_type *type);
const struct file_system_type *find_filesystem(const char *name);
/* The registered types, as /proc/filesystems lists them. */
void vfs_show_filesystems(struct seq_buf *s);
/* A new super_block with an anonymous device number, refcount 1. */
struct super_block *sb_alloc(const struct file_system_type *type,
			     const struct super_operations *ops, u32 magic);
void sb_put(struct super_block *sb);
u64 sb_next_ino(struct super_block *sb);

/* --- dentries ------------------------------------------------------------------ */

#define DNAME_INLINE_LEN	32

/* dentry->flags */
#define DCACHE_HASHED		(1u << 0)	/* findable by d_lookup() */
#define DCACHE_DONTCACHE	(1u << 1)	/* free at the last dput() even if positive */

struct dentry_operations {
	/* Is this cached dentry still right?  false drops it (default: true). */
	bool (*d_revalidate)(struct dentry *d);
};

struct dentry {
	int refcount;			/* atomic; dcache_lock when it may reach 0 */
	unsigned int flags;		/* dcache_lock */
	struct inode *inode;		/* dcache_lock to change; NULL: negative */
	struct dentry *parent;		/* dcache_lock; the root points at itself */
	struct qstr name;		/* dcache_lock */
	int mounted;			/* mount_lock: mounts on this dentry */
	struct super_block *sb;		/* immutable */
	const struct dentry_operations *op;	/* immutable */
	struct list_head hash_node;	/* dcache_lock */
	struct list_head children;	/* dcache_lock */
	struct list_head child_node;	/* dcache_lock: on parent->children */
	char inline_name[DNAME_INLINE_LEN];
};

/* A root dentry for inode (takes over the inode reference); NULL on -ENOMEM. */
struct dentry *d_make_root(struct inode *inode);
/* A nameless dentry outside every tree (pipes); takes the inode reference. */
struct dentry *d_alloc_pseudo(struct super_block *sb, struct inode *inode, const char *name);
/* Filesystem side of lookup/create: attach inode (reference taken over). */
void d_add(struct dentry *d, struct inode *inode);
void d_instantiate(struct dentry *d, struct inode *inode);
struct dentry *dget(struct dentry *d);
void dput(struct dentry *d);
static inline bool d_is_negative(const struct dentry *d)
{
	return READ_ONCE(d->inode) == NULL;
}
/* Is d still reachable by name (not unlinked)? */
bool d_unhashed(struct dentry *d);

/* --- mounts and paths -------------------------------------------------------- */

/* mount->flags */
#define MNT_RDONLY	(1u << 0)
#define MNT_NOSUID	(1u << 1)
#define MNT_NODEV	(1u << 2)
#define MNT_NOEXEC	(1u << 3)
#define MNT_NOATIME	(1u << 4)
#define MNT_NODIRATIME	(1u << 5)
#define MNT_RELATIME	(1u << 6)
#define MNT_DETACHED	(1u << 7)	/* out of the tree (lazy umount) */

struct mount {
	struct mount *parent;		/* mount_lock; itself for a tree's top */
	struct dentry *mountpoint;	/* mount_lock; inside parent */
	struct dentry *root;		/* immutable */
	struct super_block *sb;		/* immutable */
	int refcount;			/* atomic: paths into it, plus 1 while attached */
	unsigned int flags;		/* mount_lock: MNT_* */
	int id;				/* immutable */
	char *source;			/* immutable: mount(2)'s source string */
	struct list_head node;		/* mount_lock: the list of all mounts */
	struct list_head children;	/* mount_lock */
	struct list_head child_node;	/* mount_lock: on parent->children */
};

struct path {
	struct mount *mnt;
	struct dentry *dentry;
};

void path_get(const struct path *p);
void path_put(struct path *p);
static inline bool path_equal(const struct path *a, const struct path *b)
{
	return a->mnt == b->mnt && a->dentry == b->dentry;
}
void mnt_get(struct mount *m);
void mnt_put(struct mount *m);
/* Writes forbidden on this mount (MNT_RDONLY or a read-only superblock)? */
bool mnt_is_readonly(const struct mount *m);
/* Follow mounts stacked on p->dentry to the topmost root (refs adjusted). */
void follow_mounts(struct path *p);
/* The top of the mount tree: what "/" means without a task context. */
void vfs_root_path(struct path *out);
/*
 * Mount an instance of fs type 'type' on 'where' (a directory).
 * Returns 0 or -ENODEV (unknown type), -ENOTDIR, -EBUSY, -ENOMEM...
 */
int vfs_mount(const char *source, const struct path *where, const char *type,
	      unsigned long flags, const char *data);

/* umount2(2) on p (the caller's reference stays the caller's): 0, -EINVAL, -EBUSY. */
int vfs_umount(struct path *p, int flags);
/* The mounts visible below root, as /proc/mounts (or mountinfo) shows them. */
void vfs_show_mounts(struct seq_buf *s, const struct path *root, bool mountinfo);

/* --- open files -------------------------------------------------------------- */

/* file->mode */
#define FMODE_READ		(1u << 0)
#define FMODE_WRITE		(1u << 1)
#define FMODE_LSEEK		(1u << 2)	/* lseek allowed */
#define FMODE_PREAD		(1u << 3)	/* pread/preadv allowed */
#define FMODE_PWRITE		(1u << 4)
#define FMODE_PATH		(1u << 5)	/* O_PATH: no I/O at all */
#define FMODE_ATOMIC_POS	(1u << 6)	/* read/write/lseek serialize on pos_lock */
#define FMODE_EXEC		(1u << 7)	/* executed: holds deny_write_access() */
#define FMODE_WRITER		(1u << 8)	/* holds get_write_access() */

/* What each member means when left NULL is written beside it. */
struct file_operations {
	/* After the VFS set the file up (default: nothing). */
	int (*open)(struct inode *inode, struct file *f);
	/* The last reference went (default: nothing). */
	void (*release)(struct inode *inode, struct file *f);
	/* Move bytes; advance *pos (default: -EINVAL). */
	ssize_t (*read)(struct file *f, struct iov_iter *to, u64 *pos);
	ssize_t (*write)(struct file *f, struct iov_iter *from, u64 *pos);
	/* New position or -errno (default: -ESPIPE). */
	s64 (*llseek)(struct file *f, s64 offset, int whence);
	/* Emit entries from ctx->pos on (default: -ENOTDIR). */
	int (*iterate)(struct file *f, struct dir_context *ctx);
	/* Device-specific ioctl (default: -ENOTTY). */
	long (*ioctl)(struct file *f, unsigned int cmd, unsigned long arg);
	/* Flush to stable storage (default: -EINVAL). */
	int (*fsync)(struct file *f, bool datasync);
	/*
	 * Readiness (POLLIN, POLLOUT, ... from poll.h), registering on the
	 * file's wait queues through poll_wait(pt, wq) (default: always
	 * readable and writable, as regular files are).
	 */
	unsigned int (*poll)(struct file *f, struct poll_table *pt);
	/*
	 * The page at index for mmap, with a new reference; NULL beyond EOF
	 * or on -ENOMEM (default: not mappable).
	 */
	struct page *(*get_page)(struct file *f, u64 index);
	/*
	 * fallocate(2) on a regular file after the VFS checks: mode holds
	 * only FALLOC_FL_KEEP_SIZE and FALLOC_FL_PUNCH_HOLE (default:
	 * -EOPNOTSUPP).  offset + len does not overflow.
	 */
	long (*fallocate)(struct file *f, int mode, u64 offset, u64 len);
	/*
	 * Without get_page: mmap(2) gives anonymous memory, private or shared
	 * (/dev/zero).  Neither set: mmap fails with -ENODEV.
	 */
	bool mmap_anonymous;
};

struct file {
	int refcount;			/* atomic */
	unsigned int mode;		/* immutable: FMODE_* */
	unsigned int flags;		/* lock: O_* status flags (F_SETFL) */
	struct spinlock lock;		/* protects flags */
	struct mutex pos_lock;		/* serializes pos with FMODE_ATOMIC_POS */
	u64 pos;			/* pos_lock, when FMODE_ATOMIC_POS */
	struct path path;		/* immutable */
	struct inode *inode;		/* immutable */
	const struct file_operations *ops;	/* set by open, then immutable */
	void *private;			/* the ops' own */
	u64 version;			/* the ops' own (FIFOs: writers seen at open) */
	struct list_head ep_links;	/* epoll items watching this file (eventpoll.h) */
};

/*
 * A file object on path with open flags oflags (O_ACCMODE, status flags)
 * and the inode's fops; runs ops->open.  Takes its own path reference.
 */
struct file *vfs_file_open(const struct path *path, unsigned int oflags);
void file_get(struct file *f);
/* Drop a reference; the last one runs ops->release.  May sleep. */
void file_put(struct file *f);
unsigned int file_flags(struct file *f);
void file_set_flags(struct file *f, unsigned int mask, unsigned int value);

/* Readdir: ops->iterate calls dir_emit() per entry until it returns false. */
struct dir_context {
	bool (*actor)(struct dir_context *ctx, const char *name, int len, u64 next_pos,
		      u64 ino, unsigned int type);
	u64 pos;			/* position of the next entry to emit */
};

static inline bool dir_emit(struct dir_context *ctx, const char *name, int len,
			    u64 next_pos, u64 ino, unsigned int type)
{
	return ctx->actor(ctx, name, len, next_pos, ino, type);
}

/* DT_* of a mode, for readdir */
unsigned int vfs_dtype(u32 mode);

/* Positions for fops that need no special seeking. */
s64 generic_file_llseek(struct file *f, s64 offset, int whence);
/* The same, but SEEK_DATA and SEEK_HOLE find the holes of a page-cache file (tmpfs). */
s64 pagecache_file_llseek(struct file *f, s64 offset, int whence);
/* lseek that moves nothing and returns the position (Linux's noop_llseek). */
s64 noop_llseek(struct file *f, s64 offset, int whence);
/* Page-cache file I/O (tmpfs, and every fs that keeps data in the cache). */
ssize_t generic_file_read(struct file *f, struct iov_iter *to, u64 *pos);
ssize_t generic_file_write(struct file *f, struct iov_iter *from, u64 *pos);
struct page *generic_file_get_page(struct file *f, u64 index);
/* fsync op for files kept only in memory: 0. */
int noop_fsync(struct file *f, bool datasync);
/* read() of a directory: -EISDIR.  lseek of a directory: SEEK_SET/SEEK_CUR. */
ssize_t generic_read_dir(struct file *f, struct iov_iter *to, u64 *pos);
s64 generic_dir_llseek(struct file *f, s64 offset, int whence);
/* Device nodes and FIFOs: point the inode at the right open routine. */
void init_special_inode(struct inode *inode, u32 mode, u32 rdev);
/* Cut or extend (with holes) a page-cache file; caller holds inode->lock. */
int generic_truncate(struct inode *inode, u64 size);
/* Drop pages [first, last) from the cache and from every mapping of them (inode->lock held). */
void generic_punch_pages(struct inode *inode, u64 first, u64 last);
/* fallocate(2) on an open file, with Linux's checks (fs/fallocate.c; madvise's MADV_REMOVE). */
long vfs_fallocate(struct file *f, int mode, s64 offset, s64 len);

/* --- path lookup ------------------------------------------------------------- */

/* Lookup flags */
#define LOOKUP_FOLLOW		(1u << 0)	/* follow a symlink in the last component */
#define LOOKUP_DIRECTORY	(1u << 1)	/* the result must be a directory */
#define LOOKUP_EMPTY		(1u << 2)	/* "" means dirfd itself (AT_EMPTY_PATH) */
/* openat2(2)'s RESOLVE_* restrictions (include/uapi/openat2.h). */
#define LOOKUP_NO_SYMLINKS	(1u << 3)	/* any symlink on the way: -ELOOP */
#define LOOKUP_NO_MAGICLINKS	(1u << 4)	/* a /proc magic link: -ELOOP */
#define LOOKUP_NO_XDEV		(1u << 5)	/* leaving the starting mount: -EXDEV */
#define LOOKUP_BENEATH		(1u << 6)	/* escaping dirfd ("..", "/"): -EXDEV */
#define LOOKUP_IN_ROOT		(1u << 7)	/* dirfd acts as the root directory */
#define LOOKUP_IS_SCOPED	(LOOKUP_BENEATH | LOOKUP_IN_ROOT)

/*
 * Resolve name relative to dirfd (AT_FDCWD: the working directory) with
 * the current task's root.  On success *out holds references.
 */
int vfs_lookup(int dirfd, const char *name, unsigned int flags, struct path *out);

/* Permission bits for vfs_permission() */
#define MAY_EXEC	1
#define MAY_WRITE	2
#define MAY_READ	4
#define MAY_ACCESS	8	/* access(2): uid 0 still needs an x bit on files */

/* May cred do mask to inode?  0, -EACCES. */
int vfs_permission(const struct cred *cred, const struct inode *inode, int mask);
/* Is cred the owner of inode (or root)? */
bool vfs_owner_or_root(const struct cred *cred, const struct inode *inode);

/* --- operations on kernel strings (system calls and the kernel both use these) */

int vfs_open(int dirfd, const char *name, unsigned int oflags, u32 mode, struct file **out);
int vfs_mknod(int dirfd, const char *name, u32 mode, u32 dev);
/* vfs_mknod() that also returns the new node in *made (with references; NULL: not wanted). */
int vfs_mknod_path(int dirfd, const char *name, u32 mode, u32 dev, struct path *made);
int vfs_mkdir(int dirfd, const char *name, u32 mode);
int vfs_symlink(const char *target, int dirfd, const char *name);
int vfs_link(int olddirfd, const char *oldname, int newdirfd, const char *newname,
	     unsigned int lookup_flags);
int vfs_unlink(int dirfd, const char *name);
int vfs_rmdir(int dirfd, const char *name);
int vfs_rename(int olddirfd, const char *oldname, int newdirfd, const char *newname,
	       unsigned int flags);
/* Copy a symlink's target (not NUL-terminated); returns its length or -errno. */
ssize_t vfs_readlink(const struct path *p, char *buf, size_t len);
/* Change attributes with Linux's permission rules. */
int vfs_chmod(const struct path *p, u32 mode);
int vfs_chown(const struct path *p, u32 uid, u32 gid);
int vfs_truncate(const struct path *p, s64 length);
/*
 * A running program's file may not be written, nor a file open for
 * writing run (ETXTBSY): writers and executors count in
 * inode->write_count with opposite signs, and each side fails while the
 * other holds any.  get/put_write_access for a writer (open for writing,
 * truncate(2)); deny/allow_write_access for an executor (exec, for as
 * long as some address space runs the file).  0 or -ETXTBSY.
 */
int get_write_access(struct inode *inode);
void put_write_access(struct inode *inode);
int deny_write_access(struct inode *inode);
void allow_write_access(struct inode *inode);
/* times[0] atime, times[1] mtime; NULL: both now; tv_nsec UTIME_NOW/OMIT. */
int vfs_utimes(const struct path *p, const struct timespec64 *times);

/* What stat(2) reports, before the user layouts. */
struct kstat {
	u64 ino;
	u32 dev, rdev;
	u32 mode, nlink, uid, gid;
	u64 size, blocks;
	u32 blksize;
	struct timespec64 atime, mtime, ctime, btime;
	int mnt_id;
};
int vfs_getattr(const struct path *p, struct kstat *st);
int vfs_statfs(const struct path *p, struct statfs *st);

/*
 * Blocking file operations sleep only through wait_event_interruptible()
 * (wait.h): it returns -ERESTARTSYS when a signal arrives, which the
 * syscall exit path turns into a restart or -EINTR.
 */

/* --- for exec, mmap and the kernel ------------------------------------------- */

/*
 * Open the program at path (current root and cwd) for execve: a regular
 * file the caller may execute.  0 with *out holding a reference, or
 * -ENOENT, -ENOTDIR, -ELOOP, -EACCES (not regular, no x permission,
 * noexec mount), -ENAMETOOLONG.
 */
int vfs_open_exec(const char *path, struct file **out);
/* Read up to len bytes at off into a kernel buffer; bytes read or -errno. */
ssize_t kernel_read(struct file *f, void *buf, size_t len, u64 off);
ssize_t kernel_write(struct file *f, const void *buf, size_t len, u64 off);
/*
 * Read or write a kernel buffer at *off (advanced), or at the file
 * position when off is NULL (advanced, as read(2)/write(2) do).
 */
ssize_t kernel_rw(struct file *f, void *buf, size_t len, s64 *off, bool write);
/* The page-cache page at index with a new reference, or NULL beyond EOF. */
struct page *file_get_page(struct file *f, u64 index);

/* Boot: the VFS, tmpfs as "/", the device files; then fill "/". */
void vfs_init(void);
void vfs_populate_root(void);
/* The first user task: fs context at "/", fds 0-2 on /dev/console. */
void vfs_setup_init_task(void);

#endif
