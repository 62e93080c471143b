/*
 * MADV_DONTFORK: a forked child does not get the range at all;
 * MADV_WIPEONFORK (private anonymous memory only): the child gets it
 * zero-filled; MADV_DOFORK and MADV_KEEPONFORK undo them.  Advice over a
 * hole applies to the mapped parts and then reports ENOMEM.
 */
#include "mm_file_util.h"

int main(void)
{
	char *a = mmap(NULL, 4 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	int fd = mf_make("/tmp/mm_madv_fork", PG);
	char *f = mmap(NULL, PG, PROT_READ, MAP_PRIVATE, fd, 0);
	unsigned char v;
	pid_t pid;

	CHECK(a != MAP_FAILED && f != MAP_FAILED);
	memset(a, 7, 4 * PG);
	CHECK(madvise(a + PG, PG, MADV_WIPEONFORK) == 0);
	CHECK(madvise(a + 2 * PG, PG, MADV_DONTFORK) == 0);
	CHECK_ERRNO(madvise(f, PG, MADV_WIPEONFORK), EINVAL);
	CHECK(munmap(a + 3 * PG, PG) == 0);
	CHECK_ERRNO(madvise(a + 2 * PG, 2 * PG, MADV_DONTFORK), ENOMEM);

	pid = utest_fork();
	if (pid == 0) {
		CHECK(a[0] == 7 && a[PG - 1] == 7);		/* copied as usual */
		CHECK(mf_all(a + PG, PG, 0));			/* wiped */
		CHECK_ERRNO(mincore(a + 2 * PG, PG, &v), ENOMEM);	/* not there */
		CHECK(mf_probe(a + 2 * PG, 0) == SIGSEGV && mf_code == SEGV_MAPERR);
		a[PG] = 1;					/* still writable memory */
		_exit(0);
	}
	CHECK_CHILD_OK(pid);
	CHECK(mf_all(a, 3 * PG, 7));		/* the parent keeps everything */

	CHECK(madvise(a, 3 * PG, MADV_DOFORK) == 0);
	CHECK(madvise(a, 3 * PG, MADV_KEEPONFORK) == 0);
	pid = utest_fork();
	if (pid == 0) {
		CHECK(mf_all(a, 3 * PG, 7));
		_exit(0);
	}
	CHECK_CHILD_OK(pid);
	CHECK(unlink("/tmp/mm_madv_fork") == 0);
	return 0;
}
