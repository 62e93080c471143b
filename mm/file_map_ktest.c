/*
 * Self-test of file mappings' page references (mm/file_map.c): each
 * page-table entry holds one reference on a page-cache page, a private
 * write swaps it for a copy, truncate takes every mapping of the cut pages
 * away (the private copy too) so the cache's page is left with only the
 * references its other holders own, and areas hold and drop their file.
 */
#include <errno.h>
#include <ktest.h>
#include <mm.h>
#include <string.h>
#include <uapi/fcntl.h>
#include <uapi/mman.h>
#include <vfs.h>
#include <vm.h>
#include <arch/mmu.h>

#define FM_VA		0x40000000ul
#define FM_PRIVATE	(FM_VA + 4 * PAGE_SIZE)

static bool maps(struct mm *mm, unsigned long va, const struct page *p)
{
	phys_addr_t pa;

	return mmu_translate(mm->root, va, &pa, NULL) && (pa & PAGE_MASK) == page_to_phys(p);
}

/* Two areas of f at FM_VA (shared) and FM_PRIVATE, two pages each. */
static int map_both(struct mm *mm, struct file *f)
{
	long a, b;

	mutex_lock(&mm->lock);
	a = vm_map_file(mm, FM_VA, 2 * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, f, 0);
	b = vm_map_file(mm, FM_PRIVATE, 2 * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE, f, 0);
	mutex_unlock(&mm->lock);
	return a == (long)FM_VA && b == (long)FM_PRIVATE ? 0 : -1;
}

KTEST(file_map_page_references)
{
	static u8 buf[2 * PAGE_SIZE];
	struct page *p;
	struct file *f;
	struct mm *mm;

	memset(buf, 'k', sizeof(buf));
	KTEST_EXPECT(vfs_open(AT_FDCWD, "/ktest-filemap", O_RDWR | O_CREAT | O_TRUNC, 0644, &f) == 0);
	KTEST_EXPECT(kernel_write(f, buf, sizeof(buf), 0) == (ssize_t)sizeof(buf));
	mm = mm_create();
	KTEST_EXPECT(mm && map_both(mm, f) == 0);
	KTEST_EXPECT(f->refcount == 3);			/* ours and one per area */
	p = file_get_page(f, 0);
	KTEST_EXPECT(p && p->refcount == 2);		/* the cache's and ours */

	KTEST_EXPECT(vm_fault(mm, FM_VA, FAULT_WRITE) == 0);
	KTEST_EXPECT(vm_fault(mm, FM_PRIVATE, 0) == 0);
	KTEST_EXPECT(maps(mm, FM_VA, p) && maps(mm, FM_PRIVATE, p) && p->refcount == 4);
	KTEST_EXPECT(vm_fault(mm, FM_PRIVATE, FAULT_WRITE | FAULT_PRESENT) == 0);
	KTEST_EXPECT(!maps(mm, FM_PRIVATE, p) && p->refcount == 3);	/* copied */
	KTEST_EXPECT(vm_fault(mm, FM_VA + PAGE_SIZE, 0) == 0);

	KTEST_EXPECT(vfs_truncate(&f->path, 0) == 0);
	KTEST_EXPECT(p->refcount == 1);			/* only ours is left */
	KTEST_EXPECT(!mmu_translate(mm->root, FM_VA, NULL, NULL));
	KTEST_EXPECT(!mmu_translate(mm->root, FM_VA + PAGE_SIZE, NULL, NULL));
	KTEST_EXPECT(!mmu_translate(mm->root, FM_PRIVATE, NULL, NULL));
	KTEST_EXPECT(vm_fault(mm, FM_VA, 0) == -EIO);	/* SIGBUS */
	put_page(p);

	mm_put(mm);
	KTEST_EXPECT(f->refcount == 1);			/* the areas let go */
	file_put(f);
	KTEST_EXPECT(vfs_unlink(AT_FDCWD, "/ktest-filemap") == 0);
	return 0;
}
