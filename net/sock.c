/*
 * struct sock: the reference-counted protocol side of a socket, and the
 * generic helpers every family uses with it (errors, credentials, timed
 * waits).  See include/net.h for the three-object model.
 */
#include <cred.h>
#include <ktimer.h>
#include <net.h>
#include <sched.h>
#include <time.h>

void sock_init(struct sock *sk, int family, int type, int protocol,
	       void (*destruct)(struct sock *sk))
{
	sk->refcount = 1;
	sk->family = (u16)family;
	sk->type = (u16)type;
	sk->protocol = protocol;
	wait_queue_init(&sk->wq);
	sk->lock = (struct spinlock)SPINLOCK_INIT("sock");
	sk->sndbuf = SOCK_DEFAULT_BUF;
	sk->rcvbuf = SOCK_DEFAULT_BUF;
	sk->rcvtimeo = SOCK_TIMEO_FOREVER;
	sk->sndtimeo = SOCK_TIMEO_FOREVER;
	sk->destruct = destruct;
}

void sock_hold(struct sock *sk)
{
	__atomic_add_fetch(&sk->refcount, 1, __ATOMIC_RELAXED);
}

void sock_put(struct sock *sk)
{
	if (__atomic_sub_fetch(&sk->refcount, 1, __ATOMIC_ACQ_REL) == 0)
		sk->destruct(sk);
}

int sock_error(struct sock *sk)
{
	int err;

	if (!READ_ONCE(sk->err))
		return 0;
	spin_lock(&sk->lock);
	err = sk->err;
	sk->err = 0;
	spin_unlock(&sk->lock);
	return -err;
}

void sock_set_error(struct sock *sk, int positive_errno)
{
	spin_lock(&sk->lock);
	sk->err = positive_errno;
	spin_unlock(&sk->lock);
}

/*
 * SO_PEERCRED reports the effective ids of whoever connected (Linux's
 * init_peercred); SCM_CREDENTIALS defaults to the real ones (scm_send).
 */
void sock_current_creds(struct sock_creds *c, bool effective)
{
	const struct cred *cred = current_cred();

	c->pid = current_task()->tgid;
	c->uid = effective ? cred->euid : cred->uid;
	c->gid = effective ? cred->egid : cred->gid;
}

u64 sock_deadline(u64 timeo_ns)
{
	if (timeo_ns == SOCK_TIMEO_FOREVER || timeo_ns == 0)
		return 0;
	return clock_monotonic_ns() + timeo_ns;
}

void sock_timeo_left(u64 *timeo_ns, u64 deadline)
{
	u64 now;

	if (!deadline)
		return;
	now = clock_monotonic_ns();
	*timeo_ns = deadline > now ? deadline - now : 0;
}
