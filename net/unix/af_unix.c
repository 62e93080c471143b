/*
 * AF_UNIX sockets: the family, the life of a unix_sock, and what the
 * three socket types share (poll, ioctl, shutdown, names, socketpair).
 * Data transfer is in stream.c and dgram.c, connections in conn.c, names
 * in addr.c, queued buffers in buf.c; the model and the locks are
 * described in unix.h.
 */
#include <string.h>
#include <kmalloc.h>
#include <net.h>
#include <poll.h>
#include <seq_buf.h>
#include <uapi/ioctls.h>
#include "unix.h"

DEFINE_WAIT_QUEUE(unix_space_wait);

/* unix_all_lock protects unix_all, the list /proc/net/unix walks (innermost). */
static DEFINE_SPINLOCK(unix_all_lock);
static LIST_HEAD(unix_all);

static void unix_destruct(struct sock *sk)
{
	struct unix_sock *u = unix_sk(sk);

	spin_lock(&unix_all_lock);
	list_del(&u->all_node);
	spin_unlock(&unix_all_lock);
	kfree(u);
}

struct unix_sock *unix_sock_alloc(int type)
{
	struct unix_sock *u = kzalloc(sizeof(*u));

	if (!u)
		return NULL;
	sock_init(&u->sk, AF_UNIX, type, 0, unix_destruct);
	mutex_init(&u->iolock);
	mutex_init(&u->bindlock);
	list_init(&u->queue);
	list_init(&u->embryo_node);
	list_init(&u->bound_node);
	list_init(&u->inflight_node);
	u->state = UNIX_CLOSE;
	u->backlog = UNIX_MAX_DGRAM_QLEN;
	spin_lock(&unix_all_lock);
	list_add_tail(&u->all_node, &unix_all);
	spin_unlock(&unix_all_lock);
	return u;
}

struct unix_sock *unix_peer_get(struct unix_sock *u)
{
	struct unix_sock *peer;

	spin_lock(&u->sk.lock);
	peer = u->peer;
	if (peer)
		sock_hold(&peer->sk);
	spin_unlock(&u->sk.lock);
	return peer;
}

/* Linux's unix_recvq_full(): more queued than the backlog allows. */
bool unix_recvq_full(struct unix_sock *u)
{
	return READ_ONCE(u->qlen) > (unsigned int)READ_ONCE(u->backlog);
}

void unix_sender_creds(struct sock_creds *c)
{
	sock_current_creds(c, false);
}

void unix_copy_addr(struct msg_kern *msg, struct unix_sock *sender)
{
	int len;

	if (!msg->name)
		return;
	len = __atomic_load_n(&sender->addr_len, __ATOMIC_ACQUIRE);
	msg->namelen = len;
	if (len)
		memcpy(msg->name, &sender->addr, (size_t)len);
}

static int unix_create(struct socket *sock, int protocol, bool kern)
{
	const struct proto_ops *ops;
	struct unix_sock *u;

	if (protocol && protocol != AF_UNIX)
		return -EPROTONOSUPPORT;
	switch (sock->type) {
	case SOCK_STREAM:
		ops = &unix_stream_ops;
		break;
	case SOCK_RAW:			/* Linux treats it as SOCK_DGRAM */
		sock->type = SOCK_DGRAM;
		ops = &unix_dgram_ops;
		break;
	case SOCK_DGRAM:
		ops = &unix_dgram_ops;
		break;
	case SOCK_SEQPACKET:
		ops = &unix_seqpacket_ops;
		break;
	default:
		return -ESOCKTNOSUPPORT;
	}
	u = unix_sock_alloc(sock->type);
	if (!u)
		return -ENOMEM;
	/* Linux keeps no protocol for AF_UNIX: SO_PROTOCOL says 0 even for PF_UNIX. */
	u->ino = sock_ino(sock);
	u->file = sock->file;
	sock->sk = &u->sk;
	sock->ops = ops;
	return 0;
}

/* Take what a dying listener's queue holds: the embryo connections. */
static void unix_release_sock(struct unix_sock *u, bool embryo);

static void unix_release_embryos(struct list_head *embryos)
{
	struct unix_sock *e, *tmp;

	list_for_each_entry_safe(e, tmp, embryos, embryo_node) {
		list_del(&e->embryo_node);
		unix_release_sock(e, true);
	}
}

/* The peer of a closed stream/seqpacket socket: no more data either way. */
static void unix_hang_up_peer(struct unix_sock *peer, bool reset)
{
	spin_lock(&peer->sk.lock);
	peer->sk.shutdown = SHUTDOWN_MASK;
	if (reset)
		peer->sk.err = ECONNRESET;
	spin_unlock(&peer->sk.lock);
	wake_up(&peer->sk.wq);
}

/*
 * The last reference of a socket's file went (or a listener died with
 * this embryo unaccepted): mark it dead, hang up a connected peer (with
 * ECONNRESET when data or the connection itself was never read), free
 * the queue and the name.  Linux's unix_release_sock().
 */
static void unix_release_sock(struct unix_sock *u, bool embryo)
{
	struct list_head embryos;
	struct unix_sock *peer;
	struct path path;
	bool had_data;
	int state;

	list_init(&embryos);
	unix_unbind(u);
	spin_lock(&u->sk.lock);
	u->sk.flags |= SOCK_FLAG_DEAD;
	u->sk.shutdown = SHUTDOWN_MASK;
	path = u->path;
	u->path.dentry = NULL;
	u->path.mnt = NULL;
	state = u->state;
	u->state = UNIX_CLOSE;
	peer = u->peer;
	u->peer = NULL;
	had_data = u->qlen != 0;
	if (state == UNIX_LISTEN) {
		while (!list_empty(&u->queue)) {
			struct list_head *n = u->queue.next;

			list_del(n);
			list_add_tail(n, &embryos);
		}
		u->qlen = 0;
	}
	spin_unlock(&u->sk.lock);
	wake_up(&u->sk.wq);
	wake_up(&unix_space_wait);	/* connects and senders waiting on us re-check */
	if (peer) {
		if (u->sk.type != SOCK_DGRAM)
			unix_hang_up_peer(peer, had_data || embryo);
		sock_put(&peer->sk);
	}
	unix_release_embryos(&embryos);
	unix_purge_queue(u);
	if (path.dentry)
		path_put(&path);
	sock_put(&u->sk);
}

void unix_release(struct socket *sock)
{
	if (!sock->sk)
		return;
	unix_release_sock(unix_sk(sock->sk), false);
	sock->sk = NULL;
	unix_gc();	/* as Linux: a release may have left a cycle unreachable */
}

static bool unix_writable(struct unix_sock *u)
{
	return READ_ONCE(u->state) != UNIX_LISTEN &&
	       (READ_ONCE(u->wmem) << 2) <= READ_ONCE(u->sk.sndbuf);
}

/* Readable, hang-up and error bits both polls share. */
static unsigned int unix_poll_common(struct unix_sock *u)
{
	unsigned int mask = 0;
	u8 shut = READ_ONCE(u->sk.shutdown);

	if (READ_ONCE(u->sk.err))
		mask |= POLLERR;
	if (shut == SHUTDOWN_MASK)
		mask |= POLLHUP;
	if (shut & RCV_SHUTDOWN)
		mask |= POLLRDHUP | POLLIN | POLLRDNORM;
	if (READ_ONCE(u->qlen))
		mask |= POLLIN | POLLRDNORM;
	return mask;
}

/* Stream sockets (Linux's unix_poll): unconnected ones report POLLHUP. */
unsigned int unix_stream_poll(struct socket *sock, struct poll_table *pt)
{
	struct unix_sock *u = unix_sk(sock->sk);
	unsigned int mask;

	poll_wait(pt, &u->sk.wq);
	mask = unix_poll_common(u);
	if (READ_ONCE(u->state) == UNIX_CLOSE)
		mask |= POLLHUP;
	if (unix_writable(u))
		mask |= POLLOUT | POLLWRNORM | POLLWRBAND;
	return mask;
}

/*
 * Datagram and seqpacket sockets (Linux's unix_dgram_poll): not writable
 * while the connected peer's queue is full for us; the poller then also
 * waits on unix_space_wait, which a receiver wakes when its queue drains.
 */
unsigned int unix_dgram_poll(struct socket *sock, struct poll_table *pt)
{
	struct unix_sock *u = unix_sk(sock->sk), *other;
	unsigned int mask;
	bool writable;

	poll_wait(pt, &u->sk.wq);
	mask = unix_poll_common(u);
	if (sock->type == SOCK_SEQPACKET && READ_ONCE(u->state) == UNIX_CLOSE)
		mask |= POLLHUP;
	writable = unix_writable(u);
	other = writable ? unix_peer_get(u) : NULL;
	if (other) {
		if (READ_ONCE(other->peer) != u && unix_recvq_full(other)) {
			poll_wait(pt, &unix_space_wait);
			writable = unix_recvq_full(other) ? false : true;
		}
		sock_put(&other->sk);
	}
	if (writable)
		mask |= POLLOUT | POLLWRNORM | POLLWRBAND;
	return mask;
}

/* FIONREAD/SIOCINQ: unread bytes (a datagram socket: the next datagram's). */
static int unix_inq_len(struct unix_sock *u)
{
	struct unix_buf *b;
	size_t n;

	spin_lock(&u->sk.lock);
	if (u->state == UNIX_LISTEN) {
		spin_unlock(&u->sk.lock);
		return -EINVAL;
	}
	n = u->qbytes;
	if (u->sk.type == SOCK_DGRAM) {
		b = list_empty(&u->queue) ? NULL : list_first_entry(&u->queue, struct unix_buf, node);
		n = b ? b->len : 0;
	}
	spin_unlock(&u->sk.lock);
	return (int)MIN(n, (size_t)0x7fffffff);
}

long unix_ioctl(struct socket *sock, unsigned int cmd, unsigned long arg)
{
	struct unix_sock *u = unix_sk(sock->sk);
	int amount;

	switch (cmd) {
	case SIOCOUTQ:
		amount = (int)MIN(READ_ONCE(u->wmem), (size_t)0x7fffffff);
		break;
	case SIOCINQ:
		amount = unix_inq_len(u);
		if (amount < 0)
			return amount;
		break;
	default:
		return -ENOIOCTLCMD;
	}
	return put_user(amount, (int __user *)arg);
}

/*
 * shutdown(2): our side stops receiving and/or sending; on a connected
 * stream or seqpacket socket the peer's opposite side stops too, so it
 * reads end-of-file or gets EPIPE.  An unconnected socket just records it.
 */
int unix_shutdown(struct socket *sock, int how)
{
	struct unix_sock *u = unix_sk(sock->sk), *other;
	u8 mode = (u8)(how + 1), peer_mode = 0;	/* SHUT_RD -> RCV_SHUTDOWN ... */

	spin_lock(&u->sk.lock);
	u->sk.shutdown |= mode;
	other = u->peer;
	if (other)
		sock_hold(&other->sk);
	spin_unlock(&u->sk.lock);
	wake_up(&u->sk.wq);
	if (other && sock->type != SOCK_DGRAM) {
		if (mode & RCV_SHUTDOWN)
			peer_mode |= SEND_SHUTDOWN;
		if (mode & SEND_SHUTDOWN)
			peer_mode |= RCV_SHUTDOWN;
		spin_lock(&other->sk.lock);
		other->sk.shutdown |= peer_mode;
		spin_unlock(&other->sk.lock);
		wake_up(&other->sk.wq);
	}
	if (other)
		sock_put(&other->sk);
	return 0;
}

/* An unbound socket's name is just the family: length 2. */
int unix_getname(struct socket *sock, struct sockaddr_storage *addr, bool peer)
{
	struct unix_sock *u = unix_sk(sock->sk), *src;
	int len;

	if (peer) {
		src = unix_peer_get(u);
		if (!src)
			return -ENOTCONN;
	} else {
		src = u;
		sock_hold(&src->sk);
	}
	len = __atomic_load_n(&src->addr_len, __ATOMIC_ACQUIRE);
	if (len) {
		memcpy(addr, &src->addr, (size_t)len);
	} else {
		addr->ss_family = AF_UNIX;
		len = sizeof(addr->ss_family);
	}
	sock_put(&src->sk);
	return len;
}

/* Both new, so neither lock can be contended; SO_PEERCRED: ourselves. */
int unix_socketpair(struct socket *a, struct socket *b)
{
	struct unix_sock *ua = unix_sk(a->sk), *ub = unix_sk(b->sk);
	struct sock_creds me;

	sock_current_creds(&me, true);
	sock_hold(&ua->sk);
	sock_hold(&ub->sk);
	spin_lock(&ua->sk.lock);
	ua->peer = ub;
	ua->state = UNIX_ESTABLISHED;
	ua->sk.peercred = me;
	spin_unlock(&ua->sk.lock);
	spin_lock(&ub->sk.lock);
	ub->peer = ua;
	ub->state = UNIX_ESTABLISHED;
	ub->sk.peercred = me;
	spin_unlock(&ub->sk.lock);
	a->state = SS_CONNECTED;
	b->state = SS_CONNECTED;
	return 0;
}

/* One /proc/net/unix line, Linux's unix_seq_show() (unix_all_lock held). */
static void unix_show_one(struct seq_buf *s, struct unix_sock *u)
{
	int state = READ_ONCE(u->state), len = READ_ONCE(u->addr_len), i = 0;
	bool has_file = READ_ONCE(u->ino) != 0 && !unix_dead(u);
	int ss = has_file ? (state == UNIX_ESTABLISHED ? SS_CONNECTED : SS_UNCONNECTED) :
			    (state == UNIX_ESTABLISHED ? SS_CONNECTING : SS_DISCONNECTING);

	seq_printf(s, "%016lx: %08X %08X %08X %04X %02X %5llu", 0ul,
		   (unsigned int)READ_ONCE(u->sk.refcount), 0u,
		   state == UNIX_LISTEN ? 1u << 16 : 0u, (unsigned int)u->sk.type, ss,
		   (unsigned long long)READ_ONCE(u->ino));
	if (len) {
		const char *p = u->addr.sun_path;

		len -= (int)sizeof(u->addr.sun_family);
		seq_putc(s, ' ');
		if (p[0]) {
			len--;		/* a path's length counts its NUL */
		} else {
			seq_putc(s, '@');
			i++;
		}
		for (; i < len; i++)
			seq_putc(s, p[i] ? p[i] : '@');
	}
	seq_putc(s, '\n');
}

void unix_show_proc_net(struct seq_buf *s)
{
	struct unix_sock *u;

	seq_puts(s, "Num       RefCount Protocol Flags    Type St Inode Path\n");
	spin_lock(&unix_all_lock);
	list_for_each_entry(u, &unix_all, all_node)
		unix_show_one(s, u);
	spin_unlock(&unix_all_lock);
}

const struct proto_ops unix_stream_ops = {
	.family = AF_UNIX,
	.release = unix_release,
	.bind = unix_bind,
	.connect = unix_stream_connect,
	.socketpair = unix_socketpair,
	.accept = unix_accept,
	.getname = unix_getname,
	.poll = unix_stream_poll,
	.ioctl = unix_ioctl,
	.listen = unix_listen,
	.shutdown = unix_shutdown,
	.sendmsg = unix_stream_sendmsg,
	.recvmsg = unix_stream_recvmsg,
};

const struct proto_ops unix_dgram_ops = {
	.family = AF_UNIX,
	.release = unix_release,
	.bind = unix_bind,
	.connect = unix_dgram_connect,
	.socketpair = unix_socketpair,
	.getname = unix_getname,
	.poll = unix_dgram_poll,
	.ioctl = unix_ioctl,
	.listen = NULL,			/* -EOPNOTSUPP */
	.shutdown = unix_shutdown,
	.sendmsg = unix_dgram_sendmsg,
	.recvmsg = unix_dgram_recvmsg,
};

const struct proto_ops unix_seqpacket_ops = {
	.family = AF_UNIX,
	.release = unix_release,
	.bind = unix_bind,
	.connect = unix_stream_connect,
	.socketpair = unix_socketpair,
	.accept = unix_accept,
	.getname = unix_getname,
	.poll = unix_dgram_poll,
	.ioctl = unix_ioctl,
	.listen = unix_listen,
	.shutdown = unix_shutdown,
	.sendmsg = unix_seqpacket_sendmsg,
	.recvmsg = unix_seqpacket_recvmsg,
};

static const struct net_proto_family unix_family = {
	.family = AF_UNIX,
	.create = unix_create,
};

void af_unix_init(void)
{
	sock_register(&unix_family);
}
