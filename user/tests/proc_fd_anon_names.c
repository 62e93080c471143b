#define _GNU_SOURCE
/*
 * readlink(/proc/self/fd/N) names files outside every tree as Linux
 * does: anonymous-inode files "anon_inode:[eventpoll]" (and eventfd,
 * timerfd, signalfd); a pseudo-terminal's master is /dev/ptmx and its
 * slave /dev/pts/N.
 */
#include <signal.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/signalfd.h>
#include <sys/timerfd.h>
#include "procfs.h"
#include "pty_util.h"

static void check_link(int fd, const char *want)
{
	char path[64], got[256];
	ssize_t n;

	CHECK(fd >= 0);
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	n = readlink(path, got, sizeof(got) - 1);
	CHECK(n > 0);
	got[n] = '\0';
	if (strcmp(got, want) != 0)
		fprintf(stderr, "fd %d: want %s, got %s\n", fd, want, got);
	CHECK(strcmp(got, want) == 0);
}

int main(void)
{
	sigset_t set;
	char *slave;
	int master;

	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	check_link(epoll_create1(EPOLL_CLOEXEC), "anon_inode:[eventpoll]");
	check_link(eventfd(0, 0), "anon_inode:[eventfd]");
	check_link(timerfd_create(CLOCK_MONOTONIC, 0), "anon_inode:[timerfd]");
	check_link(signalfd(-1, &set, 0), "anon_inode:[signalfd]");

	pty_need_devpts();
	master = open("/dev/ptmx", O_RDWR | O_NOCTTY);
	check_link(master, "/dev/ptmx");
	CHECK(unlockpt(master) == 0);
	slave = ptsname(master);
	CHECK(slave && strncmp(slave, "/dev/pts/", 9) == 0);
	check_link(open(slave, O_RDWR | O_NOCTTY), slave);
	return 0;
}
