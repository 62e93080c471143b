/*
 * /proc/net/unix lists every AF_UNIX socket: the header, then one line
 * per socket with its type, state, inode and name (abstract names with
 * a leading '@').
 */
#include "net_util.h"

/* The line of /proc/net/unix whose inode is ino (copied into line), or 0. */
static int find_line(unsigned long long ino, char *line, size_t size)
{
	FILE *f = fopen("/proc/net/unix", "r");
	char buf[512];
	int found = 0;

	CHECK(f != NULL);
	CHECK(fgets(buf, sizeof(buf), f) != NULL);
	CHECK(strcmp(buf, "Num       RefCount Protocol Flags    Type St Inode Path\n") == 0);
	while (!found && fgets(buf, sizeof(buf), f)) {
		unsigned long long got = 0;

		if (sscanf(buf, "%*s %*s %*s %*s %*s %*s %llu", &got) == 1 && got == ino) {
			snprintf(line, size, "%s", buf);
			found = 1;
		}
	}
	fclose(f);
	return found;
}

static unsigned long long ino_of(int fd)
{
	struct stat st;

	CHECK(fstat(fd, &st) == 0);
	return (unsigned long long)st.st_ino;
}

int main(void)
{
	struct sockaddr_un a;
	socklen_t len;
	char line[512], flags[16], type[8], st[8], path[128];
	int l, d, c;

	net_scratch("net_proc_net_unix");
	len = net_path_addr(&a, "/tmp/net_proc_net_unix/listening");
	unlink(a.sun_path);
	l = net_listener(SOCK_STREAM, &a, len, 1);
	CHECK(find_line(ino_of(l), line, sizeof(line)));
	CHECK(sscanf(line, "%*s %*s %*s %15s %7s %7s %*s %127s", flags, type, st, path) == 4);
	CHECK(strcmp(flags, "00010000") == 0 && strcmp(type, "0001") == 0);
	CHECK(strcmp(st, "01") == 0 && strcmp(path, a.sun_path) == 0);
	d = socket(AF_UNIX, SOCK_DGRAM, 0);
	len = net_abstract_addr(&a, "proc-net-unix");
	CHECK(bind(d, (struct sockaddr *)&a, len) == 0);
	CHECK(find_line(ino_of(d), line, sizeof(line)));
	CHECK(sscanf(line, "%*s %*s %*s %15s %7s %7s %*s %127s", flags, type, st, path) == 4);
	CHECK(strcmp(flags, "00000000") == 0 && strcmp(type, "0002") == 0);
	CHECK(strcmp(path, "@proc-net-unix") == 0);
	c = socket(AF_UNIX, SOCK_SEQPACKET, 0);		/* unbound: no path */
	CHECK(find_line(ino_of(c), line, sizeof(line)));
	CHECK(sscanf(line, "%*s %*s %*s %15s %7s %7s %*s %127s", flags, type, st, path) == 3);
	CHECK(strcmp(type, "0005") == 0 && strcmp(st, "01") == 0);
	CHECK(close(c) == 0 && close(d) == 0);
	CHECK(!find_line(ino_of(l) + 1000000, line, sizeof(line)));
	CHECK(close(l) == 0);
	return 0;
}
