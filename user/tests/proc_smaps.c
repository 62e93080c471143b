/*
 * /proc/PID/smaps and smaps_rollup: Linux 6.1's fields in Linux's order
 * and layout, with values that follow the page tables.  Relations, not
 * absolute numbers: Rss grows with the pages touched, written private
 * pages are Private_Dirty and Anonymous, pages shared with a forked child
 * move to Shared_Dirty and halve their Pss, a shared mapping is not
 * Anonymous, and the rollup adds up what the areas hold.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/mman.h>
#include "utest.h"

#define PG 4096

static const char *const smaps_fields[] = {
	"Size", "KernelPageSize", "MMUPageSize", "Rss", "Pss", "Pss_Dirty", "Shared_Clean",
	"Shared_Dirty", "Private_Clean", "Private_Dirty", "Referenced", "Anonymous", "LazyFree",
	"AnonHugePages", "ShmemPmdMapped", "FilePmdMapped", "Shared_Hugetlb", "Private_Hugetlb",
	"Swap", "SwapPss", "Locked", "THPeligible", "VmFlags", NULL,
};

static const char *const rollup_fields[] = {
	"Rss", "Pss", "Pss_Dirty", "Pss_Anon", "Pss_File", "Pss_Shmem", "Shared_Clean",
	"Shared_Dirty", "Private_Clean", "Private_Dirty", "Referenced", "Anonymous", "LazyFree",
	"AnonHugePages", "ShmemPmdMapped", "FilePmdMapped", "Shared_Hugetlb", "Private_Hugetlb",
	"Swap", "SwapPss", "Locked", NULL,
};

static char text[1 << 17];

static void read_file(const char *path)
{
	int fd = open(path, O_RDONLY);
	size_t got = 0;
	ssize_t n;

	CHECK(fd >= 0);
	while ((n = read(fd, text + got, sizeof(text) - 1 - got)) > 0)
		got += (size_t)n;
	CHECK(n == 0 && got < sizeof(text) - 1);
	text[got] = '\0';
	close(fd);
}

/* The block of the area starting at addr (its header line), or NULL. */
static char *area_block(void *addr)
{
	char head[32];
	char *p = text;

	snprintf(head, sizeof(head), "%08lx-", (unsigned long)addr);
	while (p && *p) {
		if (strncmp(p, head, strlen(head)) == 0)
			return p;
		p = strchr(p, '\n');
		p = p ? p + 1 : NULL;
	}
	return NULL;
}

/* The fields after the header line, in order; each "Name:" line, the kB ones padded as Linux. */
static void check_layout(const char *block, const char *const *fields)
{
	const char *line = strchr(block, '\n') + 1;

	for (int i = 0; fields[i]; i++) {
		size_t len = strlen(fields[i]);
		const char *end = strchr(line, '\n');

		CHECK(end);
		/* Linux adds this line when the CPU has protection keys (-cpu max). */
		if (strncmp(line, "ProtectionKey:", 14) == 0 && strcmp(fields[i], "VmFlags") == 0) {
			line = end + 1;
			end = strchr(line, '\n');
			CHECK(end);
		}
		if (strncmp(line, fields[i], len) != 0 || line[len] != ':')
			fprintf(stderr, "expected %s at: %.40s\n", fields[i], line);
		CHECK(strncmp(line, fields[i], len) == 0 && line[len] == ':');
		if (end - line == 27)		/* "Name:" padded to 16, %8lu, " kB" */
			CHECK(strncmp(end - 3, " kB", 3) == 0 && line[23] >= '0' && line[23] <= '9');
		line = end + 1;
	}
}

static long field_kb(const char *block, const char *name)
{
	char key[32];
	const char *p = block, *next;

	snprintf(key, sizeof(key), "\n%s:", name);
	p = strstr(block, key);
	next = strchr(block, '\n');
	next = next ? strstr(next + 1, "\nVmFlags:") : NULL;	/* this area's end */
	CHECK(p && (!next || p < next));
	return strtol(p + strlen(key), NULL, 10);
}

static char *area_of(void *addr)
{
	char *b;

	read_file("/proc/self/smaps");
	b = area_block(addr);
	CHECK(b);
	return b;
}

static void check_private_anon(volatile char *p, volatile char *shm)
{
	char *b = area_of((void *)p);
	int ready[2], go[2];
	pid_t pid;

	check_layout(b, smaps_fields);
	CHECK(field_kb(b, "Size") == 16 * 4 && field_kb(b, "KernelPageSize") == 4);
	CHECK(field_kb(b, "Rss") == 0 && field_kb(b, "Anonymous") == 0);
	for (int i = 0; i < 4; i++)
		p[i * PG] = 1;
	b = area_of((void *)p);
	CHECK(field_kb(b, "Rss") == 16 && field_kb(b, "Private_Dirty") == 16);
	CHECK(field_kb(b, "Anonymous") == 16 && field_kb(b, "Pss") == 16);
	CHECK(field_kb(b, "Shared_Dirty") == 0 && field_kb(b, "Referenced") == 16);
	CHECK(strstr(b, "VmFlags: rd wr "));

	/* Shared with a child: the same pages, now counted as shared. */
	shm[0] = 1;
	shm[PG] = 1;
	CHECK(pipe(ready) == 0 && pipe(go) == 0);
	pid = utest_fork();
	if (pid == 0) {
		char c;

		(void)shm[0];
		(void)shm[PG];
		CHECK(write(ready[1], "r", 1) == 1);
		CHECK(read(go[0], &c, 1) == 1);
		_exit(0);
	}
	{
		char c;

		CHECK(read(ready[0], &c, 1) == 1);
	}
	b = area_of((void *)p);
	CHECK(field_kb(b, "Rss") == 16 && field_kb(b, "Shared_Dirty") == 16);
	CHECK(field_kb(b, "Private_Dirty") == 0 && field_kb(b, "Pss") == 8);
	b = area_of((void *)shm);
	CHECK(field_kb(b, "Rss") == 8 && field_kb(b, "Shared_Dirty") == 8);
	CHECK(field_kb(b, "Pss") == 4 && field_kb(b, "Anonymous") == 0);
	CHECK(strstr(b, "VmFlags: rd wr sh "));
	CHECK(write(go[1], "g", 1) == 1);
	CHECK_CHILD_OK(pid);

	/* The child is gone: private again, its own copies not needed. */
	b = area_of((void *)p);
	CHECK(field_kb(b, "Private_Dirty") == 16 && field_kb(b, "Pss") == 16);
}

/* A private file mapping: file pages, then one private copy that is Anonymous. */
static void check_private_file(void)
{
	const char *path = "/tmp/proc_smaps_file";
	int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	volatile char *f;
	char *b;

	CHECK(fd >= 0 && ftruncate(fd, 4 * PG) == 0);
	CHECK(pwrite(fd, "data", 4, 0) == 4 && pwrite(fd, "more", 4, PG) == 4);
	f = mmap(NULL, 4 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	CHECK(f != MAP_FAILED);
	CHECK(f[0] == 'd' && f[PG] == 'm');
	b = area_of((void *)f);
	CHECK(field_kb(b, "Rss") >= 8 && field_kb(b, "Anonymous") == 0);
	f[PG] = 'M';
	b = area_of((void *)f);
	CHECK(field_kb(b, "Anonymous") == 4 && field_kb(b, "Rss") >= 8);
	CHECK(munmap((void *)f, 4 * PG) == 0);
	CHECK(close(fd) == 0 && unlink(path) == 0);
}

static void check_rollup(volatile char *p)
{
	long rss_sum = 0;
	char *b;

	read_file("/proc/self/smaps");
	for (char *q = strstr(text, "\nRss:"); q; q = strstr(q + 1, "\nRss:"))
		rss_sum += strtol(q + 5, NULL, 10);
	read_file("/proc/self/smaps_rollup");
	CHECK(strstr(text, "[rollup]\n"));
	CHECK(strncmp(text + 73, "[rollup]", 8) == 0 || strncmp(text + 74, "[rollup]", 8) == 0);
	CHECK(strstr(text, " ---p 00000000 00:00 0 "));
	check_layout(text, rollup_fields);
	/* The same pages, give or take the stack growing while we read. */
	CHECK(field_kb(text, "Rss") >= rss_sum - 8 && field_kb(text, "Rss") <= rss_sum + 8);
	CHECK(field_kb(text, "Anonymous") >= 16 && field_kb(text, "Pss_Anon") >= 16);
	(void)p;
	b = strstr(text, "\nPss_Shmem:");
	CHECK(b);
}

int main(void)
{
	volatile char *p = mmap(NULL, 16 * PG, PROT_READ | PROT_WRITE,
				MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	volatile char *shm = mmap(NULL, 4 * PG, PROT_READ | PROT_WRITE,
				  MAP_SHARED | MAP_ANONYMOUS, -1, 0);

	CHECK(p != MAP_FAILED && shm != MAP_FAILED);
	check_private_anon(p, shm);
	check_private_file();
	check_rollup(p);
	return 0;
}
