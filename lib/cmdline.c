/*
 * Kernel command-line lookups.
 *
 * The raw line is kept as given (for /proc/cmdline later).  Lookups scan it
 * word by word: words are separated by blanks (space, tab, newline, as
 * Linux's isspace() splits them), a double quote switches blank-splitting
 * off until the next quote and is itself dropped, so `init="/bin/a b"`
 * gives "/bin/a b".  A bare "--" ends the kernel's part; the words after it
 * belong to init.  When a name appears more than once the last one wins,
 * as with Linux's early parameters.
 *
 * The returned value lives in a static buffer that the next lookup
 * overwrites; callers copy what they keep.  No locking: lookups happen on
 * the boot CPU before anything runs concurrently.  Pure C with no kernel
 * dependencies, so tests/unit/test_cmdline.c runs it on the host.
 */
#include <cmdline.h>
#include <string.h>

static char raw_line[CMDLINE_MAX];
static char word_buf[CMDLINE_MAX];	/* the word being examined */
static char value_buf[CMDLINE_MAX];	/* the value returned last */

void cmdline_init(const char *raw)
{
	strlcpy(raw_line, raw ? raw : "", sizeof(raw_line));
}

const char *cmdline_raw(void)
{
	return raw_line;
}

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
	       c == '\v' || c == '\f';
}

/*
 * Copy the word at *p into out (quotes removed, truncated to out_size - 1)
 * and advance *p past it.  Returns false when only blanks were left.
 */
static bool next_word(const char **p, char *out, size_t out_size)
{
	const char *s = *p;
	bool quoted = false;
	size_t n = 0;

	while (is_blank(*s))
		s++;
	if (!*s) {
		*p = s;
		return false;
	}
	while (*s && (quoted || !is_blank(*s))) {
		if (*s == '"')
			quoted = !quoted;
		else if (n + 1 < out_size)
			out[n++] = *s;
		s++;
	}
	out[n] = '\0';
	*p = s;
	return true;
}

/*
 * If word is "name" or "name=value", return the value ("" for a bare
 * name); otherwise NULL.
 */
static const char *match_word(const char *word, const char *name, size_t name_len)
{
	if (strncmp(word, name, name_len) != 0)
		return NULL;
	if (word[name_len] == '\0')
		return "";
	if (word[name_len] == '=')
		return word + name_len + 1;
	return NULL;
}

const char *cmdline_get(const char *name)
{
	size_t name_len = strlen(name);
	const char *p = raw_line;
	bool found = false;

	if (name_len == 0)
		return NULL;
	while (next_word(&p, word_buf, sizeof(word_buf))) {
		const char *v;

		if (strcmp(word_buf, "--") == 0)
			break;
		v = match_word(word_buf, name, name_len);
		if (!v)
			continue;
		/* Keep scanning: a later occurrence replaces this one. */
		strlcpy(value_buf, v, sizeof(value_buf));
		found = true;
	}
	return found ? value_buf : NULL;
}

bool cmdline_has(const char *name)
{
	return cmdline_get(name) != NULL;
}

/* Decimal with an optional '-', the whole range of long, nothing else. */
bool cmdline_get_long(const char *name, long *out)
{
	const char *v = cmdline_get(name);
	unsigned long n = 0, limit = (unsigned long)__LONG_MAX__;
	bool negative = false;

	if (!v || !*v)
		return false;
	if (*v == '-') {
		negative = true;
		limit += 1;		/* |LONG_MIN| = LONG_MAX + 1 */
		v++;
	}
	if (!*v)
		return false;
	for (; *v; v++) {
		unsigned long digit = (unsigned long)(*v - '0');

		if (*v < '0' || *v > '9' || n > (limit - digit) / 10)
			return false;
		n = n * 10 + digit;
	}
	*out = negative ? (long)(0ul - n) : (long)n;
	return true;
}
