/*
 * SMP self-tests: every CPU the firmware lists comes online and takes its
 * own timer ticks; kernel threads run on every CPU, several at the same
 * time; a mapping changed on one CPU is seen changed on another (TLB
 * shootdown), even when that CPU has interrupts off; and the allocators
 * survive being hammered from all CPUs at once.  With one CPU the tests
 * still run and check what one CPU can show.
 *
 * fault_panic_on_other_cpu (run only when named) panics on a CPU other
 * than the boot CPU, to check that the report comes out whole and every
 * CPU stops.
 *
 * Kernel threads are placed round robin (kernel/task.c), so creating
 * ncpus_online of them in a row puts one on each CPU.  A thread that must
 * run on a CPU other than the test's claims the job from whichever CPU it
 * landed on.  Every test joins its threads before returning (waits until
 * only its own reference is left, then drops it), so nothing of a test
 * is still running or freeing memory when the next one starts.
 */
#include <acpi.h>
#include <kmalloc.h>
#include <ktest.h>
#include <mm.h>
#include <panic.h>
#include <percpu.h>
#include <sched.h>
#include <string.h>
#include <time.h>
#include <vmalloc.h>
#include <arch/cpu.h>
#include <arch/mmu.h>

#define TEST_TIMEOUT_NS		(10 * NSEC_PER_SEC)
#define THREADS_PER_CPU		2
#define MAX_TEST_THREADS	(THREADS_PER_CPU * MAX_CPUS)

/* Yield until *flag reaches want, or the timeout passes; true on success. */
static bool wait_for(int *flag, int want)
{
	u64 deadline = clock_monotonic_ns() + TEST_TIMEOUT_NS;

	while (__atomic_load_n(flag, __ATOMIC_ACQUIRE) < want) {
		if (clock_monotonic_ns() > deadline)
			return false;
		yield();
	}
	return true;
}

/* Wait until t has switched away for the last time, then drop our reference. */
static void join(struct task *t)
{
	while (__atomic_load_n(&t->refcount, __ATOMIC_ACQUIRE) > 1)
		yield();
	task_put(t);
}

static unsigned int spawn(struct task **t, unsigned int n, void (*fn)(void *), void *arg)
{
	unsigned int made = 0;

	for (; made < n; made++) {
		t[made] = kthread_create(fn, arg, "ktest-smp");
		if (!t[made])
			break;
	}
	return made;
}

static void join_all(struct task **t, unsigned int n)
{
	for (unsigned int i = 0; i < n; i++)
		join(t[i]);
}

/* --- Bring-up ------------------------------------------------------------ */

KTEST(smp_every_cpu_online_and_ticking)
{
	const struct acpi_madt_info *m = acpi_madt();
	unsigned int n = __atomic_load_n(&ncpus_online, __ATOMIC_ACQUIRE);
	u64 start[MAX_CPUS];
	u64 deadline = clock_monotonic_ns() + TEST_TIMEOUT_NS;
	bool all;

	pr_info("ktest: %u CPUs online, %u listed by the firmware\n", n, m ? m->ncpus : 1);
	KTEST_EXPECT(n == (m ? MIN(m->ncpus, (unsigned int)MAX_CPUS) : 1));
	for (unsigned int i = 0; i < n; i++) {
		KTEST_EXPECT(cpus[i] && cpus[i]->id == i && cpus[i]->online && cpus[i]->idle);
		start[i] = READ_ONCE(cpus[i]->ticks);
	}
	do {
		all = true;
		for (unsigned int i = 0; i < n; i++)
			all &= READ_ONCE(cpus[i]->ticks) >= start[i] + 3;
		if (clock_monotonic_ns() > deadline)
			break;
		yield();
	} while (!all);
	KTEST_EXPECT(all);
	return 0;
}

/* --- Threads on every CPU ------------------------------------------------ */

static u64 cpus_seen;			/* atomic: bit per CPU a thread ran on */
static int overlapped;			/* atomic: threads that saw every CPU busy */

/*
 * Mark our CPU, then keep it busy (spinning, never sleeping) until every
 * CPU is marked: at that moment each CPU is running one of these threads.
 */
static void where_am_i(void *arg)
{
	u64 all = *(u64 *)arg;
	u64 deadline = clock_monotonic_ns() + TEST_TIMEOUT_NS;

	__atomic_fetch_or(&cpus_seen, 1ull << this_cpu()->id, __ATOMIC_SEQ_CST);
	while (__atomic_load_n(&cpus_seen, __ATOMIC_SEQ_CST) != all) {
		if (clock_monotonic_ns() > deadline)
			return;
		__builtin_ia32_pause();
	}
	__atomic_add_fetch(&overlapped, 1, __ATOMIC_SEQ_CST);
}

KTEST(smp_kthreads_run_on_every_cpu)
{
	static struct task *t[MAX_TEST_THREADS];
	unsigned int n = ncpus_online, made;
	u64 all = n == 64 ? ~0ull : (1ull << n) - 1;

	cpus_seen = 0;
	overlapped = 0;
	made = spawn(t, THREADS_PER_CPU * n, where_am_i, &all);
	join_all(t, made);
	pr_info("ktest: %u threads ran on CPUs mask 0x%llx\n", made,
		(unsigned long long)cpus_seen);
	KTEST_EXPECT(made == THREADS_PER_CPU * n);
	KTEST_EXPECT(cpus_seen == all);
	KTEST_EXPECT(overlapped == (int)made);
	return 0;
}

/* --- TLB shootdown ------------------------------------------------------- */

#define MAGIC_OLD	0x01d01d01d01d01d0ull
#define MAGIC_NEW	0x0e30e30e30e30e30ull

struct tlb_probe {
	unsigned int test_cpu;		/* immutable */
	volatile u64 *va;		/* immutable */
	phys_addr_t root;		/* immutable: tables the helper loads (0: the kernel's) */
	int claimed;			/* atomic: a helper on another CPU took the job */
	int step;			/* atomic: 1 old value read, 2 remapped, 3 new read */
	u64 before, after;
	unsigned int cpu;
};

/*
 * On another CPU, with interrupts off all along: read the page (its
 * translation is now cached), wait for the remap, read again.  Only a
 * shootdown that does not need interrupts can make the second read see
 * the new frame.
 */
static void tlb_prober(void *arg)
{
	struct tlb_probe *p = arg;
	unsigned long flags;
	int unclaimed = 0;

	if (this_cpu()->id == p->test_cpu ||
	    !__atomic_compare_exchange_n(&p->claimed, &unclaimed, 1, false, __ATOMIC_SEQ_CST,
					 __ATOMIC_SEQ_CST))
		return;
	flags = arch_irq_save();
	if (p->root)
		mmu_switch(p->root);		/* no switch can happen with interrupts off */
	p->cpu = this_cpu()->id;
	p->before = *p->va;
	__atomic_store_n(&p->step, 1, __ATOMIC_SEQ_CST);
	while (__atomic_load_n(&p->step, __ATOMIC_SEQ_CST) < 2)
		(void)*p->va;			/* keep using the old translation */
	p->after = *p->va;
	if (p->root)
		mmu_switch(kernel_root);
	arch_irq_restore(flags);
	__atomic_store_n(&p->step, 3, __ATOMIC_SEQ_CST);
}

static struct page *page_with(u64 magic)
{
	struct page *pg = alloc_page(GFP_ZERO);

	if (pg)
		*(u64 *)page_address(pg) = magic;
	return pg;
}

/*
 * Have a helper on another CPU watch va while we point it at 'fresh'.
 * Step 2 is always announced, so a helper never spins for ever.
 */
static int probe_remap(struct tlb_probe *p, phys_addr_t fresh)
{
	static struct task *t[MAX_CPUS];
	unsigned int made = spawn(t, ncpus_online, tlb_prober, p);
	bool primed = wait_for(&p->step, 1);
	int err = mmu_set(p->root ? p->root : kernel_root, (unsigned long)p->va, fresh,
			  MMU_READ | MMU_WRITE);
	bool done;

	__atomic_store_n(&p->step, 2, __ATOMIC_SEQ_CST);
	done = primed && wait_for(&p->step, 3);
	join_all(t, made);
	KTEST_EXPECT(made == ncpus_online && primed && err == 0 && done);
	return 0;
}

KTEST(smp_tlb_shootdown_reaches_other_cpus)
{
	struct tlb_probe p = { .test_cpu = this_cpu()->id };
	struct page *old = page_with(MAGIC_OLD), *fresh = page_with(MAGIC_NEW);
	void *area = vmalloc(PAGE_SIZE);
	phys_addr_t own;
	int err;

	if (ncpus_online < 2) {
		pr_info("ktest: one CPU, no shootdown to test\n");
		goto out;
	}
	KTEST_EXPECT(old && fresh && area && mmu_translate(kernel_root, (unsigned long)area,
							    &own, NULL));
	/* The area is ours alone; borrow its page-table entry, then give it back. */
	p.va = area;
	KTEST_EXPECT(mmu_set(kernel_root, (unsigned long)area, page_to_phys(old),
			     MMU_READ | MMU_WRITE) == 0);
	err = probe_remap(&p, page_to_phys(fresh));
	mmu_set(kernel_root, (unsigned long)area, own, MMU_READ | MMU_WRITE);
	KTEST_EXPECT(err == 0);
	pr_info("ktest: CPU %u read %llx, then %llx after CPU %u remapped\n", p.cpu,
		(unsigned long long)p.before, (unsigned long long)p.after, p.test_cpu);
	KTEST_EXPECT(p.before == MAGIC_OLD);
	KTEST_EXPECT(p.after == MAGIC_NEW);
out:
	vfree(area);
	if (old)
		free_page(old);
	if (fresh)
		free_page(fresh);
	return 0;
}

#define TLB_TEST_USER_VA	0x400000ul

/*
 * The same for a user-half address of an address space that only the
 * helper has loaded: this CPU runs on the kernel's tables, so the
 * shootdown must find the helper through the root it loaded
 * (tlb_flush_root), not through its own.
 */
KTEST(smp_tlb_shootdown_reaches_user_root)
{
	struct tlb_probe p = { .test_cpu = this_cpu()->id, .va = (u64 *)TLB_TEST_USER_VA };
	struct page *old = page_with(MAGIC_OLD), *fresh = page_with(MAGIC_NEW);
	phys_addr_t root = mmu_new_root();
	int err;

	if (ncpus_online < 2) {
		pr_info("ktest: one CPU, no shootdown to test\n");
		goto out;
	}
	KTEST_EXPECT(old && fresh && root);
	/* Supervisor-only (no MMU_USER), so reading it needs no SMAP override. */
	KTEST_EXPECT(mmu_map(root, TLB_TEST_USER_VA, page_to_phys(old), PAGE_SIZE,
			     MMU_READ | MMU_WRITE) == 0);
	p.root = root;
	err = probe_remap(&p, page_to_phys(fresh));
	mmu_unmap(root, TLB_TEST_USER_VA, PAGE_SIZE);
	KTEST_EXPECT(err == 0);
	KTEST_EXPECT(p.before == MAGIC_OLD);
	KTEST_EXPECT(p.after == MAGIC_NEW);
out:
	if (root)
		mmu_free_root(root);
	if (old)
		free_page(old);
	if (fresh)
		free_page(fresh);
	return 0;
}

/* --- Allocators under load from every CPU -------------------------------- */

#define STRESS_ROUNDS	256
#define STRESS_LIVE	16

static int stress_errors;		/* atomic */

static void note_error(const char *what, unsigned int cpu)
{
	if (__atomic_add_fetch(&stress_errors, 1, __ATOMIC_SEQ_CST) == 1)
		pr_err("ktest: %s corrupted on CPU %u\n", what, cpu);
}

static bool check_fill(const u8 *p, size_t len, u8 v)
{
	for (size_t i = 0; i < len; i++) {
		if (p[i] != v)
			return false;
	}
	return true;
}

static void nothing(void *arg)
{
}

/* Pages, vmalloc (a shootdown from every CPU at once) and a short-lived thread. */
static void stress_big(unsigned int round, u8 tag)
{
	if (round % 8 == 0) {
		unsigned int order = round / 8 % 3;
		struct page *pg = alloc_pages(GFP_KERNEL, order);

		if (pg) {
			memset(page_address(pg), tag, PAGE_SIZE << order);
			if (!check_fill(page_address(pg), PAGE_SIZE << order, tag))
				note_error("alloc_pages", this_cpu()->id);
			free_pages(pg, order);
		}
	}
	if (round % 32 == 0) {
		size_t len = PAGE_SIZE * (1 + round / 32 % 3);
		u8 *v = vmalloc(len);

		if (v) {
			memset(v, tag, len);
			if (!check_fill(v, len, tag))
				note_error("vmalloc", this_cpu()->id);
			vfree(v);
		}
	}
	if (round % 128 == 0) {
		struct task *t = kthread_create(nothing, NULL, "ktest-short");

		if (t)
			join(t);
	}
}

static void stress_worker(void *arg)
{
	u8 *live[STRESS_LIVE] = { 0 };
	size_t size[STRESS_LIVE] = { 0 };
	u8 tag = (u8)(unsigned long)arg;

	for (unsigned int r = 0; r < STRESS_ROUNDS; r++) {
		unsigned int slot = r % STRESS_LIVE;

		if (live[slot]) {
			if (!check_fill(live[slot], size[slot], (u8)(tag + slot)))
				note_error("kmalloc", this_cpu()->id);
			kfree(live[slot]);
		}
		size[slot] = 1 + (r * 37 + tag * 11) % 3000;
		live[slot] = kmalloc(size[slot], GFP_KERNEL);
		if (live[slot])
			memset(live[slot], (u8)(tag + slot), size[slot]);
		stress_big(r, tag);
	}
	for (unsigned int i = 0; i < STRESS_LIVE; i++)
		kfree(live[i]);
}

KTEST(smp_allocators_under_load_from_every_cpu)
{
	static struct task *t[MAX_TEST_THREADS];
	unsigned int n = THREADS_PER_CPU * ncpus_online, made = 0;
	u64 before;

	/* Warm up: every kmalloc cache keeps one slab, which is not a leak. */
	for (size_t s = 16; s <= 2048; s *= 2)
		kfree(kmalloc(s, GFP_KERNEL));
	before = mm_free_pages();
	stress_errors = 0;
	for (; made < n; made++) {
		t[made] = kthread_create(stress_worker, (void *)(unsigned long)(made * 29 + 1),
					 "ktest-stress");
		if (!t[made])
			break;
	}
	join_all(t, made);
	pr_info("ktest: %u allocator workers, free pages %llu -> %llu\n", made,
		(unsigned long long)before, (unsigned long long)mm_free_pages());
	KTEST_EXPECT(made == n);
	KTEST_EXPECT(stress_errors == 0);
	/* Slack: caches may keep a different resident slab than before. */
	KTEST_EXPECT(mm_free_pages() + 16 >= before);
	return 0;
}

/* --- Panic away from the boot CPU (deliberate crash) --------------------- */

static void panic_if_not_boot_cpu(void *arg)
{
	if (this_cpu()->id != 0)
		panic("ktest: deliberate panic on CPU %u", this_cpu()->id);
}

KTEST(fault_panic_on_other_cpu)
{
	static struct task *t[MAX_CPUS];
	unsigned int made = spawn(t, ncpus_online, panic_if_not_boot_cpu, NULL);

	join_all(t, made);
	pr_info("ktest: one CPU, nothing to panic on\n");
	return -1;
}
