/*
 * uname(2): what the system is, and the names root may set
 * (sethostname, setdomainname).  It reports "Linux" and a Linux-like
 * release, because user space parses them (DESIGN.md 7).
 *
 * personality(2) sets the task's execution domain, inherited by fork and
 * kept by execve (kernel/exec.c clears the flags Linux clears).  The one
 * we act on is PER_LINUX32, under which uname reports an "i686" machine,
 * as Linux does for linux32/setarch; the address-space flags change
 * nothing since nothing here is randomized.
 */
#include <cred.h>
#include <errno.h>
#include <spinlock.h>
#include <init.h>
#include <sched.h>
#include <string.h>
#include <syscall.h>
#include <uaccess.h>
#include <utsname.h>
#include <uapi/utsname.h>

#define UTS_VERSION	"#1 SMP PREEMPT " KERNEL_NAME " " KERNEL_VERSION
#define PER_MASK	0xff
#define PER_LINUX32	0x0008
#define PER_QUERY	0xffffffffu

static DEFINE_SPINLOCK(uts_lock);
static char hostname[UTS_LEN] = "(none)";	/* uts_lock */
static char domainname[UTS_LEN] = "(none)";	/* uts_lock */

SYSCALL_DEFINE1(uname, struct new_utsname *, ubuf)
{
	struct new_utsname u;
	unsigned long flags;

	memset(&u, 0, sizeof(u));
	strlcpy(u.sysname, UTS_SYSNAME, UTS_LEN);
	strlcpy(u.release, UTS_RELEASE, UTS_LEN);
	strlcpy(u.version, UTS_VERSION, UTS_LEN);
	strlcpy(u.machine, (current_task()->personality & PER_MASK) == PER_LINUX32 ? "i686" :
		"x86_64", UTS_LEN);
	flags = spin_lock_irqsave(&uts_lock);
	memcpy(u.nodename, hostname, UTS_LEN);
	memcpy(u.domainname, domainname, UTS_LEN);
	spin_unlock_irqrestore(&uts_lock, flags);
	return copy_to_user((struct new_utsname __user *)ubuf, &u, sizeof(u));
}

SYSCALL_DEFINE1(personality, unsigned int, persona)
{
	struct task *t = current_task();
	unsigned int old = t->personality;

	if (persona != PER_QUERY)
		t->personality = persona;
	return old;
}

const char *uts_version(void)
{
	return UTS_VERSION;
}

void uts_get_name(enum uts_name which, char buf[UTS_LEN])
{
	unsigned long flags = spin_lock_irqsave(&uts_lock);

	memcpy(buf, which == UTS_HOSTNAME ? hostname : domainname, UTS_LEN);
	spin_unlock_irqrestore(&uts_lock, flags);
}

int uts_set_name(enum uts_name which, const char *name, size_t len)
{
	char *dst = which == UTS_HOSTNAME ? hostname : domainname;
	unsigned long flags;

	if (len >= UTS_LEN)
		return -EINVAL;
	flags = spin_lock_irqsave(&uts_lock);
	memset(dst, 0, UTS_LEN);
	memcpy(dst, name, len);
	spin_unlock_irqrestore(&uts_lock, flags);
	return 0;
}

/* sethostname/setdomainname: root only; the name need not be NUL-terminated. */
static long set_uts_name(enum uts_name which, const char *uname, int len)
{
	char buf[UTS_LEN];

	if (current_cred()->euid != 0)
		return -EPERM;
	if (len < 0 || len >= UTS_LEN)
		return -EINVAL;
	if (copy_from_user(buf, (const void __user *)uname, (size_t)len))
		return -EFAULT;
	return uts_set_name(which, buf, (size_t)len);
}

SYSCALL_DEFINE2(sethostname, const char *, uname, int, len)
{
	return set_uts_name(UTS_HOSTNAME, uname, len);
}

SYSCALL_DEFINE2(setdomainname, const char *, uname, int, len)
{
	return set_uts_name(UTS_DOMAINNAME, uname, len);
}
