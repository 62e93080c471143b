/*
 * Hanging up a terminal without closing it, as Linux 6.1 does:
 *  - TIOCVHANGUP (root) hangs up the files open now: reads give 0,
 *    writes EIO, ioctls EIO (TIOCSPGRP ENOTTY), poll POLLHUP; a file
 *    opened afterwards works, and so does the master;
 *  - vhangup(2) by a session leader hangs up its controlling terminal,
 *    which it loses, and sends it SIGHUP and SIGCONT;
 *  - a session leader exiting on a pty sends its terminal's foreground
 *    group SIGHUP, without SIGCONT (TIOCNOTTY sends both).
 */
#include "pty_util.h"
#include <signal.h>
#include <stdbool.h>
#include <sys/syscall.h>

static int note_fd = -1;

static void note(int sig)
{
	char c = sig == SIGHUP ? 'H' : 'C';

	if (write(note_fd, &c, 1) != 1)
		_exit(9);
}

static void check_files_hung_up(const char *name, int m)
{
	char buf[16];
	struct termios t;
	struct pollfd p;
	int s = open(name, O_RDWR | O_NOCTTY), s2, pg = 0;

	CHECK(s >= 0);
	CHECK(ioctl(s, TIOCVHANGUP) == 0);
	CHECK(read(s, buf, sizeof(buf)) == 0);
	CHECK_ERRNO(write(s, "x", 1), EIO);
	CHECK_ERRNO(tcgetattr(s, &t), EIO);
	CHECK_ERRNO(ioctl(s, TIOCSPGRP, &pg), ENOTTY);
	p = (struct pollfd){ .fd = s, .events = POLLIN };
	CHECK(poll(&p, 1, 0) == 1 && (p.revents & POLLHUP) && (p.revents & POLLIN));
	s2 = open(name, O_RDWR | O_NOCTTY);	/* a new open is a working terminal */
	CHECK(s2 >= 0);
	CHECK(tcgetattr(s2, &t) == 0);
	CHECK(write(m, "ok\n", 3) == 3);
	CHECK(pty_read_for(s2, buf, 3, 2000) == 3 && memcmp(buf, "ok\n", 3) == 0);
	CHECK(pty_read_for(m, buf, 4, 2000) == 4);	/* the echo: the master works too */
	CHECK(read(s, buf, sizeof(buf)) == 0);
	close(s);
	close(s2);
}

/* A session leader with the slave as its terminal runs vhangup(). */
static void check_vhangup_syscall(const char *name)
{
	int notes[2], status;
	char buf[8];
	pid_t pid;

	CHECK(pipe(notes) == 0);
	pid = utest_fork();
	if (pid == 0) {
		int s;

		note_fd = notes[1];
		signal(SIGHUP, note);
		signal(SIGCONT, note);
		CHECK(setsid() > 0);
		s = open(name, O_RDWR);
		CHECK(s >= 0);
		CHECK(syscall(SYS_vhangup) == 0);
		CHECK(read(s, buf, sizeof(buf)) == 0);
		CHECK_ERRNO(open("/dev/tty", O_RDWR), ENXIO);	/* no controlling terminal now */
		_exit(0);
	}
	status = utest_wait(pid);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	CHECK(fcntl(notes[0], F_SETFL, O_NONBLOCK) == 0);
	memset(buf, 0, sizeof(buf));
	if (read(notes[0], buf, sizeof(buf) - 1) < 0)
		buf[0] = 0;
	/* Both; the order differs (Linux sets up both frames at once: C runs first). */
	CHECK(strlen(buf) == 2 && strchr(buf, 'H') && strchr(buf, 'C'));
	close(notes[0]);
	close(notes[1]);
	pid = utest_fork();
	if (pid == 0) {	/* not root: EPERM */
		CHECK(setuid(65534) == 0);
		CHECK_ERRNO(syscall(SYS_vhangup), EPERM);
		_exit(0);
	}
	CHECK(utest_wait(pid) == 0);
}

/*
 * The leader puts a child's group in the foreground, then ends (exit)
 * or gives up the terminal (TIOCNOTTY); what did the group get?
 */
static void check_leader_leaves(const char *name, bool notty, const char *want)
{
	int notes[2], ready[2], status;
	char buf[8] = "";
	pid_t leader, member = 0;

	CHECK(pipe(notes) == 0 && pipe(ready) == 0);
	leader = utest_fork();
	if (leader == 0) {
		int s;

		CHECK(setsid() > 0);
		s = open(name, O_RDWR);
		CHECK(s >= 0);
		member = utest_fork();
		if (member == 0) {
			note_fd = notes[1];
			signal(SIGHUP, note);
			signal(SIGCONT, note);
			CHECK(setpgid(0, 0) == 0);
			CHECK(write(ready[1], "r", 1) == 1);
			for (;;)
				pause();
		}
		CHECK(read(ready[0], buf, 1) == 1);
		CHECK(tcsetpgrp(s, member) == 0);
		CHECK(write(ready[1], &member, sizeof(member)) == sizeof(member));
		if (notty) {
			signal(SIGHUP, SIG_IGN);
			CHECK(ioctl(s, TIOCNOTTY) == 0);
		}
		_exit(0);
	}
	status = utest_wait(leader);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	CHECK(read(ready[0], &member, sizeof(member)) == sizeof(member));
	usleep(300000);
	CHECK(fcntl(notes[0], F_SETFL, O_NONBLOCK) == 0);
	memset(buf, 0, sizeof(buf));
	if (read(notes[0], buf, sizeof(buf)) < 0)
		buf[0] = '\0';
	kill(member, SIGKILL);
	if (strlen(buf) != strlen(want) || strspn(buf, want) != strlen(want))
		fprintf(stderr, "%s: the group got \"%s\", expected \"%s\" (any order)\n",
			notty ? "TIOCNOTTY" : "exit", buf, want);
	CHECK(strlen(buf) == strlen(want) && strspn(buf, want) == strlen(want));
	close(notes[0]);
	close(notes[1]);
	close(ready[0]);
	close(ready[1]);
}

int main(void)
{
	char name[64];
	int m;

	pty_need_devpts();
	m = pty_open_master(name, sizeof(name));
	check_files_hung_up(name, m);
	check_vhangup_syscall(name);
	check_leader_leaves(name, false, "H");
	check_leader_leaves(name, true, "HC");
	close(m);
	return 0;
}
