/*
 * Cross-CPU control: the reschedule IPI, TLB shootdown, and stopping the
 * other CPUs on panic.  (Starting the APs is smpboot.c.)
 *
 * Reschedule: wake_up_process() marks an idle CPU need_resched and calls
 * arch_send_reschedule(); the IPI only has to wake the CPU from hlt, and
 * the interrupt exit path (sched_preempt_irq) does the switch.
 *
 * TLB shootdown: a CPU that changed or removed a mapping must make every
 * other CPU that may cache it forget it before the old frame can be
 * reused.  The request travels as an NMI, not an ordinary interrupt: a
 * target spinning with interrupts off on a lock the initiator holds
 * (vmalloc_lock, taken with irqsave, is held across mmu_unmap()) would
 * never take an ordinary IPI, and both would wait for ever.  NMIs arrive
 * whatever the target is doing, so tlb_flush_range() may be called with
 * interrupts off and any lock held.  One request is in flight at a time:
 *
 *   initiator                            each target, in its NMI handler
 *   take tlb_lock (irqs off)
 *   write tlb_req.start/len
 *   tlb_req.pending = target mask
 *   NMI to each target  ------------->   if my bit is in pending:
 *   spin until pending == 0                flush the range locally
 *                       <-------------     clear my bit in pending
 *   drop tlb_lock
 *
 * A CPU waiting for tlb_lock may itself be a target; it still answers,
 * since NMIs interrupt the spin.  Targets are all online CPUs for kernel
 * addresses, and for user addresses only the CPUs that have the address
 * space loaded (tlb_flush_root() in mmu.c picks them).
 *
 * NMIs merge: a CPU handling one NMI latches at most one more.  So the
 * handler serves whatever is pending, not "one request per NMI", and an
 * NMI with nothing to do is normal when it was sent by us (nmi_sent vs
 * nmi_seen below); only one beyond what we sent is reported.
 *
 * The NMI handler cannot trust %gs: an NMI may land between syscall and
 * swapgs (or swapgs and sysret), where the GS base is the user's.  It
 * finds its CPU by LAPIC ID and sets the GS base for its own duration.
 *
 * Where is CPU n now?  The task dump (kernel/sysrq.c) asks by NMI too,
 * so a CPU spinning with interrupts off still answers: the target walks
 * the stack it interrupted into cpu_traces[n] (no printk in an NMI: the
 * target may hold the console's lock) and the asker prints it.
 *
 * State: online_mask bits are set by each CPU as it joins (atomic);
 * tlb_req is written under tlb_lock and its pending mask is atomic;
 * stop_requested and stopped_cpus are atomic; trace_lock lets one
 * backtrace request run at a time and protects cpu_traces, whose slot
 * n CPU n writes while its bit in trace_pending (atomic) is set.
 */
#include <arch/cpu.h>
#include <errno.h>
#include <sched.h>
#include <irq.h>
#include <panic.h>
#include <percpu.h>
#include <printk.h>
#include <spinlock.h>
#include <time.h>
#include <asm/cpu.h>
#include "lapic.h"
#include "smp.h"
#include "traps.h"

#define SHOOTDOWN_TIMEOUT_NS	(10 * NSEC_PER_SEC)
#define STOP_WAIT_US		100000

static u64 online_mask = 1;		/* atomic: CPUs taking NMIs; CPU 0 from the start */
static bool stop_requested;		/* atomic */
static int stopper = -1;		/* atomic: the CPU that asked (it keeps running) */
static unsigned int stopped_cpus;	/* atomic: CPUs halted by a stop request */

static DEFINE_SPINLOCK(tlb_lock);	/* one shootdown in flight: protects tlb_req */
static struct {
	unsigned long start;		/* tlb_lock */
	size_t len;			/* tlb_lock */
	u64 pending;			/* atomic: CPUs that have not flushed yet */
} tlb_req;

static DEFINE_SPINLOCK(trace_lock);	/* one backtrace request: cpu_traces */
static u64 trace_pending;		/* atomic: CPUs asked for their trace */
static struct cpu_trace cpu_traces[MAX_CPUS];

static u32 nmi_sent[MAX_CPUS];		/* atomic: NMIs we sent to each CPU */
static u32 nmi_seen[MAX_CPUS];		/* NMIs each CPU took (its own) */

/* --- Reschedule IPI ------------------------------------------------------ */

/* Nothing to do: the interrupt exit path sees need_resched and switches. */
static void reschedule_interrupt(void *data)
{
}

void arch_send_reschedule(struct cpu *c)
{
	lapic_send_ipi(c->apic_id, ICR_DELIVERY_FIXED | LAPIC_RESCHEDULE_VECTOR);
}

void smp_ipi_init(void)
{
	irq_register(LAPIC_RESCHEDULE_VECTOR, reschedule_interrupt, NULL);
}

void smp_cpu_join(struct cpu *c)
{
	__atomic_fetch_or(&online_mask, 1ull << c->id, __ATOMIC_SEQ_CST);
	/*
	 * A shootdown that read online_mask before our bit was set did not
	 * ask us; its page-table change is already visible, so flushing
	 * everything now covers it.
	 */
	tlb_flush_local(0, ~0ul);
}

void smp_cpu_forget(unsigned int id)
{
	__atomic_fetch_and(&online_mask, ~(1ull << id), __ATOMIC_SEQ_CST);
}

/* --- NMIs ---------------------------------------------------------------- */

static void send_nmi(struct cpu *c)
{
	if (!c)
		return;		/* cannot happen: a CPU joins after cpus[] has it */
	__atomic_add_fetch(&nmi_sent[c->id], 1, __ATOMIC_SEQ_CST);
	lapic_send_ipi(c->apic_id, ICR_DELIVERY_NMI);
}

/* Our struct cpu found from the LAPIC ID, since %gs may be the user's. */
static struct cpu *nmi_cpu(void)
{
	u32 apic_id;

	if (!lapic_available())
		return this_cpu();	/* early boot: no user mode yet, %gs is ours */
	apic_id = lapic_id();
	for (unsigned int i = 0; i < MAX_CPUS; i++) {
		struct cpu *c = __atomic_load_n(&cpus[i], __ATOMIC_ACQUIRE);

		if (c && c->apic_id == apic_id)
			return c;
	}
	return NULL;
}

/* Serve the shootdown request if it names this CPU; true if it did. */
static bool tlb_serve(unsigned int id)
{
	u64 bit = 1ull << id;

	if (!(__atomic_load_n(&tlb_req.pending, __ATOMIC_ACQUIRE) & bit))
		return false;
	tlb_flush_local(tlb_req.start, tlb_req.len);
	__atomic_fetch_and(&tlb_req.pending, ~bit, __ATOMIC_RELEASE);
	return true;
}

/* Record where this CPU was interrupted, if the task dump asked. */
static void trace_serve(struct cpu *c, const struct trap_frame *f)
{
	u64 bit = 1ull << c->id;
	struct cpu_trace *ct = &cpu_traces[c->id];
	struct task *t = c->current;

	if (!(__atomic_load_n(&trace_pending, __ATOMIC_ACQUIRE) & bit))
		return;
	ct->user = (f->cs & 3) != 0;
	ct->pc[0] = f->rip;
	ct->n = 1;
	if (!ct->user && t && t->kstack)
		ct->n = arch_walk_frames(f->rbp, (unsigned long)t->kstack,
					 (unsigned long)t->kstack + KSTACK_SIZE,
					 ct->pc, 1, CPU_TRACE_DEPTH);
	__atomic_fetch_and(&trace_pending, ~bit, __ATOMIC_RELEASE);
}

/* Report an NMI we did not send (LINT1, a watchdog, a hardware error). */
static void nmi_unexpected(struct cpu *c, struct trap_frame *f)
{
	u64 gs = rdmsr(MSR_GS_BASE);

	wrmsr(MSR_GS_BASE, (u64)c);	/* printk uses this_cpu() */
	pr_warn("NMI received for unknown reason on CPU %u at %lx\n", c->id, f->rip);
	wrmsr(MSR_GS_BASE, gs);
}

void arch_nmi_handler(struct trap_frame *f)
{
	struct cpu *c = nmi_cpu();
	bool ours;

	if (__atomic_load_n(&stop_requested, __ATOMIC_SEQ_CST) &&
	    (!c || (int)c->id != __atomic_load_n(&stopper, __ATOMIC_SEQ_CST))) {
		__atomic_add_fetch(&stopped_cpus, 1, __ATOMIC_SEQ_CST);
		arch_halt_forever();
	}
	if (!c)
		return;
	tlb_serve(c->id);
	trace_serve(c, f);
	/* Merged NMIs make seen lag sent; one beyond sent came from elsewhere. */
	ours = ++nmi_seen[c->id] <= __atomic_load_n(&nmi_sent[c->id], __ATOMIC_SEQ_CST);
	if (!ours) {
		nmi_seen[c->id] = __atomic_load_n(&nmi_sent[c->id], __ATOMIC_SEQ_CST);
		nmi_unexpected(c, f);
	}
}

/* --- TLB shootdown ------------------------------------------------------- */

static void wait_for_flushes(void)
{
	u64 deadline = clock_monotonic_ns() + SHOOTDOWN_TIMEOUT_NS;

	while (__atomic_load_n(&tlb_req.pending, __ATOMIC_ACQUIRE)) {
		if (__atomic_load_n(&stop_requested, __ATOMIC_SEQ_CST))
			return;		/* a panic is stopping every CPU */
		if (clock_monotonic_ns() > deadline)
			panic("TLB shootdown: CPUs 0x%llx did not answer",
			      (unsigned long long)tlb_req.pending);
		cpu_relax();
	}
}

void smp_tlb_shootdown(unsigned long va, size_t len)
{
	smp_tlb_shootdown_cpus(~0ull, va, len);
}

void smp_tlb_shootdown_cpus(u64 wanted, unsigned long va, size_t len)
{
	struct cpu *self = this_cpu();
	u64 targets;

	if (!(__atomic_load_n(&online_mask, __ATOMIC_SEQ_CST) & wanted & ~(1ull << self->id)))
		return;			/* nobody else to tell (-smp 1, early boot, one user) */
	spin_lock(&tlb_lock);
	targets = __atomic_load_n(&online_mask, __ATOMIC_SEQ_CST) & wanted & ~(1ull << self->id);
	tlb_req.start = va;
	tlb_req.len = len;
	__atomic_store_n(&tlb_req.pending, targets, __ATOMIC_SEQ_CST);
	for (unsigned int i = 0; i < MAX_CPUS; i++) {
		if (targets & (1ull << i))
			send_nmi(cpus[i]);
	}
	wait_for_flushes();
	spin_unlock(&tlb_lock);
}

/* --- Backtraces of other CPUs (the task dump) ---------------------------- */

#define TRACE_WAIT_US		1000000

int arch_cpu_stack_trace(unsigned int id, struct cpu_trace *out)
{
	u64 bit = 1ull << id;
	unsigned long flags;
	int err = 0;

	if (id == this_cpu()->id) {
		out->user = false;
		out->n = arch_stack_trace_here(out->pc, CPU_TRACE_DEPTH);
		return 0;
	}
	if (id >= MAX_CPUS || !(__atomic_load_n(&online_mask, __ATOMIC_SEQ_CST) & bit))
		return -ENODEV;
	flags = spin_lock_irqsave(&trace_lock);
	__atomic_fetch_or(&trace_pending, bit, __ATOMIC_SEQ_CST);
	send_nmi(cpus[id]);
	for (unsigned int us = 0; __atomic_load_n(&trace_pending, __ATOMIC_ACQUIRE) & bit;
	     us += 10) {
		if (us >= TRACE_WAIT_US) {
			__atomic_fetch_and(&trace_pending, ~bit, __ATOMIC_SEQ_CST);
			err = -ETIMEDOUT;
			break;
		}
		udelay(10);
	}
	if (!err)
		*out = cpu_traces[id];
	spin_unlock_irqrestore(&trace_lock, flags);
	return err;
}

/* --- Stopping the other CPUs (panic) ------------------------------------- */

void arch_stop_other_cpus(void)
{
	struct cpu *self = this_cpu();
	u64 others = __atomic_load_n(&online_mask, __ATOMIC_SEQ_CST) & ~(1ull << self->id);
	unsigned int n = 0;

	__atomic_store_n(&stopper, (int)self->id, __ATOMIC_SEQ_CST);
	__atomic_store_n(&stop_requested, true, __ATOMIC_SEQ_CST);
	for (unsigned int i = 0; i < MAX_CPUS; i++) {
		if (others & (1ull << i)) {
			send_nmi(cpus[i]);
			n++;
		}
	}
	/* Give them a moment, so the report is not interleaved with their output. */
	for (unsigned int us = 0; us < STOP_WAIT_US; us += 10) {
		if (__atomic_load_n(&stopped_cpus, __ATOMIC_SEQ_CST) >= n)
			break;
		udelay(10);
	}
}

/* --- Interrupt entry and exit -------------------------------------------- */

void arch_irq_enter(struct trap_frame *f)
{
	(void)f;
}

void arch_irq_exit(struct trap_frame *f)
{
	if (f->vector != LAPIC_SPURIOUS_VECTOR)
		lapic_eoi();
}
