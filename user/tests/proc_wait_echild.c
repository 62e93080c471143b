/*
 * wait4 with no children fails with ECHILD, with and without WNOHANG, and
 * for a pid that is not our child (init, ourselves, a pid never used).
 */
#include "utest.h"

int main(void)
{
	int status;

	CHECK_ERRNO(wait(&status), ECHILD);
	CHECK_ERRNO(waitpid(-1, &status, WNOHANG), ECHILD);
	CHECK_ERRNO(waitpid(1, &status, 0), ECHILD);
	CHECK_ERRNO(waitpid(getpid(), &status, 0), ECHILD);
	CHECK_ERRNO(waitpid(4000000, &status, 0), ECHILD);
	CHECK_ERRNO(waitpid(0, &status, 0), ECHILD);
	/* Unknown option bits: EINVAL. */
	CHECK_ERRNO(waitpid(-1, &status, 0x10000), EINVAL);
	return 0;
}
