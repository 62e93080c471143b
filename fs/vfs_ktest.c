/*
 * VFS self-tests ("ktest=vfs_..."), for what user programs cannot see:
 * the page cache's radix tree (growth, truncation, holes), the path walk through the kernel API, and
 * that deleting files and unmounting give their memory back.  They run in
 * the init task, after vfs_setup_init_task(), in a scratch directory.
 */
#include <cpio.h>
#include <format.h>
#include <ktest.h>
#include <mm.h>
#include <string.h>
#include <uapi/fcntl.h>
#include "internal.h"

KTEST(vfs_page_cache_grows_and_truncates)
{
	static const u64 idx[] = { 0, 63, 64, 4095, 1ull << 30, (1ull << 36) - 1 };
	struct page_cache pc;
	struct page *p;

	page_cache_init(&pc);
	KTEST_EXPECT(page_cache_lookup(&pc, 5) == NULL);
	for (size_t i = 0; i < ARRAY_SIZE(idx); i++) {
		p = page_cache_get_or_add(&pc, idx[i]);
		KTEST_EXPECT(p != NULL);
		*(u64 *)page_address(p) = idx[i];
		put_page(p);
	}
	KTEST_EXPECT(pc.nr_pages == ARRAY_SIZE(idx));
	KTEST_EXPECT(page_cache_get_or_add(&pc, 1ull << 36) == NULL);	/* beyond the tree */
	for (size_t i = 0; i < ARRAY_SIZE(idx); i++) {
		p = page_cache_lookup(&pc, idx[i]);
		KTEST_EXPECT(p && *(u64 *)page_address(p) == idx[i]);
		put_page(p);
	}
	KTEST_EXPECT(page_cache_truncate(&pc, 64) == 4);
	KTEST_EXPECT(page_cache_lookup(&pc, 64) == NULL);
	p = page_cache_lookup(&pc, 63);
	KTEST_EXPECT(p != NULL);
	put_page(p);
	KTEST_EXPECT(page_cache_truncate(&pc, 0) == 2 && pc.nr_pages == 0 && !pc.root);
	return 0;
}

/* Holes for SEEK_DATA/SEEK_HOLE: missing pages and fallocated, unwritten ones. */
KTEST(vfs_page_cache_finds_data_and_holes)
{
	static const u64 data[] = { 0, 5, 70, 5000, 1ull << 30 };
	struct page_cache pc;
	struct page *p;

	page_cache_init(&pc);
	KTEST_EXPECT(page_cache_find(&pc, 0, 100, true) == 100);
	KTEST_EXPECT(page_cache_find(&pc, 7, 100, false) == 7);
	for (size_t i = 0; i < ARRAY_SIZE(data); i++) {
		p = page_cache_get_or_add(&pc, data[i]);
		KTEST_EXPECT(p != NULL);
		put_page(p);
	}
	KTEST_EXPECT(page_cache_reserve(&pc, 6) == 0);	/* unwritten: a hole */
	KTEST_EXPECT(page_cache_find(&pc, 0, 1ull << 31, true) == 0);
	KTEST_EXPECT(page_cache_find(&pc, 1, 1ull << 31, true) == 5);
	KTEST_EXPECT(page_cache_find(&pc, 6, 1ull << 31, true) == 70);
	KTEST_EXPECT(page_cache_find(&pc, 71, 1ull << 31, true) == 5000);
	KTEST_EXPECT(page_cache_find(&pc, 5001, 1ull << 31, true) == 1ull << 30);
	KTEST_EXPECT(page_cache_find(&pc, 71, 4000, true) == 4000);	/* none below 'to' */
	KTEST_EXPECT(page_cache_find(&pc, 0, 100, false) == 1);
	KTEST_EXPECT(page_cache_find(&pc, 5, 100, false) == 6);
	KTEST_EXPECT(page_cache_find(&pc, 1ull << 30, (1ull << 30) + 9, false) == (1ull << 30) + 1);
	KTEST_EXPECT(page_cache_find(&pc, 1ull << 40, 1ull << 41, false) == 1ull << 40);
	p = page_cache_get_or_add(&pc, 6);	/* written now: data */
	KTEST_EXPECT(p != NULL);
	put_page(p);
	KTEST_EXPECT(page_cache_find(&pc, 6, 100, true) == 6);
	KTEST_EXPECT(page_cache_find(&pc, 5, 100, false) == 7);
	/* A range removal keeps what lies outside it. */
	KTEST_EXPECT(page_cache_remove_range(&pc, 5, 71) == 3 && pc.nr_pages == 3);
	KTEST_EXPECT(page_cache_find(&pc, 1, 1ull << 31, true) == 5000);
	KTEST_EXPECT(page_cache_truncate(&pc, 0) == 3 && pc.nr_pages == 0 && !pc.root);
	return 0;
}

static bool same_file(const char *a, const char *b)
{
	struct path pa, pb;
	bool same;

	if (vfs_lookup(AT_FDCWD, a, LOOKUP_FOLLOW, &pa))
		return false;
	if (vfs_lookup(AT_FDCWD, b, LOOKUP_FOLLOW, &pb)) {
		path_put(&pa);
		return false;
	}
	same = path_equal(&pa, &pb);
	path_put(&pa);
	path_put(&pb);
	return same;
}

static int lookup_err(const char *name, unsigned int flags)
{
	struct path p;
	int err = vfs_lookup(AT_FDCWD, name, flags, &p);

	if (!err)
		path_put(&p);
	return err;
}

KTEST(vfs_path_walk_dots_links_and_errors)
{
	KTEST_EXPECT(vfs_mkdir(AT_FDCWD, "/ktest-walk", 0755) == 0);
	KTEST_EXPECT(vfs_mkdir(AT_FDCWD, "/ktest-walk/a", 0755) == 0);
	KTEST_EXPECT(vfs_mkdir(AT_FDCWD, "/ktest-walk/a/b", 0755) == 0);
	KTEST_EXPECT(vfs_mknod(AT_FDCWD, "/ktest-walk/file", S_IFREG | 0644, 0) == 0);
	KTEST_EXPECT(vfs_symlink("a", AT_FDCWD, "/ktest-walk/rel") == 0);
	KTEST_EXPECT(vfs_symlink("/ktest-walk/a/b", AT_FDCWD, "/ktest-walk/abs") == 0);
	KTEST_EXPECT(vfs_symlink("loop", AT_FDCWD, "/ktest-walk/loop") == 0);
	KTEST_EXPECT(same_file("/ktest-walk/a/./b/../b", "/ktest-walk/a/b"));
	KTEST_EXPECT(same_file("/ktest-walk/rel/b", "/ktest-walk/abs"));
	KTEST_EXPECT(same_file("/ktest-walk/abs/../../rel/", "/ktest-walk/a"));
	KTEST_EXPECT(same_file("/../..", "/"));
	KTEST_EXPECT(lookup_err("/ktest-walk/file/", LOOKUP_FOLLOW) == -ENOTDIR);
	KTEST_EXPECT(lookup_err("/ktest-walk/file/x", LOOKUP_FOLLOW) == -ENOTDIR);
	KTEST_EXPECT(lookup_err("/ktest-walk/none", LOOKUP_FOLLOW) == -ENOENT);
	KTEST_EXPECT(lookup_err("/ktest-walk/loop", LOOKUP_FOLLOW) == -ELOOP);
	KTEST_EXPECT(lookup_err("/ktest-walk/loop", 0) == 0);
	KTEST_EXPECT(lookup_err("", 0) == -ENOENT);
	KTEST_EXPECT(lookup_err("/ktest-walk/a", LOOKUP_DIRECTORY) == 0);
	KTEST_EXPECT(vfs_rename(AT_FDCWD, "/ktest-walk/a", AT_FDCWD, "/ktest-walk/a2", 0) == 0);
	KTEST_EXPECT(lookup_err("/ktest-walk/rel/b", LOOKUP_FOLLOW) == -ENOENT);
	KTEST_EXPECT(lookup_err("/ktest-walk/a2/b", LOOKUP_FOLLOW) == 0);
	KTEST_EXPECT(vfs_rmdir(AT_FDCWD, "/ktest-walk/a2") == -ENOTEMPTY);
	KTEST_EXPECT(vfs_rmdir(AT_FDCWD, "/ktest-walk/a2/b") == 0);
	KTEST_EXPECT(vfs_rmdir(AT_FDCWD, "/ktest-walk/a2") == 0);
	return 0;
}

/* Write and read back a file across page boundaries; returns 0 or -1. */
static int file_round_trip(const char *name, size_t size)
{
	static u8 buf[3 * 4096 + 100];
	struct file *f;
	int ok;

	if (size > sizeof(buf) || vfs_open(AT_FDCWD, name, O_RDWR | O_CREAT | O_TRUNC, 0644, &f))
		return -1;
	for (size_t i = 0; i < size; i++)
		buf[i] = (u8)(i * 13);
	ok = kernel_write(f, buf, size, 0) == (ssize_t)size;
	memset(buf, 0, size);
	ok = ok && kernel_read(f, buf, size + 50, 0) == (ssize_t)size;
	for (size_t i = 0; ok && i < size; i++)
		ok = buf[i] == (u8)(i * 13);
	ok = ok && file_get_page(f, size / PAGE_SIZE + 1) == NULL;	/* beyond EOF */
	file_put(f);
	return ok ? 0 : -1;
}

KTEST(vfs_files_give_memory_back)
{
	u64 before = mm_free_pages();
	struct path dir;

	KTEST_EXPECT(vfs_mkdir(AT_FDCWD, "/ktest-mem", 0755) == 0);
	KTEST_EXPECT(vfs_lookup(AT_FDCWD, "/ktest-mem", LOOKUP_FOLLOW, &dir) == 0);
	KTEST_EXPECT(vfs_mount("none", &dir, "tmpfs", 0, NULL) == 0);
	for (int round = 0; round < 8; round++)
		KTEST_EXPECT(file_round_trip("/ktest-mem/f", sizeof(u8) * (3 * 4096 + 100)) == 0);
	KTEST_EXPECT(vfs_mkdir(AT_FDCWD, "/ktest-mem/deep", 0755) == 0);
	KTEST_EXPECT(file_round_trip("/ktest-mem/deep/g", 5000) == 0);
	path_put(&dir);
	KTEST_EXPECT(vfs_lookup(AT_FDCWD, "/ktest-mem", LOOKUP_FOLLOW, &dir) == 0);
	KTEST_EXPECT(vfs_umount(&dir, 0) == 0);		/* tears the whole tree down */
	path_put(&dir);
	KTEST_EXPECT(vfs_rmdir(AT_FDCWD, "/ktest-mem") == 0);
	/* slab pages may stay cached; the 4+2 data pages and the rest must not */
	KTEST_EXPECT(mm_free_pages() + 4 >= before);
	return 0;
}

KTEST(vfs_open_exec_checks_like_execve)
{
	struct page *page;
	struct file *f;
	char buf[8];

	KTEST_EXPECT(vfs_mkdir(AT_FDCWD, "/ktest-exec", 0755) == 0);
	KTEST_EXPECT(vfs_open(AT_FDCWD, "/ktest-exec/prog", O_WRONLY | O_CREAT, 0755, &f) == 0);
	KTEST_EXPECT(kernel_write(f, "\177ELF", 4, 0) == 4);
	file_put(f);
	KTEST_EXPECT(vfs_mknod(AT_FDCWD, "/ktest-exec/data", S_IFREG | 0644, 0) == 0);
	KTEST_EXPECT(vfs_symlink("prog", AT_FDCWD, "/ktest-exec/link") == 0);
	KTEST_EXPECT(vfs_open_exec("/ktest-exec/link", &f) == 0);
	KTEST_EXPECT(kernel_read(f, buf, sizeof(buf), 0) == 4 && memcmp(buf, "\177ELF", 4) == 0);
	KTEST_EXPECT(kernel_read(f, buf, sizeof(buf), 2) == 2 && kernel_read(f, buf, 1, 4) == 0);
	page = file_get_page(f, 0);
	KTEST_EXPECT(page && file_get_page(f, 1) == NULL);
	put_page(page);
	file_put(f);
	KTEST_EXPECT(vfs_open_exec("/ktest-exec/data", &f) == -EACCES);	/* no x bit */
	KTEST_EXPECT(vfs_open_exec("/ktest-exec", &f) == -EACCES);		/* a directory */
	KTEST_EXPECT(vfs_open_exec("/ktest-exec/none", &f) == -ENOENT);
	KTEST_EXPECT(vfs_open_exec("/ktest-exec/prog/x", &f) == -ENOTDIR);
	KTEST_EXPECT(vfs_open_exec("", &f) == -ENOENT);
	return 0;
}

/* --- initramfs unpacking ---------------------------------------------------- */

struct cpio_gen {
	u8 *buf;
	size_t pos;
};

static void gen_pad(struct cpio_gen *g)
{
	while (g->pos & 3)
		g->buf[g->pos++] = 0;
}

/* Append one "newc" entry; the archive's buffer is big enough by construction. */
static void gen_entry(struct cpio_gen *g, const char *name, u32 ino, u32 mode, u32 nlink,
		      u32 mtime, u32 rdev_minor, const char *data)
{
	u32 size = data ? strlen(data) : 0, namesize = strlen(name) + 1;
	char hdr[CPIO_HEADER_SIZE + 1];

	snprintf(hdr, sizeof(hdr), "070701%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X",
		 ino, mode, 5, 6, nlink, mtime, size, 0, 1, rdev_minor ? 1 : 0, rdev_minor,
		 namesize, 0);
	memcpy(g->buf + g->pos, hdr, CPIO_HEADER_SIZE);
	g->pos += CPIO_HEADER_SIZE;
	memcpy(g->buf + g->pos, name, namesize);
	g->pos += namesize;
	gen_pad(g);
	memcpy(g->buf + g->pos, data ? data : "", size);
	g->pos += size;
	gen_pad(g);
}

static bool stat_is(const char *path, unsigned int lookup, struct kstat *st)
{
	struct path p;

	if (vfs_lookup(AT_FDCWD, path, lookup, &p))
		return false;
	vfs_getattr(&p, st);
	path_put(&p);
	return true;
}

KTEST(vfs_initramfs_unpacks_every_kind)
{
	static u8 buf[4096];
	struct cpio_gen g = { .buf = buf };
	struct kstat a, b;
	const char *reason;
	struct file *f;
	char text[16];

	KTEST_EXPECT(vfs_mkdir(AT_FDCWD, "/ktest-initramfs", 0755) == 0);
	gen_entry(&g, "./deep/er/file", 10, S_IFREG | 04711, 1, 100, 0, "abc");
	gen_entry(&g, "h1", 77, S_IFREG | 0644, 2, 100, 0, NULL);
	gen_entry(&g, "h2", 77, S_IFREG | 0644, 2, 100, 0, "linked");
	gen_entry(&g, "sl", 11, S_IFLNK | 0777, 1, 100, 0, "h1");
	gen_entry(&g, "cdev", 12, S_IFCHR | 0600, 1, 100, 3, NULL);
	gen_entry(&g, "ff", 13, S_IFIFO | 0600, 1, 100, 0, NULL);
	gen_entry(&g, "d", 14, S_IFDIR | 0700, 2, 1234, 0, NULL);
	gen_entry(&g, "d/x", 15, S_IFREG | 0600, 1, 100, 0, "x");
	gen_entry(&g, CPIO_TRAILER_NAME, 0, 0, 1, 0, 0, NULL);
	KTEST_EXPECT(initramfs_unpack_buffer("/ktest-initramfs", buf, g.pos, &reason) == 8);
	KTEST_EXPECT(!reason);
	KTEST_EXPECT(stat_is("/ktest-initramfs/deep/er/file", 0, &a));
	KTEST_EXPECT(a.mode == (S_IFREG | 04711) && a.uid == 5 && a.gid == 6 && a.size == 3);
	KTEST_EXPECT(a.mtime.tv_sec == 100);
	KTEST_EXPECT(stat_is("/ktest-initramfs/h1", 0, &a) && stat_is("/ktest-initramfs/h2", 0, &b));
	KTEST_EXPECT(a.ino == b.ino && a.nlink == 2 && a.size == 6);
	KTEST_EXPECT(vfs_open(AT_FDCWD, "/ktest-initramfs/sl", O_RDONLY, 0, &f) == 0);
	KTEST_EXPECT(kernel_read(f, text, sizeof(text), 0) == 6 && memcmp(text, "linked", 6) == 0);
	file_put(f);
	KTEST_EXPECT(stat_is("/ktest-initramfs/cdev", 0, &a) && a.rdev == MKDEV(1, 3));
	KTEST_EXPECT(stat_is("/ktest-initramfs/ff", 0, &a) && S_ISFIFO(a.mode));
	KTEST_EXPECT(stat_is("/ktest-initramfs/d", 0, &a) && a.mtime.tv_sec == 1234);
	KTEST_EXPECT(a.mode == (S_IFDIR | 0700));

	/* A broken entry stops unpacking; what came before it stays. */
	g.pos = 0;
	gen_entry(&g, "before", 20, S_IFREG | 0644, 1, 100, 0, "ok");
	memcpy(buf + g.pos, "070701zz", 8);
	memset(buf + g.pos + 8, '0', CPIO_HEADER_SIZE - 8);
	KTEST_EXPECT(initramfs_unpack_buffer("/ktest-initramfs", buf, g.pos + 200, &reason) == 1);
	KTEST_EXPECT(reason != NULL);
	KTEST_EXPECT(stat_is("/ktest-initramfs/before", 0, &a) && a.size == 2);
	KTEST_EXPECT(initramfs_unpack_buffer("/ktest-initramfs", "garbage!", 8, &reason) == 0);
	KTEST_EXPECT(reason != NULL);
	return 0;
}
