/*
 * Two processes hand a signal back and forth, each sleeping in
 * sigsuspend(2) until the other's SIGUSR1 arrives, many times in a row.
 * With two CPUs they run on different ones, so the sender queues the
 * signal on one CPU while the receiver is just going to sleep on the
 * other: a wake-up lost in that window leaves both asleep for ever.
 * Each side gives up with SIGALRM after ALARM_S seconds, which fails the
 * test instead of hanging it.  (A lost wake-up found this way: sending
 * stored the pending bit and then read the receiver's state with no
 * barrier in between, which x86 may reorder.)
 */
#include <signal.h>
#include "utest.h"

#define ROUNDS	2000
#define ALARM_S	20

static volatile sig_atomic_t got;

static void on_usr1(int sig)
{
	(void)sig;
	got++;
}

static void on_alarm(int sig)
{
	static const char msg[] = "sig_sigsuspend_ping_pong: a SIGUSR1 was never received\n";

	(void)sig;
	write(2, msg, sizeof(msg) - 1);
	_exit(1);
}

static void wait_for_peer(const sigset_t *wait_mask)
{
	while (got == 0)
		CHECK_ERRNO(sigsuspend(wait_mask), EINTR);
	got = 0;
}

/* ROUNDS times: send SIGUSR1 to peer and wait for its answer (or the other way round). */
static void play(pid_t peer, int serve_first, const sigset_t *wait_mask)
{
	for (int i = 0; i < ROUNDS; i++) {
		if (serve_first) {
			CHECK(kill(peer, SIGUSR1) == 0);
			wait_for_peer(wait_mask);
		} else {
			wait_for_peer(wait_mask);
			CHECK(kill(peer, SIGUSR1) == 0);
		}
	}
}

int main(void)
{
	sigset_t usr1, wait_mask;
	pid_t parent = getpid(), child;

	CHECK(signal(SIGUSR1, on_usr1) != SIG_ERR);
	CHECK(signal(SIGALRM, on_alarm) != SIG_ERR);
	sigemptyset(&usr1);
	sigaddset(&usr1, SIGUSR1);
	CHECK(sigprocmask(SIG_BLOCK, &usr1, NULL) == 0);	/* only inside sigsuspend */
	sigemptyset(&wait_mask);

	child = utest_fork();
	if (child == 0) {
		alarm(ALARM_S);
		play(parent, 0, &wait_mask);
		_exit(0);
	}
	alarm(ALARM_S);
	play(child, 1, &wait_mask);
	CHECK_CHILD_OK(child);
	return 0;
}
