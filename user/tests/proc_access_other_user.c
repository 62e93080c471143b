/*
 * What another user may see of a root process in /proc (Linux's rules):
 * stat, status and cmdline are public; environ (mode 0400), the fd
 * directory (0500) and the exe/cwd links are refused with EACCES; the
 * same user may see all of them in its own processes.
 */
#include <dirent.h>
#include <sys/prctl.h>
#include "procfs.h"

static char buf[8192];

int main(void)
{
	pid_t pid = utest_fork();

	if (pid == 0) {
		char link[256];

		CHECK(setgid(1000) == 0 && setuid(1000) == 0);
		/* Linux makes a process that changed ids non-dumpable (root-owned /proc files). */
		CHECK(prctl(PR_SET_DUMPABLE, 1) == 0);
		CHECK(read_file("/proc/1/stat", buf, sizeof(buf)) > 0);
		CHECK(read_file("/proc/1/status", buf, sizeof(buf)) > 0);
		CHECK(read_file("/proc/1/cmdline", buf, sizeof(buf)) > 0);
		CHECK_ERRNO(open("/proc/1/environ", O_RDONLY), EACCES);
		CHECK_ERRNO(opendir("/proc/1/fd") ? 0 : -1, EACCES);
		CHECK_ERRNO(readlink("/proc/1/exe", link, sizeof(link)), EACCES);
		CHECK_ERRNO(readlink("/proc/1/cwd", link, sizeof(link)), EACCES);
		CHECK_ERRNO(open("/proc/1/exe", O_RDONLY), EACCES);
		/* Our own process, as uid 1000: everything. */
		CHECK(read_file("/proc/self/environ", buf, sizeof(buf)) >= 0);
		CHECK(readlink("/proc/self/exe", link, sizeof(link)) > 0);
		CHECK(opendir("/proc/self/fd") != NULL);
		_exit(0);
	}
	CHECK(utest_wait(pid) == 0);
	return 0;
}
