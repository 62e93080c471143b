/*
 * tmpfs regular files: all data lives in the page cache, so every file
 * operation is the generic page-cache one (fs/filemap.c), and a page
 * missing from the cache is a hole: it reads as zeroes and SEEK_HOLE
 * finds it.  fallocate(2) adds zeroed pages (mode 0, FALLOC_FL_KEEP_SIZE)
 * or removes them (FALLOC_FL_PUNCH_HOLE), as Linux's tmpfs does.
 */
#include <mm.h>
#include <string.h>
#include <uapi/fcntl.h>
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

/* Zero bytes [from, to) of one page, if the page is there (a hole is zero already). */
static void zero_in_page(struct inode *inode, u64 from, u64 to)
{
	struct page *page = page_cache_lookup(&inode->pages, from >> PAGE_SHIFT);

	if (!page)
		return;
	memset((char *)page_address(page) + (from & (PAGE_SIZE - 1)), 0, to - from);
	put_page(page);
}

/* Make [off, end) a hole: drop the whole pages, zero the partial ones. */
static void punch_hole(struct inode *inode, u64 off, u64 end)
{
	u64 head_end = MIN(end, ALIGN_UP(off, PAGE_SIZE)), tail = ALIGN_DOWN(end, PAGE_SIZE);

	if (off < head_end && (off & (PAGE_SIZE - 1)))
		zero_in_page(inode, off, head_end);
	if ((end & (PAGE_SIZE - 1)) && tail >= ALIGN_UP(off, PAGE_SIZE))
		zero_in_page(inode, tail, end);
	generic_punch_pages(inode, ALIGN_UP(off, PAGE_SIZE) >> PAGE_SHIFT, tail >> PAGE_SHIFT);
}

/*
 * Give [off, end) pages; -ENOSPC when memory or the instance's size cannot
 * hold them (tmpfs lives in RAM).
 */
static long allocate_pages(struct inode *inode, u64 off, u64 end)
{
	u64 first = off >> PAGE_SHIFT, last = (end - 1) >> PAGE_SHIFT;
	const struct page_quota *q = inode->pages.quota;

	/* cannot succeed: fail before eating all memory (Linux: past the size) */
	if (last - first + 1 > mm_free_pages() || (q && last - first + 1 > q->limit))
		return -ENOSPC;
	for (u64 i = first; i <= last; i++)
		if (page_cache_reserve(&inode->pages, i))
			return -ENOSPC;
	return 0;
}

static long tmpfs_fallocate(struct file *f, int mode, u64 off, u64 len)
{
	struct inode *inode = f->inode;
	long err = 0;

	mutex_lock(&inode->lock);
	if (mode & FALLOC_FL_PUNCH_HOLE) {
		punch_hole(inode, off, off + len);
		inode_touch_mctime(inode);
	} else {
		err = allocate_pages(inode, off, off + len);
		if (!err && !(mode & FALLOC_FL_KEEP_SIZE) && off + len > inode->size) {
			WRITE_ONCE(inode->size, off + len);
			inode_touch_mctime(inode);
		}
	}
	mutex_unlock(&inode->lock);
	return err;
}

const struct file_operations tmpfs_file_fops = {
	.read = generic_file_read,
	.write = generic_file_write,
	.llseek = pagecache_file_llseek,
	.fsync = noop_fsync,
	.get_page = generic_file_get_page,
	.fallocate = tmpfs_fallocate,
};

const struct inode_operations tmpfs_file_iops = {
	.setattr = tmpfs_setattr,
	.getxattr = tmpfs_getxattr,
	.setxattr = tmpfs_setxattr,
	.listxattr = tmpfs_listxattr,
};
