/* Mutexes on top of a wait queue: try to claim, else sleep and retry. */
#include <mutex.h>
#include <panic.h>

void mutex_init(struct mutex *m)
{
	wait_queue_init(&m->waiters);
	m->owner = NULL;
}

bool mutex_trylock(struct mutex *m)
{
	struct task *none = NULL;

	return __atomic_compare_exchange_n(&m->owner, &none, current_task(), false,
					   __ATOMIC_ACQUIRE, __ATOMIC_RELAXED);
}

void __sched mutex_lock(struct mutex *m)
{
	if (mutex_trylock(m))
		return;
	if (READ_ONCE(m->owner) == current_task())
		panic("mutex %p: recursive lock by task %d", (void *)m, current_task()->tid);
	wait_event(m->waiters, mutex_trylock(m));
}

void mutex_unlock(struct mutex *m)
{
	if (READ_ONCE(m->owner) != current_task())
		panic("mutex %p: unlocked by a task that does not hold it", (void *)m);
	__atomic_store_n(&m->owner, NULL, __ATOMIC_RELEASE);
	wake_up(&m->waiters);
}
