/*
 * Self-test of AP set-up: every CPU must end up configured like the boot
 * CPU (control registers, EFER, syscall MSRs, its own GS base, GDT and
 * TSS, the shared IDT), or user code and traps would behave differently
 * depending on where a task happens to run.  A kernel thread per CPU
 * (round-robin placement puts one on each) records its CPU's state; the
 * boot CPU's record is the reference.
 */
#include <ktest.h>
#include <percpu.h>
#include <sched.h>
#include <time.h>
#include <arch/cpu.h>
#include <asm/cpu.h>
#include <asm/desc.h>

struct cpu_state {
	bool seen;
	u64 cr0, cr4, efer, star, lstar, sfmask, gs_base;
	u64 gdt_base, idt_base;
	u16 tr;
};

static struct cpu_state states[MAX_CPUS];

static void record_state(void *arg)
{
	struct cpu_state *s = &states[this_cpu()->id];
	unsigned long flags = arch_irq_save();

	s->tr = read_tr();
	s->cr0 = read_cr0();
	s->cr4 = read_cr4();
	s->efer = rdmsr(MSR_EFER);
	s->star = rdmsr(MSR_STAR);
	s->lstar = rdmsr(MSR_LSTAR);
	s->sfmask = rdmsr(MSR_SFMASK);
	s->gs_base = rdmsr(MSR_GS_BASE);
	s->gdt_base = read_gdt_base();
	s->idt_base = read_idt_base();
	s->seen = true;
	arch_irq_restore(flags);
}

/* Differences that must not exist between CPU i and the boot CPU. */
static int compare_with_boot_cpu(unsigned int i)
{
	const struct cpu_state *b = &states[0], *s = &states[i];

	KTEST_EXPECT(s->seen);
	KTEST_EXPECT(s->cr0 == b->cr0 && s->cr4 == b->cr4 && s->efer == b->efer);
	KTEST_EXPECT(s->star == b->star && s->lstar == b->lstar && s->sfmask == b->sfmask);
	KTEST_EXPECT(s->idt_base == b->idt_base && s->tr == b->tr);
	KTEST_EXPECT(s->gs_base == (u64)cpus[i]);
	KTEST_EXPECT(s->gdt_base == (u64)cpus[i]->arch->gdt);
	return 0;
}

KTEST(smp_every_cpu_set_up_like_the_boot_cpu)
{
	struct task *t[MAX_CPUS];
	unsigned int n = ncpus_online, made = 0;

	for (unsigned int i = 0; i < n; i++)
		states[i].seen = false;
	while (made < n && (t[made] = kthread_create(record_state, NULL, "ktest-cpu-state")))
		made++;
	for (unsigned int i = 0; i < made; i++) {
		while (__atomic_load_n(&t[i]->refcount, __ATOMIC_ACQUIRE) > 1)
			yield();
		task_put(t[i]);
	}
	KTEST_EXPECT(made == n);
	for (unsigned int i = 0; i < n; i++) {
		if (compare_with_boot_cpu(i))
			return -1;
	}
	pr_info("ktest: %u CPUs with CR0 %lx CR4 %lx EFER %lx\n", n, states[0].cr0,
		states[0].cr4, states[0].efer);
	return 0;
}
