/*
 * tmpfs regular files: all data lives in the page cache, so every file
 * operation is the generic page-cache one (fs/filemap.c).
 */
#include "../internal.h"
#include "tmpfs.h"

int tmpfs_setattr(struct inode *inode, const struct iattr *attr)
{
	if (attr->valid & ATTR_SIZE) {
		int err = generic_truncate(inode, attr->size);

		if (err)
			return err;
	}
	vfs_setattr_copy(inode, attr);
	return 0;
}

const struct file_operations tmpfs_file_fops = {
	.read = generic_file_read,
	.write = generic_file_write,
	.llseek = generic_file_llseek,
	.fsync = noop_fsync,
	.get_page = generic_file_get_page,
};

const struct inode_operations tmpfs_file_iops = {
	.setattr = tmpfs_setattr,
};
