/*
 * msync(2): write a shared file mapping's changes back to the file.
 *
 * Stores through a MAP_SHARED mapping go straight into the page cache
 * (file_map.c), so for the page cache there is nothing to copy; MS_SYNC
 * then asks the file to reach stable storage, as fsync(2) would (tmpfs:
 * nothing to do).  MS_ASYNC has nothing to start.  MS_INVALIDATE has no
 * stale copies to drop either: no page is ever cached apart from the
 * page cache.  The checks follow Linux: flags, alignment, MS_SYNC with
 * MS_ASYNC, and -ENOMEM for a hole in the range, reported after the
 * mapped parts were synced.
 */
#include <errno.h>
#include <sched.h>
#include <syscall.h>
#include <uapi/mman.h>
#include <vfs.h>
#include <vm.h>
#include "vm_internal.h"

/*
 * The file of the first shared file area at or after *cur below end (with
 * a reference), moving *cur past it; NULL when there is none.  Sets *hole
 * when the range has an unmapped gap before that area.
 */
static struct file *next_shared_file(struct mm *mm, unsigned long *cur, unsigned long end,
				     bool *hole)
{
	struct vma *v;

	for (v = vma_find(mm, *cur); v && v->start < end; v = vma_next(v)) {
		if (v->start > *cur)
			*hole = true;
		*cur = v->end;
		if (v->file && (v->flags & VM_SHARED)) {
			file_get(v->file);
			return v->file;
		}
	}
	if (*cur < end)
		*hole = true;
	*cur = end;
	return NULL;
}

SYSCALL_DEFINE3(msync, unsigned long, start, unsigned long, len, int, flags)
{
	struct mm *mm = current_task()->mm;
	unsigned long end, cur;
	bool hole = false;
	struct file *f;
	int err = 0;

	if (flags & ~(MS_ASYNC | MS_INVALIDATE | MS_SYNC))
		return -EINVAL;
	if (!IS_ALIGNED(start, PAGE_SIZE))
		return -EINVAL;
	if ((flags & MS_ASYNC) && (flags & MS_SYNC))
		return -EINVAL;
	len = ALIGN_UP(len, PAGE_SIZE);
	end = start + len;
	if (end < start || end > USER_SPACE_END)
		return -ENOMEM;
	if (end == start)
		return 0;
	/* The file is synced without mm->lock: fsync may sleep on I/O. */
	for (cur = start; cur < end && !err;) {
		mutex_lock(&mm->lock);
		f = next_shared_file(mm, &cur, end, &hole);
		mutex_unlock(&mm->lock);
		if (!f)
			break;
		if ((flags & MS_SYNC) && f->ops->fsync)
			err = f->ops->fsync(f, false);
		file_put(f);
	}
	if (err)
		return err;
	return hole ? -ENOMEM : 0;
}
