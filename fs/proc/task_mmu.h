/* Sizes of an address space for stat, statm and status (fs/proc/task_mmu.c). */
#ifndef FS_PROC_TASK_MMU_H
#define FS_PROC_TASK_MMU_H

#include <types.h>

struct mm;

struct proc_mem_stats {
	unsigned long size, rss, shared;	/* pages: mapped, resident, resident shared */
	unsigned long exec, data, stack;	/* pages by kind of area */
	unsigned long locked;			/* pages in mlock'ed areas */
	unsigned long start_code, end_code, start_stack, start_brk, brk;
};

/* Sum up mm's areas (takes mm->lock). */
void proc_mem_stats(struct mm *mm, struct proc_mem_stats *st);

struct seq_buf;
struct vma;
struct proc_node;
/* The address space of pn's task, with a reference, if the caller may see it: 0 (NULL: none), -ESRCH, -EACCES. */
long proc_access_mm(const struct proc_node *pn, struct mm **mmp);
/* Show every area of pn's address space under its mm->lock (maps, smaps). */
typedef void (*proc_area_show_fn)(struct seq_buf *s, struct mm *mm, const struct vma *v,
				  char *path_buf);
int proc_show_areas(struct seq_buf *s, const struct proc_node *pn, proc_area_show_fn show);
/* One line of maps, as Linux's show_map_vma(); path_buf: PATH_MAX bytes (mm->lock held). */
void proc_show_map_line(struct seq_buf *s, const struct vma *v, const char *name,
			char *path_buf);
/* Pad a maps line begun at 'start' to the name column, then the name. */
void proc_maps_name(struct seq_buf *s, size_t start, const char *name);
/* The name of an area without a file ([heap], [stack], [vdso], [vvar]), or NULL. */
const char *proc_anon_area_name(const struct vma *v, const struct mm *mm);
/* Is v the stack (grows down, or holds the initial stack top)? */
bool vma_is_stack(const struct vma *v, const struct mm *mm);

#endif
