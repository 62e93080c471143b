/*
 * Listing /proc: one numeric directory per process (not per thread), each
 * one stat-able and owned by the process's effective user; a new child
 * appears, a reaped one disappears; /proc/self/task lists the threads.
 */
#include <dirent.h>
#include <pthread.h>
#include <sys/stat.h>
#include "procfs.h"

#define MAX_PIDS 4096

/* The numeric entries of /proc, in *pids; their count. */
static int list_pids(int *pids)
{
	DIR *d = opendir("/proc");
	struct dirent *e;
	int n = 0;

	CHECK(d);
	while ((e = readdir(d)) && n < MAX_PIDS) {
		char path[300];
		struct stat st;

		if (e->d_name[0] < '0' || e->d_name[0] > '9')
			continue;
		CHECK(e->d_type == DT_DIR);
		snprintf(path, sizeof(path), "/proc/%s", e->d_name);
		/* A process may end between readdir and stat: only then ENOENT. */
		if (stat(path, &st) == 0)
			CHECK(S_ISDIR(st.st_mode) && (st.st_mode & 0777) == 0555);
		else
			CHECK(errno == ENOENT);
		pids[n++] = atoi(e->d_name);
	}
	closedir(d);
	return n;
}

static int has(const int *pids, int n, int pid)
{
	for (int i = 0; i < n; i++)
		if (pids[i] == pid)
			return 1;
	return 0;
}

static void *thread_body(void *arg)
{
	int *fd = arg;
	char c;

	read(*fd, &c, 1);
	return NULL;
}

/* /proc/self/task: our tid and the thread's; /proc itself lists only the process. */
static void check_threads(void)
{
	static int pids[MAX_PIDS];
	int p[2], n, tasks = 0;
	pthread_t th;
	DIR *d;
	struct dirent *e;

	CHECK(pipe(p) == 0);
	CHECK(pthread_create(&th, NULL, thread_body, &p[0]) == 0);
	d = opendir("/proc/self/task");
	CHECK(d);
	while ((e = readdir(d)))
		tasks += e->d_name[0] != '.';
	closedir(d);
	CHECK(tasks == 2);
	n = list_pids(pids);
	CHECK(has(pids, n, getpid()));
	CHECK(write(p[1], "x", 1) == 1);
	CHECK(pthread_join(th, NULL) == 0);
	for (int i = 0; i < n; i++) {
		char path[64], text[512], v[32];

		snprintf(path, sizeof(path), "/proc/%d/status", pids[i]);
		if (read_file(path, text, sizeof(text)) <= 0)
			continue;
		snprintf(path, sizeof(path), "%d", pids[i]);
		CHECK(status_field(text, "Tgid", v, sizeof(v)) && strcmp(v, path) == 0);
	}
}

int main(void)
{
	static int pids[MAX_PIDS];
	int p[2], ready[2], n;
	char c;
	pid_t child;
	struct stat st;
	char path[64];

	n = list_pids(pids);
	CHECK(has(pids, n, getpid()) && has(pids, n, 1) && has(pids, n, getppid()));
	CHECK(pipe(p) == 0 && pipe(ready) == 0);
	child = utest_fork();
	if (child == 0) {
		CHECK(setgid(1234) == 0 && setuid(4321) == 0);
		CHECK(write(ready[1], "r", 1) == 1);
		read(p[0], &c, 1);
		_exit(0);
	}
	close(p[0]);
	CHECK(read(ready[0], &c, 1) == 1);
	n = list_pids(pids);
	CHECK(has(pids, n, child));
	snprintf(path, sizeof(path), "/proc/%d", child);
	CHECK(stat(path, &st) == 0 && st.st_uid == 4321 && st.st_gid == 1234);
	CHECK(write(p[1], "x", 1) == 1);
	CHECK(utest_wait(child) == 0);
	n = list_pids(pids);
	CHECK(!has(pids, n, child));
	CHECK_ERRNO(stat(path, &st), ENOENT);
	check_threads();
	return 0;
}
