/*
 * Linux's rules for mapping a descriptor: the fd must be readable (an
 * O_WRONLY fd gives EACCES, whatever the mapping); PROT_WRITE with
 * MAP_SHARED needs a writable fd (EACCES), also when added later with
 * mprotect; MAP_PRIVATE of a read-only fd may be written.  Files that
 * cannot be mapped (pipes, directories, /dev/null) give ENODEV; offsets
 * must be page aligned (EINVAL); a bad fd is EBADF.  /dev/zero gives
 * anonymous memory: private zero pages, or (MAP_SHARED) memory a forked
 * child shares.
 */
#include "mm_file_util.h"
#include <sys/mount.h>

static void check_dev_zero(void)
{
	int fd = open("/dev/zero", O_RDWR);
	char *p, *s;
	pid_t pid;

	CHECK(fd >= 0);
	p = mmap(NULL, 2 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	CHECK(p != MAP_FAILED);
	CHECK(mf_all(p, 2 * PG, 0));
	p[PG] = 'x';
	CHECK(p[PG] == 'x');
	s = mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	CHECK(s != MAP_FAILED && s[0] == 0);
	pid = utest_fork();
	if (pid == 0) {
		s[0] = 'c';
		p[0] = 'c';	/* private: the parent must not see it */
		_exit(0);
	}
	CHECK_CHILD_OK(pid);
	CHECK(s[0] == 'c' && p[0] == 0);
	CHECK(close(fd) == 0);
}

int main(void)
{
	int rw = mf_make("/tmp/mm_file_err", PG), ro, wo, pipefd[2], dir, null;
	char *m;

	ro = open("/tmp/mm_file_err", O_RDONLY);
	wo = open("/tmp/mm_file_err", O_WRONLY);
	CHECK(ro >= 0 && wo >= 0);

	CHECK_ERRNO(mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_SHARED, ro, 0), EACCES);
	CHECK_ERRNO(mmap(NULL, PG, PROT_READ, MAP_SHARED, wo, 0), EACCES);
	CHECK_ERRNO(mmap(NULL, PG, PROT_READ, MAP_PRIVATE, wo, 0), EACCES);
	CHECK_ERRNO(mmap(NULL, PG, PROT_NONE, MAP_PRIVATE, wo, 0), EACCES);

	/* Read-only shared: fine, but PROT_WRITE cannot be added later. */
	m = mmap(NULL, PG, PROT_READ, MAP_SHARED, ro, 0);
	CHECK(m != MAP_FAILED && m[0] == 'a');
	CHECK_ERRNO(mprotect(m, PG, PROT_READ | PROT_WRITE), EACCES);
	CHECK(mprotect(m, PG, PROT_NONE) == 0);
	CHECK(mprotect(m, PG, PROT_READ) == 0 && m[0] == 'a');
	CHECK(munmap(m, PG) == 0);

	/* Private writable from a read-only fd: a private copy. */
	m = mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_PRIVATE, ro, 0);
	CHECK(m != MAP_FAILED);
	m[0] = 'Q';
	CHECK(m[0] == 'Q');
	CHECK(munmap(m, PG) == 0);

	/* Writable shared from O_RDWR, then mprotect back and forth. */
	m = mmap(NULL, PG, PROT_READ, MAP_SHARED, rw, 0);
	CHECK(m != MAP_FAILED);
	CHECK(mprotect(m, PG, PROT_READ | PROT_WRITE) == 0);
	m[1] = 'W';
	CHECK(munmap(m, PG) == 0);

	CHECK_ERRNO(mmap(NULL, PG, PROT_READ, MAP_SHARED, rw, 100), EINVAL);
	CHECK_ERRNO(mmap(NULL, PG, PROT_READ, MAP_PRIVATE, 1000, 0), EBADF);
	CHECK_ERRNO(mmap(NULL, 0, PROT_READ, MAP_PRIVATE, rw, 0), EINVAL);
	CHECK_ERRNO(mmap(NULL, PG, PROT_READ, 0, rw, 0), EINVAL);

	CHECK(pipe(pipefd) == 0);
	CHECK_ERRNO(mmap(NULL, PG, PROT_READ, MAP_PRIVATE, pipefd[0], 0), ENODEV);
	CHECK_ERRNO(mmap(NULL, PG, PROT_READ, MAP_SHARED, pipefd[0], 0), ENODEV);
	CHECK_ERRNO(mmap(NULL, PG, PROT_READ, MAP_SHARED, pipefd[1], 0), EACCES);
	dir = open("/tmp", O_RDONLY | O_DIRECTORY);
	CHECK(dir >= 0);
	CHECK_ERRNO(mmap(NULL, PG, PROT_READ, MAP_PRIVATE, dir, 0), ENODEV);

	if (access("/dev/null", F_OK) != 0)
		CHECK(mount("devtmpfs", "/dev", "devtmpfs", 0, NULL) == 0);
	null = open("/dev/null", O_RDWR);
	CHECK(null >= 0);
	CHECK_ERRNO(mmap(NULL, PG, PROT_READ, MAP_PRIVATE, null, 0), ENODEV);
	check_dev_zero();
	CHECK(unlink("/tmp/mm_file_err") == 0);
	return 0;
}
