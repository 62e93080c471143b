/*
 * sysfs extended attributes, as Linux's kernfs keeps them: trusted.* and
 * security.* stored on the tree node (so they outlive the inodes made at
 * lookup; nodes are never freed), user.* readable (nothing is ever
 * there: -ENODATA) but not settable (-EOPNOTSUPP, sysfs does not enable
 * it), other namespaces -EOPNOTSUPP.  Nodes' attributes are protected by
 * sysfs_lock, taken under the inode's lock as lookups do.
 */
#include <string.h>
#include <xattr.h>
#include "internal.h"

/* 1: stored, 0: user.*, -EINVAL for a bare prefix, -EOPNOTSUPP otherwise. */
static int sysfs_xattr_kind(const char *name)
{
	static const struct {
		const char *prefix;
		int kind;
	} ns[] = {
		{ XATTR_TRUSTED_PREFIX, 1 }, { XATTR_SECURITY_PREFIX, 1 }, { XATTR_USER_PREFIX, 0 },
	};

	for (size_t i = 0; i < ARRAY_SIZE(ns); i++) {
		if (!xattr_has_prefix(name, ns[i].prefix))
			continue;
		return name[strlen(ns[i].prefix)] ? ns[i].kind : -EINVAL;
	}
	return -EOPNOTSUPP;
}

static struct simple_xattrs **node_xattrs(struct inode *inode)
{
	struct sysfs_node *n = inode->private;

	return &n->xattrs;
}

ssize_t sysfs_getxattr(struct inode *inode, const char *name, void *buf, size_t size)
{
	int kind = sysfs_xattr_kind(name);
	ssize_t ret;

	if (kind < 0)
		return kind;
	mutex_lock(&sysfs_lock);
	ret = simple_xattr_get(node_xattrs(inode), name, buf, size);
	mutex_unlock(&sysfs_lock);
	return ret;
}

int sysfs_setxattr(struct inode *inode, const char *name, const void *value, size_t size,
		   int flags)
{
	int kind = sysfs_xattr_kind(name);
	int err;

	if (kind <= 0)
		return kind < 0 ? kind : -EOPNOTSUPP;
	mutex_lock(&sysfs_lock);
	err = simple_xattr_set(node_xattrs(inode), name, value, size, flags);
	mutex_unlock(&sysfs_lock);
	return err;
}

ssize_t sysfs_listxattr(struct inode *inode, char *buf, size_t size)
{
	ssize_t ret;

	mutex_lock(&sysfs_lock);
	ret = simple_xattr_list(node_xattrs(inode), buf, size);
	mutex_unlock(&sysfs_lock);
	return ret;
}
