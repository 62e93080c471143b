/*
 * execve(2) of an executable file that is neither ELF nor a "#!" script
 * (/utest-data/not-elf: plain text, mode 0755) fails with ENOEXEC, and an
 * ELF file without any execute bit (/utest-data/no-exec-perm, mode 0644)
 * fails with EACCES even for root.  The caller continues normally.
 */
#include "utest.h"

int main(void)
{
	char *args[] = { "x", NULL };
	char *env[] = { NULL };

	CHECK_ERRNO(execve("/utest-data/not-elf", args, env), ENOEXEC);
	CHECK_ERRNO(execve("/utest-data/no-exec-perm", args, env), EACCES);
	CHECK(getpid() > 1);
	return 0;
}
