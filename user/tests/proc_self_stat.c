/*
 * /proc/self/stat, status and statm describe the caller: its pid, parent,
 * process group, session, name and state, in Linux's formats (52 stat
 * fields, "Name:\t" lines, 7 statm numbers).
 */
#include <sys/types.h>
#include "procfs.h"

static char buf[8192];

static void check_stat(void)
{
	char comm[64], state, *p;
	int pid, ppid, pgrp, sid, fields = 0;

	CHECK(read_file("/proc/self/stat", buf, sizeof(buf)) > 0);
	CHECK(sscanf(buf, "%d (%63[^)]) %c %d %d %d", &pid, comm, &state, &ppid, &pgrp, &sid) == 6);
	CHECK(pid == getpid());
	CHECK(strcmp(comm, "proc_self_stat") == 0);
	CHECK(state == 'R');		/* it is running: it is reading */
	CHECK(ppid == getppid());
	CHECK(pgrp == getpgrp());
	CHECK(sid == getsid(0));
	/* Fields after "(comm)": 50 more, space separated, ending in a newline. */
	p = strrchr(buf, ')');
	CHECK(p && p[1] == ' ');
	for (p += 1; *p && *p != '\n'; p++)
		fields += *p == ' ';
	CHECK(*p == '\n' && p[1] == '\0');
	CHECK(fields + 2 == 52);
}

static void check_status(void)
{
	char v[128], want[64];

	CHECK(read_file("/proc/self/status", buf, sizeof(buf)) > 0);
	CHECK(strncmp(buf, "Name:\tproc_self_stat\n", 21) == 0);
	CHECK(status_field(buf, "State", v, sizeof(v)) && strcmp(v, "R (running)") == 0);
	snprintf(want, sizeof(want), "%d", getpid());
	CHECK(status_field(buf, "Pid", v, sizeof(v)) && strcmp(v, want) == 0);
	CHECK(status_field(buf, "Tgid", v, sizeof(v)) && strcmp(v, want) == 0);
	snprintf(want, sizeof(want), "%d", getppid());
	CHECK(status_field(buf, "PPid", v, sizeof(v)) && strcmp(v, want) == 0);
	snprintf(want, sizeof(want), "%u\t%u\t%u\t%u", getuid(), geteuid(), getuid(), geteuid());
	CHECK(status_field(buf, "Uid", v, sizeof(v)) && strcmp(v, want) == 0);
	CHECK(status_field(buf, "Threads", v, sizeof(v)) && strcmp(v, "1") == 0);
	CHECK(status_field(buf, "VmRSS", v, sizeof(v)) && strstr(v, " kB"));
	CHECK(status_field(buf, "SigBlk", v, sizeof(v)) && strlen(v) == 16);
}

static void check_statm(void)
{
	unsigned long size, resident, shared, text, lib, data, dt;

	CHECK(read_file("/proc/self/statm", buf, sizeof(buf)) > 0);
	CHECK(sscanf(buf, "%lu %lu %lu %lu %lu %lu %lu", &size, &resident, &shared, &text, &lib,
		     &data, &dt) == 7);
	CHECK(size > 0 && resident > 0 && resident <= size);
	CHECK(text > 0 && text <= size);
}

int main(void)
{
	check_stat();
	check_status();
	check_statm();
	/* /proc/self is a symlink to our pid; comm is the name and a newline. */
	char link[32], want[32];
	ssize_t n = readlink("/proc/self", link, sizeof(link) - 1);

	CHECK(n > 0);
	link[n] = '\0';
	snprintf(want, sizeof(want), "%d", getpid());
	CHECK(strcmp(link, want) == 0);
	CHECK(read_file("/proc/self/comm", buf, sizeof(buf)) == 15);
	CHECK(strcmp(buf, "proc_self_stat\n") == 0);
	return 0;
}
