/*
 * The vDSO's functions: clock_gettime, gettimeofday, time, clock_getres
 * and getcpu, under Linux's names (__vdso_*, version LINUX_2.6, with the
 * plain names as weak aliases) so that glibc and musl find and call them.
 *
 * This is user-space code inside every process.  It reads the kernel's
 * data page (struct vdso_data, mapped one page below this code) and the
 * TSC, and computes the clocks exactly as the kernel's system calls do;
 * clocks it does not know, or a kernel without a usable TSC, take the
 * real system call, so the answer is always the kernel's.  Return values
 * are the system call's: 0 or a negative errno.
 *
 * Built position-independent with no relocations (the kernel maps it
 * anywhere as is), no stack protector, general registers only.
 */
#include <stdint.h>
#include <asm/vdso_data.h>

#define NSEC_PER_SEC		1000000000ll
#define NR_gettimeofday		96
#define NR_time			201
#define NR_clock_gettime	228
#define NR_clock_getres		229
#define NR_getcpu		309

/* Linux's clock ids; the others go to the system call. */
#define CLOCK_REALTIME		0
#define CLOCK_MONOTONIC		1
#define CLOCK_MONOTONIC_RAW	4
#define CLOCK_REALTIME_COARSE	5
#define CLOCK_MONOTONIC_COARSE	6
#define CLOCK_BOOTTIME		7

/* The per-CPU GDT entry whose limit is the CPU number (as Linux's 0x7b). */
#define CPUNODE_SELECTOR	0x7b

struct vdso_timespec { int64_t tv_sec, tv_nsec; };
struct vdso_timeval { int64_t tv_sec, tv_usec; };
struct vdso_timezone { int tz_minuteswest, tz_dsttime; };

/* The data page: the linker script puts this symbol one page below the image. */
extern const volatile struct vdso_data vvar_page __attribute__((visibility("hidden")));

static long syscall2(long nr, long a, long b)
{
	long ret;

	__asm__ __volatile__("syscall" : "=a"(ret) : "a"(nr), "D"(a), "S"(b)
			     : "rcx", "r11", "memory");
	return ret;
}

static long syscall3(long nr, long a, long b, long c)
{
	long ret;

	__asm__ __volatile__("syscall" : "=a"(ret) : "a"(nr), "D"(a), "S"(b), "d"(c)
			     : "rcx", "r11", "memory");
	return ret;
}

/* lfence keeps rdtsc from running ahead of the loads before it. */
static inline uint64_t rdtsc_ordered(void)
{
	uint32_t lo, hi;

	__asm__ __volatile__("lfence; rdtsc" : "=a"(lo), "=d"(hi) : : "memory");
	return (uint64_t)hi << 32 | lo;
}

/*
 * Nanoseconds of CLOCK_MONOTONIC (realtime: plus the offset), or -1 when
 * the kernel has no TSC clock for us.  Inlined: the hot path then needs
 * no stack frame (clock_gettime is the call programs make most).
 */
static inline __attribute__((always_inline)) int read_clock_ns(int realtime, int64_t *ns)
{
	const volatile struct vdso_data *vd = &vvar_page;
	uint32_t seq, mode;
	uint64_t base, mult, tsc;
	int64_t offset;

	do {
		seq = __atomic_load_n(&vd->seq, __ATOMIC_ACQUIRE);
		if (seq & 1) {
			__asm__ __volatile__("pause");
			continue;
		}
		mode = vd->clock_mode;
		base = vd->tsc_base;
		mult = vd->tsc_mult;
		offset = vd->realtime_offset_ns;
		tsc = rdtsc_ordered();
		__atomic_thread_fence(__ATOMIC_ACQUIRE);
	} while ((seq & 1) || __atomic_load_n(&vd->seq, __ATOMIC_RELAXED) != seq);
	if (mode != VDSO_CLOCK_TSC)
		return -1;
	*ns = (int64_t)(uint64_t)(((unsigned __int128)(tsc - base) * mult) >> 32);
	if (realtime)
		*ns += offset;
	return 0;
}

static struct vdso_timespec ns_to_timespec(int64_t ns)
{
	struct vdso_timespec ts;

	if (ns >= 0) {		/* the usual case: unsigned division is shorter */
		ts.tv_sec = (int64_t)((uint64_t)ns / NSEC_PER_SEC);
		ts.tv_nsec = (int64_t)((uint64_t)ns % NSEC_PER_SEC);
		return ts;
	}
	ts.tv_sec = ns / NSEC_PER_SEC;
	ts.tv_nsec = ns % NSEC_PER_SEC;
	if (ts.tv_nsec < 0) {
		ts.tv_sec--;
		ts.tv_nsec += NSEC_PER_SEC;
	}
	return ts;
}

/* 1 realtime, 0 monotonic, -1 not ours. */
static int clock_kind(int clk)
{
	switch (clk) {
	case CLOCK_REALTIME:
	case CLOCK_REALTIME_COARSE:
		return 1;
	case CLOCK_MONOTONIC:
	case CLOCK_MONOTONIC_RAW:
	case CLOCK_MONOTONIC_COARSE:
	case CLOCK_BOOTTIME:
		return 0;
	default:
		return -1;
	}
}

__attribute__((visibility("default")))
int __vdso_clock_gettime(int clk, struct vdso_timespec *ts)
{
	int kind = clock_kind(clk);
	int64_t ns;

	if (kind < 0 || read_clock_ns(kind, &ns))
		return (int)syscall2(NR_clock_gettime, clk, (long)ts);
	*ts = ns_to_timespec(ns);
	return 0;
}

__attribute__((visibility("default")))
int __vdso_gettimeofday(struct vdso_timeval *tv, struct vdso_timezone *tz)
{
	struct vdso_timespec ts;
	int64_t ns;

	if (tv) {
		if (read_clock_ns(1, &ns))
			return (int)syscall2(NR_gettimeofday, (long)tv, (long)tz);
		ts = ns_to_timespec(ns);
		tv->tv_sec = ts.tv_sec;
		tv->tv_usec = ts.tv_nsec / 1000;
	}
	if (tz) {
		tz->tz_minuteswest = 0;		/* the kernel keeps no time zone: UTC */
		tz->tz_dsttime = 0;
	}
	return 0;
}

__attribute__((visibility("default")))
int64_t __vdso_time(int64_t *t)
{
	int64_t ns, secs;

	if (read_clock_ns(1, &ns))
		return syscall2(NR_time, (long)t, 0);
	secs = ns / NSEC_PER_SEC;
	if (t)
		*t = secs;
	return secs;
}

__attribute__((visibility("default")))
int __vdso_clock_getres(int clk, struct vdso_timespec *res)
{
	const volatile struct vdso_data *vd = &vvar_page;
	int coarse = clk == CLOCK_REALTIME_COARSE || clk == CLOCK_MONOTONIC_COARSE;

	if (clock_kind(clk) < 0 || vd->clock_mode != VDSO_CLOCK_TSC)
		return (int)syscall2(NR_clock_getres, clk, (long)res);
	if (res) {
		res->tv_sec = 0;
		res->tv_nsec = coarse ? (int64_t)vd->coarse_res_ns : 1;
	}
	return 0;
}

/* The CPU number is the limit of a per-CPU GDT entry user mode may read with lsl. */
__attribute__((visibility("default")))
long __vdso_getcpu(unsigned int *cpu, unsigned int *node, void *cache)
{
	unsigned int limit;
	uint8_t ok;

	__asm__ __volatile__("lsl %[sel], %[lim]; setz %[ok]"
			     : [lim] "=r"(limit), [ok] "=qm"(ok) : [sel] "r"(CPUNODE_SELECTOR));
	if (!ok)
		return syscall3(NR_getcpu, (long)cpu, (long)node, (long)cache);
	if (cpu)
		*cpu = limit & 0xfff;
	if (node)
		*node = limit >> 12;
	return 0;
}

int clock_gettime(int, struct vdso_timespec *)
	__attribute__((weak, alias("__vdso_clock_gettime"), visibility("default")));
int gettimeofday(struct vdso_timeval *, struct vdso_timezone *)
	__attribute__((weak, alias("__vdso_gettimeofday"), visibility("default")));
int64_t time(int64_t *)
	__attribute__((weak, alias("__vdso_time"), visibility("default")));
int clock_getres(int, struct vdso_timespec *)
	__attribute__((weak, alias("__vdso_clock_getres"), visibility("default")));
long getcpu(unsigned int *, unsigned int *, void *)
	__attribute__((weak, alias("__vdso_getcpu"), visibility("default")));
