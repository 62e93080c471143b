/*
 * Self-tests for the user-copy helpers: kernel addresses, unmapped user
 * addresses and wrapping ranges give -EFAULT; a copy that runs off the
 * end of a mapped user page fails cleanly; strings stop where they must.
 * A scratch user page is mapped into the kernel's own root for the test.
 */
#include <errno.h>
#include <ktest.h>
#include <mm.h>
#include <string.h>
#include <uaccess.h>
#include <arch/mmu.h>

#define SCRATCH_VA	0x10000000ul

static struct page *map_scratch(void)
{
	struct page *p = alloc_page(GFP_ZERO);

	if (p && mmu_map(kernel_root, SCRATCH_VA, page_to_phys(p), PAGE_SIZE,
			 MMU_READ | MMU_WRITE | MMU_USER)) {
		free_page(p);
		return NULL;
	}
	return p;
}

static void unmap_scratch(struct page *p)
{
	mmu_unmap(kernel_root, SCRATCH_VA, PAGE_SIZE);
	free_page(p);
}

KTEST(uaccess_rejects_bad_ranges)
{
	char buf[16];
	static char kernel_data[16];

	KTEST_EXPECT(copy_from_user(buf, (const void __user *)kernel_data, 8) == -EFAULT);
	KTEST_EXPECT(copy_to_user((void __user *)kernel_data, buf, 8) == -EFAULT);
	KTEST_EXPECT(copy_from_user(buf, (const void __user *)0x1000, 8) == -EFAULT);
	KTEST_EXPECT(copy_from_user(buf, (const void __user *)(USER_SPACE_END - 4), 8) == -EFAULT);
	KTEST_EXPECT(copy_from_user(buf, (const void __user *)0x1000, ~0ul - 0x800) == -EFAULT);
	KTEST_EXPECT(clear_user((void __user *)0x2000, 8) == -EFAULT);
	KTEST_EXPECT(strncpy_from_user(buf, (const char __user *)0x1000, 16) == -EFAULT);
	KTEST_EXPECT(strncpy_from_user(buf, (const char __user *)kernel_data, 16) == -EFAULT);
	return 0;
}

KTEST(uaccess_copies_and_stops_at_page_end)
{
	struct page *p = map_scratch();
	char __user *u = (char __user *)SCRATCH_VA;
	char buf[64];

	KTEST_EXPECT(p != NULL);
	KTEST_EXPECT(copy_to_user(u, "hello, user", 12) == 0);
	memset(buf, 0, sizeof(buf));
	KTEST_EXPECT(copy_from_user(buf, u, 12) == 0);
	KTEST_EXPECT(strcmp(buf, "hello, user") == 0);
	KTEST_EXPECT(strncpy_from_user(buf, u, sizeof(buf)) == 11);
	KTEST_EXPECT(strncpy_from_user(buf, u, 5) == -ENAMETOOLONG);
	/* 8 bytes straddling the end of the mapped page. */
	KTEST_EXPECT(copy_to_user(u + PAGE_SIZE - 4, buf, 8) == -EFAULT);
	KTEST_EXPECT(copy_from_user(buf, u + PAGE_SIZE - 3, 7) == -EFAULT);
	/* A string with no NUL before the unmapped page. */
	KTEST_EXPECT(clear_user(u, PAGE_SIZE) == 0);
	memset(page_address(p), 'x', PAGE_SIZE);
	KTEST_EXPECT(strncpy_from_user(buf, u + PAGE_SIZE - 8, 64) == -EFAULT);
	KTEST_EXPECT(clear_user(u + PAGE_SIZE - 8, 16) == -EFAULT);
	unmap_scratch(p);
	return 0;
}
