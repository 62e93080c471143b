/*
 * /proc/PID/smaps and /proc/PID/smaps_rollup: what each area of an
 * address space has in memory, with Linux 6.1's fields and layout
 * (fs/proc/task_mmu.c there: show_smap(), show_smaps_rollup()).
 *
 * Every number is counted from the page tables under the target's
 * mm->lock, page by page:
 *   - resident: a frame is mapped (a PROT_NONE page keeps its frame and
 *     counts, as on Linux);
 *   - mappers ("mapcount"): every page-table entry holds one reference on
 *     its page, so the mappers are the references minus the holder's own:
 *     a page cache or a shared-anonymous object keeps one;
 *   - shared: two mappers or more; Pss divides the page among them;
 *   - dirty: the entry's dirty bit, or a page of a file's cache (all
 *     files live in memory here, like Linux's tmpfs, whose pages stay
 *     dirty once written);
 *   - referenced: the entry's accessed bit;
 *   - anonymous: private memory, a private copy of a file page included.
 * The vDSO's areas count nothing, as Linux's special mappings.  Locked is
 * the Pss of an mlock'ed area.  There is no swap and no huge page here,
 * so those fields are 0.
 */
#include <errno.h>
#include <file.h>
#include <kmalloc.h>
#include <mm.h>
#include <proc.h>
#include <string.h>
#include <uapi/mman.h>
#include <vfs.h>
#include <vm.h>
#include <arch/mmu.h>
#include "internal.h"
#include "task_mmu.h"

#define PSS_SHIFT	12	/* Pss is summed in 1/4096ths of a byte, as Linux does */

struct mem_size_stats {
	unsigned long resident, shared_clean, shared_dirty, private_clean, private_dirty;
	unsigned long referenced, anonymous;
	u64 pss, pss_dirty, pss_anon, pss_file, pss_shmem, pss_locked;
};

/* What one mapped page is: its mappers, whether it is anonymous or shared memory. */
struct page_kind {
	long mappers;
	bool anon, shmem, cache;
};

static struct page_kind classify(const struct vma *v, unsigned long va, struct page *p)
{
	struct page_kind k = { .anon = !v->shared && !v->file, .shmem = v->shared != NULL };
	long refs = __atomic_load_n(&p->refcount, __ATOMIC_RELAXED);

	if (v->shared) {
		refs--;			/* the shared-anonymous object's own */
	} else if (v->file) {
		u64 index = v->pgoff + ((va - v->start) >> PAGE_SHIFT);
		struct page *cached = page_cache_lookup(&v->file->inode->pages, index);

		if (cached == p) {
			refs -= 2;	/* the cache's and our lookup's */
			k.cache = k.shmem = true;
		} else {
			k.anon = true;	/* a private copy */
		}
		if (cached)
			put_page(cached);
	}
	k.mappers = refs < 1 ? 1 : refs;
	return k;
}

static void account_page(struct mem_size_stats *mss, const struct page_kind *k, unsigned int state,
			 bool locked)
{
	bool dirty = (state & MMU_STATE_DIRTY) || k->cache;
	u64 pss = ((u64)PAGE_SIZE << PSS_SHIFT) / (u64)k->mappers;

	mss->resident += PAGE_SIZE;
	if (state & MMU_STATE_ACCESSED)
		mss->referenced += PAGE_SIZE;
	if (k->anon)
		mss->anonymous += PAGE_SIZE;
	mss->pss += pss;
	if (k->anon)
		mss->pss_anon += pss;
	else if (k->shmem)
		mss->pss_shmem += pss;
	else
		mss->pss_file += pss;
	if (dirty)
		mss->pss_dirty += pss;
	if (locked)
		mss->pss_locked += pss;
	if (k->mappers < 2) {
		if (dirty)
			mss->private_dirty += PAGE_SIZE;
		else
			mss->private_clean += PAGE_SIZE;
	} else if (dirty) {
		mss->shared_dirty += PAGE_SIZE;
	} else {
		mss->shared_clean += PAGE_SIZE;
	}
}

/* Add area v's pages to mss (mm->lock held). */
static void smap_gather(struct mm *mm, const struct vma *v, struct mem_size_stats *mss)
{
	if (v->flags & VM_SPECIAL)
		return;
	for (unsigned long va = v->start; va < v->end; va += PAGE_SIZE) {
		phys_addr_t pa;
		unsigned int state = mmu_page_state(mm->root, va, &pa);
		struct page_kind k;

		if (!state)
			continue;
		k = classify(v, va, pfn_to_page(pa >> PAGE_SHIFT));
		account_page(mss, &k, state, v->flags & VM_LOCKED);
	}
}

static void put_kb(struct seq_buf *s, const char *name, unsigned long bytes)
{
	seq_printf(s, "%-16s%8lu kB\n", name, bytes >> 10);
}

/* The fields smaps and smaps_rollup share, from Rss on (rollup: with the Pss split). */
static void show_mss(struct seq_buf *s, const struct mem_size_stats *mss, bool rollup)
{
	put_kb(s, "Rss:", mss->resident);
	put_kb(s, "Pss:", mss->pss >> PSS_SHIFT);
	put_kb(s, "Pss_Dirty:", mss->pss_dirty >> PSS_SHIFT);
	if (rollup) {
		put_kb(s, "Pss_Anon:", mss->pss_anon >> PSS_SHIFT);
		put_kb(s, "Pss_File:", mss->pss_file >> PSS_SHIFT);
		put_kb(s, "Pss_Shmem:", mss->pss_shmem >> PSS_SHIFT);
	}
	put_kb(s, "Shared_Clean:", mss->shared_clean);
	put_kb(s, "Shared_Dirty:", mss->shared_dirty);
	put_kb(s, "Private_Clean:", mss->private_clean);
	put_kb(s, "Private_Dirty:", mss->private_dirty);
	put_kb(s, "Referenced:", mss->referenced);
	put_kb(s, "Anonymous:", mss->anonymous);
	put_kb(s, "LazyFree:", 0);
	put_kb(s, "AnonHugePages:", 0);
	put_kb(s, "ShmemPmdMapped:", 0);
	put_kb(s, "FilePmdMapped:", 0);
	put_kb(s, "Shared_Hugetlb:", 0);
	put_kb(s, "Private_Hugetlb:", 0);
	put_kb(s, "Swap:", 0);
	put_kb(s, "SwapPss:", 0);
	put_kb(s, "Locked:", mss->pss_locked >> PSS_SHIFT);
}

/*
 * VmFlags: Linux's two-letter names of the area's vm_flags, in bit order.
 * Ours are derived from prot and flags the way Linux sets its own: every
 * area may be read and executed; private ones may be written, shared
 * ones when the file allows it; a private writable area is accounted
 * ("ac"); new areas are soft-dirty, the stack exec built is not.
 */
static void show_vm_flags(struct seq_buf *s, const struct vma *v, const struct mm *mm)
{
	/* Linux 6.1 names no flag for VM_LOCKONFAULT: it prints "??" (6.2 says "lf"). */
	bool shared = v->flags & VM_SHARED, special = v->flags & VM_SPECIAL;
	bool may_write = !shared || v->shared || (v->flags & VM_MAYWRITE);
	const struct { bool on; const char *name; } flag[] = {
		{ v->prot & PROT_READ, "rd" }, { v->prot & PROT_WRITE, "wr" },
		{ v->prot & PROT_EXEC, "ex" }, { shared && may_write, "sh" },
		{ true, "mr" }, { may_write && !(v->flags & VM_VVAR), "mw" },
		{ !(v->flags & VM_VVAR), "me" }, { shared, "ms" },
		{ v->flags & VM_GROWSDOWN, "gd" }, { v->flags & VM_VVAR, "pf" },
		{ v->flags & VM_LOCKED, "lo" }, { v->flags & VM_VVAR, "io" },
		{ v->flags & VM_DONTCOPY, "dc" }, { special, "de" },
		{ v->flags & VM_LOCKONFAULT, "??" }, { !shared && (v->prot & PROT_WRITE), "ac" },
		{ v->flags & VM_WIPEONFORK, "wf" }, { v->flags & VM_VVAR, "dd" },
		{ !vma_is_stack(v, mm), "sd" },
	};

	seq_puts(s, "VmFlags:");
	for (size_t i = 0; i < sizeof(flag) / sizeof(flag[0]); i++)
		if (flag[i].on)
			seq_printf(s, " %s", flag[i].name);
	seq_puts(s, " \n");
}

static void show_smap(struct seq_buf *s, struct mm *mm, const struct vma *v, char *path_buf)
{
	struct mem_size_stats mss = { 0 };

	smap_gather(mm, v, &mss);
	proc_show_map_line(s, v, v->file ? NULL : proc_anon_area_name(v, mm), path_buf);
	put_kb(s, "Size:", v->end - v->start);
	put_kb(s, "KernelPageSize:", PAGE_SIZE);
	put_kb(s, "MMUPageSize:", PAGE_SIZE);
	show_mss(s, &mss, false);
	seq_puts(s, "THPeligible:    0\n");
	show_vm_flags(s, v, mm);
}

int proc_show_smaps(struct seq_buf *s, const struct proc_node *pn)
{
	return proc_show_areas(s, pn, show_smap);
}

/* One header line spanning every area, then the sums (Linux: show_smaps_rollup()). */
int proc_show_smaps_rollup(struct seq_buf *s, const struct proc_node *pn)
{
	struct mem_size_stats mss = { 0 };
	unsigned long first = 0, last = 0;
	struct mm *mm;
	struct vma *v;
	size_t start = s->len;
	long err = proc_access_mm(pn, &mm);

	if (err || !mm)
		return (int)err;
	mutex_lock(&mm->lock);
	for (v = vma_find(mm, 0); v; v = vma_next(v)) {
		if (!first)
			first = v->start;
		last = v->end;
		smap_gather(mm, v, &mss);
	}
	mutex_unlock(&mm->lock);
	mm_put(mm);
	seq_printf(s, "%08lx-%08lx ---p %08llx %02x:%02x %lu ", first, last, 0ull, 0, 0, 0ul);
	proc_maps_name(s, start, "[rollup]");
	seq_putc(s, '\n');
	show_mss(s, &mss, true);
	return 0;
}
