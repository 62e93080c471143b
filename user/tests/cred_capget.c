/*
 * capget(2) as Linux answers it for root and for users: uid 0 has the
 * full permitted and effective sets (capabilities 0-40), nothing
 * inheritable; dropping the effective uid empties the effective set but
 * keeps the permitted one while a real or saved uid is 0; a process
 * with no uid 0 has nothing.  An unknown version gets the preferred one
 * written back (EINVAL, or 0 without a data pointer); version 1 fills
 * one word per set; another process is asked by pid (ESRCH when gone,
 * EINVAL for a negative pid).  /proc/PID/status agrees.
 */
#define _GNU_SOURCE
#include <grp.h>
#include <stdint.h>
#include <sys/syscall.h>
#include "utest.h"

/* <linux/capability.h>, which musl does not ship */
#define _LINUX_CAPABILITY_VERSION_1	0x19980330u
#define _LINUX_CAPABILITY_VERSION_3	0x20080522u

struct __user_cap_header_struct {
	uint32_t version;
	int pid;
};

struct __user_cap_data_struct {
	uint32_t effective, permitted, inheritable;
};

#define FULL_LOW	0xffffffffu
#define FULL_HIGH	0x1ffu

static int capget(struct __user_cap_header_struct *h, struct __user_cap_data_struct *d)
{
	return (int)syscall(SYS_capget, h, d);
}

/* The two-word sets of pid: effective and permitted, as 64-bit values. */
static void sets_of(int pid, unsigned long long *eff, unsigned long long *prm)
{
	struct __user_cap_header_struct h = { _LINUX_CAPABILITY_VERSION_3, pid };
	struct __user_cap_data_struct d[2];

	memset(d, 0xa5, sizeof(d));
	CHECK(capget(&h, d) == 0);
	CHECK(d[0].inheritable == 0 && d[1].inheritable == 0);
	*eff = (unsigned long long)d[1].effective << 32 | d[0].effective;
	*prm = (unsigned long long)d[1].permitted << 32 | d[0].permitted;
}

/* CapPrm and CapEff of /proc/self/status. */
static void status_sets(unsigned long long *eff, unsigned long long *prm)
{
	char line[128];
	FILE *f = fopen("/proc/self/status", "r");

	CHECK(f);
	while (fgets(line, sizeof(line), f)) {
		sscanf(line, "CapPrm: %llx", prm);
		sscanf(line, "CapEff: %llx", eff);
	}
	fclose(f);
}

static void expect_sets(unsigned long long eff, unsigned long long prm)
{
	unsigned long long e, p;

	sets_of(0, &e, &p);
	CHECK(e == eff && p == prm);
	status_sets(&e, &p);
	CHECK(e == eff && p == prm);
}

static void check_versions(void)
{
	struct __user_cap_header_struct h = { 0x12345678, 0 };
	struct __user_cap_data_struct d[2];

	CHECK_ERRNO(capget(&h, d), EINVAL);
	CHECK(h.version == _LINUX_CAPABILITY_VERSION_3);
	h.version = 1;
	CHECK(capget(&h, NULL) == 0 && h.version == _LINUX_CAPABILITY_VERSION_3);
	CHECK(capget(&h, NULL) == 0);		/* a good version, no data: fine too */
	memset(d, 0xa5, sizeof(d));
	h.version = _LINUX_CAPABILITY_VERSION_1;
	CHECK(capget(&h, d) == 0 && d[0].effective == FULL_LOW && d[0].permitted == FULL_LOW);
	CHECK(d[1].effective == 0xa5a5a5a5u);	/* one word only */
	h.version = _LINUX_CAPABILITY_VERSION_3;
	h.pid = -1;
	CHECK_ERRNO(capget(&h, d), EINVAL);
	h.pid = 999999;
	CHECK_ERRNO(capget(&h, d), ESRCH);
	CHECK_ERRNO(capget((void *)8, d), EFAULT);
}

int main(void)
{
	unsigned long long full = (unsigned long long)FULL_HIGH << 32 | FULL_LOW, e, p;
	pid_t pid;

	expect_sets(full, full);
	check_versions();
	pid = utest_fork();
	if (pid == 0) {
		CHECK(setgroups(0, NULL) == 0 && setresgid(1000, 1000, 1000) == 0);
		CHECK(setresuid(0, 1000, 0) == 0);	/* effective only */
		expect_sets(0, full);
		CHECK(setresuid(1000, 1000, 1000) == 0);
		expect_sets(0, 0);
		pause();
		_exit(0);
	}
	do {		/* until the child has dropped everything */
		utest_sleep_ms(10);
		sets_of(pid, &e, &p);
	} while (p != 0);
	CHECK(e == 0);
	CHECK(kill(pid, SIGKILL) == 0);
	CHECK(WIFSIGNALED(utest_wait(pid)));
	return 0;
}
