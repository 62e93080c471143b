/*
 * tmpfs instances: the root filesystem ("rootfs", filled from the
 * initramfs at boot) and any number of "tmpfs" mounts.
 *
 * An instance is a superblock whose root directory inode holds the whole
 * tree through directory entries.  Unmounting the last mount of an
 * instance frees everything: put_super empties the directories with an
 * explicit work list, so a deep tree costs no kernel stack.
 */
#include <kmalloc.h>
#include <mm.h>
#include <string.h>
#include <uapi/statfs.h>
#include <xattr.h>
#include "../internal.h"
#include "tmpfs.h"

void tmpfs_evict(struct inode *inode)
{
	struct tmpfs_dir *td = S_ISDIR(inode->mode) ? tmpfs_dir(inode) : NULL;
	struct tmpfs_dirent *e, *tmp;

	simple_xattrs_free(&inode->xattrs);
	if (!td)
		return;
	/* Only put_super leaves entries behind, and it empties directories first. */
	list_for_each_entry_safe(e, tmp, &td->entries, node) {
		list_del(&e->node);
		iput(e->inode);
		kfree(e);
	}
	kfree(td);
	inode->private = NULL;
}

/* Empty every directory below the root, iteratively (see the file comment). */
void tmpfs_put_super(struct super_block *sb)
{
	LIST_HEAD(work);
	struct tmpfs_dir *root = tmpfs_dir(sb->root->inode);

	root->drop_after_teardown = false;	/* the root dentry holds the root */
	list_add_tail(&root->teardown, &work);
	while (!list_empty(&work)) {
		struct tmpfs_dir *td = list_first_entry(&work, struct tmpfs_dir, teardown);
		struct tmpfs_dirent *e, *tmp;

		list_del(&td->teardown);
		list_for_each_entry_safe(e, tmp, &td->entries, node) {
			struct inode *child = e->inode;

			list_del(&e->node);
			kfree(e);
			if (S_ISDIR(child->mode) && tmpfs_dir(child)->count) {
				/* empty it later; the entry's reference goes with it */
				tmpfs_dir(child)->drop_after_teardown = true;
				list_add_tail(&tmpfs_dir(child)->teardown, &work);
			} else {
				iput(child);
			}
		}
		td->count = 0;
		if (td->drop_after_teardown)
			iput(td->inode);
	}
}

static void tmpfs_statfs(struct super_block *sb, struct statfs *st)
{
	u64 total = mm_total_pages() / 2, free = MIN(mm_free_pages(), total);

	/* Like Linux's default: half of RAM, counted against what is free now. */
	st->f_blocks = total;
	st->f_bfree = free;
	st->f_bavail = free;
	st->f_files = total;
	st->f_ffree = free;
}

static const struct super_operations tmpfs_sops = {
	.evict_inode = tmpfs_evict,
	.statfs = tmpfs_statfs,
	.put_super = tmpfs_put_super,
};

/* For instances that hold no data of their own (devpts): statfs(2) gives
 * zero blocks and files, as Linux's simple_statfs, so df leaves them out. */
const struct super_operations tmpfs_unsized_sops = {
	.evict_inode = tmpfs_evict,
	.put_super = tmpfs_put_super,
};

struct inode *tmpfs_new_inode(struct super_block *sb, const struct inode *dir, u32 mode,
			      u32 rdev)
{
	struct inode *inode = new_inode(sb);
	struct tmpfs_dir *td;

	if (!inode)
		return NULL;
	inode->ino = sb_next_ino(sb);
	inode_init_owner(inode, dir, mode);
	switch (mode & S_IFMT) {
	case S_IFREG:
		inode->iops = &tmpfs_file_iops;
		inode->fops = &tmpfs_file_fops;
		break;
	case S_IFDIR:
		td = kzalloc(sizeof(*td));
		if (!td) {
			iput(inode);
			return NULL;
		}
		list_init(&td->entries);
		list_init(&td->teardown);
		td->next_cookie = 2;
		td->inode = inode;
		inode->private = td;
		inode->iops = &tmpfs_dir_iops;
		inode->fops = &tmpfs_dir_fops;
		inode->nlink = 2;
		inode->size = 2 * BOGO_DIRENT_SIZE;
		break;
	default:
		inode->iops = &tmpfs_special_iops;
		init_special_inode(inode, mode, rdev);
		break;
	}
	return inode;
}

/* "mode=1777" in the mount data sets the root directory's mode. */
static u32 parse_root_mode(const char *data, u32 mode)
{
	const char *p = data;

	while (p && *p) {
		if (strncmp(p, "mode=", 5) == 0) {
			u32 m = 0;

			for (p += 5; *p >= '0' && *p <= '7'; p++)
				m = m * 8 + (u32)(*p - '0');
			return m & S_IALLUGO;
		}
		p = strchr(p, ',');
		if (p)
			p++;
	}
	return mode;
}

static struct super_block *tmpfs_fill(const struct file_system_type *type, u32 root_mode)
{
	struct super_block *sb = sb_alloc(type, &tmpfs_sops, TMPFS_MAGIC);
	struct inode *root;

	if (!sb)
		return ERR_PTR(-ENOMEM);
	root = tmpfs_new_inode(sb, NULL, S_IFDIR | root_mode, 0);
	sb->root = root ? d_make_root(root) : NULL;
	if (!sb->root) {
		kfree(sb);
		return ERR_PTR(-ENOMEM);
	}
	return sb;
}

static struct super_block *tmpfs_mount(const struct file_system_type *type, unsigned long flags,
				       const char *source, const char *data)
{
	return tmpfs_fill(type, parse_root_mode(data, 01777));	/* MS_RDONLY: the mount's flag */
}

static struct file_system_type tmpfs_type = {
	.name = "tmpfs",
	.mount = tmpfs_mount,
};

/* The root instance shows as "rootfs" in /proc/mounts, as on Linux. */
static struct file_system_type rootfs_type = {
	.name = "rootfs",
	.flags = FS_SINGLE,
	.mount = NULL,
};

void tmpfs_init(void)
{
	register_filesystem(&tmpfs_type);
}

struct super_block *tmpfs_mount_root(void)
{
	return tmpfs_fill(&rootfs_type, 0755);
}

/* devtmpfs is a tmpfs instance too; devtmpfs.c names and fills it. */
struct super_block *tmpfs_fill_super(const struct file_system_type *type, u32 root_mode)
{
	return tmpfs_fill(type, root_mode);
}
