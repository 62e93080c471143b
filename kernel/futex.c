/*
 * Futexes: user-space locks sleep here only when contended.
 *
 * A waiter is keyed by the futex word's address: (mm, user address) for
 * FUTEX_PRIVATE_FLAG futexes, the physical address of the word for shared
 * ones (so two processes mapping the same page meet).  Waiters hang on
 * one of FUTEX_BUCKETS hash buckets; each bucket's lock protects its list
 * and the 'woken' flag of the waiters on it.
 *
 * FUTEX_WAIT must compare the word and go to sleep atomically with
 * respect to FUTEX_WAKE, so the word is read under the bucket lock
 * through the direct map (no page fault can happen there); when the page
 * is not mapped yet we drop the lock, fault it in, and retry.
 *
 * Supported: WAIT, WAKE, WAIT_BITSET, WAKE_BITSET, REQUEUE, CMP_REQUEUE
 * (with the PRIVATE and CLOCK_REALTIME flags).  PI futexes and WAKE_OP
 * return -ENOSYS.
 */
#include <errno.h>
#include <ktimer.h>
#include <mm.h>
#include <proc.h>
#include <syscall.h>
#include <time.h>
#include <uaccess.h>
#include <uapi/time_abi.h>
#include <vm.h>
#include <arch/mmu.h>

#define FUTEX_WAIT		0
#define FUTEX_WAKE		1
#define FUTEX_REQUEUE		3
#define FUTEX_CMP_REQUEUE	4
#define FUTEX_WAIT_BITSET	9
#define FUTEX_WAKE_BITSET	10
#define FUTEX_PRIVATE_FLAG	128
#define FUTEX_CLOCK_REALTIME	256
#define FUTEX_CMD_MASK		(~(FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME))
#define FUTEX_BITSET_ANY	0xffffffffu
#define FUTEX_BUCKETS		256

struct futex_key {
	const void *space;	/* the mm (private) or NULL (shared: phys is global) */
	u64 addr;		/* user address, or physical address */
};

struct futex_waiter {
	struct list_head node;
	struct futex_key key;
	u32 bitset;
	struct task *task;
	bool woken;		/* bucket lock */
};

struct futex_bucket {
	struct spinlock lock;
	struct list_head waiters;
};

static struct futex_bucket buckets[FUTEX_BUCKETS];

void futex_init(void)
{
	for (int i = 0; i < FUTEX_BUCKETS; i++) {
		buckets[i].lock = (struct spinlock)SPINLOCK_INIT("futex_bucket");
		list_init(&buckets[i].waiters);
	}
}

static struct futex_bucket *bucket_of(const struct futex_key *k)
{
	u64 h = k->addr ^ (u64)k->space;

	h ^= h >> 17;
	h *= 0x9e3779b97f4a7c15ull;
	return &buckets[h >> 56];
}

static bool key_eq(const struct futex_key *a, const struct futex_key *b)
{
	return a->space == b->space && a->addr == b->addr;
}

/* Where the word lives; faults it in.  0 or -EFAULT/-EINVAL. */
static int get_key(u32 *uaddr, bool private, struct futex_key *k)
{
	struct mm *mm = current_task()->mm;
	unsigned long a = (unsigned long)uaddr;
	phys_addr_t pa;
	u32 v;

	if (a & 3)
		return -EINVAL;
	if (get_user(v, (u32 __user *)uaddr))
		return -EFAULT;
	if (private) {
		k->space = mm;
		k->addr = a;
		return 0;
	}
	if (!mmu_translate(mm->root, a, &pa, NULL))
		return -EFAULT;
	k->space = NULL;
	k->addr = pa;
	return 0;
}

/* Read the word without faulting (bucket lock held); false if not mapped. */
static bool read_word_locked(u32 *uaddr, u32 *val)
{
	phys_addr_t pa;

	if (!mmu_translate(current_task()->mm->root, (unsigned long)uaddr, &pa, NULL))
		return false;
	*val = __atomic_load_n((u32 *)phys_to_virt(pa), __ATOMIC_SEQ_CST);
	return true;
}

static long futex_wait(u32 *uaddr, bool private, u32 val, u32 bitset, u64 deadline)
{
	struct futex_waiter w = { .bitset = bitset, .task = current_task() };
	struct ktimeout to;
	struct futex_bucket *b;
	unsigned long flags;
	long ret = 0;
	u32 cur;
	int err;

	if (!bitset)
		return -EINVAL;
retry:
	err = get_key(uaddr, private, &w.key);
	if (err)
		return err;
	b = bucket_of(&w.key);
	flags = spin_lock_irqsave(&b->lock);
	if (!read_word_locked(uaddr, &cur)) {
		spin_unlock_irqrestore(&b->lock, flags);
		goto retry;
	}
	if (cur != val) {
		spin_unlock_irqrestore(&b->lock, flags);
		return -EAGAIN;
	}
	list_add_tail(&w.node, &b->waiters);
	set_current_state(TASK_INTERRUPTIBLE);
	spin_unlock_irqrestore(&b->lock, flags);

	ktimeout_start(&to, deadline);		/* leaves our state alone */
	while (!READ_ONCE(w.woken)) {
		if (task_signal_pending(w.task)) {
			ret = -ERESTARTSYS;
			break;
		}
		if (ktimeout_expired(&to)) {
			ret = -ETIMEDOUT;
			break;
		}
		schedule();
		set_current_state(TASK_INTERRUPTIBLE);
	}
	set_current_state(TASK_RUNNING);
	ktimeout_stop(&to);
	flags = spin_lock_irqsave(&b->lock);
	if (w.woken)
		ret = 0;		/* a wake-up beats a timeout or signal */
	else
		list_del(&w.node);
	spin_unlock_irqrestore(&b->lock, flags);
	if (ret == -ERESTARTSYS && deadline)
		ret = -EINTR;		/* timed waits are not restarted */
	return ret;
}

/* Wake up to n waiters of key whose bitset matches (bucket lock held). */
static int wake_locked(struct futex_bucket *b, const struct futex_key *k, int n, u32 bitset)
{
	struct futex_waiter *w, *tmp;
	int woken = 0;

	list_for_each_entry_safe(w, tmp, &b->waiters, node) {
		if (woken >= n)
			break;
		if (!key_eq(&w->key, k) || !(w->bitset & bitset))
			continue;
		list_del(&w->node);
		WRITE_ONCE(w->woken, true);
		wake_up_process(w->task);
		woken++;
	}
	return woken;
}

static long futex_wake(u32 *uaddr, bool private, int n, u32 bitset)
{
	struct futex_key k;
	struct futex_bucket *b;
	unsigned long flags;
	int err = get_key(uaddr, private, &k), woken;

	if (err)
		return err;
	if (!bitset)
		return -EINVAL;
	b = bucket_of(&k);
	flags = spin_lock_irqsave(&b->lock);
	woken = wake_locked(b, &k, n, bitset);
	spin_unlock_irqrestore(&b->lock, flags);
	return woken;
}

/* Lock two buckets in address order (the same bucket once). */
static unsigned long lock_pair(struct futex_bucket *a, struct futex_bucket *b)
{
	unsigned long flags = arch_irq_save();

	if (a == b) {
		spin_lock(&a->lock);
	} else if (a < b) {
		spin_lock(&a->lock);
		spin_lock(&b->lock);
	} else {
		spin_lock(&b->lock);
		spin_lock(&a->lock);
	}
	return flags;
}

static void unlock_pair(struct futex_bucket *a, struct futex_bucket *b, unsigned long flags)
{
	spin_unlock(&a->lock);
	if (a != b)
		spin_unlock(&b->lock);
	arch_irq_restore(flags);
}

/* Wake nr_wake waiters of uaddr, move up to nr_requeue others to uaddr2. */
static long futex_requeue(u32 *uaddr, u32 *uaddr2, bool private, int nr_wake, int nr_requeue,
			  bool cmp, u32 cmpval)
{
	struct futex_key k1, k2;
	struct futex_bucket *b1, *b2;
	struct futex_waiter *w, *tmp;
	unsigned long flags;
	int err, done, moved = 0;
	u32 cur;

	if (nr_wake < 0 || nr_requeue < 0)
		return -EINVAL;
retry:
	err = get_key(uaddr, private, &k1);
	if (!err)
		err = get_key(uaddr2, private, &k2);
	if (err)
		return err;
	b1 = bucket_of(&k1);
	b2 = bucket_of(&k2);
	flags = lock_pair(b1, b2);
	if (cmp) {
		if (!read_word_locked(uaddr, &cur)) {
			unlock_pair(b1, b2, flags);
			goto retry;
		}
		if (cur != cmpval) {
			unlock_pair(b1, b2, flags);
			return -EAGAIN;
		}
	}
	done = wake_locked(b1, &k1, nr_wake, FUTEX_BITSET_ANY);
	list_for_each_entry_safe(w, tmp, &b1->waiters, node) {
		if (moved >= nr_requeue)
			break;
		if (!key_eq(&w->key, &k1))
			continue;
		list_del(&w->node);
		w->key = k2;
		list_add_tail(&w->node, &b2->waiters);
		moved++;
	}
	unlock_pair(b1, b2, flags);
	return done + (cmp ? moved : 0);
}

/* An absolute monotonic deadline from the user's timeout (0: none). */
static int futex_deadline(const struct timespec_abi *uts, bool absolute, bool realtime,
			  u64 *deadline)
{
	struct timespec_abi ts;
	s64 want;

	*deadline = 0;
	if (!uts)
		return 0;
	if (copy_from_user(&ts, (const void __user *)uts, sizeof(ts)))
		return -EFAULT;
	if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= (s64)NSEC_PER_SEC)
		return -EINVAL;
	want = ts.tv_sec * (s64)NSEC_PER_SEC + ts.tv_nsec;
	if (!absolute)
		*deadline = clock_monotonic_ns() + (u64)want;
	else if (realtime)
		*deadline = clock_monotonic_ns() + (u64)MAX(want - clock_realtime_ns(), 0);
	else
		*deadline = (u64)MAX(want, 1);
	return 0;
}

SYSCALL_DEFINE6(futex, u32 *, uaddr, int, op, u32, val, const struct timespec_abi *, uts,
		u32 *, uaddr2, u32, val3)
{
	bool private = op & FUTEX_PRIVATE_FLAG, realtime = op & FUTEX_CLOCK_REALTIME;
	int cmd = op & FUTEX_CMD_MASK;
	u64 deadline;
	int err;

	if (!current_task()->mm)
		return -EFAULT;
	switch (cmd) {
	case FUTEX_WAIT:
	case FUTEX_WAIT_BITSET:
		err = futex_deadline(uts, cmd == FUTEX_WAIT_BITSET, realtime, &deadline);
		if (err)
			return err;
		return futex_wait(uaddr, private, val,
				  cmd == FUTEX_WAIT ? FUTEX_BITSET_ANY : val3, deadline);
	case FUTEX_WAKE:
		return futex_wake(uaddr, private, (int)val, FUTEX_BITSET_ANY);
	case FUTEX_WAKE_BITSET:
		return futex_wake(uaddr, private, (int)val, val3);
	case FUTEX_REQUEUE:
		return futex_requeue(uaddr, uaddr2, private, (int)val, (int)(long)uts, false, 0);
	case FUTEX_CMP_REQUEUE:
		return futex_requeue(uaddr, uaddr2, private, (int)val, (int)(long)uts, true, val3);
	default:
		return -ENOSYS;
	}
}

/* --- exit-time duties: clear_child_tid and the robust list ------------------- */

#define FUTEX_OWNER_DIED	0x40000000u
#define FUTEX_TID_MASK		0x3fffffffu
#define ROBUST_LIST_LIMIT	2048

struct robust_list_head_abi {
	u64 next;		/* struct robust_list * */
	s64 futex_offset;
	u64 pending;
};

/* Mark a robust futex held by the dying thread as owner-died and wake one waiter. */
static void robust_release(u32 *uaddr, int tid)
{
	u32 v;

	if (get_user(v, (u32 __user *)uaddr) || (v & FUTEX_TID_MASK) != (u32)tid)
		return;
	v = (v & ~FUTEX_TID_MASK) | FUTEX_OWNER_DIED;
	if (put_user(v, (u32 __user *)uaddr))
		return;
	futex_wake(uaddr, false, 1, FUTEX_BITSET_ANY);
}

void futex_exit(struct task *t)
{
	struct robust_list_head_abi head;
	u64 entry;
	int n = 0;

	if (t->clear_child_tid) {
		u32 zero = 0;

		if (!put_user(zero, (u32 __user *)t->clear_child_tid))
			futex_wake((u32 *)t->clear_child_tid, false, 1, FUTEX_BITSET_ANY);
		t->clear_child_tid = NULL;
	}
	if (!t->robust_list ||
	    copy_from_user(&head, (const void __user *)t->robust_list, sizeof(head)))
		return;
	for (entry = head.next; entry != (u64)t->robust_list && n < ROBUST_LIST_LIMIT; n++) {
		u64 next;

		if (get_user(next, (u64 __user *)entry))
			break;
		robust_release((u32 *)(entry + head.futex_offset), t->tid);
		entry = next;
	}
	if (head.pending)
		robust_release((u32 *)(head.pending + head.futex_offset), t->tid);
}
