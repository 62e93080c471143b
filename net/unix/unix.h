/*
 * AF_UNIX internals, shared by the files of net/unix/.
 *
 * A unix_sock embeds the generic struct sock.  Its receive queue holds
 * unix_bufs: one per datagram (SOCK_DGRAM, SOCK_SEQPACKET), or chunks of
 * the byte stream (SOCK_STREAM) that readers coalesce.  A listener's
 * queue holds instead the embryo socks of connections not yet accepted.
 *
 * Memory: every buf is charged to its sender's wmem until a reader
 * consumes it; a sender waits (or gets -EAGAIN) while its wmem reaches
 * its SO_SNDBUF, so a slow reader bounds what a writer can queue, as on
 * Linux.  A datagram receiver also refuses more than max_dgram_qlen
 * queued datagrams from senders it is not connected to.
 *
 * Locks (docs/locking.md, "Sockets"):
 *   unix_gc_lock     in-flight counts and the collector (gc.c); taken
 *                    before any sk.lock, never inside one
 *   unix_table_lock  the table of bound names (addr.c), innermost
 *   u->bindlock      serializes bind/autobind of one socket (mutex; bind
 *                    creates a filesystem node, which sleeps)
 *   u->iolock        serializes the readers of one socket (mutex): a
 *                    reader copies out of the head buf with no spinlock
 *                    held, and only readers take bufs off the queue
 *   u->sk.lock       state, peer, queue, address (spinlock); at most two
 *                    nest, only in stream connect: the listener's first,
 *                    then the connecting socket's
 * Waits: readers on their own sk.wq; stream writers waiting for wmem on
 * their own sk.wq (the reader that consumes wakes the sender); datagram
 * senders waiting for room in a full receiver and connect() waiting for
 * a full backlog on the global unix_space_wait (docs/decisions.md).
 */
#ifndef NET_UNIX_H
#define NET_UNIX_H

#include <list.h>
#include <mutex.h>
#include <net.h>
#include <vfs.h>

enum unix_state {
	UNIX_CLOSE,		/* unconnected (or a dgram socket connected nowhere) */
	UNIX_LISTEN,
	UNIX_ESTABLISHED,
};

#define UNIX_MAX_DGRAM_QLEN	10	/* net.unix.max_dgram_qlen */
/* Stream bytes per buf: with its header, a buf fits in four pages (order 2). */
#define UNIX_CHUNK_MAX		(16384 - 128)
#define UNIX_BUF_OVERHEAD	256	/* charged per buf beyond its data */
#define UNIX_OVERFLOW_ID	65534	/* /proc/sys/kernel/overflowuid */

struct unix_sock;

struct unix_buf {
	struct list_head node;		/* on the receiver's queue (its sk.lock) */
	struct unix_sock *sender;	/* referenced: wmem and the source address */
	size_t len;			/* data bytes */
	size_t off;			/* stream: bytes already read (iolock + sk.lock) */
	size_t charge;			/* in sender->wmem */
	struct scm_fp *fp;		/* SCM_RIGHTS files, charged; or NULL */
	struct sock_creds creds;	/* who sent it (SCM_CREDENTIALS), when creds_set */
	bool creds_set;
	char data[];
};

struct unix_sock {
	struct sock sk;			/* first: unix_sk() casts */
	struct mutex iolock;		/* readers */
	struct mutex bindlock;		/* bind/autobind */
	/* sk.lock: */
	int state;			/* UNIX_* */
	struct unix_sock *peer;		/* referenced; stays set after the peer closes */
	struct list_head queue;		/* unix_bufs, or embryos (listener) */
	unsigned int qlen;		/* entries on queue */
	size_t qbytes;			/* unread data bytes (FIONREAD) */
	int backlog;			/* listen backlog; dgram: max queued datagrams */
	struct list_head embryo_node;	/* on the listener's queue (listener's sk.lock) */
	struct sockaddr_un addr;	/* set once when bound, then immutable */
	int addr_len;			/* 0: unbound; read with READ_ONCE */
	struct path path;		/* the filesystem node a path bind made */
	struct list_head bound_node;	/* unix_table_lock */
	struct list_head all_node;	/* unix_all_lock: every AF_UNIX sock (/proc/net/unix) */
	u64 ino;			/* its sockfs inode number; 0 until it has a file */
	struct file *file;		/* its file (not counted); NULL until it has one */
	/* unix_gc_lock (gc.c): */
	long inflight;			/* references to our file inside queued bufs */
	struct list_head inflight_node;	/* on the in-flight list while inflight > 0 */
	long gc_refs;			/* during a collection: inflight not explained */
	bool gc_candidate, gc_reachable;
	struct list_head gc_node, gc_work;
	/* atomic: */
	size_t wmem;			/* bytes of our bufs still queued at a receiver */
};

static inline struct unix_sock *unix_sk(struct sock *sk)
{
	return (struct unix_sock *)sk;
}

static inline bool unix_dead(struct unix_sock *u)
{
	return READ_ONCE(u->sk.flags) & SOCK_FLAG_DEAD;
}

extern struct wait_queue unix_space_wait;
extern const struct proto_ops unix_stream_ops, unix_dgram_ops, unix_seqpacket_ops;

/* af_unix.c */
struct unix_sock *unix_sock_alloc(int type);
/* The peer with a reference, or NULL. */
struct unix_sock *unix_peer_get(struct unix_sock *u);
/* A receiver's queue is full for senders it is not connected to. */
bool unix_recvq_full(struct unix_sock *u);
unsigned int unix_stream_poll(struct socket *sock, struct poll_table *pt);
unsigned int unix_dgram_poll(struct socket *sock, struct poll_table *pt);
void unix_release(struct socket *sock);
int unix_getname(struct socket *sock, struct sockaddr_storage *addr, bool peer);
long unix_ioctl(struct socket *sock, unsigned int cmd, unsigned long arg);
int unix_shutdown(struct socket *sock, int how);
int unix_socketpair(struct socket *a, struct socket *b);
/* Credentials the caller would send: its tgid and real ids. */
void unix_sender_creds(struct sock_creds *c);

/* addr.c: names */
int unix_validate_addr(const struct sockaddr_storage *addr, int len);
int unix_bind(struct socket *sock, struct sockaddr_storage *addr, int len);
int unix_autobind(struct unix_sock *u);
/* The bound socket addr names, with a reference; ERR_PTR (-ENOENT, -ECONNREFUSED, ...). */
struct unix_sock *unix_find_other(struct sockaddr_storage *addr, int len, int type);
void unix_unbind(struct unix_sock *u);

/* buf.c: queued data */
/*
 * A buf for len bytes charged to u's wmem, waiting while u's wmem is at
 * its SO_SNDBUF (*timeo: see sock_wait_event).  ERR_PTR: -EAGAIN,
 * -EPIPE (SEND_SHUTDOWN), -ERESTARTSYS/-EINTR, -ENOMEM, a pending error.
 */
struct unix_buf *unix_buf_alloc(struct unix_sock *u, size_t len, u64 *timeo);
/* Free a buf taken off a queue: uncharge and wake its sender. */
void unix_buf_free(struct unix_buf *b);
/* Attach the message's files (charged) and credentials to b: 0 or -ETOOMANYREFS. */
int unix_buf_attach_scm(struct unix_buf *b, struct scm_cookie *scm);
/*
 * Append b to u's queue (u's sk.lock held, by the sending task).  As
 * Linux's maybe_add_creds(), a message carries its sender's credentials
 * only if they were given or either end had SO_PASSCRED when it was
 * queued; otherwise a receiver sees pid 0 and the overflow ids.
 */
void unix_queue_tail(struct unix_sock *u, struct unix_buf *b);
/* Take every buf off u's queue and free them, deferring file releases. */
void unix_purge_queue(struct unix_sock *u);

/* conn.c: connection-oriented sockets */
int unix_listen(struct socket *sock, int backlog);
int unix_accept(struct socket *sock, struct socket *newsock, unsigned int flags);
int unix_stream_connect(struct socket *sock, struct sockaddr_storage *addr, int len,
			unsigned int flags);

/* stream.c */
ssize_t unix_stream_sendmsg(struct socket *sock, struct msg_kern *msg, size_t len);
ssize_t unix_stream_recvmsg(struct socket *sock, struct msg_kern *msg, size_t len, int flags);

/* dgram.c */
int unix_dgram_connect(struct socket *sock, struct sockaddr_storage *addr, int len,
		       unsigned int flags);
ssize_t unix_dgram_sendmsg(struct socket *sock, struct msg_kern *msg, size_t len);
ssize_t unix_dgram_recvmsg(struct socket *sock, struct msg_kern *msg, size_t len, int flags);
ssize_t unix_seqpacket_sendmsg(struct socket *sock, struct msg_kern *msg, size_t len);
ssize_t unix_seqpacket_recvmsg(struct socket *sock, struct msg_kern *msg, size_t len, int flags);
/* A datagram socket lost its peer: drop what it had queued (Linux). */
void unix_dgram_disconnected(struct unix_sock *u, struct unix_sock *old_peer);

/* gc.c: sockets inside sockets (SCM_RIGHTS) */
/* The files of fp entered (add) or left (del) a queued buf. */
void unix_inflight_add(struct scm_fp *fp);
void unix_inflight_del(struct scm_fp *fp);
/* Free the cycles of in-flight sockets nobody can reach; cheap when none are in flight. */
void unix_gc(void);
/* After MSG_PEEK took new references to a buf's files (no sk.lock held). */
void unix_gc_peek_barrier(void);
/* buf.c, for the collector: free a list of bufs taken off their queues. */
void unix_free_buf_list(struct list_head *bufs);

/* Copy the sender's address into msg->name (length 0 when unbound). */
void unix_copy_addr(struct msg_kern *msg, struct unix_sock *sender);

#endif
