/*
 * The test initramfs runs as root: real, effective and saved user and
 * group ids are all 0 (getuid family and getresuid/getresgid), the fs ids
 * follow (setfsuid returns the old value), and the process is not
 * "secure" (AT_SECURE 0).
 */
#define _GNU_SOURCE
#include <sys/auxv.h>
#include <sys/fsuid.h>
#include "utest.h"

int main(void)
{
	uid_t r, e, s;
	gid_t gr, ge, gs;

	CHECK(getuid() == 0 && geteuid() == 0);
	CHECK(getgid() == 0 && getegid() == 0);
	r = e = s = 99;
	CHECK(getresuid(&r, &e, &s) == 0);
	CHECK(r == 0 && e == 0 && s == 0);
	gr = ge = gs = 99;
	CHECK(getresgid(&gr, &ge, &gs) == 0);
	CHECK(gr == 0 && ge == 0 && gs == 0);
	CHECK(setfsuid(-1) == 0);	/* -1: only query */
	CHECK(setfsgid(-1) == 0);
	CHECK(getauxval(AT_SECURE) == 0);
	CHECK(getauxval(AT_UID) == 0 && getauxval(AT_EUID) == 0);
	return 0;
}
