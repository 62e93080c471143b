/*
 * The socket system calls that create, name and connect sockets:
 * socket, socketpair, bind, listen, accept, accept4, connect,
 * getsockname, getpeername and shutdown.  Each decodes its arguments,
 * copies the address in or out once (move_addr_to_kernel/_to_user) and
 * calls the family's proto_ops.  Data transfer is in msg.c, options in
 * sockopt.c.
 *
 * The order of the checks is Linux's (net/socket.c), since programs and
 * tests see which error comes first.  The family table is filled at boot
 * and read without a lock afterwards.
 */
#include <net.h>
#include <syscall.h>
#include <uapi/fcntl.h>
#include "internal.h"

static const struct net_proto_family *families[AF_MAX];	/* immutable after boot */

int sock_register(const struct net_proto_family *fam)
{
	if (fam->family < 0 || fam->family >= AF_MAX || families[fam->family])
		return -EINVAL;
	families[fam->family] = fam;
	return 0;
}

void net_init(void)
{
	sockfs_init();
	af_unix_init();
}

struct socket *sockfd_lookup(int fd, struct fd_ref *ref)
{
	struct socket *sock;

	*ref = fdget(fd);
	if (!ref->file)
		return ERR_PTR(-EBADF);
	sock = sock_from_file(ref->file);
	if (!sock) {
		fdput(*ref);
		return ERR_PTR(-ENOTSOCK);
	}
	return sock;
}

int move_addr_to_kernel(const void __user *uaddr, int ulen, struct sockaddr_storage *kaddr)
{
	if (ulen < 0 || ulen > (int)sizeof(*kaddr))
		return -EINVAL;
	if (ulen == 0)
		return 0;
	return (int)copy_from_user(kaddr, uaddr, (size_t)ulen);
}

int move_addr_to_user(const struct sockaddr_storage *kaddr, int klen, void __user *uaddr,
		      int __user *ulen)
{
	int len;

	if (get_user(len, ulen))
		return -EFAULT;
	if (len > klen)
		len = klen;
	if (len < 0)
		return -EINVAL;
	if (len && copy_to_user(uaddr, kaddr, (size_t)len))
		return -EFAULT;
	return put_user(klen, ulen);
}

struct socket *sock_create(int family, int type, int protocol, unsigned int flags)
{
	const struct net_proto_family *fam;
	struct socket *sock;
	int err;

	if (family < 0 || family >= AF_MAX)
		return ERR_PTR(-EAFNOSUPPORT);
	if (type < 0 || type >= SOCK_MAX)
		return ERR_PTR(-EINVAL);
	fam = families[family];
	if (!fam)
		return ERR_PTR(-EAFNOSUPPORT);
	sock = sock_alloc_file(type, flags);
	if (IS_ERR(sock))
		return sock;
	err = fam->create(sock, protocol, false);
	if (err) {
		file_put(sock->file);	/* no ops yet: frees the bare socket */
		return ERR_PTR(err);
	}
	return sock;
}

/* Split socket(2)'s type into the type and its SOCK_* flags; -EINVAL for others. */
static int split_type(int *type, unsigned int *flags)
{
	*flags = (unsigned int)*type & ~SOCK_TYPE_MASK;
	*type &= SOCK_TYPE_MASK;
	return (*flags & ~(SOCK_CLOEXEC | SOCK_NONBLOCK)) ? -EINVAL : 0;
}

SYSCALL_DEFINE3(socket, int, family, int, type, int, protocol)
{
	struct socket *sock;
	unsigned int flags;
	int fd;

	if (split_type(&type, &flags))
		return -EINVAL;
	sock = sock_create(family, type, protocol, flags);
	if (IS_ERR(sock))
		return PTR_ERR(sock);
	fd = fd_install(sock->file, 0, flags & SOCK_CLOEXEC);
	if (fd < 0)
		file_put(sock->file);
	return fd;
}

/* Two connected sockets for socketpair(2), or ERR_PTR in pair[0]. */
static int create_pair(int family, int type, int protocol, unsigned int flags,
		       struct socket **pair)
{
	int err;

	pair[0] = sock_create(family, type, protocol, flags);
	if (IS_ERR(pair[0]))
		return (int)PTR_ERR(pair[0]);
	pair[1] = sock_create(family, type, protocol, flags);
	if (IS_ERR(pair[1])) {
		file_put(pair[0]->file);
		return (int)PTR_ERR(pair[1]);
	}
	err = pair[0]->ops->socketpair ? pair[0]->ops->socketpair(pair[0], pair[1]) : -EOPNOTSUPP;
	if (err) {
		file_put(pair[0]->file);
		file_put(pair[1]->file);
	}
	return err;
}

/* Linux reserves both descriptors and stores them before creating anything. */
SYSCALL_DEFINE4(socketpair, int, family, int, type, int, protocol, int *, usv)
{
	struct socket *pair[2] = { NULL, NULL };
	unsigned int flags;
	int fds[2], err;

	if (split_type(&type, &flags))
		return -EINVAL;
	fds[0] = fd_reserve(0, flags & SOCK_CLOEXEC);
	if (fds[0] < 0)
		return fds[0];
	fds[1] = fd_reserve(0, flags & SOCK_CLOEXEC);
	err = fds[1] < 0 ? fds[1] : (int)copy_to_user(usv, fds, sizeof(fds));
	if (!err)
		err = create_pair(family, type, protocol, flags, pair);
	if (err) {
		if (fds[1] >= 0)
			fd_unreserve(fds[1]);
		fd_unreserve(fds[0]);
		return err;
	}
	fd_commit(fds[0], pair[0]->file);
	fd_commit(fds[1], pair[1]->file);
	return 0;
}

SYSCALL_DEFINE3(bind, int, fd, void *, uaddr, int, addrlen)
{
	struct sockaddr_storage addr;
	struct fd_ref ref;
	struct socket *sock = sockfd_lookup(fd, &ref);
	int err;

	if (IS_ERR(sock))
		return PTR_ERR(sock);
	err = move_addr_to_kernel(uaddr, addrlen, &addr);
	if (!err)
		err = sock->ops->bind ? sock->ops->bind(sock, &addr, addrlen) : -EOPNOTSUPP;
	fdput(ref);
	return err;
}

SYSCALL_DEFINE3(connect, int, fd, void *, uaddr, int, addrlen)
{
	struct sockaddr_storage addr;
	struct fd_ref ref;
	struct socket *sock = sockfd_lookup(fd, &ref);
	int err;

	if (IS_ERR(sock))
		return PTR_ERR(sock);
	err = move_addr_to_kernel(uaddr, addrlen, &addr);
	if (!err)
		err = sock->ops->connect ?
		      sock->ops->connect(sock, &addr, addrlen, file_flags(ref.file) & O_NONBLOCK) :
		      -EOPNOTSUPP;
	fdput(ref);
	return err;
}

#define SOMAXCONN	4096	/* net.core.somaxconn */

SYSCALL_DEFINE2(listen, int, fd, int, backlog)
{
	struct fd_ref ref;
	struct socket *sock = sockfd_lookup(fd, &ref);
	int err;

	if (IS_ERR(sock))
		return PTR_ERR(sock);
	if ((unsigned int)backlog > SOMAXCONN)
		backlog = SOMAXCONN;
	err = sock->ops->listen ? sock->ops->listen(sock, backlog) : -EOPNOTSUPP;
	fdput(ref);
	return err;
}

/* Accept one connection on sock into a new socket file; ERR_PTR. */
static struct file *do_accept(struct file *lf, unsigned int flags, void __user *uaddr,
			      int __user *ulen)
{
	struct socket *sock = sock_from_file(lf), *newsock;
	struct sockaddr_storage addr;
	int err, len;

	if (!sock)
		return ERR_PTR(-ENOTSOCK);
	if (!sock->ops->accept)
		return ERR_PTR(-EOPNOTSUPP);
	newsock = sock_alloc_file(sock->type, flags);
	if (IS_ERR(newsock))
		return (struct file *)newsock;	/* an ERR_PTR */
	/* As Linux: SOCK_NONBLOCK makes this very accept non-blocking too. */
	err = sock->ops->accept(sock, newsock, (file_flags(lf) | flags) & O_NONBLOCK);
	if (!err && uaddr) {
		len = newsock->ops->getname(newsock, &addr, true);
		err = len < 0 ? -ECONNABORTED : move_addr_to_user(&addr, len, uaddr, ulen);
	}
	if (err) {
		file_put(newsock->file);
		return ERR_PTR(err);
	}
	return newsock->file;
}

SYSCALL_DEFINE4(accept4, int, fd, void *, uaddr, int *, ulen, int, flags)
{
	struct fd_ref ref;
	struct file *nf;
	int nfd;

	if (flags & ~(SOCK_CLOEXEC | SOCK_NONBLOCK))
		return -EINVAL;
	ref = fdget(fd);
	if (!ref.file)
		return -EBADF;
	nfd = fd_reserve(0, flags & SOCK_CLOEXEC);
	if (nfd >= 0) {
		nf = do_accept(ref.file, (unsigned int)flags, uaddr, ulen);
		if (IS_ERR(nf)) {
			fd_unreserve(nfd);
			nfd = (int)PTR_ERR(nf);
		} else {
			fd_commit(nfd, nf);
		}
	}
	fdput(ref);
	return nfd;
}

SYSCALL_DEFINE3(accept, int, fd, void *, uaddr, int *, ulen)
{
	return sys_accept4((unsigned long)fd, (unsigned long)uaddr, (unsigned long)ulen, 0, 0, 0);
}

static long do_getname(int fd, void __user *uaddr, int __user *ulen, bool peer)
{
	struct sockaddr_storage addr;
	struct fd_ref ref;
	struct socket *sock = sockfd_lookup(fd, &ref);
	int len;

	if (IS_ERR(sock))
		return PTR_ERR(sock);
	len = sock->ops->getname ? sock->ops->getname(sock, &addr, peer) : -EOPNOTSUPP;
	if (len >= 0)
		len = move_addr_to_user(&addr, len, uaddr, ulen);
	fdput(ref);
	return len;
}

SYSCALL_DEFINE3(getsockname, int, fd, void *, uaddr, int *, ulen)
{
	return do_getname(fd, uaddr, ulen, false);
}

SYSCALL_DEFINE3(getpeername, int, fd, void *, uaddr, int *, ulen)
{
	return do_getname(fd, uaddr, ulen, true);
}

SYSCALL_DEFINE2(shutdown, int, fd, int, how)
{
	struct fd_ref ref;
	struct socket *sock = sockfd_lookup(fd, &ref);
	int err;

	if (IS_ERR(sock))
		return PTR_ERR(sock);
	if (how < SHUT_RD || how > SHUT_RDWR)
		err = -EINVAL;
	else
		err = sock->ops->shutdown ? sock->ops->shutdown(sock, how) : -EOPNOTSUPP;
	fdput(ref);
	return err;
}
