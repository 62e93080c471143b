/*
 * Kernel command-line lookups.  The raw line is kept as given (for
 * /proc/cmdline later); lookups scan it word by word, honouring double
 * quotes, and stop at "--", after which words belong to init.
 */
#include <cmdline.h>
#include <string.h>

static char raw_line[CMDLINE_MAX];
static char value_buf[CMDLINE_MAX];	/* holds the last looked-up value */

void cmdline_init(const char *raw)
{
	strlcpy(raw_line, raw ? raw : "", sizeof(raw_line));
}

const char *cmdline_raw(void)
{
	return raw_line;
}

/* Copy the word at *p into out (quotes removed); advance *p past it. */
static void next_word(const char **p, char *out, size_t out_size)
{
	const char *s = *p;
	bool quoted = false;
	size_t n = 0;

	while (*s && (quoted || *s != ' ')) {
		if (*s == '"')
			quoted = !quoted;
		else if (n + 1 < out_size)
			out[n++] = *s;
		s++;
	}
	out[n] = '\0';
	*p = s;
}

const char *cmdline_get(const char *name)
{
	size_t name_len = strlen(name);
	const char *p = raw_line;
	const char *found = NULL;

	while (*p) {
		while (*p == ' ')
			p++;
		if (!*p)
			break;
		next_word(&p, value_buf, sizeof(value_buf));
		if (strcmp(value_buf, "--") == 0)
			break;
		if (strncmp(value_buf, name, name_len) != 0)
			continue;
		if (value_buf[name_len] == '\0')
			found = "";
		else if (value_buf[name_len] == '=')
			found = value_buf + name_len + 1;
		else
			continue;
		/* Linux lets the last occurrence win; keep scanning on a copy. */
		if (*found) {
			static char last[CMDLINE_MAX];

			strlcpy(last, found, sizeof(last));
			found = last;
		}
	}
	return found;
}

bool cmdline_has(const char *name)
{
	return cmdline_get(name) != NULL;
}

bool cmdline_get_long(const char *name, long *out)
{
	const char *v = cmdline_get(name);
	long sign = 1, n = 0;

	if (!v || !*v)
		return false;
	if (*v == '-') {
		sign = -1;
		v++;
	}
	if (!*v)
		return false;
	for (; *v; v++) {
		if (*v < '0' || *v > '9' || n > (__LONG_MAX__ - 9) / 10)
			return false;
		n = n * 10 + (*v - '0');
	}
	*out = sign * n;
	return true;
}
