/*
 * A process's address space as /proc shows it: /proc/PID/maps (one line
 * per area, Linux's columns) and the sizes that stat, statm and status
 * report.  Everything is read under the target's mm->lock, into a kernel
 * buffer; the reader's memory is never touched while holding it.
 *
 * A file mapping (the program's own text and data too) shows its offset,
 * the device and inode number stat(2) gives for the file, and its path;
 * other areas a special name ([heap], [stack], [vdso], [vvar]) or none.
 */
#include <format.h>
#include <kmalloc.h>
#include <file.h>
#include <errno.h>
#include <proc.h>
#include <string.h>
#include <uapi/mman.h>
#include <vm.h>
#include <arch/mmu.h>
#include "internal.h"
#include "task_mmu.h"

/* Pages of [start, end) that are mapped now. */
static unsigned long resident_pages(struct mm *mm, unsigned long start, unsigned long end)
{
	unsigned long n = 0;

	for (unsigned long va = start; va < end; va += PAGE_SIZE)
		n += mmu_translate(mm->root, va, NULL, NULL);
	return n;
}

bool vma_is_stack(const struct vma *v, const struct mm *mm)
{
	return (v->flags & VM_GROWSDOWN) || (v->start < mm->stack_top && v->end >= mm->stack_top);
}

void proc_mem_stats(struct mm *mm, struct proc_mem_stats *st)
{
	struct vma *v;

	memset(st, 0, sizeof(*st));
	mutex_lock(&mm->lock);
	for (v = vma_find(mm, 0); v; v = vma_next(v)) {
		unsigned long pages = (v->end - v->start) / PAGE_SIZE;
		unsigned long rss = resident_pages(mm, v->start, v->end);

		st->size += pages;
		st->rss += rss;
		if (v->flags & VM_LOCKED)
			st->locked += pages;
		if (v->flags & VM_SHARED)
			st->shared += rss;
		if (vma_is_stack(v, mm)) {
			st->stack += pages;
			st->start_stack = v->end;
		} else if (v->prot & PROT_EXEC) {
			st->exec += pages;
			if (!st->start_code)
				st->start_code = v->start;
			st->end_code = v->end;
		} else if ((v->prot & PROT_WRITE) && !(v->flags & VM_SHARED)) {
			st->data += pages;
		}
	}
	st->start_brk = mm->brk_start;
	st->brk = mm->brk;
	mutex_unlock(&mm->lock);
}

/* The name column of a maps line that began at 'start': column 73, after padding (seq_pad). */
void proc_maps_name(struct seq_buf *s, size_t start, const char *name)
{
	while (s->len - start < 72)
		seq_putc(s, ' ');
	seq_putc(s, ' ');
	for (; *name; name++) {	/* seq_file_path() escapes a newline */
		if (*name == '\n')
			seq_puts(s, "\\012");
		else
			seq_putc(s, *name);
	}
}

void proc_show_map_line(struct seq_buf *s, const struct vma *v, const char *name,
			char *path_buf)
{
	size_t start = s->len;
	unsigned long long offset = 0;
	unsigned long ino = 0;
	u32 dev = 0;

	if (v->file) {
		struct inode *inode = v->file->inode;
		long off = proc_path_name(&v->file->path, path_buf, PATH_MAX);

		offset = (unsigned long long)v->pgoff << PAGE_SHIFT;
		dev = inode->sb->dev;
		ino = (unsigned long)inode->ino;
		name = off >= 0 ? path_buf + off : NULL;
	}
	seq_printf(s, "%08lx-%08lx %c%c%c%c %08llx %02x:%02x %lu ", v->start, v->end,
		   v->prot & PROT_READ ? 'r' : '-', v->prot & PROT_WRITE ? 'w' : '-',
		   v->prot & PROT_EXEC ? 'x' : '-', v->flags & VM_SHARED ? 's' : 'p',
		   offset, MAJOR(dev), MINOR(dev), ino);
	if (name)
		proc_maps_name(s, start, name);
	seq_putc(s, '\n');
}

const char *proc_anon_area_name(const struct vma *v, const struct mm *mm)
{
	if (vma_special_name(v))
		return vma_special_name(v);
	if (v->start < mm->brk && v->end > mm->brk_start)
		return "[heap]";
	if (vma_is_stack(v, mm))
		return "[stack]";
	return NULL;
}

long proc_access_mm(const struct proc_node *pn, struct mm **mmp)
{
	struct task *t = proc_node_task(pn);

	*mmp = NULL;
	if (!t)
		return -ESRCH;
	if (!proc_may_access(t)) {
		task_put(t);
		return -EACCES;
	}
	*mmp = proc_task_mm(t);
	task_put(t);
	return 0;
}

int proc_show_areas(struct seq_buf *s, const struct proc_node *pn, proc_area_show_fn show)
{
	struct mm *mm;
	struct vma *v;
	char *path_buf;
	long err = proc_access_mm(pn, &mm);

	if (err || !mm)
		return (int)err;
	path_buf = kmalloc(PATH_MAX, GFP_KERNEL);
	if (!path_buf) {
		mm_put(mm);
		return -ENOMEM;
	}
	mutex_lock(&mm->lock);
	for (v = vma_find(mm, 0); v; v = vma_next(v))
		show(s, mm, v, path_buf);
	mutex_unlock(&mm->lock);
	kfree(path_buf);
	mm_put(mm);
	return 0;
}

static void show_map_area(struct seq_buf *s, struct mm *mm, const struct vma *v, char *path_buf)
{
	proc_show_map_line(s, v, v->file ? NULL : proc_anon_area_name(v, mm), path_buf);
}

int proc_show_maps(struct seq_buf *s, const struct proc_node *pn)
{
	return proc_show_areas(s, pn, show_map_area);
}
