/*
 * Waiting on many files at once (poll, ppoll, select, pselect6, epoll).
 *
 * Every pollable file has a poll operation that returns the events ready
 * now (POLLIN, POLLOUT, ...) and, when given a poll table, registers the
 * caller on the wait queues whose wake-up could change that answer:
 *
 *	static unsigned int pipe_poll(struct file *f, struct poll_table *pt)
 *	{
 *		poll_wait(pt, &pipe->wait);
 *		return (readable ? POLLIN | POLLRDNORM : 0) | ...;
 *	}
 *
 * A wake-up on any registered queue wakes the poller, which asks every
 * file again.  Registrations live until the poll call ends, and each one
 * holds a reference on the file it was made for (as Linux's poll table
 * does): another thread may close the descriptor meanwhile, and the
 * file's queues must outlive the entries on them.
 */
#ifndef POLL_H
#define POLL_H

#include <types.h>
#include <wait.h>

#define POLLIN		0x0001
#define POLLPRI		0x0002
#define POLLOUT		0x0004
#define POLLERR		0x0008
#define POLLHUP		0x0010
#define POLLNVAL	0x0020
#define POLLRDNORM	0x0040
#define POLLRDBAND	0x0080
#define POLLWRNORM	0x0100
#define POLLWRBAND	0x0200
#define POLLMSG		0x0400
#define POLLRDHUP	0x2000

struct file;

struct poll_entry {
	struct wait_queue *wq;
	struct file *file;	/* referenced: keeps wq alive */
	struct wait_entry wait;
	struct poll_table *table;
};

#define POLL_ENTRIES_PER_PAGE	((4096 - 16) / sizeof(struct poll_entry))

struct poll_page {
	struct poll_page *next;
	unsigned int used;
	struct poll_entry entries[POLL_ENTRIES_PER_PAGE];
};

struct poll_table {
	/*
	 * Optional: called by poll_wait() instead of the poll(2) registration
	 * above (epoll keeps its own entries).  NULL for poll and select.
	 */
	void (*queue)(struct poll_table *pt, struct wait_queue *wq);
	struct task *task;
	bool registering;	/* false after the first pass: queues are known */
	bool triggered;		/* a registered queue was woken (atomic) */
	int error;		/* -ENOMEM while registering */
	struct file *file;	/* the file being polled now (vfs_poll sets it) */
	struct poll_page *pages;
};

/* Called by a file's poll operation for each queue it may be woken on. */
void poll_wait(struct poll_table *pt, struct wait_queue *wq);

void poll_table_init(struct poll_table *pt);
void poll_table_free(struct poll_table *pt);

/*
 * ppoll, pselect6, epoll_pwait: install the user's temporary signal mask
 * (NULL: none); the signal code or the caller puts the old one back.
 * 0, -EINVAL (size), -EFAULT.
 */
long poll_swap_sigmask(const u64 *umask, size_t size);

/* The file's ready events (its poll op, or always ready for plain files). */
unsigned int vfs_poll(struct file *f, struct poll_table *pt);

#endif
