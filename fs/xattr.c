/*
 * Extended attributes: the twelve system calls ({,l,f}{set,get,list,
 * remove}xattr) and the in-memory store filesystems may use.
 *
 * The checks come in Linux 6.1's order: the file (path lookup or fd),
 * then a read-only mount for changes, then the flags, the name (1..255
 * bytes, else -ERANGE), the value (at most 64 KiB, else -E2BIG) and its
 * bytes (-EFAULT); then the namespace permission (xattr_permission()
 * below), then the filesystem, which refuses namespaces it does not
 * keep with -EOPNOTSUPP.  Values pass through a kernel buffer so that the
 * filesystem never touches user memory with the inode's lock held.
 */
#include <cred.h>
#include <kmalloc.h>
#include <string.h>
#include <syscall.h>
#include <xattr.h>
#include "getname.h"
#include "internal.h"

bool xattr_has_prefix(const char *name, const char *prefix)
{
	size_t n = strlen(prefix);

	return strncmp(name, prefix, n) == 0;
}

/* --- permission ----------------------------------------------------------- */

/*
 * Linux's xattr_permission() plus the capability module's rules for
 * security.*: may the caller read (MAY_READ) or change (MAY_WRITE) the
 * attribute name of inode?
 */
static int xattr_permission(const struct inode *inode, const char *name, int mask)
{
	const struct cred *cred = current_cred();
	u32 mode = READ_ONCE(inode->mode);

	if (xattr_has_prefix(name, XATTR_SECURITY_PREFIX)) {
		/* Without a security module only root changes security.* */
		if ((mask & MAY_WRITE) && !cred_is_root(cred))
			return -EPERM;
		return 0;
	}
	if (xattr_has_prefix(name, XATTR_SYSTEM_PREFIX))
		return 0;	/* left to the filesystem (ACLs check ownership) */
	if (xattr_has_prefix(name, XATTR_TRUSTED_PREFIX)) {
		if (!cred_is_root(cred))
			return (mask & MAY_WRITE) ? -EPERM : -ENODATA;
		return 0;
	}
	if (xattr_has_prefix(name, XATTR_USER_PREFIX)) {
		/* user.* exists only on regular files and directories */
		if (!S_ISREG(mode) && !S_ISDIR(mode))
			return (mask & MAY_WRITE) ? -EPERM : -ENODATA;
		/* sticky directories: only the owner changes them */
		if (S_ISDIR(mode) && (mode & S_ISVTX) && (mask & MAY_WRITE) &&
		    !vfs_owner_or_root(cred, inode))
			return -EPERM;
	}
	return vfs_permission(cred, inode, mask);
}

/*
 * security.capability holds a program's file capabilities: Linux accepts
 * only the v2 (20 bytes) and v3 (24 bytes, with the root uid) formats,
 * each with its revision in the first word, and only from a caller with
 * CAP_SETFCAP (root).  Checked before the namespace permission, as
 * Linux's cap_convert_nscap() runs first.
 */
#define XATTR_NAME_CAPS		"security.capability"
#define VFS_CAP_REVISION_MASK	0xff000000u
#define VFS_CAP_REVISION_2	0x02000000u
#define VFS_CAP_REVISION_3	0x03000000u
#define XATTR_CAPS_SZ_2		20
#define XATTR_CAPS_SZ_3		24

static int check_file_caps(const void *value, size_t size)
{
	u32 magic, revision;

	if (size != XATTR_CAPS_SZ_2 && size != XATTR_CAPS_SZ_3)
		return -EINVAL;
	memcpy(&magic, value, sizeof(magic));	/* little-endian on disk and here */
	revision = magic & VFS_CAP_REVISION_MASK;
	if ((size == XATTR_CAPS_SZ_2 && revision != VFS_CAP_REVISION_2) ||
	    (size == XATTR_CAPS_SZ_3 && revision != VFS_CAP_REVISION_3))
		return -EINVAL;
	if (!cred_is_root(current_cred()))
		return -EPERM;
	return 0;
}

/* --- the VFS operations (kernel buffers) ----------------------------------- */

static int vfs_setxattr(struct inode *inode, const char *name, const void *value, size_t size,
			int flags)
{
	int err;

	mutex_lock(&inode->lock);
	err = xattr_permission(inode, name, MAY_WRITE);
	if (!err)
		err = inode->iops && inode->iops->setxattr ?
			inode->iops->setxattr(inode, name, value, size, flags) : -EOPNOTSUPP;
	mutex_unlock(&inode->lock);
	return err;
}

static ssize_t vfs_getxattr(struct inode *inode, const char *name, void *buf, size_t size)
{
	ssize_t ret;

	mutex_lock(&inode->lock);
	ret = xattr_permission(inode, name, MAY_READ);
	if (!ret)
		ret = inode->iops && inode->iops->getxattr ?
			inode->iops->getxattr(inode, name, buf, size) : -EOPNOTSUPP;
	mutex_unlock(&inode->lock);
	return ret;
}

static ssize_t vfs_listxattr(struct inode *inode, char *buf, size_t size)
{
	ssize_t ret = 0;

	mutex_lock(&inode->lock);
	if (inode->iops && inode->iops->listxattr)
		ret = inode->iops->listxattr(inode, buf, size);
	mutex_unlock(&inode->lock);
	return ret;
}

/* --- the system calls' bodies (user buffers) ------------------------------- */

/* Copy an attribute name: its length, or -ERANGE (empty, too long), -EFAULT. */
static long copy_xattr_name(char name[XATTR_NAME_MAX + 1], const char __user *uname)
{
	long len = strncpy_from_user(name, uname, XATTR_NAME_MAX + 1);

	if (len == 0 || len == -ENAMETOOLONG)
		return -ERANGE;
	return len;
}

static long do_setxattr(const struct path *p, const char __user *uname,
			const void __user *uvalue, size_t size, int flags)
{
	char name[XATTR_NAME_MAX + 1];
	void *value = NULL;
	long err;

	if (mnt_is_readonly(p->mnt))
		return -EROFS;
	if (flags & ~(XATTR_CREATE | XATTR_REPLACE))
		return -EINVAL;
	err = copy_xattr_name(name, uname);
	if (err < 0)
		return err;
	if (size) {
		if (size > XATTR_SIZE_MAX)
			return -E2BIG;
		value = kmalloc(size, GFP_KERNEL);
		if (!value)
			return -ENOMEM;
		if (copy_from_user(value, uvalue, size)) {
			kfree(value);
			return -EFAULT;
		}
	}
	err = size && strcmp(name, XATTR_NAME_CAPS) == 0 ? check_file_caps(value, size) : 0;
	/* A zero-length value is still a value (Linux passes ""). */
	if (!err)
		err = vfs_setxattr(p->dentry->inode, name, value ? value : "", size, flags);
	kfree(value);
	return err;
}

static long do_getxattr(const struct path *p, const char __user *uname, void __user *uvalue,
			size_t size)
{
	char name[XATTR_NAME_MAX + 1];
	void *value = NULL;
	long ret;

	ret = copy_xattr_name(name, uname);
	if (ret < 0)
		return ret;
	if (size) {
		size = MIN(size, (size_t)XATTR_SIZE_MAX);
		value = kzalloc(size);
		if (!value)
			return -ENOMEM;
	}
	ret = vfs_getxattr(p->dentry->inode, name, value, size);
	if (ret > 0 && size && copy_to_user(uvalue, value, (size_t)ret))
		ret = -EFAULT;
	else if (ret == -ERANGE && size >= XATTR_SIZE_MAX)
		ret = -E2BIG;	/* no value can be bigger than XATTR_SIZE_MAX */
	kfree(value);
	return ret;
}

static long do_listxattr(const struct path *p, char __user *ulist, size_t size)
{
	char *list = NULL;
	long ret;

	if (size) {
		size = MIN(size, (size_t)XATTR_LIST_MAX);
		list = kmalloc(size, GFP_KERNEL);
		if (!list)
			return -ENOMEM;
	}
	ret = vfs_listxattr(p->dentry->inode, list, size);
	if (ret > 0 && size && copy_to_user(ulist, list, (size_t)ret))
		ret = -EFAULT;
	else if (ret == -ERANGE && size >= XATTR_LIST_MAX)
		ret = -E2BIG;
	kfree(list);
	return ret;
}

static long do_removexattr(const struct path *p, const char __user *uname)
{
	char name[XATTR_NAME_MAX + 1];
	long err;

	if (mnt_is_readonly(p->mnt))
		return -EROFS;
	err = copy_xattr_name(name, uname);
	if (err < 0)
		return err;
	return vfs_setxattr(p->dentry->inode, name, NULL, 0, XATTR_REPLACE);
}

/* --- entry points: by path (following symlinks or not) and by fd ----------- */

struct xattr_args {
	const char __user *name;
	void __user *value;
	size_t size;
	int flags;
};

enum xattr_op { XATTR_OP_SET, XATTR_OP_GET, XATTR_OP_LIST, XATTR_OP_REMOVE };

static long xattr_dispatch(const struct path *p, enum xattr_op op, const struct xattr_args *a)
{
	switch (op) {
	case XATTR_OP_SET:
		return do_setxattr(p, a->name, a->value, a->size, a->flags);
	case XATTR_OP_GET:
		return do_getxattr(p, a->name, a->value, a->size);
	case XATTR_OP_LIST:
		return do_listxattr(p, a->value, a->size);
	case XATTR_OP_REMOVE:
		return do_removexattr(p, a->name);
	}
	return -EINVAL;
}

static long path_xattr(const char __user *upath, unsigned int lookup, enum xattr_op op,
		       const struct xattr_args *a)
{
	struct path p;
	long err = user_path_at(AT_FDCWD, upath, lookup, &p);

	if (err)
		return err;
	err = xattr_dispatch(&p, op, a);
	path_put(&p);
	return err;
}

static long fd_xattr(int fd, enum xattr_op op, const struct xattr_args *a)
{
	struct file *f = fget(fd);	/* O_PATH files: -EBADF, as Linux */
	long err;

	if (!f)
		return -EBADF;
	err = xattr_dispatch(&f->path, op, a);
	file_put(f);
	return err;
}

SYSCALL_DEFINE5(setxattr, const char __user *, path, const char __user *, name,
		const void __user *, value, size_t, size, int, flags)
{
	struct xattr_args a = { name, (void __user *)value, size, flags };

	return path_xattr(path, LOOKUP_FOLLOW, XATTR_OP_SET, &a);
}

SYSCALL_DEFINE5(lsetxattr, const char __user *, path, const char __user *, name,
		const void __user *, value, size_t, size, int, flags)
{
	struct xattr_args a = { name, (void __user *)value, size, flags };

	return path_xattr(path, 0, XATTR_OP_SET, &a);
}

SYSCALL_DEFINE5(fsetxattr, int, fd, const char __user *, name, const void __user *, value,
		size_t, size, int, flags)
{
	struct xattr_args a = { name, (void __user *)value, size, flags };

	return fd_xattr(fd, XATTR_OP_SET, &a);
}

SYSCALL_DEFINE4(getxattr, const char __user *, path, const char __user *, name,
		void __user *, value, size_t, size)
{
	struct xattr_args a = { name, value, size, 0 };

	return path_xattr(path, LOOKUP_FOLLOW, XATTR_OP_GET, &a);
}

SYSCALL_DEFINE4(lgetxattr, const char __user *, path, const char __user *, name,
		void __user *, value, size_t, size)
{
	struct xattr_args a = { name, value, size, 0 };

	return path_xattr(path, 0, XATTR_OP_GET, &a);
}

SYSCALL_DEFINE4(fgetxattr, int, fd, const char __user *, name, void __user *, value,
		size_t, size)
{
	struct xattr_args a = { name, value, size, 0 };

	return fd_xattr(fd, XATTR_OP_GET, &a);
}

SYSCALL_DEFINE3(listxattr, const char __user *, path, char __user *, list, size_t, size)
{
	struct xattr_args a = { NULL, list, size, 0 };

	return path_xattr(path, LOOKUP_FOLLOW, XATTR_OP_LIST, &a);
}

SYSCALL_DEFINE3(llistxattr, const char __user *, path, char __user *, list, size_t, size)
{
	struct xattr_args a = { NULL, list, size, 0 };

	return path_xattr(path, 0, XATTR_OP_LIST, &a);
}

SYSCALL_DEFINE3(flistxattr, int, fd, char __user *, list, size_t, size)
{
	struct xattr_args a = { NULL, list, size, 0 };

	return fd_xattr(fd, XATTR_OP_LIST, &a);
}

SYSCALL_DEFINE2(removexattr, const char __user *, path, const char __user *, name)
{
	struct xattr_args a = { name, NULL, 0, 0 };

	return path_xattr(path, LOOKUP_FOLLOW, XATTR_OP_REMOVE, &a);
}

SYSCALL_DEFINE2(lremovexattr, const char __user *, path, const char __user *, name)
{
	struct xattr_args a = { name, NULL, 0, 0 };

	return path_xattr(path, 0, XATTR_OP_REMOVE, &a);
}

SYSCALL_DEFINE2(fremovexattr, int, fd, const char __user *, name)
{
	struct xattr_args a = { name, NULL, 0, 0 };

	return fd_xattr(fd, XATTR_OP_REMOVE, &a);
}

/* --- the simple in-memory store ------------------------------------------- */

/*
 * Bound on one inode's attributes, names and values together, so a user
 * cannot pin unbounded kernel memory on one file: -ENOSPC past it.  The
 * names alone stay within XATTR_LIST_MAX, so listxattr always fits.
 */
#define SIMPLE_XATTRS_MAX_BYTES	(256u * 1024)

struct simple_xattr {
	struct list_head node;		/* simple_xattrs.list, newest first */
	char *name;			/* kmalloc'ed, NUL-terminated */
	size_t size;
	char value[];
};

struct simple_xattrs {
	struct list_head list;
	size_t name_bytes;		/* sum of strlen(name) + 1 */
	size_t bytes;			/* name_bytes plus the values' sizes */
};

static struct simple_xattr *simple_xattr_find(struct simple_xattrs *xs, const char *name)
{
	struct simple_xattr *x;

	if (!xs)
		return NULL;
	list_for_each_entry(x, &xs->list, node)
		if (strcmp(x->name, name) == 0)
			return x;
	return NULL;
}

ssize_t simple_xattr_get(struct simple_xattrs **xsp, const char *name, void *buf, size_t size)
{
	struct simple_xattr *x = simple_xattr_find(*xsp, name);

	if (!x)
		return -ENODATA;
	if (size) {
		if (size < x->size)
			return -ERANGE;
		memcpy(buf, x->value, x->size);
	}
	return (ssize_t)x->size;
}

static void simple_xattr_free(struct simple_xattrs *xs, struct simple_xattr *x)
{
	size_t name_bytes = strlen(x->name) + 1;

	list_del(&x->node);
	xs->name_bytes -= name_bytes;
	xs->bytes -= name_bytes + x->size;
	kfree(x->name);
	kfree(x);
}

static struct simple_xattr *simple_xattr_alloc(const char *name, const void *value, size_t size)
{
	size_t name_bytes = strlen(name) + 1;
	struct simple_xattr *x = kmalloc(sizeof(*x) + size, GFP_KERNEL);

	if (!x)
		return NULL;
	x->name = kmalloc(name_bytes, GFP_KERNEL);
	if (!x->name) {
		kfree(x);
		return NULL;
	}
	memcpy(x->name, name, name_bytes);
	memcpy(x->value, value, size);
	x->size = size;
	return x;
}

int simple_xattr_set(struct simple_xattrs **xsp, const char *name, const void *value,
		     size_t size, int flags)
{
	struct simple_xattrs *xs = *xsp;
	struct simple_xattr *old = simple_xattr_find(xs, name), *x;
	size_t name_bytes = strlen(name) + 1;
	size_t bytes_after;

	if (old && (flags & XATTR_CREATE))
		return -EEXIST;
	if (!old && (flags & XATTR_REPLACE))
		return -ENODATA;
	if (!value) {		/* remove: old exists (removal passes XATTR_REPLACE) */
		if (old)
			simple_xattr_free(xs, old);
		return 0;
	}
	bytes_after = (xs ? xs->bytes : 0) + name_bytes + size;
	if (old)
		bytes_after -= name_bytes + old->size;
	if (bytes_after > SIMPLE_XATTRS_MAX_BYTES ||
	    (!old && (xs ? xs->name_bytes : 0) + name_bytes > XATTR_LIST_MAX))
		return -ENOSPC;
	if (!xs) {
		xs = kzalloc(sizeof(*xs));
		if (!xs)
			return -ENOMEM;
		list_init(&xs->list);
		*xsp = xs;
	}
	x = simple_xattr_alloc(name, value, size);
	if (!x)
		return -ENOMEM;
	if (old) {
		/* a replaced attribute keeps its place in the list, as in Linux */
		list_add(&x->node, &old->node);
		simple_xattr_free(xs, old);
	} else {
		list_add(&x->node, &xs->list);
	}
	xs->name_bytes += name_bytes;
	xs->bytes += name_bytes + size;
	return 0;
}

ssize_t simple_xattr_list(struct simple_xattrs **xsp, char *buf, size_t size)
{
	bool trusted = cred_is_root(current_cred());
	struct simple_xattr *x;
	size_t used = 0;

	if (!*xsp)
		return 0;
	list_for_each_entry(x, &(*xsp)->list, node) {
		size_t len = strlen(x->name) + 1;

		if (!trusted && xattr_has_prefix(x->name, XATTR_TRUSTED_PREFIX))
			continue;
		if (size) {
			if (size - used < len)
				return -ERANGE;
			memcpy(buf + used, x->name, len);
		}
		used += len;
	}
	return (ssize_t)used;
}

void simple_xattrs_free(struct simple_xattrs **xsp)
{
	struct simple_xattrs *xs = *xsp;
	struct simple_xattr *x, *tmp;

	if (!xs)
		return;
	list_for_each_entry_safe(x, tmp, &xs->list, node)
		simple_xattr_free(xs, x);
	kfree(xs);
	*xsp = NULL;
}
