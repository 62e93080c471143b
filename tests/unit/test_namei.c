/*
 * fs/namei.c, unchanged, on the host: the real path walk over the real
 * dcache (fs/dcache.c), inodes (fs/inode.c), permission checks
 * (fs/permission.c), superblocks and mounts (fs/super.c, fs/mount.c),
 * tmpfs (fs/tmpfs/dir.c, namei.c, super.c) and the creation calls of
 * fs/link.c that build the trees.  Only the environment is a stand-in,
 * defined below: the current task's credentials, root, cwd and
 * descriptors, mutexes, kmalloc (host malloc, counted, so ASan sees every
 * object), the clock, panic, and the page cache and file operations the
 * walk never reaches (kshim/README lists them).
 *
 * Every case runs in a tmpfs of its own, and everything it made must be
 * freed once that is unmounted.  Every walk is done twice: the two must
 * agree, and the second must leave the kmalloc'd objects and a weighted
 * sum of all dentry, inode and mount reference counts as they were.
 * One test makes each allocation of a walk fail in turn (-ENOMEM, no
 * leak).  The fuzz test walks thousands of random names over random trees
 * and compares each result with the host's Linux (openat2 on the same
 * tree built in a temporary directory, namei_host.c): the errno, or the
 * place reached.
 *
 * This file is built like the kernel files (include/ first, no libc
 * headers), since its stand-ins implement kernel interfaces.
 */
#include "unit.h"
#undef __always_inline	/* glibc's, from cmocka's headers; compiler.h has the kernel's */
#include <cred.h>
#include <format.h>
#include <kmalloc.h>
#include <mm.h>
#include <string.h>
#include <time.h>
#include <spinlock.h>	/* the kshim one */
#include <uapi/fcntl.h>
#include <vfs.h>
#include <xattr.h>
#include <file.h>
#include "../../fs/internal.h"
#include "../../fs/tmpfs/tmpfs.h"
#include "namei_host.h"

/* All this file takes from the host C library. */
void *malloc(size_t size);
void *calloc(size_t n, size_t size);
void free(void *p);
void abort(void) __noreturn;

/* ---- stand-ins for the environment ----------------------------------- */

static long live_objects;	/* kmalloc'd and not yet freed */
static long alloc_budget = -1;	/* >= 0: kmalloc fails once it is spent */

void *kmalloc(size_t size, unsigned int gfp)
{
	void *p;

	if (alloc_budget == 0)
		return NULL;
	if (alloc_budget > 0)
		alloc_budget--;
	p = (gfp & GFP_ZERO) ? calloc(1, size ? size : 1) : malloc(size ? size : 1);

	if (p)
		live_objects++;
	return p;
}

void kfree(const void *p)
{
	if (!p)
		return;
	live_objects--;
	free((void *)p);
}

void panic(const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	fail_msg("kernel panic: %s", msg);
	abort();
}

void kshim_lock_error(const char *what, const struct spinlock *l)
{
	fail_msg("spinlock %s %s", l->name, what);
}

/* Single-threaded: a mutex records that it is held and catches misuse. */
#define MUTEX_HELD	((struct task *)1)

void mutex_init(struct mutex *m)
{
	memset(m, 0, sizeof(*m));
}

void mutex_lock(struct mutex *m)
{
	if (m->owner)
		fail_msg("mutex %p taken while held", (void *)m);
	m->owner = MUTEX_HELD;
}

void mutex_unlock(struct mutex *m)
{
	if (!m->owner)
		fail_msg("mutex %p released while free", (void *)m);
	m->owner = NULL;
}

static struct cred root_cred_shim;
static struct cred user_cred = { .uid = 1000, .gid = 1000, .euid = 1000, .egid = 1000,
				 .fsuid = 1000, .fsgid = 1000, .suid = 1000, .sgid = 1000 };
static const struct cred *cur_cred = &root_cred_shim;

const struct cred *current_cred(void)
{
	return cur_cred;
}

s64 clock_realtime_ns(void)
{
	static s64 now = 1700000000ll * 1000000000ll;

	return now += 1000;
}

long arch_strncpy_from_user(char *dst, const char *src, long n)
{
	long i;

	for (i = 0; i < n; i++) {
		dst[i] = src[i];
		if (!src[i])
			return i;
	}
	return n;
}

u64 mm_total_pages(void) { return 65536; }
u64 mm_free_pages(void) { return 32768; }

/* tmpfs files here never get data: their page cache stays empty. */
void page_cache_init(struct page_cache *pc)
{
	memset(pc, 0, sizeof(*pc));
}

u64 page_cache_truncate(struct page_cache *pc, u64 from)
{
	assert_int_equal(pc->nr_pages, 0);
	return 0;
}

void locks_free_inode(struct inode *inode)
{
	/* no advisory lock is ever taken here */
}

/* The current task's fs context: root, cwd and umask. */
static struct path task_root, task_cwd;

void fs_get_root(struct path *out)
{
	*out = task_root;
	path_get(out);
}

void fs_get_cwd(struct path *out)
{
	*out = task_cwd;
	path_get(out);
}

u32 fs_umask(void)
{
	return 022;
}

/* Descriptors: a small table of files holding a path, as O_PATH gives. */
#define NR_FDS	32
static struct file *fd_table[NR_FDS];

static struct file *file_on(const struct path *p)
{
	struct file *f = calloc(1, sizeof(*f));

	assert_non_null(f);
	f->refcount = 1;
	f->path = *p;
	path_get(&f->path);
	f->inode = p->dentry->inode;
	return f;
}

struct file *fget_raw(int fd)
{
	if (fd < 0 || fd >= NR_FDS || !fd_table[fd])
		return NULL;
	fd_table[fd]->refcount++;
	return fd_table[fd];
}

void file_put(struct file *f)
{
	if (--f->refcount)
		return;
	path_put(&f->path);
	free(f);
}

/* open(2) after the walk: the file just holds the path it was given. */
int do_file_open(const struct path *p, unsigned int oflags, bool created, struct file **out)
{
	*out = file_on(p);
	return 0;
}

/* What the walk never reaches: file data and special files. */
const struct inode_operations tmpfs_file_iops;
const struct file_operations tmpfs_file_fops;
const struct file_operations chrdev_fops;
const struct file_operations fifo_fops;
const struct file_operations no_device_fops;

int tmpfs_setattr(struct inode *inode, const struct iattr *attr)
{
	fail_msg("tmpfs_setattr is not part of this test");
	return -EIO;
}

ssize_t generic_read_dir(struct file *f, struct iov_iter *to, u64 *pos)
{
	fail_msg("generic_read_dir is not part of this test");
	return -EIO;
}

s64 generic_dir_llseek(struct file *f, s64 offset, int whence)
{
	fail_msg("generic_dir_llseek is not part of this test");
	return -EIO;
}

int noop_fsync(struct file *f, bool datasync)
{
	return 0;
}

/* Extended attributes (fs/xattr.c, fs/tmpfs/xattr.c): no walk sets one. */
void simple_xattrs_free(struct simple_xattrs **xsp)
{
	assert_null(*xsp);
}

ssize_t tmpfs_getxattr(struct inode *inode, const char *name, void *buf, size_t size)
{
	fail_msg("tmpfs_getxattr is not part of this test");
	return -EIO;
}

int tmpfs_setxattr(struct inode *inode, const char *name, const void *value, size_t size,
		   int flags)
{
	fail_msg("tmpfs_setxattr is not part of this test");
	return -EIO;
}

ssize_t tmpfs_listxattr(struct inode *inode, char *buf, size_t size)
{
	fail_msg("tmpfs_listxattr is not part of this test");
	return -EIO;
}

/* ---- the tree --------------------------------------------------------- */

static struct path root_path;	/* "/" of the root tmpfs */

static int setup_vfs(void **state)
{
	dcache_init();
	tmpfs_init();
	mount_init_root();
	vfs_root_path(&root_path);
	task_root = root_path;
	task_cwd = root_path;
	return 0;
}

/* Sum of every reference count in the tree below d (mounts followed). */
static long tree_refs(struct mount *m, struct dentry *d)
{
	long sum = d->refcount * 3 + (d->inode ? d->inode->refcount * 5 : 0) + 7;
	struct dentry *c;

	list_for_each_entry(c, &d->children, child_node)
		sum += tree_refs(m, c);
	if (d->mounted) {
		struct mount *child;

		list_for_each_entry(child, &m->children, child_node)
			if (child->mountpoint == d)
				sum += child->refcount * 11 + tree_refs(child, child->root);
	}
	return sum;
}

static long snapshot(void)
{
	return live_objects * 1000003 + tree_refs(root_path.mnt, root_path.dentry) +
	       root_path.mnt->refcount * 13;
}

static void mk(const char *path, u32 mode)
{
	int err = vfs_mkdir(AT_FDCWD, path, mode);

	if (err)
		fail_msg("mkdir %s: %d", path, err);
}

static void ln(const char *target, const char *path)
{
	int err = vfs_symlink(target, AT_FDCWD, path);

	if (err)
		fail_msg("symlink %s -> %s: %d", path, target, err);
}

static void touch(const char *path)
{
	int err = vfs_mknod(AT_FDCWD, path, S_IFREG | 0644, 0);

	if (err)
		fail_msg("mknod %s: %d", path, err);
}

/* Mount a fresh tmpfs on the directory at path. */
static void mount_tmpfs(const char *path)
{
	struct path where;

	assert_int_equal(vfs_lookup(AT_FDCWD, path, LOOKUP_FOLLOW, &where), 0);
	assert_int_equal(vfs_mount("tmpfs", &where, "tmpfs", 0, NULL), 0);
	path_put(&where);
}

static void umount_tmpfs(const char *path)
{
	struct path p;

	assert_int_equal(vfs_lookup(AT_FDCWD, path, LOOKUP_FOLLOW, &p), 0);
	assert_int_equal(vfs_umount(&p, 0), 0);
	path_put(&p);
}

/*
 * A case runs in its own tmpfs on /name: once it is unmounted, every
 * object it made must be gone.
 */
static long case_begin(const char *name)
{
	long before;
	struct path p;

	if (vfs_lookup(AT_FDCWD, name, 0, &p) == 0)
		path_put(&p);
	else
		mk(name, 0755);
	before = live_objects;
	mount_tmpfs(name);
	return before;
}

static void case_end(const char *name, long before)
{
	umount_tmpfs(name);
	assert_int_equal(live_objects, before);
}

/* Where p is, as a name from "/" ("?" when it cannot be named). */
static void name_of(const struct path *p, const struct path *root, char *buf, size_t len)
{
	char tmp[PATH_MAX];
	long off = d_path(p, root, tmp, sizeof(tmp));

	snprintf(buf, len, "%s", off < 0 ? "?" : tmp + off);
}

/*
 * Walk name twice; the two must agree, the walk must leak nothing, and
 * the result is returned as an errno or the name of the place reached.
 */
static int walk(int dirfd, const char *name, unsigned int flags, char *where, size_t len)
{
	struct path p, p2;
	int err, err2;
	long before;

	err = vfs_lookup(dirfd, name, flags, &p);	/* warms the dcache */
	if (!err) {
		name_of(&p, &task_root, where, len);
		path_put(&p);
	} else {
		snprintf(where, len, "errno %d", -err);
	}
	before = snapshot();
	err2 = vfs_lookup(dirfd, name, flags, &p2);
	assert_int_equal(err2, err);
	if (!err2) {
		if (p2.dentry->inode == NULL)
			fail_msg("%s: negative dentry returned", name);
		path_put(&p2);
	}
	if (snapshot() != before)
		fail_msg("walk of \"%s\" leaked a reference or an object", name);
	return err;
}

static void expect_path(int dirfd, const char *name, unsigned int flags, const char *want)
{
	char got[PATH_MAX];
	int err = walk(dirfd, name, flags, got, sizeof(got));

	if (err)
		fail_msg("\"%s\": errno %d, want %s", name, -err, want);
	if (strcmp(got, want))
		fail_msg("\"%s\": reached %s, want %s", name, got, want);
}

static void expect_err(int dirfd, const char *name, unsigned int flags, int want)
{
	char got[PATH_MAX];
	int err = walk(dirfd, name, flags, got, sizeof(got));

	if (err != want)
		fail_msg("\"%s\" (flags %#x): %s, want errno %d", name, flags, got, -want);
}

static int open_dirfd(const char *path)
{
	struct path p;

	for (int fd = 3; fd < NR_FDS; fd++) {
		if (fd_table[fd])
			continue;
		assert_int_equal(vfs_lookup(AT_FDCWD, path, LOOKUP_FOLLOW, &p), 0);
		fd_table[fd] = file_on(&p);
		path_put(&p);
		return fd;
	}
	fail_msg("no free descriptor");
	return -1;
}

static void close_fd(int fd)
{
	file_put(fd_table[fd]);
	fd_table[fd] = NULL;
}

/* ---- cases ------------------------------------------------------------ */

static void walk_plain_lookup(void **state)
{
	long before = case_begin("/plain");

	mk("/plain/a", 0755);
	mk("/plain/a/b", 0755);
	touch("/plain/a/b/f");
	expect_path(AT_FDCWD, "/plain/a/b/f", 0, "/plain/a/b/f");
	expect_path(AT_FDCWD, "plain/a/b", 0, "/plain/a/b");
	expect_path(AT_FDCWD, "//plain///a//b/", 0, "/plain/a/b");
	expect_path(AT_FDCWD, "/plain/a/./b/../b/f", 0, "/plain/a/b/f");
	expect_path(AT_FDCWD, "/", 0, "/");
	expect_path(AT_FDCWD, "///", 0, "/");
	expect_err(AT_FDCWD, "", 0, -ENOENT);
	expect_err(AT_FDCWD, "/plain/a/nope", 0, -ENOENT);
	expect_err(AT_FDCWD, "/plain/nope/b", 0, -ENOENT);
	expect_err(AT_FDCWD, "/plain/a/b/f/x", 0, -ENOTDIR);
	expect_err(AT_FDCWD, "/plain/a/b/f/", 0, -ENOTDIR);
	expect_err(AT_FDCWD, "/plain/a/b/f/.", 0, -ENOTDIR);
	expect_err(AT_FDCWD, "/plain/a/b/f/..", 0, -ENOTDIR);
	expect_err(AT_FDCWD, "/plain/a/b/f", LOOKUP_DIRECTORY, -ENOTDIR);

	int fd = open_dirfd("/plain/a");
	expect_path(fd, "b/f", 0, "/plain/a/b/f");
	expect_path(fd, "..", 0, "/plain");
	expect_err(fd, "", 0, -ENOENT);
	expect_path(fd, "", LOOKUP_EMPTY, "/plain/a");
	close_fd(fd);
	fd = open_dirfd("/plain/a/b/f");
	expect_err(fd, "x", 0, -ENOTDIR);
	expect_path(fd, "", LOOKUP_EMPTY, "/plain/a/b/f");
	close_fd(fd);
	expect_err(7, "x", 0, -EBADF);
	case_end("/plain", before);
}

/* vfs_lookup_parent: the directory and the last component, as creation calls see them. */
static void expect_parent(const char *name, const char *dir, const char *last, int type,
			  bool trailing)
{
	struct path parent;
	struct qstr q;
	int t;
	bool tr;
	char got[PATH_MAX];
	long before = snapshot();

	assert_int_equal(vfs_lookup_parent(AT_FDCWD, name, 0, &parent, &q, &t, &tr), 0);
	name_of(&parent, &task_root, got, sizeof(got));
	path_put(&parent);
	assert_string_equal(got, dir);
	assert_int_equal(q.len, strlen(last));
	assert_memory_equal(q.name, last, q.len);
	assert_int_equal(t, type);
	assert_int_equal(tr, trailing);
	assert_int_equal(snapshot(), before);
}

static void walk_lookup_parent(void **state)
{
	long before = case_begin("/lp");
	struct path parent;
	struct qstr q;
	int t;
	bool tr;

	mk("/lp/d", 0755);
	touch("/lp/d/f");
	ln("d", "/lp/l");
	expect_parent("/lp/d/f", "/lp/d", "f", LAST_NORM, false);
	expect_parent("/lp/d/new", "/lp/d", "new", LAST_NORM, false);
	expect_parent("/lp/l/new/", "/lp/d", "new", LAST_NORM, true);	/* links on the way */
	expect_parent("/lp/l", "/lp", "l", LAST_NORM, false);		/* not the last */
	expect_parent("/lp/d/..", "/lp/d", "..", LAST_DOTDOT, false);
	expect_parent("/lp/d/.", "/lp/d", ".", LAST_DOT, false);
	expect_parent("/", "/", "", LAST_ROOT, false);
	assert_int_equal(vfs_lookup_parent(AT_FDCWD, "/lp/x/y", 0, &parent, &q, &t, &tr), -ENOENT);
	assert_int_equal(vfs_lookup_parent(AT_FDCWD, "/lp/d/f/y", 0, &parent, &q, &t, &tr),
			 -ENOTDIR);
	assert_int_equal(vfs_lookup_parent(AT_FDCWD, "", 0, &parent, &q, &t, &tr), -ENOENT);
	mk("/lp/nox", 0600);
	cur_cred = &user_cred;
	assert_int_equal(vfs_lookup_parent(AT_FDCWD, "/lp/nox/y", 0, &parent, &q, &t, &tr),
			 -EACCES);
	cur_cred = &root_cred_shim;
	case_end("/lp", before);
}

static void walk_name_too_long(void **state)
{
	long before = case_begin("/long");
	char name[512];

	mk("/long/d", 0755);
	memcpy(name, "/long/d/", 8);
	memset(name + 8, 'n', 255);
	name[8 + 255] = '\0';
	touch(name);
	expect_path(AT_FDCWD, name, 0, name);		/* 255 bytes: fine */
	memset(name + 8, 'n', 256);
	name[8 + 256] = '\0';
	expect_err(AT_FDCWD, name, 0, -ENAMETOOLONG);	/* 256 bytes, the last */
	memcpy(name + 8 + 256, "/x", 3);
	expect_err(AT_FDCWD, name, 0, -ENAMETOOLONG);	/* 256 bytes, in the middle */
	case_end("/long", before);
}

static void walk_dots_and_mounts(void **state)
{
	long before = case_begin("/mnt");

	mk("/mnt/d", 0755);
	mk("/mnt/d/sub", 0755);
	touch("/mnt/d/under");	/* hidden by the mount */
	mount_tmpfs("/mnt/d");
	mk("/mnt/d/in", 0755);
	expect_path(AT_FDCWD, "/..", 0, "/");
	expect_path(AT_FDCWD, "/../../.", 0, "/");
	expect_path(AT_FDCWD, "/mnt/d/in", 0, "/mnt/d/in");
	expect_err(AT_FDCWD, "/mnt/d/under", 0, -ENOENT);
	expect_err(AT_FDCWD, "/mnt/d/sub", 0, -ENOENT);
	expect_path(AT_FDCWD, "/mnt/d/in/..", 0, "/mnt/d");
	expect_path(AT_FDCWD, "/mnt/d/..", 0, "/mnt");		/* across the mount */
	expect_path(AT_FDCWD, "/mnt/d/in/../../d/in", 0, "/mnt/d/in");
	expect_path(AT_FDCWD, "/mnt/d/.", 0, "/mnt/d");

	/* The mounted root, not the directory under it. */
	struct path p;
	assert_int_equal(vfs_lookup(AT_FDCWD, "/mnt/d/in/..", 0, &p), 0);
	assert_ptr_equal(p.dentry, p.mnt->root);
	assert_ptr_not_equal(p.mnt, root_path.mnt);
	path_put(&p);
	assert_int_equal(vfs_lookup(AT_FDCWD, "/mnt/d/..", 0, &p), 0);
	assert_ptr_equal(p.mnt->parent, root_path.mnt);	/* the /mnt tmpfs */
	path_put(&p);

	/* A chroot-like task root: ".." stops there. */
	assert_int_equal(vfs_lookup(AT_FDCWD, "/mnt/d", 0, &task_root), 0);
	expect_path(AT_FDCWD, "/..", 0, "/");
	expect_path(AT_FDCWD, "/in/../../..", 0, "/");
	path_put(&task_root);
	task_root = root_path;

	umount_tmpfs("/mnt/d");
	expect_path(AT_FDCWD, "/mnt/d/under", 0, "/mnt/d/under");
	case_end("/mnt", before);
}

static void walk_symlinks(void **state)
{
	long before = case_begin("/sl");
	char link[32], target[32];

	mk("/sl/d", 0755);
	mk("/sl/d/e", 0755);
	touch("/sl/d/e/f");
	ln("d/e", "/sl/rel");
	ln("/sl/d/e/f", "/sl/abs");
	ln("../d/e/../e/f", "/sl/d/up");
	ln("rel", "/sl/chain1");
	ln("chain1/f", "/sl/chain2");
	ln("chain2", "/sl/chain3");
	ln("nowhere", "/sl/dangling");
	ln("loop", "/sl/loop");
	ln("ping", "/sl/pong");
	ln("pong", "/sl/ping");
	expect_path(AT_FDCWD, "/sl/rel/f", 0, "/sl/d/e/f");
	expect_path(AT_FDCWD, "/sl/rel", LOOKUP_FOLLOW, "/sl/d/e");
	expect_path(AT_FDCWD, "/sl/rel", 0, "/sl/rel");		/* final link not followed */
	expect_path(AT_FDCWD, "/sl/rel/", 0, "/sl/d/e");	/* unless a slash follows */
	expect_path(AT_FDCWD, "/sl/rel/.", 0, "/sl/d/e");
	expect_path(AT_FDCWD, "/sl/abs", LOOKUP_FOLLOW, "/sl/d/e/f");
	expect_err(AT_FDCWD, "/sl/abs/", 0, -ENOTDIR);
	expect_path(AT_FDCWD, "/sl/d/up", LOOKUP_FOLLOW, "/sl/d/e/f");
	expect_path(AT_FDCWD, "/sl/chain3", LOOKUP_FOLLOW, "/sl/d/e/f");
	expect_path(AT_FDCWD, "/sl/chain1/..", 0, "/sl/d");	/* ".." of where the link led */
	expect_err(AT_FDCWD, "/sl/dangling", LOOKUP_FOLLOW, -ENOENT);
	expect_path(AT_FDCWD, "/sl/dangling", 0, "/sl/dangling");
	expect_err(AT_FDCWD, "/sl/loop", LOOKUP_FOLLOW, -ELOOP);
	expect_err(AT_FDCWD, "/sl/ping/x", 0, -ELOOP);
	expect_path(AT_FDCWD, "/sl/loop", 0, "/sl/loop");

	/* A chain of n links: 40 may be followed, the 41st is -ELOOP. */
	mk("/sl/n", 0755);
	touch("/sl/n/end");
	ln("end", "/sl/n/l0");
	for (int i = 1; i <= 41; i++) {
		snprintf(link, sizeof(link), "/sl/n/l%d", i);
		snprintf(target, sizeof(target), "l%d", i - 1);
		ln(target, link);
	}
	expect_path(AT_FDCWD, "/sl/n/l39", LOOKUP_FOLLOW, "/sl/n/end");	/* 40 links */
	expect_err(AT_FDCWD, "/sl/n/l40", LOOKUP_FOLLOW, -ELOOP);		/* 41 */
	expect_path(AT_FDCWD, "/sl/n/l40", 0, "/sl/n/l40");
	expect_err(AT_FDCWD, "/sl/n/l41/x", 0, -ELOOP);
	case_end("/sl", before);
}

/* open(2): O_NOFOLLOW and O_PATH on a final symlink. */
static void walk_open_nofollow(void **state)
{
	long before = case_begin("/of");
	struct file *f;
	char got[PATH_MAX];

	mk("/of/d", 0755);
	touch("/of/f");
	ln("f", "/of/lf");
	ln("d", "/of/ld");
	assert_int_equal(do_filp_open(AT_FDCWD, "/of/lf", O_RDONLY | O_NOFOLLOW, 0, 0, &f), -ELOOP);
	assert_int_equal(do_filp_open(AT_FDCWD, "/of/lf", O_PATH | O_NOFOLLOW, 0, 0, &f), 0);
	name_of(&f->path, &task_root, got, sizeof(got));
	assert_string_equal(got, "/of/lf");
	assert_true(S_ISLNK(f->inode->mode));
	file_put(f);
	assert_int_equal(do_filp_open(AT_FDCWD, "/of/lf", O_RDONLY, 0, 0, &f), 0);
	name_of(&f->path, &task_root, got, sizeof(got));
	assert_string_equal(got, "/of/f");
	file_put(f);
	/* A trailing slash follows even with O_NOFOLLOW. */
	assert_int_equal(do_filp_open(AT_FDCWD, "/of/ld/", O_RDONLY | O_NOFOLLOW, 0, 0, &f), 0);
	name_of(&f->path, &task_root, got, sizeof(got));
	assert_string_equal(got, "/of/d");
	file_put(f);
	assert_int_equal(do_filp_open(AT_FDCWD, "/of/lf", O_RDONLY | O_DIRECTORY, 0, 0, &f),
			 -ENOTDIR);
	assert_int_equal(do_filp_open(AT_FDCWD, "/of/f/", O_RDONLY, 0, 0, &f), -ENOTDIR);
	/* O_CREAT through a dangling link creates its target, O_EXCL refuses. */
	ln("new", "/of/ln");
	assert_int_equal(do_filp_open(AT_FDCWD, "/of/ln", O_RDWR | O_CREAT | O_EXCL, 0644, 0, &f),
			 -EEXIST);
	assert_int_equal(do_filp_open(AT_FDCWD, "/of/ln", O_RDWR | O_CREAT, 0644, 0, &f), 0);
	name_of(&f->path, &task_root, got, sizeof(got));
	assert_string_equal(got, "/of/new");
	assert_int_equal(f->inode->mode, S_IFREG | 0644);
	file_put(f);
	case_end("/of", before);
}

static void walk_permissions(void **state)
{
	long before = case_begin("/perm");

	mk("/perm/nox", 0666);
	mk("/perm/nox/d", 0755);
	mk("/perm/ok", 0711);
	touch("/perm/ok/f");
	ln("nox/d", "/perm/via");
	cur_cred = &user_cred;
	expect_err(AT_FDCWD, "/perm/nox/d", 0, -EACCES);
	expect_err(AT_FDCWD, "/perm/nox/nothing", 0, -EACCES);
	expect_err(AT_FDCWD, "/perm/via/.", 0, -EACCES);
	expect_path(AT_FDCWD, "/perm/nox", 0, "/perm/nox");	/* the last needs no x */
	expect_path(AT_FDCWD, "/perm/ok/f", 0, "/perm/ok/f");	/* x without r is enough */
	cur_cred = &root_cred_shim;
	expect_path(AT_FDCWD, "/perm/nox/d", 0, "/perm/nox/d");	/* root searches anything */
	case_end("/perm", before);
}

static void walk_resolve_flags(void **state)
{
	long before = case_begin("/rs");
	int fd;

	mk("/rs/top", 0755);
	mk("/rs/top/d", 0755);
	touch("/rs/top/d/f");
	touch("/rs/f");
	ln("d/f", "/rs/top/rel");
	ln("/rs/f", "/rs/top/abs");
	ln("/d/f", "/rs/top/absin");
	ln("../f", "/rs/top/out");
	ln("../../../../d", "/rs/top/far");
	mk("/rs/top/m", 0755);
	mount_tmpfs("/rs/top/m");
	touch("/rs/top/m/g");
	ln("../d/f", "/rs/top/m/back");

	/* LOOKUP_NO_SYMLINKS: any link on the way, or a followed final one. */
	expect_err(AT_FDCWD, "/rs/top/rel", LOOKUP_FOLLOW | LOOKUP_NO_SYMLINKS, -ELOOP);
	expect_path(AT_FDCWD, "/rs/top/rel", LOOKUP_NO_SYMLINKS, "/rs/top/rel");
	expect_err(AT_FDCWD, "/rs/top/far/f", LOOKUP_NO_SYMLINKS, -ELOOP);
	expect_path(AT_FDCWD, "/rs/top/d/f", LOOKUP_NO_SYMLINKS, "/rs/top/d/f");

	/* LOOKUP_NO_XDEV: into or out of a mount. */
	expect_err(AT_FDCWD, "/rs/top/d/f", LOOKUP_NO_XDEV, -EXDEV);	/* "/" into /rs */
	fd = open_dirfd("/rs/top");
	expect_path(fd, "d/f", LOOKUP_NO_XDEV, "/rs/top/d/f");
	expect_path(fd, "d/../d/./f", LOOKUP_NO_XDEV, "/rs/top/d/f");
	expect_path(fd, "rel", LOOKUP_NO_XDEV | LOOKUP_FOLLOW, "/rs/top/d/f");
	expect_path(fd, "..", LOOKUP_NO_XDEV, "/rs");
	expect_err(fd, "m/g", LOOKUP_NO_XDEV, -EXDEV);
	expect_err(fd, "m", LOOKUP_NO_XDEV, -EXDEV);
	expect_err(fd, "../..", LOOKUP_NO_XDEV, -EXDEV);
	expect_err(fd, "abs", LOOKUP_NO_XDEV | LOOKUP_FOLLOW, -EXDEV);	/* jumps to "/" */
	close_fd(fd);
	fd = open_dirfd("/rs/top/m");
	expect_path(fd, "g", LOOKUP_NO_XDEV, "/rs/top/m/g");
	expect_err(fd, "..", LOOKUP_NO_XDEV, -EXDEV);
	expect_err(fd, "back", LOOKUP_FOLLOW | LOOKUP_NO_XDEV, -EXDEV);
	expect_path(fd, "back", LOOKUP_FOLLOW, "/rs/top/d/f");
	close_fd(fd);

	/* LOOKUP_BENEATH: no escape by "..", "/" or an absolute link. */
	fd = open_dirfd("/rs/top");
	expect_path(fd, "d/f", LOOKUP_BENEATH, "/rs/top/d/f");
	expect_path(fd, "d/../d/f", LOOKUP_BENEATH, "/rs/top/d/f");
	expect_path(fd, "rel", LOOKUP_BENEATH | LOOKUP_FOLLOW, "/rs/top/d/f");
	expect_err(fd, "..", LOOKUP_BENEATH, -EXDEV);
	expect_err(fd, "d/../../f", LOOKUP_BENEATH, -EXDEV);
	expect_err(fd, "/rs", LOOKUP_BENEATH, -EXDEV);
	expect_err(fd, "abs", LOOKUP_BENEATH | LOOKUP_FOLLOW, -EXDEV);
	expect_err(fd, "out", LOOKUP_BENEATH | LOOKUP_FOLLOW, -EXDEV);
	expect_path(fd, "m/back", LOOKUP_BENEATH | LOOKUP_FOLLOW, "/rs/top/d/f");

	/* LOOKUP_IN_ROOT: dirfd is "/" for "..", absolute names and links. */
	expect_path(fd, "..", LOOKUP_IN_ROOT, "/rs/top");
	expect_path(fd, "../../d/f", LOOKUP_IN_ROOT, "/rs/top/d/f");
	expect_path(fd, "/d/f", LOOKUP_IN_ROOT, "/rs/top/d/f");
	expect_path(fd, "absin", LOOKUP_IN_ROOT | LOOKUP_FOLLOW, "/rs/top/d/f");
	expect_path(fd, "far/f", LOOKUP_IN_ROOT, "/rs/top/d/f");
	expect_err(fd, "abs", LOOKUP_IN_ROOT | LOOKUP_FOLLOW, -ENOENT);	/* /rs/f is outside */
	expect_err(fd, "out", LOOKUP_IN_ROOT | LOOKUP_FOLLOW, -ENOENT);
	close_fd(fd);
	fd = open_dirfd("/rs/f");
	expect_err(fd, "x", LOOKUP_IN_ROOT, -ENOTDIR);
	expect_err(fd, "x", LOOKUP_BENEATH, -ENOTDIR);
	close_fd(fd);
	umount_tmpfs("/rs/top/m");
	case_end("/rs", before);
}

/* Every allocation of a walk failing in turn: -ENOMEM or the result, no leak. */
static void walk_out_of_memory(void **state)
{
	static const char *const names[] = {
		"/oom/d/e/f", "/oom/nope", "/oom/d/nope/x", "/oom/l1", "/oom/l1/f", "/oom/abs/f",
		"/oom/loop/x", "/oom/d/../d/e/../../l1/../e", "/oom/dangling",
	};
	long before = case_begin("/oom");
	int late_failures = 0;	/* walks that failed past their first allocation */

	mk("/oom/d", 0755);
	mk("/oom/d/e", 0755);
	touch("/oom/d/e/f");
	ln("d/e", "/oom/l1");
	ln("/oom/l1", "/oom/abs");
	ln("loop", "/oom/loop");
	ln("nothing/here", "/oom/dangling");
	for (size_t i = 0; i < ARRAY_SIZE(names); i++) {
		for (int follow = 0; follow < 2; follow++) {
			unsigned int flags = follow ? LOOKUP_FOLLOW : 0;
			char want[PATH_MAX], got[PATH_MAX];
			int want_err = walk(AT_FDCWD, names[i], flags, want, sizeof(want));
			int err = -ENOMEM;

			for (long budget = 0; err == -ENOMEM; budget++) {
				long snap = snapshot();
				struct path p;

				assert_true(budget < 100);
				alloc_budget = budget;
				err = vfs_lookup(AT_FDCWD, names[i], flags, &p);
				alloc_budget = -1;
				if (err == -ENOMEM && budget > 0)
					late_failures++;
				if (!err) {
					name_of(&p, &task_root, got, sizeof(got));
					path_put(&p);
					assert_string_equal(got, want);
				}
				if (snapshot() != snap)
					fail_msg("\"%s\" with %ld allocations: a leak", names[i],
						 budget);
			}
			assert_int_equal(err, want_err);
		}
	}
	assert_true(late_failures > 0);	/* the dentry of a negative lookup, at least */
	case_end("/oom", before);
}

/* ---- fuzz: random names over a random tree, Linux as the oracle ------- */

#define FZ_DIRS		12
#define FZ_LINKS	14
#define FZ_ROUNDS	10
#define FZ_WALKS	2000

static const char *const fz_names[] = { "a", "b", "c", "f", "g", "l", "k", "dir" };

static uint64_t fz_seed = 0x9e3779b97f4a7c15ull;

static unsigned int fz_pick(unsigned int n)
{
	return (unsigned int)(unit_rand(&fz_seed) % n);
}

/* A random relative or absolute name from the alphabet of components. */
static void fz_name(char *out, size_t len, const char *const *dirs, int ndirs)
{
	int n = 1 + (int)fz_pick(7);
	size_t pos = 0;

	out[0] = '\0';
	if (fz_pick(3) == 0)
		pos += (size_t)snprintf(out, len, "/");
	for (int i = 0; i < n && pos < len - 300; i++) {
		const char *c;
		char longname[260];

		switch (fz_pick(10)) {
		case 0:
			c = "";
			break;
		case 1:
			c = ".";
			break;
		case 2:
		case 3:
			c = "..";
			break;
		case 4:
			memset(longname, 'z', 256);
			longname[255 + fz_pick(2)] = '\0';
			c = longname;
			break;
		case 5:
			c = dirs[fz_pick((unsigned int)ndirs)];
			break;
		default:
			c = fz_names[fz_pick(ARRAY_SIZE(fz_names))];
			break;
		}
		pos += (size_t)snprintf(out + pos, len - pos, "%s%s", i ? "/" : "", c);
	}
	if (fz_pick(5) == 0 && pos < len - 2)
		memcpy(out + pos, "/", 2);
}

struct fz_tree {
	char dirs[FZ_DIRS + 1][128];	/* relative to the case root; dirs[0] is "." */
	int ndirs;
	/*
	 * Osprey's tree has a fresh tmpfs mounted on these directories as
	 * they are made, so walks cross mounts ("." and ".." at a mounted
	 * root); the host's has plain directories, which answer the same.
	 */
	char mounts[FZ_DIRS][PATH_MAX];
	int nmounts;
};

static void fz_build(struct fz_tree *t, const char *osp_root, const char *host_root)
{
	char osp[PATH_MAX], host[PATH_MAX], target[PATH_MAX];
	const char *dirnames[FZ_DIRS + 1];

	snprintf(t->dirs[0], sizeof(t->dirs[0]), ".");
	t->ndirs = 1;
	for (int i = 0; i < FZ_DIRS; i++) {
		const char *parent = t->dirs[fz_pick((unsigned int)t->ndirs)];
		const char *name = fz_names[fz_pick(ARRAY_SIZE(fz_names))];

		snprintf(t->dirs[t->ndirs], sizeof(t->dirs[0]), "%s/%s", parent, name);
		snprintf(osp, sizeof(osp), "%s/%s", osp_root, t->dirs[t->ndirs]);
		snprintf(host, sizeof(host), "%s/%s", host_root, t->dirs[t->ndirs]);
		if (vfs_mkdir(AT_FDCWD, osp, 0755) == 0) {
			assert_int_equal(namei_host_mkdir(host), 0);
			t->ndirs++;
			if (fz_pick(3) == 0) {
				mount_tmpfs(osp);
				snprintf(t->mounts[t->nmounts++], PATH_MAX, "%s", osp);
			}
		}
	}
	for (int i = 0; i < t->ndirs; i++)
		dirnames[i] = t->dirs[i];
	for (int i = 0; i < FZ_DIRS; i++) {	/* files */
		const char *dir = t->dirs[fz_pick((unsigned int)t->ndirs)];
		const char *name = fz_names[fz_pick(ARRAY_SIZE(fz_names))];

		snprintf(osp, sizeof(osp), "%s/%s/%s", osp_root, dir, name);
		snprintf(host, sizeof(host), "%s/%s/%s", host_root, dir, name);
		if (vfs_mknod(AT_FDCWD, osp, S_IFREG | 0644, 0) == 0)
			assert_int_equal(namei_host_touch(host), 0);
	}
	for (int i = 0; i < FZ_LINKS; i++) {	/* links: relative, absolute, loops */
		const char *dir = t->dirs[fz_pick((unsigned int)t->ndirs)];
		const char *name = fz_names[fz_pick(ARRAY_SIZE(fz_names))];

		fz_name(target, sizeof(target), dirnames, t->ndirs);
		if (!target[0] || strlen(target) > 200)
			snprintf(target, sizeof(target), "l");
		snprintf(osp, sizeof(osp), "%s/%s/%s", osp_root, dir, name);
		snprintf(host, sizeof(host), "%s/%s/%s", host_root, dir, name);
		if (vfs_symlink(target, AT_FDCWD, osp) == 0)
			assert_int_equal(namei_host_symlink(target, host), 0);
	}
}

/*
 * How a walk of the fuzz test is made on each side.  Linux has no chroot
 * for one call, so a plain walk (the task root is the case root) from a
 * directory dir is compared with openat2(root, "dir/name", RESOLVE_IN_ROOT):
 * the same walk, since dir is reached through real directories only.
 */
static const struct fz_mode {
	const char *name;
	unsigned int lookup;	/* Osprey's LOOKUP_* */
	unsigned int resolve;	/* NAMEI_HOST_* */
	bool from_root;		/* Osprey's dirfd is the case root */
	bool prefix;		/* the host walks "dir/name" from the root */
} fz_modes[] = {
	{ "plain", 0, NAMEI_HOST_IN_ROOT, false, true },
	{ "no-symlinks", LOOKUP_NO_SYMLINKS, NAMEI_HOST_IN_ROOT | NAMEI_HOST_NO_SYMLINKS,
	  false, true },
	{ "in-root", LOOKUP_IN_ROOT, NAMEI_HOST_IN_ROOT, true, false },
	{ "in-root no-symlinks", LOOKUP_IN_ROOT | LOOKUP_NO_SYMLINKS,
	  NAMEI_HOST_IN_ROOT | NAMEI_HOST_NO_SYMLINKS, true, false },
	{ "beneath", LOOKUP_BENEATH, NAMEI_HOST_BENEATH, false, false },
};

struct fz_stats {
	int compared, mismatches;
	int by_errno[134];	/* [0]: walks that reached something */
};

/* One random walk, on both sides; a mismatch is counted and shown. */
static void fz_walk_once(const struct fz_tree *t, const char *const *dirnames, const int *fds,
			 int hostroot, const char *host_root, struct fz_stats *st)
{
	const struct fz_mode *m = &fz_modes[fz_pick(ARRAY_SIZE(fz_modes))];
	int dir = m->from_root ? 0 : (int)fz_pick((unsigned int)t->ndirs);
	bool follow = fz_pick(2);
	char name[PATH_MAX], hname[PATH_MAX + 200], want[PATH_MAX], got[PATH_MAX];
	int err, herr, hostfd = hostroot;

	fz_name(name, sizeof(name), dirnames, t->ndirs);
	err = walk(fds[dir], name, m->lookup | (follow ? LOOKUP_FOLLOW : 0), got, sizeof(got));
	if (m->prefix && name[0] && name[0] != '/')
		snprintf(hname, sizeof(hname), "%s/%s", t->dirs[dir], name);
	else
		snprintf(hname, sizeof(hname), "%s", name);
	if (!m->prefix && dir) {
		char path[PATH_MAX];

		snprintf(path, sizeof(path), "%s/%s", host_root, t->dirs[dir]);
		hostfd = namei_host_open_root(path);
		assert_true(hostfd >= 0);
	}
	herr = namei_host_resolve(hostfd, host_root, hname, follow, m->resolve, want,
				  sizeof(want));
	if (hostfd != hostroot)
		namei_host_close(hostfd);
	st->compared++;
	if (-err < (int)ARRAY_SIZE(st->by_errno))
		st->by_errno[-err]++;
	if (err != herr || (!err && strcmp(got, want))) {
		if (st->mismatches++ < 10)
			print_message("mismatch: %s%s from \"%s\": \"%s\": osprey %s (%d), "
				      "linux %s (%d)\n", m->name, follow ? " follow" : "",
				      t->dirs[dir], name, err ? "" : got, err, herr ? "" : want,
				      herr);
	}
}

/* One random tree, walked many times.  False if the host has no openat2. */
static bool fz_round(int round, int walks, struct fz_stats *st)
{
	char *host_root = unit_tempdir(), casename[32];
	struct fz_tree *tree = calloc(1, sizeof(*tree));
	const char *dirnames[FZ_DIRS + 1];
	int fds[FZ_DIRS + 1];
	int hostfd = namei_host_open_root(host_root);
	long before;

	if (hostfd < 0) {
		unit_rmtree(host_root);
		free(host_root);
		free(tree);
		return false;
	}
	snprintf(casename, sizeof(casename), "/fz%d", round);
	before = case_begin(casename);
	fz_build(tree, casename, host_root);
	for (int i = 0; i < tree->ndirs; i++) {
		char path[PATH_MAX];

		snprintf(path, sizeof(path), "%s/%s", casename, tree->dirs[i]);
		dirnames[i] = tree->dirs[i];
		fds[i] = open_dirfd(path);
	}
	/* The task root is the case root too, so that names read the same. */
	assert_int_equal(vfs_lookup(AT_FDCWD, casename, 0, &task_root), 0);
	for (int i = 0; i < walks; i++)
		fz_walk_once(tree, dirnames, fds, hostfd, host_root, st);
	path_put(&task_root);
	task_root = root_path;
	for (int i = 0; i < tree->ndirs; i++)
		close_fd(fds[i]);
	while (tree->nmounts)
		umount_tmpfs(tree->mounts[--tree->nmounts]);
	case_end(casename, before);
	namei_host_close(hostfd);
	unit_rmtree(host_root);
	free(host_root);
	free(tree);
	return true;
}

static void walk_fuzz_against_linux(void **state)
{
	struct fz_stats st = { 0 };

	for (int round = 0; round < FZ_ROUNDS; round++) {
		if (!fz_round(round, FZ_WALKS, &st))
			skip();		/* no openat2 on this host */
	}
	print_message("fuzz: %d walks over %d trees compared with Linux, %d mismatches; "
		      "found %d", st.compared, FZ_ROUNDS, st.mismatches, st.by_errno[0]);
	for (size_t e = 1; e < ARRAY_SIZE(st.by_errno); e++)
		if (st.by_errno[e])
			print_message(", errno %zu: %d", e, st.by_errno[e]);
	print_message("\n");
	assert_int_equal(st.mismatches, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(walk_plain_lookup),
		cmocka_unit_test(walk_lookup_parent),
		cmocka_unit_test(walk_name_too_long),
		cmocka_unit_test(walk_dots_and_mounts),
		cmocka_unit_test(walk_symlinks),
		cmocka_unit_test(walk_open_nofollow),
		cmocka_unit_test(walk_permissions),
		cmocka_unit_test(walk_resolve_flags),
		cmocka_unit_test(walk_out_of_memory),
		cmocka_unit_test(walk_fuzz_against_linux),
	};

	return cmocka_run_group_tests_name("namei", tests, setup_vfs, NULL);
}
