/*
 * The socket layer: what every address family shares.
 *
 * A socket is three objects:
 *
 *   struct file    the descriptor side: sockfs gives every socket an inode
 *                  (S_IFSOCK) and a file whose ops (net/sockfs.c) turn
 *                  read/write/poll/ioctl into the family's operations;
 *   struct socket  the file's private data: type, state, the family's
 *                  const proto_ops table and the sock.  It lives exactly
 *                  as long as the file;
 *   struct sock    the protocol side, reference counted, because it may
 *                  outlive the file (an AF_UNIX peer still holds it, a
 *                  connection waits in a listener's queue before any file
 *                  exists).  Families embed it at the start of their own
 *                  object (struct unix_sock) and keep their state there;
 *                  the generic socket options live here.
 *
 * The core (net/socket.c, net/msg.c, net/sockopt.c, net/scm.c) decodes
 * the system calls, copies addresses, options and control messages
 * between user and kernel memory once, and calls the family with kernel
 * buffers only.  A family registers a struct net_proto_family whose
 * create() picks the proto_ops for the type; AF_INET over lwIP
 * (net/lwip/) plugs in the same way (docs/decisions.md).
 */
#ifndef NET_H
#define NET_H

#include <types.h>
#include <spinlock.h>
#include <wait.h>
#include <ktimer.h>
#include <uio.h>
#include <uapi/socket.h>

struct file;
struct poll_table;
struct socket;
struct sock;

/* socket->state (Linux's SS_*) */
enum socket_state {
	SS_FREE = 0,
	SS_UNCONNECTED,
	SS_CONNECTING,
	SS_CONNECTED,
	SS_DISCONNECTING,
};

/* sock->shutdown */
#define RCV_SHUTDOWN	1
#define SEND_SHUTDOWN	2
#define SHUTDOWN_MASK	3

/* sock->flags: generic options (bits) */
#define SOCK_FLAG_PASSCRED	(1u << 0)
#define SOCK_FLAG_REUSEADDR	(1u << 1)
#define SOCK_FLAG_KEEPALIVE	(1u << 2)
#define SOCK_FLAG_LINGER	(1u << 3)
#define SOCK_FLAG_DEAD		(1u << 4)	/* released: no file, no new data */
#define SOCK_FLAG_LISTENING	(1u << 5)	/* SO_ACCEPTCONN */

#define SOCK_TIMEO_FOREVER	(~0ull)

/* Linux's defaults (net.core.wmem_default, wmem_max, ...) and minimums. */
#define SOCK_DEFAULT_BUF	212992u
#define SOCK_MAX_BUF		212992u
#define SOCK_MIN_SNDBUF		4608u
#define SOCK_MIN_RCVBUF		2304u

/* Credentials a message carries (SCM_CREDENTIALS, SO_PEERCRED). */
struct sock_creds {
	int pid;			/* thread-group id; 0: none */
	u32 uid, gid;
};

struct sock {
	int refcount;			/* atomic */
	u16 family, type;		/* immutable */
	int protocol;			/* immutable */
	struct wait_queue wq;		/* readers, writers, pollers of this sock */
	struct spinlock lock;		/* the fields marked "lock", and the family's
					   state in the embedding object */
	unsigned int flags;		/* lock: SOCK_FLAG_* */
	int err;			/* lock: pending error for SO_ERROR (positive) */
	u8 shutdown;			/* lock: RCV_SHUTDOWN | SEND_SHUTDOWN */
	u32 sndbuf, rcvbuf;		/* lock; bytes */
	u64 rcvtimeo, sndtimeo;		/* lock; ns, SOCK_TIMEO_FOREVER: none */
	int linger;			/* lock: SO_LINGER seconds */
	struct sock_creds peercred;	/* lock: SO_PEERCRED, pid 0 when unknown */
	void (*destruct)(struct sock *sk);	/* immutable: frees the family's object */
};

/* Set up the generic part of a family's new sock (refcount 1). */
void sock_init(struct sock *sk, int family, int type, int protocol,
	       void (*destruct)(struct sock *sk));
void sock_hold(struct sock *sk);
/* Drop a reference; the last one calls sk->destruct.  Never sleeps itself. */
void sock_put(struct sock *sk);
/* Take and clear the pending error (negative errno, or 0). */
int sock_error(struct sock *sk);
void sock_set_error(struct sock *sk, int positive_errno);
/* The caller's credentials as SO_PEERCRED and SCM_CREDENTIALS report them. */
void sock_current_creds(struct sock_creds *c, bool effective);

/*
 * Wait on sk->wq until cond holds, a signal arrives, or *timeo_ns runs out
 * (SOCK_TIMEO_FOREVER: never; 0: do not wait).  0 when cond held,
 * -EAGAIN when the time ran out, -ERESTARTSYS (no timeout set) or -EINTR
 * (with one, as Linux's sock_intr_errno) on a signal.  Called with no lock
 * held; *timeo_ns shrinks by the time slept.
 */
#define sock_wait_event(wq, cond, timeo_ns) ({				\
	struct wait_entry __e = { .task = current_task() };		\
	struct ktimeout __to;						\
	u64 __deadline = sock_deadline(*(timeo_ns));			\
	int __ret = 0;							\
	list_init(&__e.node);						\
	ktimeout_start(&__to, __deadline);				\
	for (;;) {							\
		prepare_to_wait(&(wq), &__e, TASK_INTERRUPTIBLE);	\
		if (cond)						\
			break;						\
		if (task_signal_pending(current_task())) {		\
			__ret = sock_intr_errno(*(timeo_ns));		\
			break;						\
		}							\
		if (*(timeo_ns) == 0 || ktimeout_expired(&__to)) {	\
			__ret = -EAGAIN;				\
			break;						\
		}							\
		schedule();						\
	}								\
	finish_wait(&(wq), &__e);					\
	ktimeout_stop(&__to);						\
	sock_timeo_left(timeo_ns, __deadline);				\
	__ret;								\
})
/* The monotonic deadline of a wait of timeo_ns (0: none). */
u64 sock_deadline(u64 timeo_ns);
static inline int sock_intr_errno(u64 timeo_ns)
{
	return timeo_ns == SOCK_TIMEO_FOREVER ? -ERESTARTSYS : -EINTR;
}
void sock_timeo_left(u64 *timeo_ns, u64 deadline);

/* Control-message state of one sendmsg or recvmsg (net/scm.c). */
struct scm_fp {
	int count;			/* files */
	bool charged;			/* counted in uid's in-flight files */
	u32 uid;			/* whose in-flight count they are charged to */
	struct file *files[];		/* each referenced */
};

struct scm_cookie {
	struct scm_fp *fp;		/* SCM_RIGHTS files, or NULL */
	struct sock_creds creds;	/* SCM_CREDENTIALS: sent or to report */
	bool creds_given;		/* sender supplied creds / receiver has some */
};

/* The kernel's view of one message (struct msghdr). */
struct msg_kern {
	void *name;			/* sockaddr buffer (sockaddr_storage), or NULL */
	int namelen;			/* send: length given; recv: length filled */
	struct iov_iter *iter;		/* the data */
	struct scm_cookie scm;		/* send: parsed; recv: filled by the family */
	unsigned int flags;		/* send: MSG_*; recv: result flags (MSG_TRUNC...) */
};

/*
 * What a family does for a socket.  Called with no lock held, from the
 * system call's task; all may sleep.  Members left NULL answer
 * -EOPNOTSUPP (Linux's sock_no_*).  Addresses are kernel copies.
 */
struct proto_ops {
	int family;
	/* The file's last reference went: detach and drop the sock. */
	void (*release)(struct socket *sock);
	int (*bind)(struct socket *sock, struct sockaddr_storage *addr, int len);
	/* flags: the file's O_NONBLOCK */
	int (*connect)(struct socket *sock, struct sockaddr_storage *addr, int len,
		       unsigned int flags);
	int (*socketpair)(struct socket *a, struct socket *b);
	/* Fill newsock (type and ops set) with a connection; flags: O_NONBLOCK */
	int (*accept)(struct socket *sock, struct socket *newsock, unsigned int flags);
	/* Address length, or -errno; peer: the remote end's */
	int (*getname)(struct socket *sock, struct sockaddr_storage *addr, bool peer);
	unsigned int (*poll)(struct socket *sock, struct poll_table *pt);
	/* Family ioctls (FIONREAD, SIOCOUTQ); -ENOIOCTLCMD when unknown */
	long (*ioctl)(struct socket *sock, unsigned int cmd, unsigned long arg);
	int (*listen)(struct socket *sock, int backlog);
	/* how: SHUT_RD, SHUT_WR, SHUT_RDWR (checked) */
	int (*shutdown)(struct socket *sock, int how);
	/* Options at levels other than SOL_SOCKET (kernel buffers) */
	int (*setsockopt)(struct socket *sock, int level, int name, const void *val, int len);
	int (*getsockopt)(struct socket *sock, int level, int name, void *val, int *len);
	/* Bytes sent or -errno; msg->flags has MSG_DONTWAIT for O_NONBLOCK files */
	ssize_t (*sendmsg)(struct socket *sock, struct msg_kern *msg, size_t len);
	/* Bytes received (or the datagram's length with MSG_TRUNC) or -errno */
	ssize_t (*recvmsg)(struct socket *sock, struct msg_kern *msg, size_t len, int flags);
};

#define ENOIOCTLCMD	515	/* kernel-internal: "not mine" */

struct socket {
	short type;			/* immutable once created: SOCK_* */
	int state;			/* the family's lock: SS_* */
	struct file *file;		/* immutable: the file this socket is (not counted) */
	struct sock *sk;		/* set by create/accept, then immutable */
	const struct proto_ops *ops;	/* set by create/accept, then immutable */
};

struct net_proto_family {
	int family;
	/* Set up sock (type set): pick sock->ops, attach a new sock; kern: in-kernel user */
	int (*create)(struct socket *sock, int protocol, bool kern);
};

int sock_register(const struct net_proto_family *fam);
/* Boot: sockfs and the families. */
void net_init(void);

/* sockfs (net/sockfs.c) */
void sockfs_init(void);
/* A socket with a file of its own (O_RDWR, O_NONBLOCK from flags); ERR_PTR. */
struct socket *sock_alloc_file(int type, unsigned int flags);
/* The socket behind a file, or NULL when it is not one. */
struct socket *sock_from_file(struct file *f);
/* The inode number sockfs gave the socket (/proc/net/unix). */
u64 sock_ino(struct socket *sock);

/* net/socket.c */
/* socket(2) on kernel values: a socket with its file, ERR_PTR on failure. */
struct socket *sock_create(int family, int type, int protocol, unsigned int flags);

/* net/msg.c: what read(2)/write(2) on a socket file turn into */
ssize_t sock_sendmsg(struct socket *sock, struct msg_kern *msg);
ssize_t sock_recvmsg(struct socket *sock, struct msg_kern *msg, int flags);

/* net/scm.c */
/* Parse a kernel copy of a sendmsg control buffer for sock into scm. */
int scm_send(struct socket *sock, const void *ctl, size_t len, struct scm_cookie *scm);
/* Drop what scm still holds (files, charges). */
void scm_destroy(struct scm_cookie *scm);
/* A new reference to every file of fp (MSG_PEEK); NULL on -ENOMEM. */
struct scm_fp *scm_fp_dup(const struct scm_fp *fp);
void scm_fp_free(struct scm_fp *fp);
/* Charge fp to the sender's in-flight count: 0 or -ETOOMANYREFS. */
int scm_fp_charge(struct scm_fp *fp);
/*
 * Write the control messages of a received message to user memory
 * (ctl, ctl_len): SCM_CREDENTIALS when wanted, then SCM_RIGHTS with the
 * files installed as new descriptors.  Sets MSG_CTRUNC in *flags when
 * something did not fit; returns the bytes written.  Consumes scm.
 */
size_t scm_recv(struct scm_cookie *scm, void __user *ctl, size_t ctl_len,
		unsigned int *flags, unsigned int recv_flags, bool want_creds);

/* net/unix/ */
void af_unix_init(void);

/* The families' /proc/net files (fs/proc). */
struct seq_buf;
void unix_show_proc_net(struct seq_buf *s);

#endif
