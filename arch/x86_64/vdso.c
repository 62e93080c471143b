/*
 * The kernel's side of the vDSO: at boot, copy the embedded image
 * (arch/x86_64/vdso/) into pages of its own and set up the data page it
 * reads the clock from; at exec, map both into the new address space,
 * the data page ([vvar], read-only) directly below the code ([vdso],
 * read and execute); and keep the data page current when the wall clock
 * is set.
 *
 * The pages are shared by every process and hold a reference of ours
 * for ever, so no process ever frees them or writes them in place: the
 * data page refuses PROT_WRITE, and a process that makes its code
 * writable gets a private copy on the first write (mm/vm.c, fault.c).
 * Fork copies the mappings like any other; mremap may move them whole.
 *
 * The data page follows the seqcount protocol of asm/vdso_data.h.  Its
 * writers after boot are arch_vdso_set_realtime_offset() and
 * vdso_set_tsc_base() (tsc.c, after a jump of the TSC), serialized by
 * vdata_lock.  "vdso=0" on the command line maps nothing, as on
 * Linux.
 */
#include <cmdline.h>
#include <errno.h>
#include <mm.h>
#include <printk.h>
#include <spinlock.h>
#include <string.h>
#include <timer.h>
#include <uapi/mman.h>
#include <vm.h>
#include <arch/vdso.h>
#include <asm/vdso_data.h>
#include "tsc.h"

#define VDSO_MAX_PAGES	4

extern const u8 vdso_image_start[], vdso_image_end[];

/* Written once by arch_vdso_init() before any process exists; immutable afterwards. */
static struct page *vdso_code[VDSO_MAX_PAGES];
static unsigned long vdso_npages;
static struct page *vvar_page;
static struct vdso_data *vdata;		/* the data page, through the direct map */
/* Serializes the two writers after boot: the realtime offset and the TSC base. */
static DEFINE_SPINLOCK(vdata_lock);

static void data_write_begin(void)
{
	__atomic_store_n(&vdata->seq, vdata->seq + 1, __ATOMIC_RELAXED);
	__atomic_thread_fence(__ATOMIC_RELEASE);	/* seq odd before the fields change */
}

static void data_write_end(void)
{
	__atomic_store_n(&vdata->seq, vdata->seq + 1, __ATOMIC_RELEASE);
}

static int copy_image(void)
{
	size_t size = (size_t)(vdso_image_end - vdso_image_start);

	vdso_npages = ALIGN_UP(size, PAGE_SIZE) >> PAGE_SHIFT;
	if (vdso_npages > VDSO_MAX_PAGES)
		return -ENOMEM;
	for (unsigned long i = 0; i < vdso_npages; i++) {
		size_t off = i << PAGE_SHIFT;

		vdso_code[i] = alloc_page(GFP_ZERO);
		if (!vdso_code[i])
			return -ENOMEM;
		memcpy(page_address(vdso_code[i]), vdso_image_start + off, MIN(PAGE_SIZE, size - off));
	}
	return 0;
}

void arch_vdso_init(void)
{
	const char *opt = cmdline_get("vdso");
	u64 base, mult;

	if (opt && !strcmp(opt, "0")) {
		pr_info("vdso: disabled on the command line\n");
		return;
	}
	vvar_page = alloc_page(GFP_ZERO);
	if (!vvar_page || copy_image()) {
		pr_warn("vdso: out of memory; processes get none\n");
		vdso_npages = 0;
		return;
	}
	vdata = page_address(vvar_page);
	tsc_clock_params(&base, &mult);
	data_write_begin();
	vdata->clock_mode = mult ? VDSO_CLOCK_TSC : VDSO_CLOCK_NONE;
	vdata->tsc_base = base;
	vdata->tsc_mult = mult;
	vdata->coarse_res_ns = TICK_NSEC;
	data_write_end();
	pr_info("vdso: %lu page(s) of code, clock from %s\n", vdso_npages,
		mult ? "the TSC" : "system calls");
}

void arch_vdso_set_realtime_offset(s64 offset_ns)
{
	unsigned long flags;

	if (!vdata)
		return;
	flags = spin_lock_irqsave(&vdata_lock);
	data_write_begin();
	__atomic_store_n(&vdata->realtime_offset_ns, offset_ns, __ATOMIC_RELAXED);
	data_write_end();
	spin_unlock_irqrestore(&vdata_lock, flags);
}

void vdso_set_tsc_base(u64 base)
{
	unsigned long flags;

	if (!vdata)
		return;
	flags = spin_lock_irqsave(&vdata_lock);
	data_write_begin();
	__atomic_store_n(&vdata->tsc_base, base, __ATOMIC_RELAXED);
	data_write_end();
	spin_unlock_irqrestore(&vdata_lock, flags);
}

int arch_vdso_map(struct mm *mm, unsigned long *ehdr)
{
	unsigned long len = (vdso_npages + 1) << PAGE_SHIFT;
	long addr, err;

	*ehdr = 0;
	if (!vdata || !vdso_npages)
		return 0;
	addr = vma_find_free(mm, 0, len);
	if (addr < 0)
		return (int)addr;
	err = vm_insert_special(mm, (unsigned long)addr, &vvar_page, 1, PROT_READ, VM_VVAR);
	if (!err)
		err = vm_insert_special(mm, (unsigned long)addr + PAGE_SIZE, vdso_code, vdso_npages,
					PROT_READ | PROT_EXEC, VM_VDSO);
	if (err)
		return (int)err;
	*ehdr = (unsigned long)addr + PAGE_SIZE;
	return 0;
}
