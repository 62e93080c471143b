/*
 * fork with file mappings: a shared mapping stays one set of pages (the
 * child's store is in the file and in the parent's view); a private one
 * is copy-on-write between parent and child, including a page the
 * parent had already copied; the child keeps its mappings after the
 * parent closed the descriptor.
 */
#include "mm_file_util.h"

int main(void)
{
	int fd = mf_make("/tmp/mm_file_fork", 2 * PG);
	char *s, *p, buf[1];
	pid_t pid;

	s = mmap(NULL, 2 * PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	p = mmap(NULL, 2 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	CHECK(s != MAP_FAILED && p != MAP_FAILED);
	CHECK(close(fd) == 0);
	p[0] = 'p';		/* the parent's private copy of page 0 */
	pid = utest_fork();
	if (pid == 0) {
		CHECK(p[0] == 'p' && p[PG] == 'b');
		p[0] = 'C';	/* the child's own copies */
		p[PG] = 'C';
		s[PG + 1] = 'S';
		CHECK(p[0] == 'C' && s[1] == 'a');
		_exit(0);
	}
	CHECK_CHILD_OK(pid);
	CHECK(p[0] == 'p' && p[PG] == 'b');
	CHECK(s[PG + 1] == 'S');
	CHECK(p[PG + 1] == 'S');	/* never written here: still the file's page */
	fd = open("/tmp/mm_file_fork", O_RDONLY);
	CHECK(fd >= 0 && pread(fd, buf, 1, PG + 1) == 1 && buf[0] == 'S');
	CHECK(pread(fd, buf, 1, 0) == 1 && buf[0] == 'a');

	/* exit drops the child's mappings; ours still work. */
	pid = utest_fork();
	if (pid == 0) {
		CHECK(s[PG + 1] == 'S');
		_exit(0);
	}
	CHECK_CHILD_OK(pid);
	s[0] = 'z';
	CHECK(pread(fd, buf, 1, 0) == 1 && buf[0] == 'z');
	CHECK(unlink("/tmp/mm_file_fork") == 0);
	return 0;
}
