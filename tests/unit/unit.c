/*
 * Helpers shared by the host unit tests (see unit.h).  Host code: it uses
 * libc freely and is never linked into the kernel.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>
#include "unit.h"

uint64_t unit_rand(uint64_t *state)
{
	uint64_t x = *state;

	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	*state = x;
	return x * 0x2545f4914f6cdd1dull;
}

static char *temp_input(const void *in, size_t in_len)
{
	const char *tmp = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
	char *path = malloc(strlen(tmp) + 32);
	FILE *f;
	int fd;

	sprintf(path, "%s/osprey-unit-XXXXXX", tmp);
	fd = mkstemp(path);
	if (fd < 0) {
		free(path);
		return NULL;
	}
	f = fdopen(fd, "wb");
	if (!f || fwrite(in, 1, in_len, f) != in_len) {
		if (f)
			fclose(f);
		unlink(path);
		free(path);
		return NULL;
	}
	fclose(f);
	return path;
}

static unsigned char *read_stream(FILE *f, size_t *out_len)
{
	size_t cap = 65536, len = 0, n;
	unsigned char *buf = malloc(cap);

	while ((n = fread(buf + len, 1, cap - len, f)) > 0) {
		len += n;
		if (len == cap) {
			cap *= 2;
			buf = realloc(buf, cap);
		}
	}
	*out_len = len;
	return buf;
}

unsigned char *unit_run(const char *cmd, const void *in, size_t in_len,
			size_t *out_len)
{
	char *input = temp_input(in, in_len);
	char *full;
	unsigned char *out;
	FILE *p;
	int status;

	if (!input)
		return NULL;
	full = malloc(strlen(cmd) + strlen(input) + 16);
	sprintf(full, "(%s) < '%s'", cmd, input);
	p = popen(full, "r");
	free(full);
	if (!p) {
		unlink(input);
		free(input);
		return NULL;
	}
	out = read_stream(p, out_len);
	status = pclose(p);
	unlink(input);
	free(input);
	if (status == -1 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		free(out);
		return NULL;
	}
	return out;
}

int unit_have(const char *program)
{
	char cmd[256];

	snprintf(cmd, sizeof(cmd), "command -v '%s' >/dev/null 2>&1", program);
	return system(cmd) == 0;
}

char *unit_tempdir(void)
{
	const char *tmp = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
	char *path = malloc(strlen(tmp) + 32);

	sprintf(path, "%s/osprey-unit-XXXXXX", tmp);
	if (!mkdtemp(path)) {
		free(path);
		return NULL;
	}
	return path;
}

void unit_rmtree(const char *dir)
{
	char *cmd = malloc(strlen(dir) + 16);

	sprintf(cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "warning: could not remove %s\n", dir);
	free(cmd);
}

void unit_write_file(const char *dir, const char *name, const void *data, size_t len)
{
	char *path = malloc(strlen(dir) + strlen(name) + 2);
	FILE *f;

	sprintf(path, "%s/%s", dir, name);
	f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	fclose(f);
	free(path);
}

unsigned char *unit_exact_copy(const void *data, size_t len)
{
	unsigned char *p = malloc(len);	/* malloc(0) is a 0-byte block under ASan */

	memcpy(p, data, len);
	return p;
}
