/*
 * A process's address space as /proc shows it: /proc/PID/maps (one line
 * per area, Linux's columns) and the sizes that stat, statm and status
 * report.  Everything is read under the target's mm->lock, into a kernel
 * buffer; the reader's memory is never touched while holding it.
 *
 * Areas carry no file yet (exec copies the program into anonymous
 * memory), so only [heap] and [stack] get a name.
 */
#include <format.h>
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

static bool vma_is_stack(const struct vma *v, const struct mm *mm)
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

/* One line of maps, formatted as Linux's show_map_vma(). */
static void show_map_line(struct seq_buf *s, const struct vma *v, const char *name)
{
	size_t start = s->len;

	seq_printf(s, "%08lx-%08lx %c%c%c%c %08lx %02x:%02x %lu ", v->start, v->end,
		   v->prot & PROT_READ ? 'r' : '-', v->prot & PROT_WRITE ? 'w' : '-',
		   v->prot & PROT_EXEC ? 'x' : '-', v->flags & VM_SHARED ? 's' : 'p',
		   0ul, 0, 0, 0ul);	/* anonymous: no offset, device or inode */
	if (name) {
		/* The name starts in column 73, after padding (seq_pad). */
		while (s->len - start < 72)
			seq_putc(s, ' ');
		seq_putc(s, ' ');
		seq_puts(s, name);
	}
	seq_putc(s, '\n');
}

int proc_show_maps(struct seq_buf *s, const struct proc_node *pn)
{
	struct task *t = proc_node_task(pn);
	struct mm *mm;
	struct vma *v;

	if (!t)
		return -ESRCH;
	if (!proc_may_access(t)) {
		task_put(t);
		return -EACCES;
	}
	mm = proc_task_mm(t);
	task_put(t);
	if (!mm)
		return 0;
	mutex_lock(&mm->lock);
	for (v = vma_find(mm, 0); v; v = vma_next(v)) {
		const char *name = NULL;

		if (v->start < mm->brk && v->end > mm->brk_start)
			name = "[heap]";
		else if (vma_is_stack(v, mm))
			name = "[stack]";
		show_map_line(s, v, name);
	}
	mutex_unlock(&mm->lock);
	mm_put(mm);
	return 0;
}
