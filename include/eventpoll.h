/*
 * epoll(7): an epoll set is a file holding "interest items", each keyed
 * by (file, fd) at the time of EPOLL_CTL_ADD.  An item sits on the wait
 * queues its file's poll operation names; a wake-up there puts the item on
 * the set's ready list, and epoll_wait() re-polls the ready items and
 * reports those with events.  An item ends with EPOLL_CTL_DEL or when its
 * file is finally released (closing one of several dups keeps it), which
 * file_put() reports here.  Implementation and locking: fs/eventpoll.c.
 */
#ifndef EVENTPOLL_H
#define EVENTPOLL_H

#include <compiler.h>
#include <list.h>
#include <vfs.h>

/* The file's last reference is gone: drop every epoll item watching it.  May sleep. */
void eventpoll_release_file(struct file *f);

static inline void eventpoll_release(struct file *f)
{
	/* No new item can appear now: adding one needs a reference. */
	if (READ_ONCE(f->ep_links.next) != &f->ep_links)
		eventpoll_release_file(f);
}

#endif
