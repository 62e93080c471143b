/*
 * rseq(2): restartable sequences, as Linux 6.1 has them.
 *
 * A thread registers one 32-byte struct rseq (uapi/rseq.h) and a
 * signature.  From then on, before the thread runs user code again after
 * it was switched out or had a signal delivered, the kernel:
 *   - looks at rseq->rseq_cs; if it names a critical section and the
 *     thread's instruction pointer lies in [start_ip, start_ip +
 *     post_commit_offset), it checks that the 4 bytes before abort_ip hold
 *     the registered signature, clears rseq_cs and resumes at abort_ip; a
 *     section outside it only gets rseq_cs cleared (lazily, as Linux does);
 *   - writes the CPU number into cpu_id_start and cpu_id.
 * Anything wrong on the way (a bad descriptor, a wrong signature, an area
 * no longer writable) kills the thread with SIGSEGV, as on Linux.
 *
 * The scheduler only sets t->rseq_events and t->rseq_resume for the task
 * it switches away from (rseq_preempt()); exit_to_user_mode() calls
 * rseq_notify_resume() when the flag is set, so a registered thread pays
 * a few user accesses per switch and an unregistered one a test.  Tasks
 * never migrate between CPUs here, but cpu_id is still written after every
 * switch: that is also how the first value reaches a new registration or
 * a forked child on another CPU.
 *
 * Linux 6.1 has no node_id or mm_cid fields and no AT_RSEQ_* auxv entries
 * (both came in 6.3), so neither do we.
 */
#include <errno.h>
#include <rseq.h>
#include <sched.h>
#include <signal.h>
#include <syscall.h>
#include <uaccess.h>
#include <arch/cpu.h>
#include <arch/memory.h>
#include <uapi/rseq.h>

/* Linux's TASK_SIZE on x86_64: the last user page is never mapped. */
#define RSEQ_TASK_SIZE	(USER_SPACE_END - PAGE_SIZE)

static int write_cpu_id(struct rseq *area, u32 cpu_id_start, u32 cpu_id)
{
	if (put_user(cpu_id_start, &area->cpu_id_start) || put_user(cpu_id, &area->cpu_id))
		return -EFAULT;
	return 0;
}

/*
 * Read the critical section the area names (all zero when none) and check
 * it as Linux does: inside user space, no overflow, abort_ip outside the
 * section, version 0, and the signature in the 4 bytes before abort_ip.
 */
static int read_rseq_cs(struct task *t, struct rseq_cs *cs)
{
	u64 ptr;
	u32 sig;

	if (get_user(ptr, &t->rseq->rseq_cs))
		return -EFAULT;
	if (!ptr) {
		*cs = (struct rseq_cs){ 0 };
		return 0;
	}
	if (ptr >= RSEQ_TASK_SIZE)
		return -EINVAL;
	if (copy_from_user(cs, (const void __user *)ptr, sizeof(*cs)))
		return -EFAULT;
	if (cs->start_ip >= RSEQ_TASK_SIZE ||
	    cs->start_ip + cs->post_commit_offset >= RSEQ_TASK_SIZE ||
	    cs->abort_ip >= RSEQ_TASK_SIZE || cs->version > 0)
		return -EINVAL;
	if (cs->start_ip + cs->post_commit_offset < cs->start_ip)
		return -EINVAL;
	if (cs->abort_ip - cs->start_ip < cs->post_commit_offset)
		return -EINVAL;
	if (get_user(sig, (const u32 __user *)(cs->abort_ip - sizeof(u32))))
		return -EFAULT;
	return sig == t->rseq_sig ? 0 : -EINVAL;
}

/* 1 when an event since the last fix-up means the section must restart; 0; or -errno. */
static int need_restart(struct task *t, u32 cs_flags)
{
	unsigned long irq;
	u32 flags, events;

	/*
	 * The "don't restart" flags are deprecated since Linux 6.0 and no
	 * other flag is defined: any flag at all is fatal (rseq_warn_flags()).
	 */
	if (cs_flags)
		return -EINVAL;
	if (get_user(flags, &t->rseq->flags))
		return -EFAULT;
	if (flags)
		return -EINVAL;
	/* Taken and cleared with no switch in between: a switch sets it again. */
	irq = arch_irq_save();
	events = t->rseq_events;
	t->rseq_events = 0;
	arch_irq_restore(irq);
	return events != 0;
}

static int clear_rseq_cs_at(struct rseq *area)
{
	u64 none = 0;

	return put_user(none, &area->rseq_cs) ? -EFAULT : 0;
}

static int clear_rseq_cs(struct task *t)
{
	return clear_rseq_cs_at(t->rseq);
}

static int ip_fixup(struct task *t, struct trap_frame *f)
{
	unsigned long ip = arch_user_ip(f);
	struct rseq_cs cs;
	int ret = read_rseq_cs(t, &cs);

	if (ret)
		return ret;
	/* Unsigned: also false below start_ip. */
	if (ip - cs.start_ip >= cs.post_commit_offset)
		return clear_rseq_cs(t);
	ret = need_restart(t, cs.flags);
	if (ret <= 0)
		return ret;
	ret = clear_rseq_cs(t);
	if (ret)
		return ret;
	arch_set_user_ip(f, cs.abort_ip);
	return 0;
}

/* The fix-up and the CPU number; SIGSEGV (naming sig being delivered) on any failure. */
static void handle_resume(struct task *t, struct trap_frame *f, int sig)
{
	u32 cpu = this_cpu()->id;

	t->rseq_resume = false;
	if (ip_fixup(t, f) < 0 || write_cpu_id(t->rseq, cpu, cpu))
		force_sigsegv(sig);
}

void rseq_notify_resume(struct trap_frame *f)
{
	struct task *t = current_task();

	if (t->rseq)
		handle_resume(t, f, 0);
	else
		t->rseq_resume = false;
}

void rseq_signal_deliver(struct trap_frame *f, int sig)
{
	struct task *t = current_task();

	if (!t->rseq)
		return;
	t->rseq_events |= RSEQ_EVENT_SIGNAL;
	handle_resume(t, f, sig);
}

void rseq_fork(struct task *child, const struct task *parent, bool shares_vm)
{
	if (shares_vm) {
		child->rseq = NULL;
		child->rseq_sig = 0;
		child->rseq_events = 0;
	} else {
		child->rseq = parent->rseq;
		child->rseq_sig = parent->rseq_sig;
		child->rseq_events = parent->rseq_events;
	}
	/* It may start on another CPU: write its number before it runs. */
	child->rseq_resume = child->rseq != NULL;
}

void rseq_exec(struct task *t)
{
	t->rseq = NULL;
	t->rseq_sig = 0;
	t->rseq_events = 0;
	t->rseq_resume = false;
}

static long rseq_unregister(struct task *t, struct rseq *area, u32 len, u32 sig)
{
	if (!t->rseq || t->rseq != area || len != sizeof(struct rseq))
		return -EINVAL;
	if (t->rseq_sig != sig)
		return -EPERM;
	if (write_cpu_id(area, 0, (u32)RSEQ_CPU_ID_UNINITIALIZED))
		return -EFAULT;
	t->rseq = NULL;
	t->rseq_sig = 0;
	return 0;
}

SYSCALL_DEFINE4(rseq, struct rseq *, area, u32, len, int, flags, u32, sig)
{
	struct task *t = current_task();
	u64 armed;

	if (flags & RSEQ_FLAG_UNREGISTER) {
		if (flags & ~RSEQ_FLAG_UNREGISTER)
			return -EINVAL;
		return rseq_unregister(t, area, len, sig);
	}
	if (flags)
		return -EINVAL;
	if (t->rseq) {
		/* The same registration again is EBUSY; anything else is a mistake. */
		if (t->rseq != area || len != sizeof(struct rseq))
			return -EINVAL;
		return t->rseq_sig == sig ? -EBUSY : -EPERM;
	}
	if (((unsigned long)area & (__alignof__(struct rseq) - 1)) || len != sizeof(struct rseq))
		return -EINVAL;
	if ((unsigned long)area > RSEQ_TASK_SIZE - len)
		return -EFAULT;
	/*
	 * Linux's stable 6.1 series (Debian's 6.1.192): a section left armed in a
	 * reused area is cleared now rather than judged on the way out.
	 */
	if (get_user(armed, &area->rseq_cs))
		return -EFAULT;
	if (armed && clear_rseq_cs_at(area))
		return -EFAULT;
	t->rseq = area;
	t->rseq_sig = sig;
	t->rseq_resume = true;		/* cpu_id is written on the way out */
	return 0;
}
