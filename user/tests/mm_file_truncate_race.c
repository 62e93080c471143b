/*
 * Truncate racing with faults, forks and private copies: one process
 * keeps cutting a file to nothing and filling it again while another
 * touches every page of a shared and a private mapping of it (catching
 * the SIGBUS a cut page raises) and forks children that do the same.
 * Every page read must hold either the current fill or zeroes (a page in
 * the middle of being filled again), never anything else; SIGBUS may only
 * come while the file is short.  Then, with the file at full size, both
 * mappings must show the final contents.  On SMP this exercises the
 * truncate sweep against concurrent faults and fork.
 */
#include <sched.h>
#include "mm_file_util.h"

#define NPAGES	8
#define ROUNDS	200
#define PATH	"/tmp/mm_file_race"

static void fill(int fd, char c)
{
	static char page[PG];

	memset(page, c, sizeof(page));
	for (int i = 0; i < NPAGES; i++)
		CHECK(pwrite(fd, page, PG, (off_t)i * PG) == PG);
}

/* Touch every page; returns how many raised SIGBUS. */
static int touch_all(char *s, char *p, int write_private)
{
	int bus = 0;

	for (int i = 0; i < NPAGES; i++) {
		char *sp = s + i * PG, *pp = p + i * PG;
		int sig = mf_probe(sp + 17, 0);

		if (sig == SIGBUS) {
			bus++;
		} else {
			char c = sp[17];

			CHECK(sig == 0);
			CHECK(c == 0 || (c >= 'A' && c <= 'Z'));
		}
		sig = mf_probe(pp + 33, write_private);
		CHECK(sig == 0 || sig == SIGBUS);
	}
	return bus;
}

static void toucher(int rounds)
{
	int fd = open(PATH, O_RDWR);
	char *s, *p;

	CHECK(fd >= 0);
	s = mmap(NULL, NPAGES * PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	p = mmap(NULL, NPAGES * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	CHECK(s != MAP_FAILED && p != MAP_FAILED);
	for (int r = 0; r < rounds; r++) {
		touch_all(s, p, r & 1);
		if (r % 25 == 0) {
			pid_t pid = utest_fork();

			if (pid == 0) {
				touch_all(s, p, 1);
				_exit(0);
			}
			CHECK_CHILD_OK(pid);
		}
		if (r % 7 == 0)
			CHECK(madvise(p, NPAGES * PG, MADV_DONTNEED) == 0);
	}
	_exit(0);
}

int main(void)
{
	int fd = mf_make(PATH, NPAGES * PG);
	pid_t t1, t2;
	char *s, *p;

	fill(fd, 'A');
	t1 = utest_fork();
	if (t1 == 0)
		toucher(ROUNDS);
	t2 = utest_fork();
	if (t2 == 0)
		toucher(ROUNDS / 2);
	for (int r = 0; r < ROUNDS; r++) {
		CHECK(ftruncate(fd, (r % 3) * PG / 2) == 0);
		if (r % 5 == 0)
			sched_yield();
		fill(fd, 'A' + r % 26);
	}
	CHECK_CHILD_OK(t1);
	CHECK_CHILD_OK(t2);

	fill(fd, 'Z');
	s = mmap(NULL, NPAGES * PG, PROT_READ, MAP_SHARED, fd, 0);
	p = mmap(NULL, NPAGES * PG, PROT_READ, MAP_PRIVATE, fd, 0);
	CHECK(s != MAP_FAILED && p != MAP_FAILED);
	CHECK(mf_all(s, NPAGES * PG, 'Z') && mf_all(p, NPAGES * PG, 'Z'));
	CHECK(unlink(PATH) == 0);
	return 0;
}
