/*
 * tmpfs directories: the entry list, lookup and readdir.
 *
 * Entries are kept in creation order and each gets a cookie from an
 * increasing counter; readdir positions are cookies, so a directory
 * being changed between getdents64 calls never makes readdir skip or
 * repeat an entry that stayed.  Positions 0 and 1 are "." and "..".
 * Lookup is a linear scan; the dentry cache in front of it answers
 * repeated lookups without reaching here.
 */
#include <kmalloc.h>
#include <string.h>
#include "../internal.h"
#include "tmpfs.h"

struct tmpfs_dirent *tmpfs_find(struct inode *dir, const struct qstr *name)
{
	struct tmpfs_dirent *e;

	list_for_each_entry(e, &tmpfs_dir(dir)->entries, node)
		if (e->len == name->len && memcmp(e->name, name->name, name->len) == 0)
			return e;
	return NULL;
}

struct tmpfs_dirent *tmpfs_dirent_alloc(const struct qstr *name, struct inode *inode)
{
	struct tmpfs_dirent *e = kmalloc(sizeof(*e) + name->len + 1, GFP_KERNEL);

	if (!e)
		return NULL;
	memcpy(e->name, name->name, name->len);
	e->name[name->len] = '\0';
	e->len = name->len;
	e->inode = inode;
	iget(inode);
	list_init(&e->node);
	return e;
}

void tmpfs_link_entry(struct inode *dir, struct tmpfs_dirent *e)
{
	struct tmpfs_dir *td = tmpfs_dir(dir);

	e->cookie = td->next_cookie++;
	list_add_tail(&e->node, &td->entries);
	td->count++;
	dir->size += BOGO_DIRENT_SIZE;
	inode_touch_mctime(dir);
}

void tmpfs_unlink_entry(struct inode *dir, struct tmpfs_dirent *e)
{
	struct tmpfs_dir *td = tmpfs_dir(dir);

	list_del(&e->node);
	td->count--;
	dir->size -= BOGO_DIRENT_SIZE;
	inode_touch_mctime(dir);
}

void tmpfs_remove_entry(struct inode *dir, struct tmpfs_dirent *e)
{
	tmpfs_unlink_entry(dir, e);
	iput(e->inode);
	kfree(e);
}

int tmpfs_dir_lookup(struct inode *dir, struct dentry *d)
{
	struct tmpfs_dirent *e = tmpfs_find(dir, &d->name);

	if (e) {
		iget(e->inode);
		d_add(d, e->inode);
	}
	return 0;
}

/* Called with the directory's lock held (readdir.c). */
static int tmpfs_iterate(struct file *f, struct dir_context *ctx)
{
	struct inode *dir = f->inode;
	struct tmpfs_dirent *e;
	u64 parent_ino;

	if (ctx->pos == 0) {
		if (!dir_emit(ctx, ".", 1, 1, dir->ino, vfs_dtype(S_IFDIR)))
			return 0;
	}
	if (ctx->pos == 1) {
		spin_lock(&dcache_lock);
		parent_ino = f->path.dentry->parent->inode->ino;
		spin_unlock(&dcache_lock);
		if (!dir_emit(ctx, "..", 2, 2, parent_ino, vfs_dtype(S_IFDIR)))
			return 0;
	}
	list_for_each_entry(e, &tmpfs_dir(dir)->entries, node) {
		if (e->cookie < ctx->pos)
			continue;
		if (!dir_emit(ctx, e->name, (int)e->len, e->cookie + 1, e->inode->ino,
			      vfs_dtype(e->inode->mode)))
			break;
	}
	return 0;
}

const struct file_operations tmpfs_dir_fops = {
	.read = generic_read_dir,
	.llseek = generic_dir_llseek,
	.iterate = tmpfs_iterate,
	.fsync = noop_fsync,
};

