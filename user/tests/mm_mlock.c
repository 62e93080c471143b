/*
 * The mlock family: mlock faults the range in and marks it locked
 * (VmLck, smaps "lo" and Locked), munlock undoes it, mlock2's
 * MLOCK_ONFAULT locks without faulting (flag "??" in Linux 6.1's smaps), mlockall(MCL_FUTURE) locks
 * later mappings, munlockall ends it all; a forked child inherits no lock;
 * locked pages refuse MADV_DONTNEED.  Without root, RLIMIT_MEMLOCK rules:
 * 0 is EPERM, over it ENOMEM (mmap MAP_LOCKED: EAGAIN).  Linux's argument
 * checks and rounding.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include "utest.h"

#define PG 4096

static char text[1 << 17];

static void read_file(const char *path)
{
	int fd = open(path, O_RDONLY);
	ssize_t n, got = 0;

	CHECK(fd >= 0);
	while ((n = read(fd, text + got, sizeof(text) - 1 - (size_t)got)) > 0)
		got += n;
	text[got] = '\0';
	close(fd);
}

static long vm_lck_kb(void)
{
	char *p;

	read_file("/proc/self/status");
	p = strstr(text, "\nVmLck:");
	CHECK(p);
	return strtol(p + 7, NULL, 10);
}

/* The smaps block of the area at addr, cut at its end. */
static char *smaps_of(void *addr)
{
	char head[32], *p, *end;

	read_file("/proc/self/smaps");
	snprintf(head, sizeof(head), "%08lx-", (unsigned long)addr);
	p = strstr(text, head);
	CHECK(p);
	end = strstr(p, "\nVmFlags:");
	CHECK(end);
	end = strchr(end + 1, '\n');
	if (end)
		end[1] = '\0';
	return p;
}

static long smaps_kb(void *addr, const char *name)
{
	char key[32], *p = smaps_of(addr);

	snprintf(key, sizeof(key), "\n%s:", name);
	p = strstr(p, key);
	CHECK(p);
	return strtol(p + strlen(key), NULL, 10);
}

static int has_flag(void *addr, const char *flag)
{
	char *p = strstr(smaps_of(addr), "VmFlags:");
	char key[8];

	snprintf(key, sizeof(key), " %s ", flag);
	return p && strstr(p, key) != NULL;
}

static char *map_anon(size_t pages)
{
	char *p = mmap(NULL, pages * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	CHECK(p != MAP_FAILED);
	return p;
}

static void check_mlock_munlock(void)
{
	char *p = map_anon(8);
	long base = vm_lck_kb();

	CHECK(mlock(p + PG, 3 * PG) == 0);
	CHECK(vm_lck_kb() == base + 12);
	CHECK(has_flag(p + PG, "lo") && !has_flag(p, "lo"));
	CHECK(smaps_kb(p + PG, "Rss") == 12 && smaps_kb(p + PG, "Locked") == 12);
	CHECK(madvise(p + PG, PG, MADV_DONTNEED) == -1 && errno == EINVAL);
	CHECK(munlock(p + PG, 3 * PG) == 0);
	CHECK(vm_lck_kb() == base);
	/* An unaligned start covers its whole page. */
	CHECK(mlock(p + 100, 10) == 0);
	CHECK(vm_lck_kb() == base + 4);
	CHECK(munlock(p, 8 * PG) == 0);
	CHECK(vm_lck_kb() == base);
	CHECK(munmap(p + 6 * PG, 2 * PG) == 0);
	/* A hole: ENOMEM, the mapped part before it locked. */
	CHECK(mlock(p + 4 * PG, 4 * PG) == -1 && errno == ENOMEM);
	CHECK(vm_lck_kb() == base + 8);
	CHECK(munlock(p + 4 * PG, 4 * PG) == -1 && errno == ENOMEM);
	CHECK(vm_lck_kb() == base);
	CHECK(mlock(p + 6 * PG, PG) == -1 && errno == ENOMEM);
	CHECK(mlock(p, 0) == 0);
	CHECK(munmap(p, 6 * PG) == 0);
}

static void check_mlock2_onfault(void)
{
	char *p = map_anon(4);

	CHECK(syscall(SYS_mlock2, p, PG, 2) == -1 && errno == EINVAL);
	CHECK(syscall(SYS_mlock2, p, 4 * PG, 1) == 0);	/* MLOCK_ONFAULT */
	CHECK(has_flag(p, "lo") && has_flag(p, "??"));	/* Linux 6.1 has no name for it */
	CHECK(smaps_kb(p, "Rss") == 0);
	p[0] = 1;
	CHECK(smaps_kb(p, "Rss") == 4 && smaps_kb(p, "Locked") == 4);
	CHECK(munmap(p, 4 * PG) == 0);
}

static void check_mlockall(void)
{
	pid_t pid = utest_fork();

	if (pid == 0) {
		char *p;

		CHECK(mlockall(0) == -1 && errno == EINVAL);
		CHECK(mlockall(MCL_ONFAULT) == -1 && errno == EINVAL);
		CHECK(mlockall(8) == -1 && errno == EINVAL);
		CHECK(mlockall(MCL_CURRENT | MCL_FUTURE) == 0);
		CHECK(vm_lck_kb() > 0);
		p = map_anon(4);
		CHECK(has_flag(p, "lo") && smaps_kb(p, "Rss") == 16);
		CHECK(munlockall() == 0);
		CHECK(vm_lck_kb() == 0 && !has_flag(p, "lo"));
		CHECK(munmap(p, 4 * PG) == 0);	/* Linux would merge the next one with it */
		p = map_anon(4);
		CHECK(!has_flag(p, "lo") && smaps_kb(p, "Rss") == 0);
		/* MCL_FUTURE alone leaves what exists alone. */
		CHECK(mlockall(MCL_FUTURE) == 0 && vm_lck_kb() == 0);
		p = mmap(NULL, PG, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		CHECK(p != MAP_FAILED && has_flag(p, "lo") && vm_lck_kb() == 4);
		_exit(0);
	}
	CHECK_CHILD_OK(pid);
}

static void check_fork_not_inherited(void)
{
	char *p = map_anon(2);
	pid_t pid;

	CHECK(mlock(p, 2 * PG) == 0);
	pid = utest_fork();
	if (pid == 0) {
		CHECK(vm_lck_kb() == 0 && !has_flag(p, "lo"));
		_exit(0);
	}
	CHECK_CHILD_OK(pid);
	CHECK(vm_lck_kb() >= 8);
	CHECK(munmap(p, 2 * PG) == 0);
}

/* mmap(MAP_LOCKED) of a page; the system call itself (musl turns EPERM into ENOMEM). */
static long map_locked(void)
{
	return syscall(SYS_mmap, 0, PG, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_LOCKED, -1, 0);
}

static void check_limits(void)
{
	pid_t pid = utest_fork();

	if (pid == 0) {
		struct rlimit two = { 2 * PG, 2 * PG }, none = { 0, 0 };
		char *p = map_anon(4);

		CHECK(setrlimit(RLIMIT_MEMLOCK, &two) == 0);
		CHECK(setuid(1000) == 0);
		CHECK(mlock(p, 3 * PG) == -1 && errno == ENOMEM);
		CHECK(mlock(p, 2 * PG) == 0);
		CHECK(mlock(p, 2 * PG) == 0);		/* already locked: no more */
		CHECK(map_locked() == -1 && errno == EAGAIN);
		CHECK(mlockall(MCL_CURRENT) == -1 && errno == ENOMEM);
		CHECK(munlock(p, 4 * PG) == 0);
		CHECK(setrlimit(RLIMIT_MEMLOCK, &none) == 0);
		CHECK(mlock(p, PG) == -1 && errno == EPERM);
		CHECK(mlockall(MCL_FUTURE) == -1 && errno == EPERM);
		CHECK(map_locked() == -1 && errno == EPERM);
		CHECK(munlock(p, PG) == 0);
		_exit(0);
	}
	CHECK_CHILD_OK(pid);
}

int main(void)
{
	check_mlock_munlock();
	check_mlock2_onfault();
	check_mlockall();
	check_fork_not_inherited();
	check_limits();
	return 0;
}
