/*
 * A file mapping longer than the file: the rest of the last page reads as
 * zeroes (and stores there do not grow the file), a page wholly past the
 * end raises SIGBUS with BUS_ADRERR at the address, for reads and writes,
 * private and shared alike.
 */
#include "mm_file_util.h"

int main(void)
{
	int fd = mf_make("/tmp/mm_file_eof", 100);
	struct stat st;
	char *s, *p;

	s = mmap(NULL, 3 * PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	p = mmap(NULL, 3 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	CHECK(s != MAP_FAILED && p != MAP_FAILED);
	CHECK(mf_all(s, 100, 'a') && mf_all(s + 100, PG - 100, 0));
	CHECK(mf_all(p, 100, 'a') && mf_all(p + 100, PG - 100, 0));

	s[200] = 'q';		/* inside the last page, past EOF */
	CHECK(fstat(fd, &st) == 0 && st.st_size == 100);

	CHECK(mf_probe(s + PG, 0) == SIGBUS);
	CHECK(mf_code == BUS_ADRERR && mf_addr == s + PG);
	CHECK(mf_probe(s + 2 * PG + 7, 1) == SIGBUS);
	CHECK(mf_addr == s + 2 * PG + 7);
	CHECK(mf_probe(p + PG + 1, 0) == SIGBUS);
	CHECK(mf_probe(p + PG, 1) == SIGBUS);

	/* The kernel reaching there for a system call gets EFAULT instead. */
	{
		int pfd[2];

		CHECK(pipe(pfd) == 0);
		CHECK_ERRNO(write(pfd[1], s + PG, 1), EFAULT);
		CHECK_ERRNO(read(fd, p + 2 * PG, 1), EFAULT);
		CHECK(write(pfd[1], s + 50, 1) == 1);
	}

	/* Growing the file makes the page reachable. */
	CHECK(ftruncate(fd, PG + 10) == 0);
	CHECK(mf_probe(s + PG, 0) == 0 && s[PG] == 0);
	CHECK(mf_probe(p + PG + 5, 1) == 0);
	CHECK(mf_probe(s + 2 * PG, 0) == SIGBUS);

	/* A mapping that starts past the end: every access faults. */
	{
		char *far = mmap(NULL, PG, PROT_READ, MAP_SHARED, fd, 8 * PG);

		CHECK(far != MAP_FAILED);
		CHECK(mf_probe(far, 0) == SIGBUS);
	}
	CHECK(unlink("/tmp/mm_file_eof") == 0);
	return 0;
}
