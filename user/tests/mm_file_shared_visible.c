/*
 * MAP_SHARED of a file is the page cache itself: a store through the
 * mapping is what read(2) returns, a write(2) shows in the mapping at
 * once, and two processes mapping the file on their own (not inherited)
 * see each other's stores.  msync accepts the Linux flag combinations.
 */
#include "mm_file_util.h"

int main(void)
{
	int fd = mf_make("/tmp/mm_file_shared", 2 * PG);
	char *m, buf[8];
	pid_t pid;
	int pipefd[2];

	m = mmap(NULL, 2 * PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	CHECK(m != MAP_FAILED);
	CHECK(m[0] == 'a' && m[PG] == 'b');

	/* mapping -> read() */
	memcpy(m + 10, "hello", 5);
	CHECK(pread(fd, buf, 5, 10) == 5 && memcmp(buf, "hello", 5) == 0);
	/* write() -> mapping */
	CHECK(pwrite(fd, "WORLD", 5, PG + 100) == 5);
	CHECK(memcmp(m + PG + 100, "WORLD", 5) == 0);

	/* Another process, with its own mapping of the same file. */
	CHECK(pipe(pipefd) == 0);
	pid = utest_fork();
	if (pid == 0) {
		int cfd = open("/tmp/mm_file_shared", O_RDWR);
		char *c, go;

		CHECK(cfd >= 0);
		c = mmap(NULL, 2 * PG, PROT_READ | PROT_WRITE, MAP_SHARED, cfd, 0);
		CHECK(c != MAP_FAILED);
		CHECK(memcmp(c + 10, "hello", 5) == 0);
		CHECK(read(pipefd[0], &go, 1) == 1);
		CHECK(memcmp(c + PG + 200, "parent", 6) == 0);	/* the parent's store */
		memcpy(c + 300, "child", 5);
		_exit(0);
	}
	memcpy(m + PG + 200, "parent", 6);
	CHECK(write(pipefd[1], "g", 1) == 1);
	CHECK_CHILD_OK(pid);
	CHECK(memcmp(m + 300, "child", 5) == 0);
	CHECK(pread(fd, buf, 5, 300) == 5 && memcmp(buf, "child", 5) == 0);

	/* msync: the flags Linux accepts and refuses. */
	CHECK(msync(m, 2 * PG, MS_SYNC) == 0);
	CHECK(msync(m, PG, MS_ASYNC | MS_INVALIDATE) == 0);
	CHECK(msync(m, 0, MS_SYNC) == 0);
	CHECK_ERRNO(msync(m, PG, MS_SYNC | MS_ASYNC), EINVAL);
	CHECK_ERRNO(msync(m, PG, 8), EINVAL);
	CHECK_ERRNO(msync(m + 1, PG, MS_SYNC), EINVAL);
	CHECK(munmap(m + PG, PG) == 0);
	CHECK_ERRNO(msync(m, 2 * PG, MS_SYNC), ENOMEM);	/* a hole in the range */

	/* The mapping outlives the descriptor and the name. */
	CHECK(close(fd) == 0);
	CHECK(unlink("/tmp/mm_file_shared") == 0);
	CHECK(memcmp(m + 10, "hello", 5) == 0);
	m[0] = 'z';
	CHECK(munmap(m, PG) == 0);
	return 0;
}
