/*
 * Helpers for the tests of /proc and /sys: read a whole generated file,
 * and find one "Name:\tvalue" line of a status-style file.
 */
#ifndef PROCFS_H
#define PROCFS_H

#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "utest.h"

/* Read path whole into buf (NUL-terminated); its length, or -1 with errno. */
static UTEST_UNUSED long read_file(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY);
	size_t got = 0;
	ssize_t n;

	if (fd < 0)
		return -1;
	while (got + 1 < size && (n = read(fd, buf + got, size - 1 - got)) > 0)
		got += (size_t)n;
	n = n < 0 ? -1 : 0;
	close(fd);
	buf[got] = '\0';
	return n < 0 ? -1 : (long)got;
}

/* The value after "name:" (tabs skipped) in text, copied into out; 0 if absent. */
static UTEST_UNUSED int status_field(const char *text, const char *name, char *out, size_t size)
{
	size_t len = strlen(name);
	const char *p = text;

	while (p && *p) {
		if (strncmp(p, name, len) == 0 && p[len] == ':') {
			const char *v = p + len + 1, *end;

			while (*v == '\t' || *v == ' ')
				v++;
			end = strchr(v, '\n');
			len = end ? (size_t)(end - v) : strlen(v);
			if (len >= size)
				len = size - 1;
			memcpy(out, v, len);
			out[len] = '\0';
			return 1;
		}
		p = strchr(p, '\n');
		p = p ? p + 1 : NULL;
	}
	return 0;
}

#endif
