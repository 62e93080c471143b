/*
 * The vDSO: AT_SYSINFO_EHDR points at an ELF shared object exporting
 * Linux's functions under version LINUX_2.6 (found here the way musl's
 * and glibc's loaders find them: DT_HASH, DT_SYMTAB, DT_VERSYM/VERDEF),
 * with the unprefixed weak aliases too.  Its answers agree with the
 * system calls:
 *   - CLOCK_MONOTONIC, _RAW, _COARSE and BOOTTIME never go backwards
 *     across alternating vDSO and syscall reads (each kind against the
 *     syscall of the same clock);
 *   - CLOCK_REALTIME and gettimeofday likewise, and the vDSO sees a
 *     clock_settime() at once (the clock is put back afterwards);
 *   - time(), clock_getres() and getcpu() give the syscall's values;
 *   - a clock the vDSO does not compute (CPU time) still works, and an
 *     invalid one returns -EINVAL (the raw system call result);
 *   - a forked child calls the same addresses; its data page cannot be
 *     made writable (EACCES); its code cannot be changed in part
 *     (EINVAL), but made writable whole and written it changes the
 *     child's copy only, never the parent's.
 */
#define _GNU_SOURCE
#include <elf.h>
#include <sched.h>
#include <stdint.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include "utest.h"

typedef int (*gettime_fn)(clockid_t, struct timespec *);
typedef int (*tod_fn)(struct timeval *, void *);
typedef long (*time_fn)(long *);
typedef long (*getcpu_fn)(unsigned *, unsigned *, void *);

static uintptr_t base;			/* load bias: ehdr - first PT_LOAD's vaddr */
static const Elf64_Sym *symtab;
static const char *strtab;
static const uint32_t *hashtab;		/* DT_HASH: nbucket, nchain, ... */
static const uint16_t *versym;
static const Elf64_Verdef *verdef;

static void parse_vdso(const Elf64_Ehdr *eh)
{
	const Elf64_Phdr *ph = (const void *)((const char *)eh + eh->e_phoff);
	const Elf64_Dyn *dyn = NULL;

	CHECK(memcmp(eh->e_ident, ELFMAG, SELFMAG) == 0 && eh->e_type == ET_DYN);
	for (int i = 0; i < eh->e_phnum; i++) {
		if (ph[i].p_type == PT_LOAD && !base)
			base = (uintptr_t)eh + ph[i].p_offset - ph[i].p_vaddr;
		if (ph[i].p_type == PT_DYNAMIC)
			dyn = (const void *)((const char *)eh + ph[i].p_offset);
	}
	CHECK(base && dyn);
	for (; dyn->d_tag != DT_NULL; dyn++) {
		const void *p = (const void *)(base + dyn->d_un.d_ptr);

		switch (dyn->d_tag) {
		case DT_SYMTAB: symtab = p; break;
		case DT_STRTAB: strtab = p; break;
		case DT_HASH: hashtab = p; break;
		case DT_VERSYM: versym = p; break;
		case DT_VERDEF: verdef = p; break;
		}
	}
	CHECK(symtab && strtab && hashtab && versym && verdef);
}

/* Whether symbol i has version 'want' (by its VERDEF name). */
static int has_version(uint32_t i, const char *want)
{
	const Elf64_Verdef *d = verdef;
	uint16_t v = versym[i] & 0x7fff;

	for (;;) {
		if (!(d->vd_flags & VER_FLG_BASE) && d->vd_ndx == v) {
			const Elf64_Verdaux *aux = (const void *)((const char *)d + d->vd_aux);

			return strcmp(strtab + aux->vda_name, want) == 0;
		}
		if (!d->vd_next)
			return 0;
		d = (const void *)((const char *)d + d->vd_next);
	}
}

static void *vdso_sym(const char *name)
{
	for (uint32_t i = 0; i < hashtab[1]; i++) {
		const Elf64_Sym *s = &symtab[i];

		if (ELF64_ST_TYPE(s->st_info) != STT_FUNC || s->st_shndx == SHN_UNDEF)
			continue;
		if (strcmp(strtab + s->st_name, name) == 0 && has_version(i, "LINUX_2.6"))
			return (void *)(base + s->st_value);
	}
	return NULL;
}

static int64_t ts_ns(const struct timespec *ts)
{
	return (int64_t)ts->tv_sec * 1000000000 + ts->tv_nsec;
}

static int64_t sys_ns(clockid_t clk)
{
	struct timespec ts;

	CHECK(syscall(SYS_clock_gettime, clk, &ts) == 0);
	return ts_ns(&ts);
}

static int64_t vdso_ns(gettime_fn f, clockid_t clk)
{
	struct timespec ts = { -1, -1 };

	CHECK(f(clk, &ts) == 0);
	CHECK(ts.tv_nsec >= 0 && ts.tv_nsec < 1000000000);
	return ts_ns(&ts);
}

/* Alternate vDSO and syscall reads: the sequence never decreases. */
static void never_backwards(gettime_fn f, clockid_t clk)
{
	int64_t prev = vdso_ns(f, clk), now;

	for (int i = 0; i < 2000; i++) {
		now = (i & 1) ? vdso_ns(f, clk) : sys_ns(clk);
		if (now < prev)
			fprintf(stderr, "clock %d went back %lld ns at read %d\n", (int)clk,
				(long long)(prev - now), i);
		CHECK(now >= prev);
		prev = now;
	}
}

static void settime_seen(gettime_fn f)
{
	struct timespec saved, later;
	int64_t mono0 = sys_ns(CLOCK_MONOTONIC), elapsed;

	CHECK(clock_gettime(CLOCK_REALTIME, &saved) == 0);
	later = saved;
	later.tv_sec += 100000;
	CHECK(syscall(SYS_clock_settime, CLOCK_REALTIME, &later) == 0);
	CHECK(vdso_ns(f, CLOCK_REALTIME) >= ts_ns(&later));
	CHECK(vdso_ns(f, CLOCK_REALTIME) < ts_ns(&later) + 10 * 1000000000ll);
	/* Back to where it would have been. */
	elapsed = sys_ns(CLOCK_MONOTONIC) - mono0;
	saved.tv_sec += (saved.tv_nsec + elapsed) / 1000000000;
	saved.tv_nsec = (saved.tv_nsec + elapsed) % 1000000000;
	CHECK(syscall(SYS_clock_settime, CLOCK_REALTIME, &saved) == 0);
	CHECK(vdso_ns(f, CLOCK_REALTIME) < ts_ns(&saved) + 10 * 1000000000ll);
}

static void other_functions(gettime_fn gettime)
{
	tod_fn tod = vdso_sym("__vdso_gettimeofday");
	time_fn tm = vdso_sym("__vdso_time");
	getcpu_fn gc = vdso_sym("__vdso_getcpu");
	gettime_fn getres = vdso_sym("__vdso_clock_getres");
	static const clockid_t clocks[] = { CLOCK_REALTIME, CLOCK_MONOTONIC, CLOCK_MONOTONIC_RAW,
		CLOCK_REALTIME_COARSE, CLOCK_MONOTONIC_COARSE, CLOCK_BOOTTIME,
		CLOCK_PROCESS_CPUTIME_ID };
	struct timeval tv1, tv2;
	struct timespec r1, r2, ts;
	unsigned cpu = 99, node = 99, scpu = 98, snode = 98;
	long t1, t2;

	CHECK(tod && tm && gc && getres);
	CHECK(syscall(SYS_gettimeofday, &tv1, NULL) == 0);
	CHECK(tod(&tv2, NULL) == 0);
	CHECK(tv2.tv_usec >= 0 && tv2.tv_usec < 1000000);
	CHECK(tv2.tv_sec > tv1.tv_sec || (tv2.tv_sec == tv1.tv_sec && tv2.tv_usec >= tv1.tv_usec));
	CHECK(syscall(SYS_gettimeofday, &tv1, NULL) == 0);
	CHECK(tv1.tv_sec > tv2.tv_sec || (tv1.tv_sec == tv2.tv_sec && tv1.tv_usec >= tv2.tv_usec));

	t1 = tm(NULL);
	t2 = syscall(SYS_time, NULL);
	CHECK(t2 >= t1 && t2 - t1 <= 1);
	CHECK(tm(&t1) == t1 && t1 >= t2 && t1 - t2 <= 1);

	CHECK(gc(&cpu, &node, NULL) == 0);
	CHECK(syscall(SYS_getcpu, &scpu, &snode, NULL) == 0);
	CHECK(node == snode);
	CHECK(cpu < (unsigned)sysconf(_SC_NPROCESSORS_CONF));

	for (size_t i = 0; i < sizeof(clocks) / sizeof(clocks[0]); i++) {
		CHECK(getres(clocks[i], &r1) == 0);
		CHECK(syscall(SYS_clock_getres, clocks[i], &r2) == 0);
		CHECK(r1.tv_sec == r2.tv_sec && r1.tv_nsec == r2.tv_nsec);
	}
	CHECK(getres(CLOCK_MONOTONIC, NULL) == 0);
	/* The CPU-time clocks go to the system call; a bad clock is its -EINVAL. */
	CHECK(gettime(CLOCK_PROCESS_CPUTIME_ID, &ts) == 0 && ts.tv_nsec < 1000000000);
	CHECK(gettime(100, &ts) == -EINVAL);
	CHECK(getres(100, &ts) == -EINVAL);
}

/*
 * Make the vDSO's code writable.  It cannot be split, so every range
 * shorter than the whole area fails with EINVAL; returns the length that
 * worked (the whole area).
 */
static size_t make_code_writable(const Elf64_Ehdr *eh, long pg)
{
	for (size_t len = (size_t)pg; len <= 16 * (size_t)pg; len += (size_t)pg) {
		errno = 0;
		if (mprotect((void *)eh, len, PROT_READ | PROT_WRITE | PROT_EXEC) == 0)
			return len;
		CHECK(errno == EINVAL);
	}
	return 0;
}

static void in_a_child(gettime_fn f, const Elf64_Ehdr *eh)
{
	long pg = sysconf(_SC_PAGESIZE);
	uint8_t *code = (uint8_t *)((uintptr_t)f & ~(uintptr_t)(pg - 1));
	uint8_t saved = *code, flipped = (uint8_t)~saved;
	pid_t pid = utest_fork();
	int status;

	if (pid == 0) {
		never_backwards(f, CLOCK_MONOTONIC);
		/* The data page is never writable. */
		errno = 0;
		CHECK(mprotect((char *)eh - pg, pg, PROT_READ | PROT_WRITE) == -1);
		CHECK(errno == EACCES);
		/* The code may be, as a whole, and a write stays in this process. */
		size_t span = make_code_writable(eh, pg);

		CHECK(span >= (size_t)pg && (uintptr_t)f < (uintptr_t)eh + span);
		*code = flipped;
		_exit(*code == flipped ? 0 : 1);
	}
	status = utest_wait(pid);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	CHECK(*code == saved);
	CHECK(memcmp(eh->e_ident, ELFMAG, SELFMAG) == 0);
}

int main(void)
{
	const Elf64_Ehdr *eh = (const void *)getauxval(AT_SYSINFO_EHDR);
	static const clockid_t clocks[] = { CLOCK_MONOTONIC, CLOCK_MONOTONIC_RAW,
		CLOCK_MONOTONIC_COARSE, CLOCK_BOOTTIME, CLOCK_REALTIME, CLOCK_REALTIME_COARSE };
	gettime_fn gettime;

	CHECK(eh != NULL);
	parse_vdso(eh);
	gettime = vdso_sym("__vdso_clock_gettime");
	CHECK(gettime != NULL);
	CHECK(vdso_sym("clock_gettime") == (void *)gettime);
	CHECK(vdso_sym("gettimeofday") == vdso_sym("__vdso_gettimeofday"));
	CHECK(vdso_sym("time") == vdso_sym("__vdso_time"));
	CHECK(vdso_sym("getcpu") == vdso_sym("__vdso_getcpu"));
	CHECK(vdso_sym("clock_getres") == vdso_sym("__vdso_clock_getres"));
	for (size_t i = 0; i < sizeof(clocks) / sizeof(clocks[0]); i++)
		never_backwards(gettime, clocks[i]);
	other_functions(gettime);
	settime_seen(gettime);
	in_a_child(gettime, eh);
	return 0;
}
