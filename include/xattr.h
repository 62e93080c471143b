/*
 * Extended attributes inside the kernel (fs/xattr.c).
 *
 * The system calls check the arguments and the permission (Linux's
 * xattr_permission()); a filesystem stores attributes through three
 * inode operations (getxattr, setxattr, listxattr in include/vfs.h).
 * Filesystems that keep attributes in memory use the simple store below:
 * a list of name/value pairs hung on a pointer the filesystem owns
 * (tmpfs: inode->xattrs; sysfs: its tree node's), allocated on the first
 * set, under a lock the filesystem chooses.
 */
#ifndef XATTR_H
#define XATTR_H

#include <uapi/xattr.h>
#include <vfs.h>

#define XATTR_SECURITY_PREFIX	"security."
#define XATTR_SYSTEM_PREFIX	"system."
#define XATTR_TRUSTED_PREFIX	"trusted."
#define XATTR_USER_PREFIX	"user."
#define XATTR_NAME_POSIX_ACL_ACCESS	"system.posix_acl_access"
#define XATTR_NAME_POSIX_ACL_DEFAULT	"system.posix_acl_default"

/* Does name start with prefix? */
bool xattr_has_prefix(const char *name, const char *prefix);

/*
 * The simple store, all with the owner's lock held.  get: the value's size
 * (copied to buf when size > 0), -ENODATA or -ERANGE.  set: value NULL
 * removes; flags XATTR_CREATE/XATTR_REPLACE; -ENOSPC past the per-inode
 * bound.  list: the names' total size, NUL-terminated, in Linux's order
 * (newest first); trusted.* only for root.
 */
ssize_t simple_xattr_get(struct simple_xattrs **xsp, const char *name, void *buf, size_t size);
int simple_xattr_set(struct simple_xattrs **xsp, const char *name, const void *value,
		     size_t size, int flags);
ssize_t simple_xattr_list(struct simple_xattrs **xsp, char *buf, size_t size);
/* The owner is dying: free every attribute (*xsp becomes NULL). */
void simple_xattrs_free(struct simple_xattrs **xsp);

#endif
