/* Sizes of an address space for stat, statm and status (fs/proc/task_mmu.c). */
#ifndef FS_PROC_TASK_MMU_H
#define FS_PROC_TASK_MMU_H

#include <types.h>

struct mm;

struct proc_mem_stats {
	unsigned long size, rss, shared;	/* pages: mapped, resident, resident shared */
	unsigned long exec, data, stack;	/* pages by kind of area */
	unsigned long start_code, end_code, start_stack, start_brk, brk;
};

/* Sum up mm's areas (takes mm->lock). */
void proc_mem_stats(struct mm *mm, struct proc_mem_stats *st);

#endif
