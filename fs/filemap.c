/*
 * File I/O through the page cache, for every filesystem that keeps file
 * data there (tmpfs keeps it nowhere else).
 *
 * Reads take no lock: they look each page up with a reference and copy
 * from it, reading holes (no page) as zeroes; a concurrent truncate can
 * only make them see old bytes or stop early, never touch freed memory.
 * Writes, truncation and size changes hold the inode's lock, which also
 * makes O_APPEND writes atomic with respect to each other.  Copying from
 * user memory under that lock is allowed: the page-fault path never takes
 * an inode lock (docs/locking.md).
 */
#include <cred.h>
#include <mm.h>
#include <string.h>
#include <uapi/fcntl.h>
#include <vm.h>
#include "internal.h"

/* relatime, Linux's default: touch atime only when it is older than mtime or ctime. */
static void file_accessed(struct file *f)
{
	struct inode *inode = f->inode;
	struct timespec64 a = inode->atime, m = inode->mtime, c = inode->ctime;

	if (READ_ONCE(f->path.mnt->flags) & MNT_NOATIME)
		return;
	if (a.tv_sec > m.tv_sec || (a.tv_sec == m.tv_sec && a.tv_nsec > m.tv_nsec)) {
		if (a.tv_sec > c.tv_sec || (a.tv_sec == c.tv_sec && a.tv_nsec > c.tv_nsec))
			return;
	}
	mutex_lock(&inode->lock);
	inode->atime = vfs_now();
	mutex_unlock(&inode->lock);
}

ssize_t generic_file_read(struct file *f, struct iov_iter *to, u64 *pos)
{
	struct inode *inode = f->inode;
	size_t done = 0;

	while (iov_iter_count(to)) {
		u64 p = *pos, size = READ_ONCE(inode->size);
		size_t off = p & (PAGE_SIZE - 1), n, copied;
		struct page *page;

		if (p >= size)
			break;
		n = MIN(MIN(PAGE_SIZE - off, size - p), iov_iter_count(to));
		page = page_cache_lookup(&inode->pages, p >> PAGE_SHIFT);
		if (page) {
			copied = copy_to_iter((char *)page_address(page) + off, n, to);
			put_page(page);
		} else {
			copied = iov_iter_zero(n, to);
		}
		*pos += copied;
		done += copied;
		if (copied < n) {
			if (!done)
				return -EFAULT;
			break;
		}
	}
	if (done)
		file_accessed(f);
	return (ssize_t)done;
}

/* Writers drop setuid (and group-executable setgid), unless root (CAP_FSETID). */
static void file_remove_privs(struct inode *inode)
{
	u32 kill = S_ISUID;

	if (inode->mode & S_IXGRP)
		kill |= S_ISGID;
	if ((inode->mode & kill) && !cred_is_root(current_cred()))
		inode->mode &= ~kill;
}

/* Copy from the iterator into the file at p (inode->lock held). */
static ssize_t write_pages(struct inode *inode, struct iov_iter *from, u64 *pos)
{
	size_t done = 0;
	u64 p = *pos;
	int err = 0;

	while (iov_iter_count(from)) {
		size_t off = p & (PAGE_SIZE - 1), n = MIN(PAGE_SIZE - off, iov_iter_count(from));
		struct page *page = page_cache_get_or_add_err(&inode->pages, p >> PAGE_SHIFT, &err);
		size_t copied;

		if (!page)
			break;
		copied = copy_from_iter((char *)page_address(page) + off, n, from);
		put_page(page);
		p += copied;
		done += copied;
		if (p > inode->size)
			WRITE_ONCE(inode->size, p);
		if (copied < n) {
			err = -EFAULT;
			break;
		}
	}
	*pos = p;
	return done ? (ssize_t)done : err;
}

ssize_t generic_file_write(struct file *f, struct iov_iter *from, u64 *pos)
{
	struct inode *inode = f->inode;
	ssize_t ret;
	u64 p;

	if (!iov_iter_count(from))
		return 0;
	mutex_lock(&inode->lock);
	p = (file_flags(f) & O_APPEND) ? inode->size : *pos;
	if (p >= VFS_MAX_FILE_SIZE) {
		mutex_unlock(&inode->lock);
		return -EFBIG;
	}
	if (iov_iter_count(from) > VFS_MAX_FILE_SIZE - p)
		from->count = VFS_MAX_FILE_SIZE - p;
	ret = write_pages(inode, from, &p);
	if (ret > 0) {
		inode_touch_mctime(inode);
		file_remove_privs(inode);
		*pos = p;
	}
	mutex_unlock(&inode->lock);
	return ret;
}

struct page *generic_file_get_page(struct file *f, u64 index)
{
	struct inode *inode = f->inode;
	u64 pages = ALIGN_UP(READ_ONCE(inode->size), PAGE_SIZE) >> PAGE_SHIFT;

	if (index >= pages)
		return NULL;
	return page_cache_get_or_add(&inode->pages, index);
}

/*
 * Shrinking: the new size is published first, so a page fault on a file
 * mapping that starts now sees it; then the cache is cut, every mapping
 * of the cut pages is removed (vm_truncate_mappings(), which waits for
 * faults that read the old size), and the cache is cut again for any page
 * such a fault added meanwhile.
 */
int generic_truncate(struct inode *inode, u64 size)
{
	size_t tail = size & (PAGE_SIZE - 1);
	u64 keep = ALIGN_UP(size, PAGE_SIZE) >> PAGE_SHIFT;

	if (size > VFS_MAX_FILE_SIZE)
		return -EFBIG;
	if (size >= inode->size) {
		WRITE_ONCE(inode->size, size);
		return 0;
	}
	WRITE_ONCE(inode->size, size);
	page_cache_truncate(&inode->pages, keep);
	if (tail) {	/* mappings and later growth must read zeroes past the end */
		struct page *page = page_cache_lookup(&inode->pages, size >> PAGE_SHIFT);

		if (page) {
			memset((char *)page_address(page) + tail, 0, PAGE_SIZE - tail);
			put_page(page);
		}
	}
	vm_truncate_mappings(&inode->pages, keep);
	page_cache_truncate(&inode->pages, keep);
	return 0;
}

/*
 * Punching a hole: the pages leave the cache a chunk at a time, and each
 * chunk's pages are unmapped wherever they are mapped before they are
 * released.  Private copies stay, as Linux's unmap_mapping_range() with
 * even_cows = 0 leaves them.  A fault after a chunk is taken finds a hole
 * and gets a fresh page, which is what the hole means; one that found a
 * page just before holds its mm->lock until it is mapped, so the sweep of
 * that address space sees it.  Unwritten (fallocated) pages are never
 * mapped and go in the final cut.
 */
#define PUNCH_CHUNK	64

void generic_punch_pages(struct inode *inode, u64 first, u64 last)
{
	struct page *taken[PUNCH_CHUNK];
	u64 index = first;

	while ((index = page_cache_find(&inode->pages, index, last, true)) < last) {
		u64 end = MIN(last, index + PUNCH_CHUNK);

		if (page_cache_take_range(&inode->pages, index, end, taken))
			vm_unmap_cache_pages(&inode->pages, index, taken, end - index);
		for (u64 i = 0; i < end - index; i++)
			if (taken[i])
				put_page(taken[i]);
		index = end;
	}
	page_cache_remove_range(&inode->pages, first, last);
}

/* lseek for files whose size is inode->size; the caller holds pos_lock. */
s64 generic_file_llseek(struct file *f, s64 offset, int whence)
{
	s64 size = (s64)READ_ONCE(f->inode->size), pos;

	switch (whence) {
	case SEEK_SET:
		pos = offset;
		break;
	case SEEK_CUR:
		pos = (s64)f->pos + offset;
		break;
	case SEEK_END:
		pos = size + offset;
		break;
	case SEEK_DATA:		/* the whole file counts as data (Linux's generic rule) */
		if (offset < 0 || offset >= size)
			return -ENXIO;
		pos = offset;
		break;
	case SEEK_HOLE:		/* and the only hole is at the end */
		if (offset < 0 || offset >= size)
			return -ENXIO;
		pos = size;
		break;
	default:
		return -EINVAL;
	}
	if (pos < 0)
		return -EINVAL;
	f->pos = (u64)pos;
	return pos;
}

/*
 * SEEK_DATA and SEEK_HOLE below the size of a file whose data lives only
 * in the page cache, as for Linux's tmpfs: a page that was written (or
 * mapped) is data; a missing page, or one fallocate(2) added and nobody
 * wrote, is a hole.
 */
static s64 seek_data_hole(struct inode *inode, s64 offset, int whence)
{
	u64 size, last, index;
	s64 ret;

	if (offset < 0)
		return -ENXIO;
	mutex_lock(&inode->lock);
	size = inode->size;
	if ((u64)offset >= size) {
		ret = -ENXIO;
	} else {
		last = ((size - 1) >> PAGE_SHIFT) + 1;
		index = page_cache_find(&inode->pages, (u64)offset >> PAGE_SHIFT, last,
					whence == SEEK_DATA);
		if (index == last)
			ret = whence == SEEK_DATA ? -ENXIO : (s64)size;
		else
			ret = MAX(offset, (s64)(index << PAGE_SHIFT));
	}
	mutex_unlock(&inode->lock);
	return ret;
}

s64 pagecache_file_llseek(struct file *f, s64 offset, int whence)
{
	s64 pos;

	if (whence != SEEK_DATA && whence != SEEK_HOLE)
		return generic_file_llseek(f, offset, whence);
	pos = seek_data_hole(f->inode, offset, whence);
	if (pos >= 0)
		f->pos = (u64)pos;
	return pos;
}

ssize_t generic_read_dir(struct file *f, struct iov_iter *to, u64 *pos)
{
	return -EISDIR;
}

/* Directories: positions are the filesystem's cookies; SEEK_SET and SEEK_CUR only. */
s64 generic_dir_llseek(struct file *f, s64 offset, int whence)
{
	s64 pos;

	if (whence == SEEK_SET)
		pos = offset;
	else if (whence == SEEK_CUR)
		pos = (s64)f->pos + offset;
	else
		return -EINVAL;
	if (pos < 0)
		return -EINVAL;
	f->pos = (u64)pos;
	return pos;
}
