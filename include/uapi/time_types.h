/* Linux's 64-bit time value passed by utimensat(2) and friends (linux/time_types.h). */
#ifndef UAPI_TIME_TYPES_H
#define UAPI_TIME_TYPES_H

#include <stdint.h>

struct __kernel_timespec {
	int64_t tv_sec;
	int64_t tv_nsec;
};

_Static_assert(sizeof(struct __kernel_timespec) == 16, "__kernel_timespec size");

#endif
