/* Time structures as the x86_64 system calls pass them. */
#ifndef UAPI_TIME_ABI_H
#define UAPI_TIME_ABI_H

#include <stdint.h>

struct timespec_abi {
	int64_t tv_sec;
	int64_t tv_nsec;
};

struct timeval_abi {
	int64_t tv_sec;
	int64_t tv_usec;
};

struct itimerval_abi {
	struct timeval_abi it_interval;
	struct timeval_abi it_value;
};

struct tms_abi {
	int64_t tms_utime, tms_stime, tms_cutime, tms_cstime;
};

#define CLOCK_REALTIME			0
#define CLOCK_MONOTONIC			1
#define CLOCK_PROCESS_CPUTIME_ID	2
#define CLOCK_THREAD_CPUTIME_ID		3
#define CLOCK_MONOTONIC_RAW		4
#define CLOCK_REALTIME_COARSE		5
#define CLOCK_MONOTONIC_COARSE		6
#define CLOCK_BOOTTIME			7
#define CLOCK_REALTIME_ALARM		8
#define CLOCK_BOOTTIME_ALARM		9
#define TIMER_ABSTIME			1

#define ITIMER_REAL	0
#define ITIMER_VIRTUAL	1
#define ITIMER_PROF	2

#endif
