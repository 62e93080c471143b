/*
 * uname(2): what the system is.  It reports "Linux" and a Linux-like
 * release, because user space parses them (DESIGN.md 7).
 */
#include <errno.h>
#include <init.h>
#include <sched.h>
#include <string.h>
#include <syscall.h>
#include <uaccess.h>
#include <uapi/utsname.h>

#define UTS_RELEASE	"6.1.0-osprey"
#define UTS_VERSION	"#1 SMP PREEMPT " KERNEL_NAME " " KERNEL_VERSION

SYSCALL_DEFINE1(uname, struct new_utsname *, ubuf)
{
	struct new_utsname u;

	memset(&u, 0, sizeof(u));
	strlcpy(u.sysname, "Linux", UTS_LEN);
	strlcpy(u.nodename, "(none)", UTS_LEN);
	strlcpy(u.release, UTS_RELEASE, UTS_LEN);
	strlcpy(u.version, UTS_VERSION, UTS_LEN);
	strlcpy(u.machine, "x86_64", UTS_LEN);
	strlcpy(u.domainname, "(none)", UTS_LEN);
	return copy_to_user((struct new_utsname __user *)ubuf, &u, sizeof(u));
}
