/*
 * sysfs internals: the in-memory tree (tree.c) that the VFS side
 * (inode.c) shows.
 *
 * sysfs_lock (a mutex) protects the shape of the tree: every directory's
 * child list.  Nodes are never freed, so a node pointer held by an inode
 * stays valid; name, mode, ino, parent, show, store and priv are
 * immutable once the node is linked.
 */
#ifndef FS_SYSFS_INTERNAL_H
#define FS_SYSFS_INTERNAL_H

#include <list.h>
#include <mutex.h>
#include <sysfs.h>
#include <vfs.h>

struct sysfs_node {
	const char *name;
	u32 mode;			/* S_IFDIR or S_IFREG | permissions */
	u64 ino;
	struct sysfs_node *parent;	/* the root: itself */
	struct list_head children;	/* sysfs_lock; in creation order */
	struct list_head sibling;	/* sysfs_lock: in parent->children */
	sysfs_show_fn show;
	sysfs_store_fn store;
	void *priv;
	struct simple_xattrs *xattrs;	/* sysfs_lock: trusted.*, security.* (xattr.c) */
};

extern struct mutex sysfs_lock;
extern struct sysfs_node sysfs_root;

/* The child of dir called name (sysfs_lock held), or NULL. */
struct sysfs_node *sysfs_find_child(struct sysfs_node *dir, const char *name, u32 len);

/* xattr.c: the inode operations */
ssize_t sysfs_getxattr(struct inode *inode, const char *name, void *buf, size_t size);
int sysfs_setxattr(struct inode *inode, const char *name, const void *value, size_t size,
		   int flags);
ssize_t sysfs_listxattr(struct inode *inode, char *buf, size_t size);

#endif
