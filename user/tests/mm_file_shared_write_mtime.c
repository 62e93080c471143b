/*
 * A store through a MAP_SHARED tmpfs mapping updates the file's mtime and
 * ctime at the write fault, as Linux does for files without page_mkwrite
 * (fault_dirty_shared_page() calls file_update_time()).  Only a fault
 * does it: a page already mapped writable (written before, or read
 * before, since a shared writable mapping maps pages writable at once)
 * takes stores silently, and so does one mprotect made writable (its
 * entries are made writable too), msync and munmap change nothing, and private
 * mappings never touch the times.
 */
#include "mm_file_util.h"

#define OLD_SEC 1000

static void set_old_mtime(int fd)
{
	struct timespec ts[2] = { { OLD_SEC, 0 }, { OLD_SEC, 0 } };

	CHECK(futimens(fd, ts) == 0);
}

static struct stat stat_of(int fd)
{
	struct stat st;

	CHECK(fstat(fd, &st) == 0);
	return st;
}

static int mtime_is_old(int fd)
{
	struct stat st = stat_of(fd);

	return st.st_mtim.tv_sec == OLD_SEC && st.st_mtim.tv_nsec == 0;
}

int main(void)
{
	const char *path = "/tmp/mm_shared_write_mtime";
	int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
	volatile char *p, *priv;
	struct stat before, st;

	CHECK(fd >= 0);
	CHECK(ftruncate(fd, 4 * PG) == 0);
	p = mmap(NULL, 4 * PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	CHECK(p != MAP_FAILED);

	/* The first store into a page: the fault stamps mtime = ctime = now. */
	set_old_mtime(fd);
	before = stat_of(fd);
	utest_sleep_ms(30);
	p[0] = 'x';
	st = stat_of(fd);
	CHECK(st.st_mtim.tv_sec > OLD_SEC);
	CHECK(st.st_mtim.tv_sec == st.st_ctim.tv_sec && st.st_mtim.tv_nsec == st.st_ctim.tv_nsec);
	CHECK(st.st_ctim.tv_sec > before.st_ctim.tv_sec ||
	      (st.st_ctim.tv_sec == before.st_ctim.tv_sec &&
	       st.st_ctim.tv_nsec > before.st_ctim.tv_nsec));

	/* Mapped writable already: no fault, no new time. */
	set_old_mtime(fd);
	p[1] = 'y';
	CHECK(mtime_is_old(fd));
	(void)p[PG];
	p[PG] = 'z';
	CHECK(mtime_is_old(fd));
	CHECK(msync((void *)p, 4 * PG, MS_SYNC) == 0);
	CHECK(mtime_is_old(fd));

	/* A fresh page faults again. */
	p[2 * PG] = 'w';
	CHECK(!mtime_is_old(fd));

	/* Gone with munmap: nothing more happens. */
	set_old_mtime(fd);
	CHECK(munmap((void *)p, 4 * PG) == 0);
	CHECK(mtime_is_old(fd));

	/* A private mapping's copies are its own. */
	priv = mmap(NULL, 4 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	CHECK(priv != MAP_FAILED);
	priv[3 * PG] = 'p';
	priv[0] = 'q';
	CHECK(mtime_is_old(fd));
	CHECK(munmap((void *)priv, 4 * PG) == 0);

	/* Made writable by mprotect: the entries become writable, no fault either. */
	p = mmap(NULL, 4 * PG, PROT_READ, MAP_SHARED, fd, 0);
	CHECK(p != MAP_FAILED);
	(void)p[3 * PG];
	CHECK(mprotect((void *)p, 4 * PG, PROT_READ | PROT_WRITE) == 0);
	p[3 * PG + 1] = 'm';
	CHECK(mtime_is_old(fd));
	CHECK(munmap((void *)p, 4 * PG) == 0);

	/* The stores reached the file. */
	{
		char buf[3];

		CHECK(pread(fd, buf, 1, 0) == 1 && buf[0] == 'x');
		CHECK(pread(fd, buf, 1, PG) == 1 && buf[0] == 'z');
		CHECK(pread(fd, buf, 2, 3 * PG) == 2 && buf[0] == 0 && buf[1] == 'm');
	}
	CHECK(close(fd) == 0);
	CHECK(unlink(path) == 0);
	return 0;
}
