/*
 * /proc/self/maps names what backs each area as Linux does: a file
 * mapping shows its offset, the st_dev major:minor and st_ino that
 * stat(2) gives, and the path, with " (deleted)" once unlinked; the
 * program's own text is a mapping of its executable; the vDSO is
 * [vdso] (its data [vvar]: only its presence is checked, sizes differ),
 * and the break area is [heap].
 */
#include <sys/auxv.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include "procfs.h"

static char buf[65536];

/* The maps line holding addr (copied into line, no newline), or 0. */
static int line_holding(unsigned long addr, char *line, size_t size)
{
	const char *p = buf;
	unsigned long start, end;

	for (; p && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);

		if (sscanf(p, "%lx-%lx", &start, &end) != 2 || addr < start || addr >= end)
			continue;
		CHECK(len < size);
		memcpy(line, p, len);
		line[len] = '\0';
		return 1;
	}
	return 0;
}

/* Linux's line for [start, end) of file path at offset, name padded to column 74. */
static void expect_line(char *want, size_t size, unsigned long start, unsigned long end,
			const char *perms, unsigned long offset, const struct stat *st,
			const char *path)
{
	int n = snprintf(want, size, "%08lx-%08lx %s %08lx %02x:%02x %lu ", start, end, perms,
			 offset, major(st->st_dev), minor(st->st_dev), (unsigned long)st->st_ino);

	while (n < 73)
		want[n++] = ' ';
	snprintf(want + n, size - (size_t)n, "%s", path);
}

static void check_line(unsigned long addr, const char *want)
{
	char got[512];

	CHECK(line_holding(addr, got, sizeof(got)));
	if (strcmp(got, want) != 0)
		fprintf(stderr, "want: %s\ngot:  %s\n", want, got);
	CHECK(strcmp(got, want) == 0);
}

static void check_file_mapping(long page)
{
	const char *path = "/tmp/proc_maps_file";
	char want[512], deleted[256];
	struct stat st;
	int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
	char *m;

	CHECK(fd >= 0);
	CHECK(ftruncate(fd, 4 * page) == 0);
	CHECK(fstat(fd, &st) == 0);
	m = mmap(NULL, 2 * page, PROT_READ, MAP_SHARED, fd, page);
	CHECK(m != MAP_FAILED);
	close(fd);
	CHECK(read_file("/proc/self/maps", buf, sizeof(buf)) > 0);
	expect_line(want, sizeof(want), (unsigned long)m, (unsigned long)m + 2 * page, "r--s",
		    (unsigned long)page, &st, path);
	check_line((unsigned long)m, want);
	/* Partly unmapped: the rest keeps its offset (page 2 of the file). */
	CHECK(munmap(m, page) == 0);
	CHECK(unlink(path) == 0);
	CHECK(read_file("/proc/self/maps", buf, sizeof(buf)) > 0);
	snprintf(deleted, sizeof(deleted), "%s (deleted)", path);
	expect_line(want, sizeof(want), (unsigned long)m + page, (unsigned long)m + 2 * page,
		    "r--s", 2 * (unsigned long)page, &st, deleted);
	check_line((unsigned long)m + page, want);
	CHECK(munmap(m + page, page) == 0);
}

/* The text we run from is a private, executable mapping of /proc/self/exe. */
static void check_executable(void)
{
	char exe[256], line[512];
	struct stat st;
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	unsigned long start, end, offset, ino;
	unsigned int maj, min;
	char perms[8];
	int name_at = 0;

	CHECK(n > 0);
	exe[n] = '\0';
	CHECK(stat(exe, &st) == 0);
	CHECK(line_holding((unsigned long)&check_executable, line, sizeof(line)));
	CHECK(sscanf(line, "%lx-%lx %7s %lx %x:%x %lu %n", &start, &end, perms, &offset, &maj,
		     &min, &ino, &name_at) == 7);
	CHECK(strcmp(perms, "r-xp") == 0);
	CHECK(offset % 4096 == 0);
	CHECK(maj == major(st.st_dev) && min == minor(st.st_dev) && ino == st.st_ino);
	CHECK(name_at == 73 && strcmp(line + 73, exe) == 0);
}

static void check_named(unsigned long addr, const char *name)
{
	char line[512];

	CHECK(line_holding(addr, line, sizeof(line)));
	if (strlen(line) != 73 + strlen(name) || strcmp(line + 73, name) != 0)
		fprintf(stderr, "want %s: %s\n", name, line);
	CHECK(strlen(line) == 73 + strlen(name) && strcmp(line + 73, name) == 0);
	CHECK(strstr(line, " 00000000 00:00 0 ") != NULL);
}

int main(void)
{
	long page = sysconf(_SC_PAGESIZE);
	unsigned long vdso = getauxval(AT_SYSINFO_EHDR);
	char *brk0 = (char *)syscall(SYS_brk, 0);

	check_file_mapping(page);
	check_executable();
	CHECK(syscall(SYS_brk, brk0 + 4 * page) == (long)(brk0 + 4 * page));
	brk0[0] = 1;
	CHECK(read_file("/proc/self/maps", buf, sizeof(buf)) > 0);
	check_named((unsigned long)brk0, "[heap]");
	CHECK(vdso != 0);
	check_named(vdso, "[vdso]");
	CHECK(strstr(buf, "[vvar]\n") != NULL);
	return 0;
}
