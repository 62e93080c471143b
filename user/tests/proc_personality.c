/*
 * personality(2): 0xffffffff reads the execution domain, any other value
 * sets it and returns the old one.  PER_LINUX32 makes uname report an
 * "i686" machine (linux32, setarch); fork and execve keep the domain,
 * execve drops READ_IMPLIES_EXEC but keeps ADDR_NO_RANDOMIZE.
 */
#define _GNU_SOURCE
#include <sys/personality.h>
#include <sys/utsname.h>
#include "utest.h"

#define QUERY	0xffffffffu

static const char *machine(void)
{
	static struct utsname u;

	CHECK(uname(&u) == 0);
	return u.machine;
}

int main(int argc, char **argv)
{
	char *again[] = { argv[0], "after-exec", NULL };
	pid_t pid;

	if (argc == 2) {	/* re-executed: the domain survived, minus one flag */
		CHECK(personality(QUERY) == (PER_LINUX32 | ADDR_NO_RANDOMIZE));
		CHECK(strcmp(machine(), "i686") == 0);
		return 0;
	}
	CHECK(personality(QUERY) == PER_LINUX);
	CHECK(strcmp(machine(), "x86_64") == 0);
	CHECK(personality(PER_LINUX32) == PER_LINUX);
	CHECK(personality(QUERY) == PER_LINUX32);
	CHECK(strcmp(machine(), "i686") == 0);
	pid = utest_fork();
	if (pid == 0)
		_exit(strcmp(machine(), "i686") == 0 ? 0 : 1);
	CHECK_CHILD_OK(pid);
	CHECK(personality(PER_LINUX32 | READ_IMPLIES_EXEC | ADDR_NO_RANDOMIZE) == PER_LINUX32);
	pid = utest_fork();
	if (pid == 0) {
		execv(utest_self(argv[0]), again);
		_exit(127);
	}
	CHECK_CHILD_OK(pid);
	CHECK(personality(PER_LINUX) == (PER_LINUX32 | READ_IMPLIES_EXEC | ADDR_NO_RANDOMIZE));
	CHECK(strcmp(machine(), "x86_64") == 0);
	return 0;
}
