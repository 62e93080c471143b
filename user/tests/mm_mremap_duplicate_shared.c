/*
 * mremap with old_len 0 makes a second mapping of the same pages, for
 * shared mappings only (Linux: a private one is EINVAL), and only with
 * MREMAP_MAYMOVE (else ENOMEM); the new mapping starts at the page the
 * old address names; both stay and see each other's stores.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/mman.h>
#include "utest.h"

#define PG 4096

int main(void)
{
	char *p = mmap(NULL, 2 * PG, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	char *priv = mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	const char *path = "/tmp/mm_mremap_dup";
	int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	char *f, *q;

	CHECK(p != MAP_FAILED && priv != MAP_FAILED && fd >= 0);
	memset(p, 'x', 2 * PG);
	q = mremap(p, 0, 2 * PG, MREMAP_MAYMOVE);
	CHECK(q != MAP_FAILED && q != p);
	CHECK(q[0] == 'x' && q[2 * PG - 1] == 'x');
	q[1] = 'y';
	CHECK(p[1] == 'y');
	CHECK(mremap(p, 0, PG, 0) == MAP_FAILED && errno == ENOMEM);
	CHECK(mremap(priv, 0, PG, MREMAP_MAYMOVE) == MAP_FAILED && errno == EINVAL);
	CHECK(munmap(q, 2 * PG) == 0 && p[1] == 'y');

	/* A file's second page, mapped again on its own. */
	CHECK(ftruncate(fd, 2 * PG) == 0 && pwrite(fd, "page1", 5, PG) == 5);
	f = mmap(NULL, 2 * PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	CHECK(f != MAP_FAILED);
	q = mremap(f + PG, 0, PG, MREMAP_MAYMOVE);
	CHECK(q != MAP_FAILED && memcmp(q, "page1", 5) == 0);
	q[0] = 'P';
	CHECK(f[PG] == 'P');
	CHECK(munmap(q, PG) == 0 && munmap(f, 2 * PG) == 0 && munmap(p, 2 * PG) == 0);
	CHECK(close(fd) == 0 && unlink(path) == 0);
	return 0;
}
