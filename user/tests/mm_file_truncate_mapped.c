/*
 * Shrinking a mapped file takes the cut pages out of every mapping:
 * shared and private (even a page already copied privately, as Linux
 * does), in this process and in another.  Accesses there raise SIGBUS;
 * the rest of the new last page reads as zeroes; growing the file again
 * brings zero-filled pages back, never the old data.
 */
#include "mm_file_util.h"

int main(void)
{
	int fd = mf_make("/tmp/mm_file_trunc", 3 * PG), pipefd[2], back[2];
	char *s, *p, c;
	pid_t pid;

	s = mmap(NULL, 3 * PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	p = mmap(NULL, 3 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	CHECK(s != MAP_FAILED && p != MAP_FAILED);
	CHECK(s[2 * PG] == 'c' && p[PG] == 'b');
	p[2 * PG] = 'P';		/* a private copy of the last page */

	CHECK(pipe(pipefd) == 0 && pipe(back) == 0);
	pid = utest_fork();
	if (pid == 0) {
		int cfd = open("/tmp/mm_file_trunc", O_RDONLY);
		char *m = mmap(NULL, 3 * PG, PROT_READ, MAP_SHARED, cfd, 0);

		CHECK(m != MAP_FAILED && m[2 * PG] == 'c');
		CHECK(write(back[1], "r", 1) == 1);
		CHECK(read(pipefd[0], &c, 1) == 1);	/* the parent truncated */
		CHECK(mf_probe(m + 2 * PG, 0) == SIGBUS);
		CHECK(mf_all(m + PG, PG / 2, 'b') && mf_all(m + PG + PG / 2, PG / 2, 0));
		_exit(0);
	}
	CHECK(read(back[0], &c, 1) == 1);

	CHECK(ftruncate(fd, PG + PG / 2) == 0);
	CHECK(write(pipefd[1], "t", 1) == 1);
	CHECK(mf_probe(s + 2 * PG, 0) == SIGBUS && mf_code == BUS_ADRERR);
	CHECK(mf_probe(s + 2 * PG, 1) == SIGBUS);
	CHECK(mf_probe(p + 2 * PG, 0) == SIGBUS);	/* the private copy went too */
	CHECK(mf_all(s + PG, PG / 2, 'b') && mf_all(s + PG + PG / 2, PG / 2, 0));
	CHECK(mf_all(p + PG + PG / 2, PG / 2, 0));
	CHECK(s[0] == 'a' && p[0] == 'a');
	CHECK_CHILD_OK(pid);

	/* Grow back: zeroes, not the old page. */
	CHECK(ftruncate(fd, 3 * PG) == 0);
	CHECK(mf_probe(s + 2 * PG, 0) == 0);
	CHECK(mf_all(s + 2 * PG, PG, 0) && mf_all(p + 2 * PG, PG, 0));
	s[2 * PG] = 'n';
	CHECK(p[2 * PG] == 'n');	/* private, never written since: follows the file */

	/* Truncate to zero with everything mapped, then unmap. */
	CHECK(ftruncate(fd, 0) == 0);
	CHECK(mf_probe(s, 0) == SIGBUS && mf_probe(p, 1) == SIGBUS);
	CHECK(munmap(s, 3 * PG) == 0 && munmap(p, 3 * PG) == 0);
	CHECK(unlink("/tmp/mm_file_trunc") == 0);
	return 0;
}
