/*
 * Inter-process communication: pipe and AF_UNIX ping-pong round trips,
 * pipe throughput in 64 KiB chunks, and poll/select over a set of pipes.
 */
#include <poll.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <unistd.h>

#include "bench.h"

#define ROUND_TRIPS	2000
#define CHUNK		65536
#define STREAM_CHUNKS	512		/* 32 MiB through the pipe */
#define POLL_PIPES	16
#define POLL_CALLS	5000

/*
 * The child's half of a ping-pong: read a byte, send back byte + 1, until
 * end of file.  It reports only through its exit status.
 */
static void echo_child(int in, int out)
{
	unsigned char c;

	for (;;) {
		ssize_t n = read(in, &c, 1);

		if (n == 0)
			_exit(CHILD_OK);
		if (n != 1)
			_exit(CHILD_FAILED);
		c++;
		if (write(out, &c, 1) != 1)
			_exit(CHILD_FAILED);
	}
}

/* The parent's half: ROUND_TRIPS one-byte round trips; returns elapsed ns. */
static uint64_t ping(int out, int in)
{
	uint64_t t0 = bench_now();

	for (long i = 0; i < ROUND_TRIPS; i++) {
		unsigned char c = (unsigned char)i, back;

		expect(must(write(out, &c, 1), "write") == 1, "short write");
		expect(must(read(in, &back, 1), "read") == 1, "early end of file");
		expect(back == (unsigned char)(c + 1), "round trip %ld came back wrong", i);
	}
	return bench_now() - t0;
}

void bench_pipe_pingpong(void)
{
	int down[2], up[2];
	uint64_t ns;
	pid_t pid;

	must(pipe(down), "pipe");
	must(pipe(up), "pipe");
	pid = must(fork(), "fork");
	if (pid == 0) {
		close(down[1]);
		close(up[0]);
		echo_child(down[0], up[1]);
	}
	must(close(down[0]), "close");
	must(close(up[1]), "close");
	ns = ping(down[1], up[0]);
	must(close(down[1]), "close");
	bench_reap(pid, "pipe child");
	must(close(up[0]), "close");
	bench_time("pipe_pingpong", (double)ns / ROUND_TRIPS / 1000, "us");
}

/*
 * AF_UNIX stream ping-pong.  socket() is probed first, so a kernel without
 * sockets gets a clean "unsupported socket:ENOSYS" line.
 */
void bench_unix_pingpong(void)
{
	int sv[2];
	uint64_t ns;
	pid_t pid;

	must(close(must(socket(AF_UNIX, SOCK_STREAM, 0), "socket")), "close");
	must(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), "socketpair");
	pid = must(fork(), "fork");
	if (pid == 0) {
		close(sv[0]);
		echo_child(sv[1], sv[1]);
	}
	must(close(sv[1]), "close");
	ns = ping(sv[0], sv[0]);
	must(close(sv[0]), "close");
	bench_reap(pid, "socket child");
	bench_time("unix_pingpong", (double)ns / ROUND_TRIPS / 1000, "us");
}

/*
 * The stream's contents: chunk c is the fixed pattern with c stamped in its
 * first 8 bytes, so a lost, repeated or misplaced chunk shows.
 */
static unsigned char pattern[CHUNK];

static void fill_pattern(void)
{
	for (size_t i = 0; i < CHUNK; i++)
		pattern[i] = (unsigned char)(i * 7 + (i >> 8));
}

static unsigned char stream_byte(uint64_t off)
{
	uint64_t chunk = off / CHUNK, in = off % CHUNK;

	if (in < sizeof(chunk))
		return (unsigned char)(chunk >> (8 * in));
	return pattern[in];
}

static void stamp(unsigned char *buf, uint64_t chunk)
{
	memcpy(buf, &chunk, sizeof(chunk));	/* little endian, as stream_byte */
}

/* Write STREAM_CHUNKS chunks to fd; used by the pipe writer child. */
static void stream_writer(int fd)
{
	static unsigned char buf[CHUNK];

	memcpy(buf, pattern, CHUNK);
	for (uint64_t c = 0; c < STREAM_CHUNKS; c++) {
		size_t done = 0;

		stamp(buf, c);
		while (done < CHUNK) {
			ssize_t n = write(fd, buf + done, CHUNK - done);

			if (n <= 0)
				_exit(CHILD_FAILED);
			done += (size_t)n;
		}
	}
	_exit(CHILD_OK);
}

void bench_pipe_throughput(void)
{
	static unsigned char buf[CHUNK];
	uint64_t total = 0, t0, t1;
	int fds[2];
	pid_t pid;

	fill_pattern();
	must(pipe(fds), "pipe");
	pid = must(fork(), "fork");
	if (pid == 0) {
		close(fds[0]);
		stream_writer(fds[1]);
	}
	must(close(fds[1]), "close");
	t0 = bench_now();
	for (;;) {
		ssize_t n = must(read(fds[0], buf, CHUNK), "read");

		if (n == 0)
			break;
		expect(buf[0] == stream_byte(total) && buf[n - 1] == stream_byte(total + n - 1),
		       "wrong data at offset %llu", (unsigned long long)total);
		total += (uint64_t)n;
	}
	t1 = bench_now();
	must(close(fds[0]), "close");
	bench_reap(pid, "pipe writer");
	expect(total == (uint64_t)STREAM_CHUNKS * CHUNK, "read %llu bytes", (unsigned long long)total);
	bench_time("pipe_throughput_64k", bench_mbps(t0, t1, total), "MB/s");
}

/* POLL_PIPES pipes; only the last one has a byte to read. */
static void make_pipes(int fds[POLL_PIPES][2])
{
	for (int i = 0; i < POLL_PIPES; i++)
		must(pipe(fds[i]), "pipe");
	expect(must(write(fds[POLL_PIPES - 1][1], "x", 1), "write") == 1, "short write");
}

static void close_pipes(int fds[POLL_PIPES][2])
{
	for (int i = 0; i < POLL_PIPES; i++) {
		must(close(fds[i][0]), "close");
		must(close(fds[i][1]), "close");
	}
}

void bench_poll(void)
{
	struct pollfd pfd[POLL_PIPES];
	int fds[POLL_PIPES][2];
	uint64_t t0, t1;

	make_pipes(fds);
	for (int i = 0; i < POLL_PIPES; i++)
		pfd[i] = (struct pollfd){ .fd = fds[i][0], .events = POLLIN };
	t0 = bench_now();
	for (long i = 0; i < POLL_CALLS; i++) {
		expect(must(poll(pfd, POLL_PIPES, 0), "poll") == 1, "poll: not exactly one ready");
		expect(pfd[POLL_PIPES - 1].revents == POLLIN, "poll: wrong revents");
	}
	t1 = bench_now();
	expect(pfd[0].revents == 0, "poll: an empty pipe is ready");
	close_pipes(fds);
	bench_time("poll_16_pipes", bench_per_op(t0, t1, POLL_CALLS, 1), "ns");
}

/* The same question through epoll: a level-triggered set of the 16 read ends. */
void bench_epoll(void)
{
	struct epoll_event ev = { .events = EPOLLIN }, out[POLL_PIPES];
	int fds[POLL_PIPES][2], ep;
	uint64_t t0, t1;

	make_pipes(fds);
	ep = must(epoll_create1(0), "epoll_create1");
	for (int i = 0; i < POLL_PIPES; i++) {
		ev.data.u32 = (uint32_t)i;
		must(epoll_ctl(ep, EPOLL_CTL_ADD, fds[i][0], &ev), "epoll_ctl");
	}
	t0 = bench_now();
	for (long i = 0; i < POLL_CALLS; i++) {
		expect(must(epoll_wait(ep, out, POLL_PIPES, 0), "epoll_wait") == 1,
		       "epoll_wait: not exactly one ready");
		expect(out[0].data.u32 == POLL_PIPES - 1 && out[0].events == EPOLLIN,
		       "epoll_wait: wrong event");
	}
	t1 = bench_now();
	must(close(ep), "close");
	close_pipes(fds);
	bench_time("epoll_16_pipes", bench_per_op(t0, t1, POLL_CALLS, 1), "ns");
}

void bench_select(void)
{
	int fds[POLL_PIPES][2], maxfd = 0;
	uint64_t t0, t1;
	fd_set set;

	make_pipes(fds);
	for (int i = 0; i < POLL_PIPES; i++)
		maxfd = fds[i][0] > maxfd ? fds[i][0] : maxfd;
	t0 = bench_now();
	for (long i = 0; i < POLL_CALLS; i++) {
		struct timeval zero = { 0, 0 };

		FD_ZERO(&set);
		for (int j = 0; j < POLL_PIPES; j++)
			FD_SET(fds[j][0], &set);
		expect(must(select(maxfd + 1, &set, NULL, NULL, &zero), "select") == 1,
		       "select: not exactly one ready");
		expect(FD_ISSET(fds[POLL_PIPES - 1][0], &set), "select: wrong fd ready");
	}
	t1 = bench_now();
	close_pipes(fds);
	bench_time("select_16_pipes", bench_per_op(t0, t1, POLL_CALLS, 1), "ns");
}
