/*
 * sethostname(2)/setdomainname(2) change what uname(2) reports; names
 * of 65 bytes or more are EINVAL; a non-root process gets EPERM.
 */
#define _GNU_SOURCE
#include <sys/utsname.h>
#include <unistd.h>
#include "utest.h"

int main(void)
{
	char long_name[80];
	struct utsname u;
	pid_t pid;

	CHECK(sethostname("osprey-test", 11) == 0);
	CHECK(uname(&u) == 0);
	CHECK(strcmp(u.nodename, "osprey-test") == 0);
	CHECK(sethostname("abcdef", 3) == 0);		/* not NUL-terminated: 3 bytes */
	CHECK(uname(&u) == 0);
	CHECK(strcmp(u.nodename, "abc") == 0);
	CHECK(setdomainname("example", 7) == 0);
	CHECK(uname(&u) == 0);
	CHECK(strcmp(u.domainname, "example") == 0);
	memset(long_name, 'x', sizeof(long_name));
	CHECK_ERRNO(sethostname(long_name, 65), EINVAL);
	pid = utest_fork();
	if (pid == 0) {
		CHECK(setuid(1000) == 0);
		CHECK_ERRNO(sethostname("nope", 4), EPERM);
		_exit(0);
	}
	CHECK_CHILD_OK(pid);
	CHECK(sethostname("(none)", 6) == 0);
	CHECK(setdomainname("(none)", 6) == 0);
	return 0;
}
