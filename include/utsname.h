/*
 * The system's names as uname(2) reports them, for the kernel's own use
 * (/proc/version, /proc/sys/kernel/hostname).  kernel/sys_info.c.
 */
#ifndef UTSNAME_H
#define UTSNAME_H

#include <types.h>

#define UTS_SYSNAME	"Linux"
#define UTS_RELEASE	"6.1.0-osprey"

enum uts_name {
	UTS_HOSTNAME,
	UTS_DOMAINNAME,
};

/* The version string of uname -v ("#1 SMP PREEMPT ..."). */
const char *uts_version(void);
/* Copy a settable name (NUL-terminated, at most 64 characters) into buf[65]. */
void uts_get_name(enum uts_name which, char buf[65]);
/* Set it from len bytes (no permission check here): 0 or -EINVAL. */
int uts_set_name(enum uts_name which, const char *name, size_t len);

#endif
