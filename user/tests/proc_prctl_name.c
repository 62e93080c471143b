/*
 * prctl(PR_SET_NAME/PR_GET_NAME): the thread name starts as the basename
 * of the executed file (truncated to 15 bytes), can be set, is cut to 15
 * bytes plus NUL, and is inherited by a forked child.  An unknown option
 * is EINVAL.
 */
#include <sys/prctl.h>
#include "utest.h"

int main(int argc, char **argv)
{
	char name[32], want[16];
	pid_t child;

	(void)argc;
	/* argv[0] is the test's name; the kernel takes the file's basename. */
	snprintf(want, sizeof(want), "%s", strrchr(utest_self(argv[0]), '/') + 1);
	memset(name, 'x', sizeof(name));
	CHECK(prctl(PR_GET_NAME, name) == 0);
	CHECK(strcmp(name, want) == 0);

	CHECK(prctl(PR_SET_NAME, "osprey-test") == 0);
	CHECK(prctl(PR_GET_NAME, name) == 0);
	CHECK(strcmp(name, "osprey-test") == 0);
	CHECK(prctl(PR_SET_NAME, "a-name-much-longer-than-sixteen") == 0);
	memset(name, 'x', sizeof(name));
	CHECK(prctl(PR_GET_NAME, name) == 0);
	CHECK(strcmp(name, "a-name-much-lon") == 0);

	child = utest_fork();
	if (child == 0) {
		CHECK(prctl(PR_GET_NAME, name) == 0);
		CHECK(strcmp(name, "a-name-much-lon") == 0);
		_exit(0);
	}
	CHECK_CHILD_OK(child);
	CHECK_ERRNO(prctl(0x7fff), EINVAL);
	return 0;
}
