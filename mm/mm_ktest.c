/*
 * Self-tests for the memory manager: buddy blocks coalesce back, the
 * heap hands out aligned, distinct objects and returns its pages, page
 * tables map, protect and unmap, and kernel stacks have guard pages.
 */
#include <errno.h>
#include <kmalloc.h>
#include <ktest.h>
#include <mm.h>
#include <string.h>
#include <vmalloc.h>
#include <vm.h>
#include <uapi/mman.h>
#include <arch/mmu.h>

KTEST(buddy_blocks_coalesce)
{
	u64 before = mm_free_pages();
	struct page *blocks[MAX_ORDER];

	for (unsigned int order = 0; order < MAX_ORDER; order++) {
		blocks[order] = alloc_pages(GFP_ZERO, order);
		KTEST_EXPECT(blocks[order] != NULL);
		KTEST_EXPECT(IS_ALIGNED(page_to_phys(blocks[order]), PAGE_SIZE << order));
	}
	KTEST_EXPECT(mm_free_pages() == before - ((1u << MAX_ORDER) - 1));
	for (unsigned int order = 0; order < MAX_ORDER; order++)
		free_pages(blocks[order], order);
	KTEST_EXPECT(mm_free_pages() == before);
	return 0;
}

KTEST(page_refcount_frees_on_last_put)
{
	u64 before = mm_free_pages();
	struct page *p = alloc_page(GFP_KERNEL);

	KTEST_EXPECT(p && p->refcount == 1);
	get_page(p);
	put_page(p);
	KTEST_EXPECT(mm_free_pages() == before - 1);
	put_page(p);
	KTEST_EXPECT(mm_free_pages() == before);
	return 0;
}

#define HEAP_OBJECTS 300

KTEST(kmalloc_sizes_and_reuse)
{
	static void *objs[HEAP_OBJECTS];
	u64 before;

	/* Warm up so every cache holds its one resident slab. */
	for (size_t size = 1; size <= KMALLOC_MAX_SLAB; size += 16)
		kfree(kmalloc(size, GFP_KERNEL));
	before = mm_free_pages();
	for (int i = 0; i < HEAP_OBJECTS; i++) {
		size_t size = 1 + (size_t)(i * 37) % 5000;

		objs[i] = kmalloc(size, GFP_ZERO);
		KTEST_EXPECT(objs[i] != NULL);
		KTEST_EXPECT(IS_ALIGNED((unsigned long)objs[i], 16));
		KTEST_EXPECT(ksize(objs[i]) >= size);
		KTEST_EXPECT(((u8 *)objs[i])[size - 1] == 0);
		memset(objs[i], i & 0xff, size);
	}
	for (int i = 0; i < HEAP_OBJECTS; i++) {
		KTEST_EXPECT(((u8 *)objs[i])[0] == (i & 0xff));
		kfree(objs[i]);
	}
	/*
	 * Nothing may leak, but more may come back than we took: a cache can
	 * hold an empty resident slab behind a partial one (left by earlier
	 * tests, or by other CPUs freeing in another order), and our frees
	 * may release it.
	 */
	KTEST_EXPECT(mm_free_pages() >= before);
	return 0;
}

KTEST(page_table_map_protect_unmap)
{
	phys_addr_t root = mmu_new_root(), pa;
	struct page *frame = alloc_page(GFP_KERNEL);
	unsigned long va = 0x400000;
	unsigned int prot;
	u64 before;

	KTEST_EXPECT(root && frame);
	KTEST_EXPECT(mmu_map(root, va, page_to_phys(frame), PAGE_SIZE,
			     MMU_READ | MMU_WRITE | MMU_USER) == 0);
	KTEST_EXPECT(mmu_map(root, va, page_to_phys(frame), PAGE_SIZE, MMU_READ) == -EEXIST);
	KTEST_EXPECT(mmu_translate(root, va + 0x123, &pa, &prot));
	KTEST_EXPECT(pa == page_to_phys(frame) + 0x123);
	KTEST_EXPECT(prot == (MMU_READ | MMU_WRITE | MMU_USER));
	KTEST_EXPECT(mmu_protect(root, va, PAGE_SIZE, MMU_READ | MMU_EXEC | MMU_USER) == 0);
	KTEST_EXPECT(mmu_translate(root, va, NULL, &prot));
	KTEST_EXPECT(prot == (MMU_READ | MMU_EXEC | MMU_USER));
	mmu_unmap(root, va, PAGE_SIZE);
	KTEST_EXPECT(!mmu_translate(root, va, NULL, NULL));
	KTEST_EXPECT(mmu_protect(root, va, PAGE_SIZE, MMU_READ) != 0);
	/* The kernel half is shared with every root. */
	KTEST_EXPECT(mmu_translate(root, (unsigned long)&before, NULL, NULL));
	before = mm_free_pages();
	mmu_free_root(root);
	KTEST_EXPECT(mm_free_pages() == before + 4);	/* root, PDPT, PD, PT */
	free_page(frame);
	return 0;
}

KTEST(vmalloc_maps_and_guards)
{
	u64 before;
	u8 *buf, *stack;

	/* Warm up: the first use allocates page tables that stay. */
	vfree(vmalloc(PAGE_SIZE));
	before = mm_free_pages();
	buf = vmalloc(3 * PAGE_SIZE + 1);
	stack = kstack_alloc(4 * PAGE_SIZE);

	KTEST_EXPECT(buf && stack);
	KTEST_EXPECT(buf[0] == 0 && buf[4 * PAGE_SIZE - 1] == 0);
	memset(buf, 0xa5, 4 * PAGE_SIZE);
	KTEST_EXPECT(!mmu_translate(kernel_root, (unsigned long)buf - 1, NULL, NULL));
	KTEST_EXPECT(!mmu_translate(kernel_root, (unsigned long)buf + 4 * PAGE_SIZE, NULL, NULL));
	KTEST_EXPECT(kstack_guard_hit((unsigned long)stack - 8));
	KTEST_EXPECT(!kstack_guard_hit((unsigned long)stack));
	KTEST_EXPECT(!kstack_guard_hit((unsigned long)buf - 8));
	vfree(buf);
	kstack_free(stack);
	KTEST_EXPECT(!mmu_translate(kernel_root, (unsigned long)buf, NULL, NULL));
	KTEST_EXPECT(mm_free_pages() == before);
	return 0;
}

KTEST(kernel_image_permissions)
{
	extern const char _text[], _rodata[], _data[];
	unsigned int prot;

	KTEST_EXPECT(mmu_translate(kernel_root, (unsigned long)_text, NULL, &prot));
	KTEST_EXPECT((prot & MMU_EXEC) && !(prot & MMU_WRITE));
	KTEST_EXPECT(mmu_translate(kernel_root, (unsigned long)_rodata, NULL, &prot));
	KTEST_EXPECT(!(prot & MMU_EXEC) && !(prot & MMU_WRITE));
	KTEST_EXPECT(mmu_translate(kernel_root, (unsigned long)_data, NULL, &prot));
	KTEST_EXPECT(!(prot & MMU_EXEC) && (prot & MMU_WRITE));
	KTEST_EXPECT(!mmu_translate(kernel_root, 0x100000, NULL, NULL));	/* no identity map */
	return 0;
}

/* Demand paging and copy-on-write, driven through vm_fault() directly. */
KTEST(demand_zero_and_copy_on_write)
{
	struct mm *parent = mm_create(), *child;
	unsigned long va = 0x600000;
	phys_addr_t pa_parent, pa_child;
	struct page *shared;
	u64 before = mm_free_pages();

	KTEST_EXPECT(parent != NULL);
	mutex_lock(&parent->lock);
	KTEST_EXPECT(vm_map(parent, va, PAGE_SIZE, PROT_READ | PROT_WRITE,
			    MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED) == (long)va);
	mutex_unlock(&parent->lock);
	KTEST_EXPECT(!mmu_translate(parent->root, va, NULL, NULL));	/* nothing yet */
	KTEST_EXPECT(vm_fault(parent, va, FAULT_WRITE) == 0);		/* demand-zero */
	KTEST_EXPECT(mmu_translate(parent->root, va, &pa_parent, NULL));
	KTEST_EXPECT(*(u64 *)phys_to_virt(pa_parent) == 0);
	*(u64 *)phys_to_virt(pa_parent) = 0x1234;

	child = mm_fork(parent);
	KTEST_EXPECT(child != NULL);
	KTEST_EXPECT(mmu_translate(child->root, va, &pa_child, NULL) && pa_child == pa_parent);
	shared = pfn_to_page(pa_parent >> PAGE_SHIFT);
	KTEST_EXPECT(shared->refcount == 2);
	/* The child's write gets a private copy; the parent keeps the original. */
	KTEST_EXPECT(vm_fault(child, va, FAULT_WRITE | FAULT_PRESENT) == 0);
	KTEST_EXPECT(mmu_translate(child->root, va, &pa_child, NULL) && pa_child != pa_parent);
	KTEST_EXPECT(*(u64 *)phys_to_virt(pa_child) == 0x1234);
	KTEST_EXPECT(shared->refcount == 1);
	/* The parent is now the only user: its write takes the page back, no copy. */
	KTEST_EXPECT(vm_fault(parent, va, FAULT_WRITE | FAULT_PRESENT) == 0);
	KTEST_EXPECT(mmu_translate(parent->root, va, &pa_child, NULL) && pa_child == pa_parent);
	/* Faults outside any area, or against its rights, fail cleanly. */
	KTEST_EXPECT(vm_fault(parent, va + 16 * PAGE_SIZE, 0) == -EFAULT);
	KTEST_EXPECT(vm_fault(parent, va, FAULT_EXEC) == -EACCES);
	mm_put(child);
	mm_put(parent);
	KTEST_EXPECT(mm_free_pages() >= before);	/* everything came back */
	return 0;
}
