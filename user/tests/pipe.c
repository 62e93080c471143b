/*
 * Bytes written to a pipe come back in order from the read end, and once
 * the last writer is closed read(2) returns 0 (end of file).
 */
#include <unistd.h>
#include "utest.h"

int main(void)
{
	static const char msg[] = "osprey pipe test";
	char buf[64];
	int fds[2];

	CHECK(pipe(fds) == 0);
	CHECK(fds[0] >= 0 && fds[1] >= 0 && fds[0] != fds[1]);
	CHECK(write(fds[1], msg, sizeof(msg)) == (ssize_t)sizeof(msg));
	CHECK(read(fds[0], buf, sizeof(buf)) == (ssize_t)sizeof(msg));
	CHECK(memcmp(buf, msg, sizeof(msg)) == 0);
	CHECK(close(fds[1]) == 0);
	CHECK(read(fds[0], buf, sizeof(buf)) == 0);
	CHECK(close(fds[0]) == 0);
	return 0;
}
