/*
 * Sockets: the Linux ABI of socket(2) and friends (linux/socket.h,
 * linux/un.h, asm-generic/socket.h, linux/net.h), with Linux's names
 * and x86_64 values.
 */
#ifndef UAPI_SOCKET_H
#define UAPI_SOCKET_H

#include <stdint.h>
#include <stddef.h>

/* Address families (only AF_UNIX exists for now). */
#define AF_UNSPEC	0
#define AF_UNIX		1
#define AF_LOCAL	AF_UNIX
#define AF_INET		2
#define AF_INET6	10
#define AF_NETLINK	16
#define AF_PACKET	17
#define AF_MAX		46

/* Socket types; SOCK_NONBLOCK and SOCK_CLOEXEC may be or'ed in. */
#define SOCK_STREAM	1
#define SOCK_DGRAM	2
#define SOCK_RAW	3
#define SOCK_RDM	4
#define SOCK_SEQPACKET	5
#define SOCK_DCCP	6
#define SOCK_PACKET	10
#define SOCK_MAX	(SOCK_PACKET + 1)
#define SOCK_TYPE_MASK	0xf
#define SOCK_CLOEXEC	02000000	/* O_CLOEXEC */
#define SOCK_NONBLOCK	04000		/* O_NONBLOCK */

/* send/recv flags */
#define MSG_OOB		0x1
#define MSG_PEEK	0x2
#define MSG_DONTROUTE	0x4
#define MSG_CTRUNC	0x8
#define MSG_TRUNC	0x20
#define MSG_DONTWAIT	0x40
#define MSG_EOR		0x80
#define MSG_WAITALL	0x100
#define MSG_NOSIGNAL	0x4000
#define MSG_MORE	0x8000
#define MSG_WAITFORONE	0x10000
#define MSG_BATCH	0x40000
#define MSG_CMSG_CLOEXEC 0x40000000

/* Socket ioctls beyond FIONREAD (= SIOCINQ) and FIONBIO. */
#define SIOCINQ		0x541b		/* FIONREAD */
#define SIOCOUTQ	0x5411		/* TIOCOUTQ */

/* shutdown(2) */
#define SHUT_RD		0
#define SHUT_WR		1
#define SHUT_RDWR	2

/* Option levels and SOL_SOCKET options (asm-generic/socket.h). */
#define SOL_SOCKET	1
#define SO_DEBUG	1
#define SO_REUSEADDR	2
#define SO_TYPE		3
#define SO_ERROR	4
#define SO_DONTROUTE	5
#define SO_BROADCAST	6
#define SO_SNDBUF	7
#define SO_RCVBUF	8
#define SO_KEEPALIVE	9
#define SO_OOBINLINE	10
#define SO_NO_CHECK	11
#define SO_PRIORITY	12
#define SO_LINGER	13
#define SO_BSDCOMPAT	14
#define SO_REUSEPORT	15
#define SO_PASSCRED	16
#define SO_PEERCRED	17
#define SO_RCVLOWAT	18
#define SO_SNDLOWAT	19
#define SO_RCVTIMEO_OLD	20
#define SO_SNDTIMEO_OLD	21
#define SO_SNDBUFFORCE	32
#define SO_RCVBUFFORCE	33
#define SO_ACCEPTCONN	30
#define SO_PEERSEC	31
#define SO_PROTOCOL	38
#define SO_DOMAIN	39
#define SO_RCVTIMEO_NEW	66
#define SO_SNDTIMEO_NEW	67

/* Control messages at SOL_SOCKET */
#define SCM_RIGHTS	0x01
#define SCM_CREDENTIALS	0x02
#define SCM_MAX_FD	253		/* descriptors in one SCM_RIGHTS message */

struct sockaddr {
	uint16_t sa_family;
	char sa_data[14];
};

/* The largest address any family takes (Linux's __kernel_sockaddr_storage). */
struct sockaddr_storage {
	uint16_t ss_family;
	char __data[126];
} __attribute__((aligned(8)));

#define UNIX_PATH_MAX	108

struct sockaddr_un {
	uint16_t sun_family;
	char sun_path[UNIX_PATH_MAX];
};

struct user_msghdr {
	void *msg_name;
	int msg_namelen;
	struct iovec *msg_iov;
	size_t msg_iovlen;		/* __kernel_size_t */
	void *msg_control;
	size_t msg_controllen;
	unsigned int msg_flags;
};

struct mmsghdr {
	struct user_msghdr msg_hdr;
	unsigned int msg_len;
};

struct cmsghdr {
	size_t cmsg_len;		/* header and data */
	int cmsg_level;
	int cmsg_type;
};

#define CMSG_ALIGN(len)	(((len) + sizeof(long) - 1) & ~(sizeof(long) - 1))
#define CMSG_DATA_OFF	CMSG_ALIGN(sizeof(struct cmsghdr))
#define CMSG_SPACE(len)	(CMSG_DATA_OFF + CMSG_ALIGN(len))
#define CMSG_LEN(len)	(CMSG_DATA_OFF + (len))

struct ucred {
	uint32_t pid;
	uint32_t uid;
	uint32_t gid;
};

struct linger {
	int l_onoff;
	int l_linger;
};

/* SO_RCVTIMEO/SO_SNDTIMEO take a struct timeval (old and new are the same on x86_64). */
struct sock_timeval {
	int64_t tv_sec;
	int64_t tv_usec;
};

_Static_assert(sizeof(struct sockaddr) == 16, "sockaddr size");
_Static_assert(sizeof(struct sockaddr_storage) == 128, "sockaddr_storage size");
_Static_assert(sizeof(struct sockaddr_un) == 110, "sockaddr_un size");
_Static_assert(__builtin_offsetof(struct sockaddr_un, sun_path) == 2, "sun_path offset");
_Static_assert(sizeof(struct user_msghdr) == 56, "msghdr size");
_Static_assert(__builtin_offsetof(struct user_msghdr, msg_iov) == 16, "msg_iov offset");
_Static_assert(__builtin_offsetof(struct user_msghdr, msg_control) == 32, "msg_control offset");
_Static_assert(__builtin_offsetof(struct user_msghdr, msg_flags) == 48, "msg_flags offset");
_Static_assert(sizeof(struct mmsghdr) == 64, "mmsghdr size");
_Static_assert(sizeof(struct cmsghdr) == 16, "cmsghdr size");
_Static_assert(sizeof(struct ucred) == 12, "ucred size");
_Static_assert(sizeof(struct sock_timeval) == 16, "timeval size");

#endif
