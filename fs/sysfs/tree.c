/*
 * The sysfs tree: directories and attribute files that kernel code
 * creates at run time (include/sysfs.h), kept in memory for the VFS side
 * to show.  Nodes are appended to their directory's list and never
 * removed, so readdir positions (a node's index) stay stable.
 */
#include <format.h>
#include <errno.h>
#include <kmalloc.h>
#include <string.h>
#include <uapi/stat.h>
#include "internal.h"

struct mutex sysfs_lock = MUTEX_INIT(sysfs_lock);
struct sysfs_node sysfs_root = {
	.name = "/", .mode = S_IFDIR | 0755, .ino = 1, .parent = &sysfs_root,
	.children = LIST_HEAD_INIT(sysfs_root.children),
	.sibling = LIST_HEAD_INIT(sysfs_root.sibling),
};
static u64 next_ino = 2;		/* sysfs_lock */

struct sysfs_node *sysfs_find_child(struct sysfs_node *dir, const char *name, u32 len)
{
	struct sysfs_node *n;

	list_for_each_entry(n, &dir->children, sibling)
		if (strlen(n->name) == len && memcmp(n->name, name, len) == 0)
			return n;
	return NULL;
}

/* A new node under dir (sysfs_lock held); NULL on -ENOMEM. */
static struct sysfs_node *add_node(struct sysfs_node *dir, const char *name, u32 len, u32 mode)
{
	struct sysfs_node *n = kzalloc(sizeof(*n));
	char *copy = kmalloc(len + 1, GFP_KERNEL);

	if (!n || !copy) {
		kfree(n);
		kfree(copy);
		return NULL;
	}
	memcpy(copy, name, len);
	copy[len] = '\0';
	n->name = copy;
	n->mode = mode;
	n->ino = next_ino++;
	n->parent = dir;
	list_init(&n->children);
	list_add_tail(&n->sibling, &dir->children);
	return n;
}

struct sysfs_node *sysfs_mkdir_path(const char *path)
{
	struct sysfs_node *dir = &sysfs_root;

	mutex_lock(&sysfs_lock);
	while (dir && *path) {
		const char *end = strchr(path, '/');
		u32 len = end ? (u32)(end - path) : (u32)strlen(path);
		struct sysfs_node *next = len ? sysfs_find_child(dir, path, len) : dir;

		if (!next)
			next = add_node(dir, path, len, S_IFDIR | 0755);
		else if (!S_ISDIR(next->mode))
			next = NULL;
		dir = next;
		path += len + (end ? 1 : 0);
	}
	mutex_unlock(&sysfs_lock);
	return dir;
}

int sysfs_create_file(struct sysfs_node *dir, const char *name, u32 mode, sysfs_show_fn show,
		      sysfs_store_fn store, void *priv)
{
	struct sysfs_node *n;
	int err = 0;

	mutex_lock(&sysfs_lock);
	if (sysfs_find_child(dir, name, (u32)strlen(name))) {
		err = -EEXIST;
	} else {
		n = add_node(dir, name, (u32)strlen(name), S_IFREG | (mode & 0777));
		if (n) {
			n->show = show;
			n->store = store;
			n->priv = priv;
		} else {
			err = -ENOMEM;
		}
	}
	mutex_unlock(&sysfs_lock);
	return err;
}
