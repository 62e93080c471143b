/* What the files of net/ share with each other and with nobody else. */
#ifndef NET_INTERNAL_H
#define NET_INTERNAL_H

#include <file.h>
#include <net.h>

/*
 * The socket behind descriptor fd for the length of one system call, or
 * ERR_PTR(-EBADF) when fd is not open, ERR_PTR(-ENOTSOCK) when it is not
 * a socket.  Pair with fdput(*ref) on success.
 */
struct socket *sockfd_lookup(int fd, struct fd_ref *ref);

/* A user sockaddr into kernel memory: 0, -EINVAL (length), -EFAULT. */
int move_addr_to_kernel(const void __user *uaddr, int ulen, struct sockaddr_storage *kaddr);
/*
 * Give an address back: copy at most *ulen bytes of it and store its
 * real length in *ulen (POSIX: the length before truncation).
 */
int move_addr_to_user(const struct sockaddr_storage *kaddr, int klen, void __user *uaddr,
		      int __user *ulen);

/* Generic SOL_SOCKET options (sockopt.c). */
int sock_setsockopt(struct socket *sock, int name, const void *val, int len);
int sock_getsockopt(struct socket *sock, int name, void *val, int *len);

#endif
