/* uname(2) says we are Linux on x86_64: userland parses these strings. */
#include <ctype.h>
#include <sys/utsname.h>
#include "utest.h"

int main(void)
{
	struct utsname u;

	CHECK(uname(&u) == 0);
	CHECK(strcmp(u.sysname, "Linux") == 0);
	CHECK(strcmp(u.machine, "x86_64") == 0);
	/* glibc and busybox parse "major.minor" from the release. */
	CHECK(isdigit((unsigned char)u.release[0]));
	CHECK(strchr(u.release, '.') != NULL);
	return 0;
}
