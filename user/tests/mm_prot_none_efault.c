/*
 * PROT_NONE memory is out of reach of system calls too: write(2) from it
 * and read(2) into it fail with EFAULT, as on Linux, and nothing is
 * transferred.  Its contents come back unchanged with mprotect.  The same
 * holds for a PROT_NONE file mapping.
 */
#include "mm_file_util.h"

int main(void)
{
	int pipefd[2], fd = mf_make("/tmp/mm_prot_none", PG);
	char *p, *f, buf[16];

	CHECK(pipe(pipefd) == 0);
	p = mmap(NULL, 2 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(p != MAP_FAILED);
	memset(p, 'x', 2 * PG);
	CHECK(mprotect(p, PG, PROT_NONE) == 0);

	CHECK_ERRNO(write(pipefd[1], p, 16), EFAULT);
	CHECK(write(pipefd[1], "ok", 2) == 2);
	CHECK_ERRNO(read(pipefd[0], p + 100, 2), EFAULT);
	CHECK(read(pipefd[0], buf, 2) == 2 && memcmp(buf, "ok", 2) == 0);	/* nothing lost */
	CHECK_ERRNO(pwrite(fd, p, 1, 0), EFAULT);
	/* A buffer that starts readable and runs into PROT_NONE: partial or EFAULT. */
	CHECK(write(pipefd[1], p + PG, 8) == 8);
	CHECK(read(pipefd[0], buf, 8) == 8);

	CHECK(mf_probe(p, 0) == SIGSEGV && mf_code == SEGV_ACCERR);
	CHECK(mprotect(p, PG, PROT_READ) == 0);
	CHECK(mf_all(p, 2 * PG, 'x'));

	/* Never-touched PROT_NONE memory. */
	{
		char *n = mmap(NULL, PG, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

		CHECK(n != MAP_FAILED);
		CHECK_ERRNO(write(pipefd[1], n, 1), EFAULT);
	}

	f = mmap(NULL, PG, PROT_READ, MAP_SHARED, fd, 0);
	CHECK(f != MAP_FAILED && f[0] == 'a');
	CHECK(mprotect(f, PG, PROT_NONE) == 0);
	CHECK_ERRNO(write(pipefd[1], f, 4), EFAULT);
	CHECK(mprotect(f, PG, PROT_READ) == 0 && f[0] == 'a');
	CHECK(unlink("/tmp/mm_prot_none") == 0);
	return 0;
}
