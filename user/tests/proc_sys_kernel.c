/*
 * /proc/sys/kernel: hostname and domainname read and set the names of
 * uname(2); only root may write them (a non-root open for writing gets
 * EACCES from the file mode, sethostname EPERM); ostype, osrelease and
 * pid_max show the constants.
 */
#define _GNU_SOURCE
#include <sys/utsname.h>
#include "procfs.h"

static char buf[256];

static void write_proc(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_TRUNC);

	CHECK(fd >= 0);
	CHECK(write(fd, text, strlen(text)) == (ssize_t)strlen(text));
	CHECK(close(fd) == 0);
}

static void check_constants(void)
{
	struct utsname u;
	char want[80];
	long pid_max;

	CHECK(uname(&u) == 0);
	CHECK(read_file("/proc/sys/kernel/ostype", buf, sizeof(buf)) > 0);
	CHECK(strcmp(buf, "Linux\n") == 0);
	snprintf(want, sizeof(want), "%s\n", u.release);
	CHECK(read_file("/proc/sys/kernel/osrelease", buf, sizeof(buf)) > 0);
	CHECK(strcmp(buf, want) == 0);
	CHECK(read_file("/proc/sys/kernel/pid_max", buf, sizeof(buf)) > 0);
	CHECK(sscanf(buf, "%ld", &pid_max) == 1 && pid_max >= 32768 && pid_max > getpid());
	CHECK_ERRNO(open("/proc/sys/kernel/ostype", O_WRONLY), EACCES);
}

/* A child that gave up root may not rename the machine. */
static void check_not_root(void)
{
	pid_t pid = utest_fork();

	if (pid == 0) {
		CHECK(setuid(1000) == 0);
		CHECK(read_file("/proc/sys/kernel/hostname", buf, sizeof(buf)) > 0);
		CHECK_ERRNO(open("/proc/sys/kernel/hostname", O_WRONLY), EACCES);
		CHECK_ERRNO(open("/proc/sys/kernel/domainname", O_RDWR), EACCES);
		CHECK_ERRNO(sethostname("x", 1), EPERM);
		_exit(0);
	}
	CHECK(utest_wait(pid) == 0);
}

int main(void)
{
	struct utsname u;
	char old[80], olddomain[80];

	CHECK(getuid() == 0);
	CHECK(read_file("/proc/sys/kernel/hostname", old, sizeof(old)) > 0);
	CHECK(uname(&u) == 0);
	CHECK(strlen(old) == strlen(u.nodename) + 1 && strncmp(old, u.nodename, strlen(old) - 1) == 0);
	write_proc("/proc/sys/kernel/hostname", "proc-test-host\n");
	CHECK(uname(&u) == 0 && strcmp(u.nodename, "proc-test-host") == 0);
	CHECK(read_file("/proc/sys/kernel/hostname", buf, sizeof(buf)) > 0);
	CHECK(strcmp(buf, "proc-test-host\n") == 0);
	CHECK(sethostname("via-syscall", 11) == 0);
	CHECK(read_file("/proc/sys/kernel/hostname", buf, sizeof(buf)) > 0);
	CHECK(strcmp(buf, "via-syscall\n") == 0);

	CHECK(read_file("/proc/sys/kernel/domainname", olddomain, sizeof(olddomain)) > 0);
	write_proc("/proc/sys/kernel/domainname", "example.org");
	CHECK(uname(&u) == 0 && strcmp(u.domainname, "example.org") == 0);

	check_not_root();
	check_constants();
	old[strlen(old) - 1] = '\0';
	CHECK(sethostname(old, strlen(old)) == 0);
	write_proc("/proc/sys/kernel/domainname", olddomain);
	return 0;
}
