/* Scatter-gather buffers for readv(2)/writev(2) and friends (linux/uio.h). */
#ifndef UAPI_UIO_H
#define UAPI_UIO_H

#include <stdint.h>
#include <stddef.h>

struct iovec {
	void *iov_base;
	size_t iov_len;
};

_Static_assert(sizeof(struct iovec) == 16, "iovec size");
_Static_assert(__builtin_offsetof(struct iovec, iov_len) == 8, "iov_len offset");

#define UIO_MAXIOV	1024

#endif
