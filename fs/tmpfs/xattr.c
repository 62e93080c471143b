/*
 * tmpfs extended attributes, as Linux 6.1's shmem keeps them: trusted.*
 * and security.* in the inode's simple store (include/xattr.h), freed
 * with the inode.  user.* is not supported before Linux 6.6
 * (-EOPNOTSUPP), nor any other namespace.  POSIX ACLs: tmpfs never holds
 * one here, so reading system.posix_acl_{access,default} finds nothing
 * (-ENODATA, as Linux for a file without an ACL) and setting one is
 * -EOPNOTSUPP (ACLs are not implemented).  The namespace is checked
 * first, so a bare "trusted." is -EINVAL and "user.x" -EOPNOTSUPP.
 */
#include <string.h>
#include <uapi/statfs.h>
#include <xattr.h>
#include "tmpfs.h"

enum tmpfs_xattr_kind { TMPFS_XATTR_STORED, TMPFS_XATTR_ACL };

/*
 * Which of tmpfs's namespaces serves name: a kind, -EINVAL for a bare
 * prefix ("trusted."), -EOPNOTSUPP for names no namespace serves.
 */
static int tmpfs_xattr_kind(const struct inode *inode, const char *name)
{
	static const char *const stored[] = { XATTR_SECURITY_PREFIX, XATTR_TRUSTED_PREFIX };

	/* devpts is built on tmpfs (fs/devpts.c), but Linux's keeps no attributes. */
	if (inode->sb->magic != TMPFS_MAGIC)
		return -EOPNOTSUPP;
	if (strcmp(name, XATTR_NAME_POSIX_ACL_ACCESS) == 0 ||
	    strcmp(name, XATTR_NAME_POSIX_ACL_DEFAULT) == 0)
		return TMPFS_XATTR_ACL;
	for (size_t i = 0; i < ARRAY_SIZE(stored); i++) {
		if (!xattr_has_prefix(name, stored[i]))
			continue;
		return name[strlen(stored[i])] ? TMPFS_XATTR_STORED : -EINVAL;
	}
	return -EOPNOTSUPP;
}

ssize_t tmpfs_getxattr(struct inode *inode, const char *name, void *buf, size_t size)
{
	int kind = tmpfs_xattr_kind(inode, name);

	if (kind < 0)
		return kind;
	if (kind == TMPFS_XATTR_ACL)
		return S_ISLNK(inode->mode) ? -EOPNOTSUPP : -ENODATA;
	return simple_xattr_get(&inode->xattrs, name, buf, size);
}

int tmpfs_setxattr(struct inode *inode, const char *name, const void *value, size_t size,
		   int flags)
{
	int kind = tmpfs_xattr_kind(inode, name);

	if (kind < 0)
		return kind;
	if (kind == TMPFS_XATTR_ACL)
		return -EOPNOTSUPP;
	return simple_xattr_set(&inode->xattrs, name, value, size, flags);
}

ssize_t tmpfs_listxattr(struct inode *inode, char *buf, size_t size)
{
	return simple_xattr_list(&inode->xattrs, buf, size);
}
