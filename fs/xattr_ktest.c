/*
 * Extended-attribute self-tests ("ktest=xattr_..."), for what user
 * programs cannot see: the simple store's per-owner bound and that a
 * tmpfs file's attributes go away with the file.
 */
#include <ktest.h>
#include <kmalloc.h>
#include <mm.h>
#include <string.h>
#include <uapi/fcntl.h>
#include <xattr.h>
#include "internal.h"

#define BIG	XATTR_SIZE_MAX

KTEST(xattr_store_bound_and_order)
{
	struct simple_xattrs *xs = NULL;
	char *value = kzalloc(BIG);
	char names[64];

	KTEST_EXPECT(value != NULL);
	/* 256 KiB per owner: three 64 KiB values fit, the fourth does not */
	KTEST_EXPECT(simple_xattr_set(&xs, "trusted.1", value, BIG, 0) == 0);
	KTEST_EXPECT(simple_xattr_set(&xs, "trusted.2", value, BIG, 0) == 0);
	KTEST_EXPECT(simple_xattr_set(&xs, "trusted.3", value, BIG, 0) == 0);
	KTEST_EXPECT(simple_xattr_set(&xs, "trusted.4", value, BIG, 0) == -ENOSPC);
	/* replacing one in place does not count it twice */
	value[0] = 'x';
	KTEST_EXPECT(simple_xattr_set(&xs, "trusted.2", value, BIG, XATTR_REPLACE) == 0);
	KTEST_EXPECT(simple_xattr_get(&xs, "trusted.2", value, BIG) == BIG && value[0] == 'x');
	KTEST_EXPECT(simple_xattr_list(&xs, names, sizeof(names)) == 30);
	KTEST_EXPECT(memcmp(names, "trusted.3\0trusted.2\0trusted.1", 30) == 0);
	KTEST_EXPECT(simple_xattr_set(&xs, "trusted.2", NULL, 0, XATTR_REPLACE) == 0);
	KTEST_EXPECT(simple_xattr_set(&xs, "trusted.4", value, BIG, 0) == 0);
	simple_xattrs_free(&xs);
	KTEST_EXPECT(xs == NULL);
	kfree(value);
	return 0;
}

/* Give path three 64 KiB attributes through its inode operations. */
static int fill_attributes(const char *path, const char *value)
{
	static const char *const names[] = { "trusted.a", "trusted.b", "security.c" };
	struct file *f;
	int err = vfs_open(AT_FDCWD, path, O_RDWR | O_CREAT, 0644, &f);

	if (err)
		return err;
	mutex_lock(&f->inode->lock);
	for (size_t i = 0; i < ARRAY_SIZE(names) && !err; i++)
		err = f->inode->iops->setxattr(f->inode, names[i], value, BIG, 0);
	mutex_unlock(&f->inode->lock);
	file_put(f);
	return err;
}

KTEST(xattr_tmpfs_frees_with_inode)
{
	char *value = kzalloc(BIG);
	struct path dir;
	u64 before;

	KTEST_EXPECT(value != NULL);
	KTEST_EXPECT(vfs_mkdir(AT_FDCWD, "/ktest-xattr", 0755) == 0);
	KTEST_EXPECT(vfs_lookup(AT_FDCWD, "/ktest-xattr", LOOKUP_FOLLOW, &dir) == 0);
	KTEST_EXPECT(vfs_mount("none", &dir, "tmpfs", 0, NULL) == 0);
	path_put(&dir);
	before = mm_free_pages();
	/* unlinked: the last iput frees them */
	for (int round = 0; round < 8; round++) {
		KTEST_EXPECT(fill_attributes("/ktest-xattr/f", value) == 0);
		KTEST_EXPECT(vfs_unlink(AT_FDCWD, "/ktest-xattr/f") == 0);
	}
	KTEST_EXPECT(mm_free_pages() + 4 >= before);
	/* still linked at unmount: the teardown frees them */
	KTEST_EXPECT(fill_attributes("/ktest-xattr/g", value) == 0);
	KTEST_EXPECT(mm_free_pages() + 3 * (BIG / PAGE_SIZE) <= before);
	KTEST_EXPECT(vfs_lookup(AT_FDCWD, "/ktest-xattr", LOOKUP_FOLLOW, &dir) == 0);
	KTEST_EXPECT(vfs_umount(&dir, 0) == 0);
	path_put(&dir);
	KTEST_EXPECT(vfs_rmdir(AT_FDCWD, "/ktest-xattr") == 0);
	KTEST_EXPECT(mm_free_pages() + 4 >= before);
	kfree(value);
	return 0;
}
