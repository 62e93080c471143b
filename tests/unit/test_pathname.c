/*
 * lib/pathname.c: splitting paths into components for the VFS path walk.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "unit.h"
#include "klib.h"
#include "../../include/pathname.h"

/* All components of path as "name[flags]" words: / trailing, $ last. */
static void split(const char *path, char *out, size_t len)
{
	struct pathname_component c;
	const char *cur = path;

	out[0] = '\0';
	while (pathname_next(&cur, &c)) {
		char word[300];

		snprintf(word, sizeof(word), "%s%.*s%s%s", out[0] ? " " : "", (int)c.len, c.name,
			 c.trailing ? "/" : "", c.last ? "$" : "");
		strncat(out, word, len - strlen(out) - 1);
	}
	assert_int_equal(*cur, '\0');		/* everything was consumed */
}

static void pathname_splits_on_slash_runs(void **state)
{
	char out[512];

	split("a/b/c", out, sizeof(out));
	assert_string_equal(out, "a/ b/ c$");
	split("/usr//lib///x", out, sizeof(out));
	assert_string_equal(out, "usr/ lib/ x$");
	split("dir/", out, sizeof(out));
	assert_string_equal(out, "dir/$");
	split("dir//", out, sizeof(out));
	assert_string_equal(out, "dir/$");
	split("x", out, sizeof(out));
	assert_string_equal(out, "x$");
}

static void pathname_empty_and_slashes_have_no_components(void **state)
{
	struct pathname_component c = { .len = 77 };
	const char *cur;

	for (const char *p = ""; ; p = "////") {
		cur = p;
		assert_false(pathname_next(&cur, &c));
		assert_int_equal(c.len, 77);		/* untouched */
		assert_ptr_equal(cur, p + strlen(p));
		if (*p)
			break;
	}
}

static void pathname_classifies_dots(void **state)
{
	static const struct { const char *name; int type; } cases[] = {
		{ ".", PATHNAME_DOT }, { "..", PATHNAME_DOTDOT }, { "...", PATHNAME_NORM },
		{ ".a", PATHNAME_NORM }, { "..a", PATHNAME_NORM }, { "a.", PATHNAME_NORM },
	};
	struct pathname_component c;

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *cur = cases[i].name;

		assert_true(pathname_next(&cur, &c));
		assert_int_equal(c.type, cases[i].type);
		assert_int_equal(c.len, strlen(cases[i].name));
	}
	const char *cur = "./../x/.";
	int want[] = { PATHNAME_DOT, PATHNAME_DOTDOT, PATHNAME_NORM, PATHNAME_DOT };
	for (int i = 0; i < 4; i++) {
		assert_true(pathname_next(&cur, &c));
		assert_int_equal(c.type, want[i]);
	}
	assert_true(c.last && !c.trailing);
}

static void pathname_long_components_are_reported_whole(void **state)
{
	char *path = malloc(5002);
	struct pathname_component c;
	const char *cur = path;

	memset(path, 'x', 5000);
	path[5000] = '/';
	path[5001] = '\0';
	assert_true(pathname_next(&cur, &c));
	assert_int_equal(c.len, 5000);
	assert_true(c.trailing && c.last);
	free(path);
}

/* Random paths: components joined by single slashes rebuild the path. */
static void pathname_random_paths_round_trip(void **state)
{
	uint64_t seed = 12345;

	for (int round = 0; round < 20000; round++) {
		size_t len = unit_rand(&seed) % 40;
		unsigned char *buf = malloc(len + 1);
		char norm[64] = "", rebuilt[64] = "";
		struct pathname_component c;
		const char *cur;

		for (size_t i = 0; i < len; i++)
			buf[i] = "ab./\xff"[unit_rand(&seed) % 5];
		buf[len] = '\0';
		/* the expected split: non-empty runs between slashes */
		for (char *tok = strtok(strcpy(norm, (char *)buf), "/"); tok; tok = strtok(NULL, "/")) {
			strcat(rebuilt, rebuilt[0] ? "/" : "");
			strcat(rebuilt, tok);
		}
		strcpy(norm, rebuilt);
		rebuilt[0] = '\0';
		cur = (const char *)buf;
		while (pathname_next(&cur, &c)) {
			assert_true(c.len > 0);
			assert_null(memchr(c.name, '/', c.len));
			strcat(rebuilt, rebuilt[0] ? "/" : "");
			strncat(rebuilt, c.name, c.len);
			assert_int_equal(c.last, *cur == '\0');
		}
		assert_string_equal(rebuilt, norm);
		free(buf);
	}
}

static void pathname_hash_depends_on_every_byte(void **state)
{
	assert_int_equal(pathname_hash("abc", 3), pathname_hash("abcdef", 3));
	assert_int_not_equal(pathname_hash("abc", 3), pathname_hash("abd", 3));
	assert_int_not_equal(pathname_hash("ab", 2), pathname_hash("ba", 2));
	assert_int_not_equal(pathname_hash("", 0), pathname_hash("\0", 1));
	assert_int_equal(pathname_hash("", 0), 2166136261u);	/* FNV-1a offset basis */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(pathname_splits_on_slash_runs),
		cmocka_unit_test(pathname_empty_and_slashes_have_no_components),
		cmocka_unit_test(pathname_classifies_dots),
		cmocka_unit_test(pathname_long_components_are_reported_whole),
		cmocka_unit_test(pathname_random_paths_round_trip),
		cmocka_unit_test(pathname_hash_depends_on_every_byte),
	};

	return cmocka_run_group_tests_name("pathname", tests, NULL, NULL);
}
