/*
 * System-call entry and memory management: the null system call, mmap +
 * munmap, anonymous page faults, and free memory as /init starts.
 */
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <unistd.h>

#include "bench.h"

#define GETPPID_CALLS	100000
#define MMAP_PAIRS	5000
#define FAULT_PAGES	8192		/* 32 MiB of 4 KiB pages */
#define PAGE		4096

/*
 * The null system call: getppid through syscall(2), so no libc shortcut
 * can answer it.  Every answer must equal the first.
 */
void bench_getppid(void)
{
	long want = must(syscall(SYS_getppid), "getppid");
	uint64_t t0, t1;

	t0 = bench_now();
	for (long i = 0; i < GETPPID_CALLS; i++)
		if (syscall(SYS_getppid) != want)
			bench_fail("getppid changed its answer at call %ld", i);
	t1 = bench_now();
	bench_time("syscall_getppid", bench_per_op(t0, t1, GETPPID_CALLS, 1), "ns");
}

/* mmap + munmap of one untouched anonymous page. */
void bench_mmap_munmap(void)
{
	uint64_t t0, t1;

	t0 = bench_now();
	for (long i = 0; i < MMAP_PAIRS; i++) {
		void *p = mmap(NULL, PAGE, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

		if (p == MAP_FAILED)
			must(-1, "mmap");
		must(munmap(p, PAGE), "munmap");
	}
	t1 = bench_now();
	bench_time("mmap_munmap", bench_per_op(t0, t1, MMAP_PAIRS, 1), "ns");
}

/*
 * One write fault per 4 KiB page of a fresh anonymous mapping.  Linux
 * would otherwise back an aligned 32 MiB region with 2 MiB pages
 * (Debian's THP is "always"), so ask for small pages; a kernel without
 * madvise has no huge pages either, so ENOSYS there is fine.
 */
void bench_page_fault(void)
{
	size_t len = (size_t)FAULT_PAGES * PAGE;
	volatile unsigned char *p;
	uint64_t t0, t1;
	void *map;

	map = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (map == MAP_FAILED)
		must(-1, "mmap");
	if (madvise(map, len, MADV_NOHUGEPAGE) != 0 && errno != ENOSYS)
		must(-1, "madvise");
	p = map;
	t0 = bench_now();
	for (long i = 0; i < FAULT_PAGES; i++)
		p[i * PAGE] = (unsigned char)(i | 1);
	t1 = bench_now();
	for (long i = 0; i < FAULT_PAGES; i++) {
		expect(p[i * PAGE] == (unsigned char)(i | 1), "page %ld lost its write", i);
		expect(p[i * PAGE + 1] == 0, "page %ld is not zero-filled", i);
	}
	must(munmap(map, len), "munmap");
	bench_time("anon_page_fault", bench_per_op(t0, t1, FAULT_PAGES, 1), "ns");
}

/*
 * Free RAM as /init starts, as sysinfo(2) counts it.  The runner, which
 * knows the machine's -m, turns it into "RAM in use" (-m minus free): that
 * counts everything the kernel holds, which sysinfo's totalram does not
 * (Linux leaves its image and page descriptors out of totalram).
 */
void bench_sysinfo(void)
{
	struct sysinfo si;
	double unit;

	must(sysinfo(&si), "sysinfo");
	expect(si.totalram > 0 && si.freeram <= si.totalram,
	       "sysinfo says %lu free of %lu", si.freeram, si.totalram);
	unit = si.mem_unit ? si.mem_unit : 1;
	bench_count("mem_free_at_init", (double)si.freeram * unit / 1024, "KiB");
}
