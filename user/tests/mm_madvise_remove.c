/*
 * madvise(MADV_REMOVE) punches a hole in the file behind a shared
 * writable mapping (tmpfs, and shared anonymous memory, which is tmpfs on
 * Linux): every mapper reads zeroes there, the size stays.  Linux's
 * checks: an area without a file (private anonymous) is EINVAL, a private
 * one or one that can never be written (file open read-only) EACCES, a hole in the range ENOMEM after the mapped
 * parts are done, an unaligned start EINVAL.
 */
#define _GNU_SOURCE
#include "mm_file_util.h"

static void check_file(void)
{
	const char *path = "/tmp/mm_madvise_remove";
	int fd = mf_make(path, 4 * PG);
	volatile char *a = mmap(NULL, 4 * PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	volatile char *b = mmap(NULL, 4 * PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	volatile char *priv = mmap(NULL, 4 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	char buf[PG];
	struct stat st;

	CHECK(a != MAP_FAILED && b != MAP_FAILED && priv != MAP_FAILED);
	CHECK(a[PG] == 'b' && b[PG] == 'b' && b[2 * PG] == 'c');
	/* Not page-aligned in length: the whole last page goes. */
	CHECK(madvise((void *)(a + PG), PG + 1, MADV_REMOVE) == 0);
	CHECK(lseek(fd, 0, SEEK_HOLE) == PG);	/* before any read maps a page back */
	CHECK(mf_all(a + PG, 2 * PG, 0) && mf_all(b + PG, 2 * PG, 0));
	CHECK(a[0] == 'a' && b[3 * PG] == 'd');
	CHECK(pread(fd, buf, PG, PG) == PG && mf_all(buf, PG, 0));
	CHECK(fstat(fd, &st) == 0 && st.st_size == 4 * PG);
	b[PG] = 'n';
	CHECK(a[PG] == 'n');

	CHECK_ERRNO(madvise((void *)priv, PG, MADV_REMOVE), EACCES);
	CHECK_ERRNO(madvise((void *)(a + 1), PG, MADV_REMOVE), EINVAL);
	CHECK(munmap((void *)priv, 4 * PG) == 0);
	CHECK(munmap((void *)b, 4 * PG) == 0);
	CHECK(munmap((void *)a, 4 * PG) == 0);

	/*
	 * Read-only but could be made writable (the file is open for writing):
	 * allowed, as in Debian's 6.1 (vma_is_shared_maywrite()).
	 */
	CHECK(pwrite(fd, "b", 1, PG) == 1);
	a = mmap(NULL, 4 * PG, PROT_READ, MAP_SHARED, fd, 0);
	CHECK(a != MAP_FAILED);
	CHECK(madvise((void *)(a + PG), PG, MADV_REMOVE) == 0);
	CHECK(a[PG] == 0);
	CHECK(munmap((void *)a, 4 * PG) == 0);
	CHECK(close(fd) == 0);

	/* A file open read-only: EACCES. */
	fd = open(path, O_RDONLY);
	CHECK(fd >= 0);
	a = mmap(NULL, 4 * PG, PROT_READ, MAP_SHARED, fd, 0);
	CHECK(a != MAP_FAILED);
	CHECK_ERRNO(madvise((void *)a, PG, MADV_REMOVE), EACCES);
	CHECK(munmap((void *)a, 4 * PG) == 0);
	CHECK(close(fd) == 0 && unlink(path) == 0);
}

static void check_anonymous(void)
{
	volatile char *shared = mmap(NULL, 3 * PG, PROT_READ | PROT_WRITE,
				     MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	volatile char *priv = mmap(NULL, PG, PROT_READ | PROT_WRITE,
				   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	pid_t pid;

	CHECK(shared != MAP_FAILED && priv != MAP_FAILED);
	memset((void *)shared, 's', 3 * PG);
	pid = utest_fork();
	if (pid == 0) {
		CHECK(madvise((void *)(shared + PG), PG, MADV_REMOVE) == 0);
		_exit(0);
	}
	CHECK_CHILD_OK(pid);
	CHECK(mf_all(shared, PG, 's') && mf_all(shared + PG, PG, 0) &&
	      mf_all(shared + 2 * PG, PG, 's'));
	CHECK_ERRNO(madvise((void *)priv, PG, MADV_REMOVE), EINVAL);
	CHECK(munmap((void *)priv, PG) == 0);
	/* Read-only shared anonymous memory may still be punched. */
	CHECK(mprotect((void *)shared, 3 * PG, PROT_READ) == 0);
	CHECK(madvise((void *)shared, PG, MADV_REMOVE) == 0);
	CHECK(mf_all(shared, PG, 0) && mf_all(shared + 2 * PG, PG, 's'));
	CHECK(mprotect((void *)shared, 3 * PG, PROT_READ | PROT_WRITE) == 0);

	/* A hole after the area: the area is done, then ENOMEM. */
	CHECK(munmap((void *)(shared + 2 * PG), PG) == 0);
	CHECK_ERRNO(madvise((void *)shared, 3 * PG, MADV_REMOVE), ENOMEM);
	CHECK(mf_all(shared, 2 * PG, 0));
	CHECK_ERRNO(madvise((void *)(shared + 2 * PG), PG, MADV_REMOVE), ENOMEM);
	CHECK(munmap((void *)shared, 2 * PG) == 0);
}

int main(void)
{
	check_file();
	check_anonymous();
	return 0;
}
