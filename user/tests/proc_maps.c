/*
 * /proc/self/maps lists every mapping with its rights: anonymous areas
 * we create (private read-only, shared read-write, and one split by
 * mprotect) appear with exactly their bounds and "rwxp/s" columns, and
 * the stack is named [stack] in column 74.
 */
#include <sys/mman.h>
#include "procfs.h"

static char buf[65536];

/* The maps line that starts at addr, or NULL. */
static const char *line_at(void *addr)
{
	char prefix[32];
	const char *p = buf;
	size_t len = (size_t)snprintf(prefix, sizeof(prefix), "%08lx-", (unsigned long)addr);

	while (p && *p) {
		if (strncmp(p, prefix, len) == 0)
			return p;
		p = strchr(p, '\n');
		p = p ? p + 1 : NULL;
	}
	return NULL;
}

/* The line for [addr, addr+len) has these rights and no name. */
static void check_area(void *addr, size_t len, const char *perms)
{
	char want[128];
	const char *l;
	int n = snprintf(want, sizeof(want), "%08lx-%08lx %s 00000000 00:00 0 \n",
			 (unsigned long)addr, (unsigned long)addr + len, perms);

	l = line_at(addr);
	if (!l || strncmp(l, want, (size_t)n) != 0)
		fprintf(stderr, "want: %sgot:  %.80s\n", want, l ? l : "(none)");
	CHECK(l && strncmp(l, want, (size_t)n) == 0);
}

static void check_stack(void)
{
	unsigned long local = (unsigned long)&local, start, end;
	const char *p = buf;

	for (; p && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL) {
		const char *nl = strchr(p, '\n');

		if (sscanf(p, "%lx-%lx", &start, &end) != 2 || local < start || local >= end)
			continue;
		/* The name starts in column 74 (73 characters before it). */
		CHECK(nl && nl - p == 73 + 7 && strncmp(p + 73, "[stack]", 7) == 0);
		CHECK(strncmp(strchr(p, ' ') + 1, "rw-p ", 5) == 0);
		return;
	}
	CHECK(!"no mapping holds the stack");
}

int main(void)
{
	long page = sysconf(_SC_PAGESIZE);
	char shared[64];
	char *ro = mmap(NULL, 3 * page, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char *sh = mmap(NULL, 2 * page, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	char *split = mmap(NULL, 4 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
			   -1, 0);

	CHECK(ro != MAP_FAILED && sh != MAP_FAILED && split != MAP_FAILED);
	/* Keep the areas apart from their neighbours' rights: no merging either way. */
	CHECK(mprotect(split + page, page, PROT_READ | PROT_EXEC) == 0);
	CHECK(read_file("/proc/self/maps", buf, sizeof(buf)) > 0);
	check_area(ro, 3 * page, "r--p");
	/* Linux backs shared anonymous memory with a file ("/dev/zero (deleted)"): rights only. */
	snprintf(shared, sizeof(shared), "%08lx-%08lx rw-s ", (unsigned long)sh,
		 (unsigned long)sh + 2 * page);
	CHECK(line_at(sh) && strncmp(line_at(sh), shared, strlen(shared)) == 0);
	check_area(split + page, page, "r-xp");
	check_area(split + 2 * page, 2 * page, "rw-p");
	check_stack();
	CHECK(munmap(ro, 3 * page) == 0);
	CHECK(read_file("/proc/self/maps", buf, sizeof(buf)) > 0);
	CHECK(line_at(ro) == NULL);
	return 0;
}
