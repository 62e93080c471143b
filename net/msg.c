/*
 * Moving data through sockets: sendto, recvfrom, sendmsg, recvmsg,
 * sendmmsg and recvmmsg, and the two entry points read(2)/write(2) on a
 * socket share with them (sock_sendmsg, sock_recvmsg).
 *
 * A user msghdr is copied in once: its address into a sockaddr_storage,
 * its iovec array into an iov_iter, its control buffer (sendmsg) into a
 * kernel buffer that scm.c parses before the family sees the message.
 * On the way back the family leaves the sender's address, the result
 * flags and any control data (struct scm_cookie) in the msg_kern, and
 * this file writes them out in Linux's order: control messages, name,
 * msg_flags, msg_controllen.
 */
#include <string.h>
#include <kmalloc.h>
#include <net.h>
#include <syscall.h>
#include <time.h>
#include <uapi/fcntl.h>
#include <uapi/time_types.h>
#include "internal.h"

#define OPTMEM_MAX	20480		/* net.core.optmem_max: largest control buffer */
#define CTL_FAST	64		/* control buffers this short stay on the stack */
#define INT_MAX_LEN	0x7fffffff

ssize_t sock_sendmsg(struct socket *sock, struct msg_kern *msg)
{
	if (!sock->ops->sendmsg)
		return -EOPNOTSUPP;
	return sock->ops->sendmsg(sock, msg, iov_iter_count(msg->iter));
}

ssize_t sock_recvmsg(struct socket *sock, struct msg_kern *msg, int flags)
{
	if (!sock->ops->recvmsg)
		return -EOPNOTSUPP;
	return sock->ops->recvmsg(sock, msg, iov_iter_count(msg->iter), flags);
}

static unsigned int sock_dontwait(struct fd_ref *ref, unsigned int flags)
{
	return (file_flags(ref->file) & O_NONBLOCK) ? flags | MSG_DONTWAIT : flags;
}

SYSCALL_DEFINE6(sendto, int, fd, void *, buf, size_t, len, unsigned int, flags,
		void *, uaddr, int, addrlen)
{
	struct sockaddr_storage addr;
	struct msg_kern msg = { 0 };
	struct iov_iter iter;
	struct fd_ref ref;
	struct socket *sock;
	long err;

	len = MIN(len, (size_t)INT_MAX_LEN);
	if (!access_ok(buf, len))
		return -EFAULT;
	iov_iter_user(&iter, buf, len);
	sock = sockfd_lookup(fd, &ref);
	if (IS_ERR(sock))
		return PTR_ERR(sock);
	msg.iter = &iter;
	if (uaddr) {
		err = move_addr_to_kernel(uaddr, addrlen, &addr);
		if (err)
			goto out;
		msg.name = &addr;
		msg.namelen = addrlen;
	}
	msg.flags = sock_dontwait(&ref, flags);
	err = sock_sendmsg(sock, &msg);
out:
	fdput(ref);
	return err;
}


SYSCALL_DEFINE6(recvfrom, int, fd, void *, buf, size_t, len, unsigned int, flags,
		void *, uaddr, int *, ulen)
{
	struct sockaddr_storage addr;
	struct msg_kern msg = { 0 };
	struct iov_iter iter;
	struct fd_ref ref;
	struct socket *sock;
	long err, err2;

	len = MIN(len, (size_t)INT_MAX_LEN);
	if (!access_ok(buf, len))
		return -EFAULT;
	iov_iter_user(&iter, buf, len);
	sock = sockfd_lookup(fd, &ref);
	if (IS_ERR(sock))
		return PTR_ERR(sock);
	msg.iter = &iter;
	msg.name = uaddr ? &addr : NULL;
	err = sock_recvmsg(sock, &msg, (int)sock_dontwait(&ref, flags));
	scm_destroy(&msg.scm);
	if (err >= 0 && uaddr) {
		err2 = move_addr_to_user(&addr, msg.namelen, uaddr, ulen);
		if (err2 < 0)
			err = err2;
	}
	fdput(ref);
	return err;
}

/* One user msghdr, copied in: the header, its iovec and its address. */
struct msg_copy {
	struct user_msghdr um;
	struct iovec fast[IOV_FAST];
	struct iovec *iov_free;
	struct iov_iter iter;
	struct sockaddr_storage addr;
};

static int copy_msghdr_from_user(struct msg_kern *msg, struct msg_copy *c,
				 const struct user_msghdr __user *umsg, bool send)
{
	ssize_t n;

	if (copy_from_user(&c->um, umsg, sizeof(c->um)))
		return -EFAULT;
	if (c->um.msg_namelen < 0)
		return -EINVAL;
	if (c->um.msg_namelen > (int)sizeof(c->addr))
		c->um.msg_namelen = sizeof(c->addr);
	msg->name = NULL;
	msg->namelen = 0;
	if (c->um.msg_name && (!send || c->um.msg_namelen)) {
		msg->name = &c->addr;
		if (send) {
			msg->namelen = c->um.msg_namelen;
			if (move_addr_to_kernel(c->um.msg_name, c->um.msg_namelen, &c->addr))
				return -EFAULT;
		}
	}
	if (c->um.msg_iovlen > UIO_MAXIOV)
		return -EMSGSIZE;
	n = import_iovec(c->um.msg_iov, (int)c->um.msg_iovlen, c->fast, &c->iov_free, &c->iter);
	if (n < 0)
		return (int)n;
	msg->iter = &c->iter;
	return 0;
}

/* Copy the control buffer in and parse it into msg->scm. */
static int copy_control_from_user(struct socket *sock, struct msg_kern *msg,
				  const struct user_msghdr *um)
{
	char fast[CTL_FAST], *ctl = fast;
	size_t len = um->msg_controllen;
	int err;

	if (!len)
		return 0;
	if (len > INT_MAX_LEN)
		return -ENOBUFS;
	if (len > sizeof(fast)) {
		if (len > OPTMEM_MAX)
			return -ENOBUFS;
		ctl = kmalloc(len, GFP_KERNEL);
		if (!ctl)
			return -ENOBUFS;
	}
	err = (int)copy_from_user(ctl, um->msg_control, len);
	if (!err)
		err = scm_send(sock, ctl, len, &msg->scm);
	if (ctl != fast)
		kfree(ctl);
	return err;
}

static long do_sendmsg(struct socket *sock, struct fd_ref *ref,
		       const struct user_msghdr __user *umsg, unsigned int flags)
{
	struct msg_kern msg = { 0 };
	struct msg_copy *c = kmalloc(sizeof(*c), GFP_KERNEL);
	long err;

	if (!c)
		return -ENOMEM;
	c->iov_free = NULL;
	err = copy_msghdr_from_user(&msg, c, umsg, true);
	if (!err)
		err = copy_control_from_user(sock, &msg, &c->um);
	if (!err) {
		msg.flags = sock_dontwait(ref, flags);
		err = sock_sendmsg(sock, &msg);
	}
	scm_destroy(&msg.scm);
	kfree(c->iov_free);
	kfree(c);
	return err;
}

/* After a successful receive: control data, name, flags, control length. */
static long put_msghdr_results(struct socket *sock, struct msg_kern *msg, struct msg_copy *c,
			       struct user_msghdr __user *umsg, unsigned int flags)
{
	bool want_creds = READ_ONCE(sock->sk->flags) & SOCK_FLAG_PASSCRED;
	size_t ctl_used;
	long err;

	ctl_used = scm_recv(&msg->scm, c->um.msg_control, c->um.msg_controllen, &msg->flags,
			    flags, want_creds);
	if (c->um.msg_name) {
		err = move_addr_to_user(&c->addr, msg->namelen, c->um.msg_name,
					&umsg->msg_namelen);
		if (err)
			return err;
	}
	if (put_user(msg->flags, &umsg->msg_flags))
		return -EFAULT;
	if (put_user(ctl_used, &umsg->msg_controllen))
		return -EFAULT;
	return 0;
}

static long do_recvmsg(struct socket *sock, struct fd_ref *ref, struct user_msghdr __user *umsg,
		       unsigned int flags)
{
	struct msg_kern msg = { 0 };
	struct msg_copy *c = kmalloc(sizeof(*c), GFP_KERNEL);
	long ret, err;

	if (!c)
		return -ENOMEM;
	c->iov_free = NULL;
	ret = copy_msghdr_from_user(&msg, c, umsg, false);
	if (!ret) {
		/* As Linux, MSG_CMSG_CLOEXEC shows in the msg_flags given back. */
		msg.flags = flags & MSG_CMSG_CLOEXEC;
		ret = sock_recvmsg(sock, &msg, (int)sock_dontwait(ref, flags));
	}
	if (ret >= 0) {
		err = put_msghdr_results(sock, &msg, c, umsg, flags);
		if (err)
			ret = err;
	}
	scm_destroy(&msg.scm);
	kfree(c->iov_free);
	kfree(c);
	return ret;
}

SYSCALL_DEFINE3(sendmsg, int, fd, const struct user_msghdr *, umsg, unsigned int, flags)
{
	struct fd_ref ref;
	struct socket *sock = sockfd_lookup(fd, &ref);
	long ret;

	if (IS_ERR(sock))
		return PTR_ERR(sock);
	ret = do_sendmsg(sock, &ref, umsg, flags);
	fdput(ref);
	return ret;
}

SYSCALL_DEFINE3(recvmsg, int, fd, struct user_msghdr *, umsg, unsigned int, flags)
{
	struct fd_ref ref;
	struct socket *sock = sockfd_lookup(fd, &ref);
	long ret;

	if (IS_ERR(sock))
		return PTR_ERR(sock);
	ret = do_recvmsg(sock, &ref, umsg, flags);
	fdput(ref);
	return ret;
}

/* The count of messages moved, or the first one's error when none moved. */
SYSCALL_DEFINE4(sendmmsg, int, fd, struct mmsghdr *, vec, unsigned int, vlen,
		unsigned int, flags)
{
	struct fd_ref ref;
	struct socket *sock = sockfd_lookup(fd, &ref);
	unsigned int done = 0;
	long ret = 0;

	if (IS_ERR(sock))
		return PTR_ERR(sock);
	vlen = MIN(vlen, (unsigned int)UIO_MAXIOV);
	while (done < vlen) {
		unsigned int len;

		ret = do_sendmsg(sock, &ref, &vec[done].msg_hdr, flags);
		if (ret < 0)
			break;
		len = (unsigned int)ret;
		if (put_user(len, &vec[done].msg_len)) {
			ret = -EFAULT;
			break;
		}
		done++;
	}
	fdput(ref);
	return done ? (long)done : ret;
}

/* recvmmsg(2) gives back the time that was left. */
static long put_time_left(struct __kernel_timespec __user *uts, u64 deadline)
{
	u64 now = clock_monotonic_ns(), left = deadline > now ? deadline - now : 0;
	struct __kernel_timespec ts = {
		.tv_sec = (s64)(left / 1000000000ull),
		.tv_nsec = (s64)(left % 1000000000ull),
	};

	return copy_to_user(uts, &ts, sizeof(ts));
}

/* recvmmsg(2): stops when vlen messages came, at the first error, or at the timeout. */
SYSCALL_DEFINE5(recvmmsg, int, fd, struct mmsghdr *, vec, unsigned int, vlen,
		unsigned int, flags, struct __kernel_timespec *, utimeout)
{
	struct __kernel_timespec ts;
	struct fd_ref ref;
	struct socket *sock;
	u64 deadline = 0;
	unsigned int done = 0;
	long ret = 0;

	if (utimeout) {
		if (copy_from_user(&ts, utimeout, sizeof(ts)))
			return -EFAULT;
		if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= 1000000000)
			return -EINVAL;
		deadline = clock_monotonic_ns() + (u64)ts.tv_sec * 1000000000ull + (u64)ts.tv_nsec;
	}
	sock = sockfd_lookup(fd, &ref);
	if (IS_ERR(sock))
		return PTR_ERR(sock);
	vlen = MIN(vlen, (unsigned int)UIO_MAXIOV);
	while (done < vlen) {
		unsigned int len;

		ret = do_recvmsg(sock, &ref, &vec[done].msg_hdr, flags);
		if (ret < 0)
			break;
		len = (unsigned int)ret;
		if (put_user(len, &vec[done].msg_len)) {
			ret = -EFAULT;
			break;
		}
		done++;
		if (flags & MSG_WAITFORONE)
			flags |= MSG_DONTWAIT;
		if (utimeout && clock_monotonic_ns() >= deadline)
			break;
	}
	if (done && ret < 0 && ret != -EAGAIN)
		sock_set_error(sock->sk, (int)-ret);	/* reported by the next call, as Linux */
	fdput(ref);
	if (utimeout && put_time_left(utimeout, deadline))
		return -EFAULT;
	return done ? (long)done : ret;
}
