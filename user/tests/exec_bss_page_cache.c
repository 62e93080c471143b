/*
 * exec maps a program's segments from the file's page cache, and the bss
 * that shares the last file page of the data segment is zeroed in a
 * private copy: the program sees zeroes there (and its initialized data),
 * while the file keeps its own bytes, so the file is byte for byte the
 * same after being run, and a second run sees the same again.
 */
#include <elf.h>
#include <fcntl.h>
#include <sys/stat.h>
#include "utest.h"

#define COPY "/tmp/exec_bss_copy"

static char bss[20000];				/* spans several pages */
static volatile int data_word = 0x12345678;	/* initialized data */

static int child(void)
{
	for (size_t i = 0; i < sizeof(bss); i++)
		CHECK(bss[i] == 0);
	CHECK(data_word == 0x12345678);
	memset(bss, 0xee, sizeof(bss));		/* must stay private */
	data_word = 1;
	return 42;
}

/* The whole file in a malloc'd buffer; *len its size. */
static unsigned char *slurp(const char *path, size_t *len)
{
	struct stat st;
	unsigned char *buf;
	int fd = open(path, O_RDONLY);

	CHECK(fd >= 0 && fstat(fd, &st) == 0);
	buf = malloc(st.st_size);
	CHECK(buf && read(fd, buf, st.st_size) == st.st_size);
	close(fd);
	*len = st.st_size;
	return buf;
}

/* The file bytes after the writable segment's file part, up to its page end. */
static int tail_has_nonzero(const unsigned char *img)
{
	const Elf64_Ehdr *eh = (const void *)img;
	const Elf64_Phdr *ph = (const void *)(img + eh->e_phoff);

	for (int i = 0; i < eh->e_phnum; i++) {
		size_t end = ph[i].p_offset + ph[i].p_filesz, page_end = (end + 4095) & ~4095ul;

		if (ph[i].p_type != PT_LOAD || !(ph[i].p_flags & PF_W) ||
		    ph[i].p_memsz <= ph[i].p_filesz)
			continue;
		for (size_t o = end; o < page_end; o++)
			if (img[o])
				return 1;
	}
	return 0;
}

static void run_copy(void)
{
	char *argv[] = { "exec_bss_page_cache", "child", NULL };
	pid_t pid = utest_fork();
	int st;

	if (pid == 0) {
		execv(COPY, argv);
		_exit(127);
	}
	st = utest_wait(pid);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 42);
}

int main(int argc, char **argv)
{
	unsigned char *orig, *after;
	size_t len, len2;
	int fd;

	if (argc > 1 && strcmp(argv[1], "child") == 0)
		return child();
	orig = slurp(utest_self(argv[0]), &len);
	/* Otherwise zeroing the page cache would go unnoticed. */
	CHECK(tail_has_nonzero(orig));
	fd = open(COPY, O_WRONLY | O_CREAT | O_TRUNC, 0755);
	CHECK(fd >= 0 && write(fd, orig, len) == (ssize_t)len);
	CHECK(close(fd) == 0);

	run_copy();
	after = slurp(COPY, &len2);
	CHECK(len2 == len && memcmp(orig, after, len) == 0);
	free(after);
	run_copy();		/* a second run from the same cached pages */
	after = slurp(COPY, &len2);
	CHECK(len2 == len && memcmp(orig, after, len) == 0);
	CHECK(unlink(COPY) == 0);
	return 0;
}
