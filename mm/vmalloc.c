/*
 * The vmalloc area: virtually contiguous kernel mappings between
 * VMALLOC_BASE and VMALLOC_END, for big buffers (vmalloc), kernel stacks
 * (kstack_alloc) and device or firmware windows (ioremap, memremap_ro).
 *
 * Every area is surrounded by an unmapped guard page on each side, so
 * running off either end faults instead of corrupting a neighbour; a
 * stack overflowing into its lower guard page is recognised by
 * kstack_guard_hit() and reported as such.
 *
 * vmalloc_lock protects the area list (sorted by address) and the kernel
 * page-table entries inside the vmalloc range.  Areas are found by a
 * first-fit walk: fine while areas number in the hundreds.
 */
#include <errno.h>
#include <kmalloc.h>
#include <panic.h>
#include <spinlock.h>
#include <time.h>
#include <vmalloc.h>
#include <arch/mmu.h>

#define VM_ALLOC	(1u << 0)	/* frames belong to the area */
#define VM_STACK	(1u << 1)	/* a kernel stack: lower guard = overflow */
#define VM_IOREMAP	(1u << 2)

#define GUARD_LOCK_TRIES	1000	/* about 1 ms: see kstack_guard_hit() */

struct vm_area {
	struct list_head list;		/* vmalloc_lock */
	unsigned long start;		/* first mapped address */
	size_t size;			/* mapped bytes, page multiple */
	unsigned int flags;
};

static DEFINE_SPINLOCK(vmalloc_lock);
static LIST_HEAD(vm_areas);		/* vmalloc_lock */

/* Reserve address space for size bytes plus guards; lock not held. */
static struct vm_area *area_reserve(size_t size, unsigned int flags)
{
	struct vm_area *a = kmalloc(sizeof(*a), GFP_KERNEL), *cur;
	unsigned long candidate = VMALLOC_BASE + PAGE_SIZE, lock_flags;

	if (!a)
		return NULL;
	a->size = size;
	a->flags = flags;
	lock_flags = spin_lock_irqsave(&vmalloc_lock);
	list_for_each_entry(cur, &vm_areas, list) {
		if (candidate + size + PAGE_SIZE <= cur->start - PAGE_SIZE)
			break;
		candidate = cur->start + cur->size + 2 * PAGE_SIZE;
	}
	if (candidate + size + PAGE_SIZE > VMALLOC_END) {
		spin_unlock_irqrestore(&vmalloc_lock, lock_flags);
		kfree(a);
		return NULL;
	}
	a->start = candidate;
	list_add_tail(&a->list, &cur->list);	/* before cur keeps the order */
	spin_unlock_irqrestore(&vmalloc_lock, lock_flags);
	return a;
}

static struct vm_area *area_find(unsigned long va)
{
	struct vm_area *a;

	list_for_each_entry(a, &vm_areas, list) {
		if (va >= a->start && va < a->start + a->size)
			return a;
	}
	return NULL;
}

/* Unmap an area, free its frames if it owns them, and forget it. */
static void area_release(struct vm_area *a)
{
	unsigned long flags = spin_lock_irqsave(&vmalloc_lock);

	/*
	 * Unmap (and flush every CPU's TLB) before the frames go back: freed
	 * first, a frame could be reused while another CPU still reaches it
	 * through a stale translation.  mmu_unmap_put() keeps that order.
	 */
	if (a->flags & VM_ALLOC)
		mmu_unmap_put(kernel_root, a->start, a->start + a->size);
	else
		mmu_unmap(kernel_root, a->start, a->size);
	list_del(&a->list);
	spin_unlock_irqrestore(&vmalloc_lock, flags);
	kfree(a);
}

static void *alloc_area(size_t size, unsigned int flags)
{
	struct vm_area *a;

	size = ALIGN_UP(size, PAGE_SIZE);
	if (size == 0 || size > VMALLOC_END - VMALLOC_BASE)
		return NULL;
	a = area_reserve(size, flags | VM_ALLOC);
	if (!a)
		return NULL;
	for (size_t off = 0; off < size; off += PAGE_SIZE) {
		struct page *p = alloc_page(GFP_ZERO);
		unsigned long lock_flags;
		int err;

		if (!p) {
			area_release(a);
			return NULL;
		}
		lock_flags = spin_lock_irqsave(&vmalloc_lock);
		err = mmu_map(kernel_root, a->start + off, page_to_phys(p), PAGE_SIZE,
			      MMU_READ | MMU_WRITE);
		spin_unlock_irqrestore(&vmalloc_lock, lock_flags);
		if (err) {
			free_page(p);
			area_release(a);
			return NULL;
		}
	}
	return (void *)a->start;
}

void *vmalloc(size_t size)
{
	return alloc_area(size, 0);
}

void *kstack_alloc(size_t size)
{
	return alloc_area(size, VM_STACK);
}

void vfree(const void *va)
{
	unsigned long flags;
	struct vm_area *a;

	if (!va)
		return;
	flags = spin_lock_irqsave(&vmalloc_lock);
	a = area_find((unsigned long)va);
	spin_unlock_irqrestore(&vmalloc_lock, flags);
	if (!a || a->start != (unsigned long)va)
		panic("vfree: %p is not the start of a vmalloc area", va);
	area_release(a);
}

static void *map_phys(phys_addr_t pa, size_t size, unsigned int prot)
{
	phys_addr_t base = ALIGN_DOWN(pa, PAGE_SIZE);
	size_t len = ALIGN_UP(pa + size, PAGE_SIZE) - base;
	unsigned long flags;
	struct vm_area *a;
	int err;

	if (size == 0 || pa + size < pa)
		return NULL;
	a = area_reserve(len, VM_IOREMAP);
	if (!a)
		return NULL;
	flags = spin_lock_irqsave(&vmalloc_lock);
	err = mmu_map(kernel_root, a->start, base, len, prot);
	spin_unlock_irqrestore(&vmalloc_lock, flags);
	if (err) {
		area_release(a);
		return NULL;
	}
	return (void *)(a->start + (pa - base));
}

void *ioremap(phys_addr_t pa, size_t size)
{
	return map_phys(pa, size, MMU_READ | MMU_WRITE | MMU_NOCACHE);
}

/* Firmware tables in RAM the direct map covers need no new mapping. */
static bool direct_mapped(phys_addr_t pa, size_t size)
{
	for (phys_addr_t p = ALIGN_DOWN(pa, PAGE_SIZE); p < pa + size; p += PAGE_SIZE) {
		if (!mmu_translate(kernel_root, (unsigned long)phys_to_virt(p), NULL, NULL))
			return false;
	}
	return true;
}

const void *memremap_ro(phys_addr_t pa, size_t size)
{
	if (size == 0 || pa + size < pa)
		return NULL;
	if (direct_mapped(pa, size))
		return phys_to_virt(pa);
	return map_phys(pa, size, MMU_READ);
}

void iounmap(const void *va)
{
	unsigned long v = (unsigned long)va, flags;
	struct vm_area *a;

	if (v >= DIRECT_MAP_BASE && v < DIRECT_MAP_END)
		return;		/* memremap_ro of direct-mapped memory */
	flags = spin_lock_irqsave(&vmalloc_lock);
	a = area_find(v);
	spin_unlock_irqrestore(&vmalloc_lock, flags);
	if (!a || !(a->flags & VM_IOREMAP))
		panic("iounmap: %p is not an I/O mapping", va);
	area_release(a);
}

bool kstack_guard_hit(unsigned long addr)
{
	struct vm_area *a;
	bool hit = false;

	/*
	 * Called from the fault handlers: never wait for ever (this CPU may
	 * hold the lock), but another CPU may hold it for a moment.
	 */
	for (int tries = 0; !spin_trylock(&vmalloc_lock); tries++) {
		if (tries == GUARD_LOCK_TRIES)
			return false;
		udelay(1);
	}
	list_for_each_entry(a, &vm_areas, list) {
		if ((a->flags & VM_STACK) && addr >= a->start - PAGE_SIZE && addr < a->start) {
			hit = true;
			break;
		}
	}
	spin_unlock(&vmalloc_lock);
	return hit;
}
