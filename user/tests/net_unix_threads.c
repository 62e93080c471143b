/*
 * Several threads on one AF_UNIX socket pair at once (meant for the SMP
 * boots): concurrent writers on a seqpacket socket never interleave
 * inside a message, concurrent readers get every message exactly once,
 * and a stream carries every byte in order with one writer and one
 * reader racing through a full buffer.
 */
#include "net_util.h"
#include <pthread.h>
#include <stdint.h>

#define WRITERS		4
#define READERS		2
#define PER_WRITER	400
#define MSG_SIZE	300

static int sv[2];
static int seen[WRITERS][PER_WRITER];	/* under seen_lock */
static pthread_mutex_t seen_lock = PTHREAD_MUTEX_INITIALIZER;

/* Message (w, i): MSG_SIZE bytes, each the same value derived from w and i. */
static void *writer(void *arg)
{
	int w = (int)(intptr_t)arg;
	unsigned char msg[MSG_SIZE];

	for (int i = 0; i < PER_WRITER; i++) {
		msg[0] = (unsigned char)w;
		msg[1] = (unsigned char)(i & 0xff);
		msg[2] = (unsigned char)(i >> 8);
		memset(msg + 3, (w * 31 + i) & 0xff, sizeof(msg) - 3);
		CHECK(send(sv[0], msg, sizeof(msg), 0) == sizeof(msg));
	}
	return NULL;
}

static void *reader(void *arg)
{
	unsigned char msg[MSG_SIZE + 1];
	ssize_t n;

	(void)arg;
	while ((n = recv(sv[1], msg, sizeof(msg), 0)) > 0) {
		int w = msg[0], i = msg[1] | msg[2] << 8;

		CHECK(n == MSG_SIZE && w < WRITERS && i < PER_WRITER);
		for (int k = 3; k < MSG_SIZE; k++)
			CHECK(msg[k] == ((w * 31 + i) & 0xff));
		pthread_mutex_lock(&seen_lock);
		seen[w][i]++;
		pthread_mutex_unlock(&seen_lock);
	}
	CHECK(n == 0);		/* end of file once the writers are done */
	return NULL;
}

static void check_seqpacket_threads(void)
{
	pthread_t w[WRITERS], r[READERS];

	CHECK(socketpair(AF_UNIX, SOCK_SEQPACKET, 0, sv) == 0);
	for (int i = 0; i < READERS; i++)
		CHECK(pthread_create(&r[i], NULL, reader, NULL) == 0);
	for (int i = 0; i < WRITERS; i++)
		CHECK(pthread_create(&w[i], NULL, writer, (void *)(intptr_t)i) == 0);
	for (int i = 0; i < WRITERS; i++)
		CHECK(pthread_join(w[i], NULL) == 0);
	CHECK(shutdown(sv[0], SHUT_WR) == 0);
	for (int i = 0; i < READERS; i++)
		CHECK(pthread_join(r[i], NULL) == 0);
	for (int w2 = 0; w2 < WRITERS; w2++)
		for (int i = 0; i < PER_WRITER; i++)
			CHECK(seen[w2][i] == 1);
	CHECK(close(sv[0]) == 0 && close(sv[1]) == 0);
}

#define STREAM_BYTES	(3 << 20)

static void *stream_writer(void *arg)
{
	static unsigned char buf[65536];
	size_t done = 0;

	(void)arg;
	while (done < STREAM_BYTES) {
		size_t len = 1 + (done * 7919) % sizeof(buf);
		ssize_t n;

		len = len < STREAM_BYTES - done ? len : STREAM_BYTES - done;
		for (size_t k = 0; k < len; k++)
			buf[k] = (unsigned char)((done + k) % 251);
		n = write(sv[0], buf, len);
		CHECK(n > 0);
		done += (size_t)n;
	}
	CHECK(close(sv[0]) == 0);
	return NULL;
}

static void check_stream_order(void)
{
	static unsigned char buf[40000];
	size_t got = 0;
	pthread_t t;
	ssize_t n;

	CHECK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0);
	CHECK(pthread_create(&t, NULL, stream_writer, NULL) == 0);
	while ((n = read(sv[1], buf, 1 + got % sizeof(buf))) > 0) {
		for (ssize_t k = 0; k < n; k++)
			if (buf[k] != (got + (size_t)k) % 251) {
				fprintf(stderr, "byte %zu (read of %zd at +%zd): %u, expected %zu\n",
					got + (size_t)k, n, k, buf[k], (got + (size_t)k) % 251);
				exit(1);
			}
		got += (size_t)n;
	}
	CHECK(n == 0 && got == STREAM_BYTES);
	CHECK(pthread_join(t, NULL) == 0);
	CHECK(close(sv[1]) == 0);
}

int main(void)
{
	check_seqpacket_threads();
	check_stream_order();
	return 0;
}
