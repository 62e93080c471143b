/*
 * fallocate(PUNCH_HOLE) on a tmpfs file takes the punched pages out of
 * every mapping, in every process: shared mappings and private ones that
 * still map the file's page read zeroes at once, and a store afterwards
 * lands in the file again (the mapping still tracks it).  A private
 * mapping's own copy of a page stays (Linux: unmap_mapping_range() with
 * even_cows = 0).  Partial pages at the edges are zeroed in place.
 */
#define _GNU_SOURCE
#include "mm_file_util.h"

int main(void)
{
	const char *path = "/tmp/mm_punch_hole";
	int fd = mf_make(path, 5 * PG), ready[2], go[2];
	volatile char *a, *b, *priv;
	char buf[PG];
	pid_t pid;

	a = mmap(NULL, 5 * PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	b = mmap(NULL, 5 * PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	priv = mmap(NULL, 5 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	CHECK(a != MAP_FAILED && b != MAP_FAILED && priv != MAP_FAILED);
	CHECK(mf_all(a, 5 * PG, a[0]) == 0);	/* maps everything in */
	CHECK(b[PG] == 'b' && b[2 * PG] == 'c' && b[3 * PG] == 'd');
	CHECK(priv[PG] == 'b');			/* still the file's page */
	priv[2 * PG] = 'X';			/* a private copy */

	/* A child with the same mappings, waiting for the punch. */
	CHECK(pipe(ready) == 0 && pipe(go) == 0);
	pid = utest_fork();
	if (pid == 0) {
		CHECK(a[PG] == 'b' && priv[PG] == 'b');
		CHECK(write(ready[1], "r", 1) == 1);
		CHECK(read(go[0], buf, 1) == 1);
		CHECK(mf_all(a + PG, 2 * PG, 0) && mf_all(priv + PG, PG, 0));
		CHECK(priv[2 * PG] == 'X');
		_exit(0);
	}
	CHECK(read(ready[0], buf, 1) == 1);

	/* Pages 1 and 2 whole, plus the last 100 bytes of page 0 and the first 100 of page 3. */
	CHECK(fallocate(fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, PG - 100, 2 * PG + 200) == 0);
	CHECK(lseek(fd, 0, SEEK_HOLE) == PG);	/* before any read maps a page back */
	CHECK(write(go[1], "g", 1) == 1);
	CHECK_CHILD_OK(pid);

	CHECK(mf_all(a, PG - 100, 'a') && mf_all(a + PG - 100, 2 * PG + 200, 0));
	CHECK(mf_all(a + 3 * PG + 100, PG - 100, 'd') && mf_all(a + 4 * PG, PG, 'e'));
	CHECK(mf_all(b + PG, 2 * PG, 0));
	CHECK(mf_all(priv + PG, PG, 0));
	CHECK(priv[2 * PG] == 'X' && mf_all(priv + 2 * PG + 1, PG - 1, 'c'));

	/* The mappings follow the file again. */
	a[PG] = 'n';
	CHECK(b[PG] == 'n');
	CHECK(pread(fd, buf, 1, PG) == 1 && buf[0] == 'n');
	CHECK(pwrite(fd, "w", 1, 2 * PG) == 1);
	CHECK(a[2 * PG] == 'w' && b[2 * PG] == 'w');

	CHECK(munmap((void *)a, 5 * PG) == 0 && munmap((void *)b, 5 * PG) == 0);
	CHECK(munmap((void *)priv, 5 * PG) == 0);
	CHECK(close(fd) == 0 && unlink(path) == 0);
	return 0;
}
