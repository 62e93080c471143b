/* Wait-queue operations; see include/wait.h for the protocol. */
#include <wait.h>

void wait_queue_init(struct wait_queue *wq)
{
	wq->lock = (struct spinlock)SPINLOCK_INIT("wait_queue");
	list_init(&wq->waiters);
}

void prepare_to_wait(struct wait_queue *wq, struct wait_entry *e, int state)
{
	unsigned long flags = spin_lock_irqsave(&wq->lock);

	if (list_empty(&e->node))
		list_add_tail(&e->node, &wq->waiters);
	current_task()->sleeping_on = wq;
	set_current_state(state);
	spin_unlock_irqrestore(&wq->lock, flags);
}

void finish_wait(struct wait_queue *wq, struct wait_entry *e)
{
	unsigned long flags;

	set_current_state(TASK_RUNNING);
	current_task()->sleeping_on = NULL;
	flags = spin_lock_irqsave(&wq->lock);
	if (!list_empty(&e->node))
		list_del(&e->node);
	spin_unlock_irqrestore(&wq->lock, flags);
}

void add_wait_queue(struct wait_queue *wq, struct wait_entry *e)
{
	unsigned long flags = spin_lock_irqsave(&wq->lock);

	list_add_tail(&e->node, &wq->waiters);
	spin_unlock_irqrestore(&wq->lock, flags);
}

void remove_wait_queue(struct wait_queue *wq, struct wait_entry *e)
{
	unsigned long flags = spin_lock_irqsave(&wq->lock);

	list_del(&e->node);
	spin_unlock_irqrestore(&wq->lock, flags);
}

void wake_up(struct wait_queue *wq)
{
	unsigned long flags = spin_lock_irqsave(&wq->lock);
	struct wait_entry *e;

	list_for_each_entry(e, &wq->waiters, node) {
		if (e->wake)
			e->wake(e);
		else
			wake_up_process(e->task);
	}
	spin_unlock_irqrestore(&wq->lock, flags);
}
