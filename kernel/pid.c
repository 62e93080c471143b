/*
 * Process ids: a bitmap of ids handed out in increasing order below
 * pid_max, wrapping to 300 like Linux (low pids stay for early daemons),
 * and a hash from pid to task for kill(), wait() and /proc.  pid_lock
 * protects the bitmap, the cursor and pid_max; the hash is under
 * tasklist_lock.
 *
 * pid_max starts at PID_MAX (32768) and root may set it anywhere in
 * Linux's range, [301, PID_MAX_LIMIT], through /proc/sys/kernel/pid_max.
 * The bitmap starts small and static; the first raise above it switches,
 * once and for good, to one covering PID_MAX_LIMIT (512 KiB, never
 * freed, so the lock-free hint in pid_next_process() never reads freed
 * memory).  Lowering pid_max leaves larger pids alone; new ones wrap.
 */
#include <errno.h>
#include <proc.h>
#include <string.h>
#include <vmalloc.h>

#define PID_WRAP	300
#define PID_HASH	256

static DEFINE_SPINLOCK(pid_lock);
static u64 boot_bitmap[PID_MAX / 64];
static u64 *pid_bitmap = boot_bitmap;	/* pid_lock; bit set = in use; pid 0 is never used */
static int pid_space = PID_MAX;		/* pid_lock: pids pid_bitmap covers */
static int pid_max = PID_MAX;		/* pid_lock: new pids stay below it */
static int last_pid;			/* pid_lock */
static u64 nr_allocated;		/* pid_lock: pids handed out since boot */
static struct list_head pid_hash[PID_HASH];	/* tasklist_lock */
static bool pid_hash_ready;

static bool pid_in_use(int pid)
{
	return pid_bitmap[pid / 64] & (1ull << (pid % 64));
}

int pid_max_get(void)
{
	return READ_ONCE(pid_max);
}

int pid_max_set(int max)
{
	u64 *big = NULL;
	unsigned long flags;

	if (max < PID_WRAP + 1 || max > PID_MAX_LIMIT)
		return -EINVAL;
	if (max > READ_ONCE(pid_space)) {
		big = vmalloc(PID_MAX_LIMIT / 8);	/* allocated outside the spinlock */
		if (!big)
			return -ENOMEM;
		memset(big, 0, PID_MAX_LIMIT / 8);
	}
	flags = spin_lock_irqsave(&pid_lock);
	if (big && pid_space < PID_MAX_LIMIT) {
		memcpy(big, pid_bitmap, (size_t)pid_space / 8);
		__atomic_store_n(&pid_bitmap, big, __ATOMIC_RELEASE);
		WRITE_ONCE(pid_space, PID_MAX_LIMIT);
		big = NULL;
	}
	WRITE_ONCE(pid_max, max);
	spin_unlock_irqrestore(&pid_lock, flags);
	if (big)
		vfree(big);		/* another writer grew it first */
	return 0;
}

int pid_alloc(void)
{
	unsigned long flags = spin_lock_irqsave(&pid_lock);
	int pid = last_pid;

	for (int tries = 0; tries < pid_max; tries++) {
		if (++pid >= pid_max)
			pid = last_pid >= PID_WRAP ? PID_WRAP : 1;
		if (!pid_in_use(pid)) {
			pid_bitmap[pid / 64] |= 1ull << (pid % 64);
			last_pid = pid;
			nr_allocated++;
			spin_unlock_irqrestore(&pid_lock, flags);
			return pid;
		}
	}
	spin_unlock_irqrestore(&pid_lock, flags);
	return -EAGAIN;
}

int pid_last(void)
{
	return READ_ONCE(last_pid);
}

u64 pid_nr_allocated(void)
{
	return READ_ONCE(nr_allocated);
}

int pid_claim(int pid)
{
	unsigned long flags = spin_lock_irqsave(&pid_lock);
	int err = pid >= pid_space ? -EINVAL : pid_in_use(pid) ? -EEXIST : 0;

	if (!err)
		pid_bitmap[pid / 64] |= 1ull << (pid % 64);
	spin_unlock_irqrestore(&pid_lock, flags);
	return err;
}

void pid_free(int pid)
{
	unsigned long flags = spin_lock_irqsave(&pid_lock);

	pid_bitmap[pid / 64] &= ~(1ull << (pid % 64));
	spin_unlock_irqrestore(&pid_lock, flags);
}

static struct list_head *bucket(int pid)
{
	if (!pid_hash_ready) {
		for (int i = 0; i < PID_HASH; i++)
			list_init(&pid_hash[i]);
		pid_hash_ready = true;
	}
	return &pid_hash[pid % PID_HASH];
}

void pid_attach(struct task *t)
{
	list_add(&t->pid_node, bucket(t->tid));
}

void pid_detach(struct task *t)
{
	list_del(&t->pid_node);
}

struct task *pid_lookup(int pid)
{
	struct task *t;

	if (pid <= 0 || pid >= PID_MAX_LIMIT)
		return NULL;
	list_for_each_entry(t, bucket(pid), pid_node) {
		if (t->tid == pid)
			return t;
	}
	return NULL;
}

int pid_next_process(int from)
{
	const u64 *bitmap = __atomic_load_n(&pid_bitmap, __ATOMIC_ACQUIRE);
	int space = READ_ONCE(pid_space);

	for (int pid = from < 1 ? 1 : from; pid < space; pid++) {
		u64 word = __atomic_load_n(&bitmap[pid / 64], __ATOMIC_RELAXED);
		struct task *t;

		/* A hint only: every task in the hash keeps its pid's bit set. */
		if (!(word >> (pid % 64))) {
			pid = (pid | 63);
			continue;
		}
		t = pid_lookup(pid);
		if (t && t->tid == t->tgid)
			return pid;
	}
	return -1;
}

bool pgrp_exists_in_session(int pgid, int sid)
{
	for (int i = 0; i < PID_HASH; i++) {
		struct task *t;

		list_for_each_entry(t, bucket(i), pid_node) {
			if (t == t->group_leader && t->pgid == pgid && (sid < 0 || t->sid == sid))
				return true;
		}
	}
	return false;
}

void pid_for_each_task(void (*fn)(struct task *t, void *arg), void *arg)
{
	for (int i = 0; i < PID_HASH; i++) {
		struct task *t;

		list_for_each_entry(t, bucket(i), pid_node)
			if (!t->exit_state)
				fn(t, arg);
	}
}

bool pgrp_is_orphaned(int pgid)
{
	for (int i = 0; i < PID_HASH; i++) {
		struct task *t;

		list_for_each_entry(t, bucket(i), pid_node) {
			struct task *p = t->parent ? t->parent->group_leader : NULL;

			if (t != t->group_leader || t->exit_state || t->pgid != pgid)
				continue;
			if (!p || p == init_task)
				continue;	/* as Linux: init's children do not count */
			if (p->pgid != pgid && p->sid == t->sid)
				return false;
		}
	}
	return true;
}

int pid_collect_processes(bool (*match)(struct task *p, void *arg), void *arg,
			  struct task **out, int max)
{
	int n = 0;

	for (int i = 0; i < PID_HASH && n < max; i++) {
		struct task *t;

		list_for_each_entry(t, bucket(i), pid_node) {
			if (n == max)
				break;
			if (t != t->group_leader || t->exit_state || !match(t, arg))
				continue;
			task_get(t);
			out[n++] = t;
		}
	}
	return n;
}
