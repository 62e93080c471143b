/*
 * Files on the scratch tmpfs (SCRATCH): create + write 4 KiB + close +
 * unlink, sequential write and read of a 32 MiB file, open + close, stat.
 */
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bench.h"

#define CREATES		1000
#define SMALL		4096
#define SEQ_CHUNK	65536
#define SEQ_CHUNKS	512		/* 32 MiB */
#define LOOKUPS		5000
#define PROBE_SIZE	123		/* bytes in the open/stat probe file */

static const char cwu_path[] = SCRATCH "/bench-cwu";
static const char seq_path[] = SCRATCH "/bench-seq";
static const char probe_path[] = SCRATCH "/bench-probe";

static void write_exactly(int fd, const void *buf, size_t len)
{
	expect((size_t)must(write(fd, buf, len), "write") == len, "short write");
}

void bench_create_unlink(void)
{
	static unsigned char buf[SMALL];
	struct stat st;
	uint64_t t0, t1;

	memset(buf, 0x5a, sizeof(buf));
	t0 = bench_now();
	for (long i = 0; i < CREATES; i++) {
		int fd = must(open(cwu_path, O_CREAT | O_EXCL | O_WRONLY, 0644), "open");

		write_exactly(fd, buf, SMALL);
		must(close(fd), "close");
		must(unlink(cwu_path), "unlink");
	}
	t1 = bench_now();
	expect(stat(cwu_path, &st) == -1 && errno == ENOENT, "file survived unlink");
	bench_time("file_create_write_unlink", bench_per_op(t0, t1, CREATES, 1000), "us");
}

/* Chunk c carries c in its first 8 bytes; the rest is a fixed byte. */
void bench_tmpfs_seq(void)
{
	static unsigned char buf[SEQ_CHUNK];
	uint64_t t0, t1, t2, total = 0;
	struct stat st;
	int fd;

	memset(buf, 0xa5, sizeof(buf));
	fd = must(open(seq_path, O_CREAT | O_TRUNC | O_WRONLY, 0644), "open");
	t0 = bench_now();
	for (uint64_t c = 0; c < SEQ_CHUNKS; c++) {
		memcpy(buf, &c, sizeof(c));
		write_exactly(fd, buf, SEQ_CHUNK);
	}
	must(close(fd), "close");
	t1 = bench_now();
	must(stat(seq_path, &st), "stat");
	expect(st.st_size == (off_t)SEQ_CHUNK * SEQ_CHUNKS, "file size %lld",
	       (long long)st.st_size);
	bench_time("tmpfs_seq_write", bench_mbps(t0, t1, (uint64_t)st.st_size), "MB/s");

	fd = must(open(seq_path, O_RDONLY), "open");
	t1 = bench_now();
	for (uint64_t c = 0;; c++) {
		uint64_t got;
		ssize_t n = must(read(fd, buf, SEQ_CHUNK), "read");

		if (n == 0)
			break;
		/* tmpfs hands back whole chunks; a short read here is a bug */
		expect(n == SEQ_CHUNK, "short read of %zd at chunk %llu", n, (unsigned long long)c);
		memcpy(&got, buf, sizeof(got));
		expect(got == c && buf[SEQ_CHUNK - 1] == 0xa5, "chunk %llu came back wrong",
		       (unsigned long long)c);
		total += (uint64_t)n;
	}
	t2 = bench_now();
	must(close(fd), "close");
	must(unlink(seq_path), "unlink");
	expect(total == (uint64_t)SEQ_CHUNK * SEQ_CHUNKS, "read %llu bytes", (unsigned long long)total);
	bench_time("tmpfs_seq_read", bench_mbps(t1, t2, total), "MB/s");
}

static void make_probe(void)
{
	static const char data[PROBE_SIZE];
	int fd = must(open(probe_path, O_CREAT | O_TRUNC | O_WRONLY, 0644), "open");

	write_exactly(fd, data, PROBE_SIZE);
	must(close(fd), "close");
}

void bench_open_close(void)
{
	uint64_t t0, t1;

	make_probe();
	t0 = bench_now();
	for (long i = 0; i < LOOKUPS; i++)
		must(close(must(open(probe_path, O_RDONLY), "open")), "close");
	t1 = bench_now();
	must(unlink(probe_path), "unlink");
	bench_time("open_close", bench_per_op(t0, t1, LOOKUPS, 1), "ns");
}

void bench_stat(void)
{
	struct stat st;
	uint64_t t0, t1;

	make_probe();
	t0 = bench_now();
	for (long i = 0; i < LOOKUPS; i++) {
		must(stat(probe_path, &st), "stat");
		expect(st.st_size == PROBE_SIZE && S_ISREG(st.st_mode), "stat: wrong answer");
	}
	t1 = bench_now();
	must(unlink(probe_path), "unlink");
	bench_time("stat", bench_per_op(t0, t1, LOOKUPS, 1), "ns");
}
