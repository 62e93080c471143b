/*
 * lib/cpio.c: reading "newc" and "crc" archives.
 *
 * Well-formed archives come from two places: the real cpio(1) tool, run
 * at test time on a directory tree made here (files of awkward sizes, a
 * directory, a symlink, a hard link, a FIFO), and a small generator in
 * this file that writes any header field value we want.  Malformed
 * archives are derived from those: every single-field corruption we can
 * name, every truncation length, many random byte flips, and absurd
 * sizes.  Every archive handed to the parser sits in an exactly-sized heap
 * block, so AddressSanitizer reports the first byte read out of bounds.
 */
#define _GNU_SOURCE		/* memmem */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include "unit.h"
#include "klib.h"

/* --- an archive writer for tests ------------------------------------- */

struct gen {
	unsigned char *buf;
	size_t len, cap;
};

static void gen_bytes(struct gen *g, const void *p, size_t n)
{
	if (g->len + n > g->cap) {
		g->cap = (g->len + n) * 2 + 64;
		g->buf = realloc(g->buf, g->cap);
	}
	memcpy(g->buf + g->len, p, n);
	g->len += n;
}

static void gen_zeros(struct gen *g, size_t n)
{
	while (n--)
		gen_bytes(g, "", 1);
}

static void gen_pad(struct gen *g)
{
	gen_zeros(g, (4 - (g->len & 3)) & 3);
}

/* Append one entry described by e (its name, data, size and fields). */
static void gen_entry(struct gen *g, const struct cpio_entry *e)
{
	char hdr[CPIO_HEADER_SIZE + 16];
	size_t name_size = strlen(e->name) + 1;
	u32 check = 0;

	for (size_t i = 0; e->has_check && i < e->size; i++)
		check += ((const unsigned char *)e->data)[i];
	snprintf(hdr, sizeof(hdr),
		 "%s%08x%08x%08x%08x%08x%08x%08x%08x%08x%08x%08x%08x%08x",
		 e->has_check ? "070702" : "070701", e->ino, e->mode, e->uid,
		 e->gid, e->nlink, e->mtime, (u32)e->size, e->dev_major,
		 e->dev_minor, e->rdev_major, e->rdev_minor, (u32)name_size, check);
	gen_bytes(g, hdr, CPIO_HEADER_SIZE);
	gen_bytes(g, e->name, name_size);
	gen_pad(g);
	gen_bytes(g, e->data, e->size);
	gen_pad(g);
}

static void gen_file(struct gen *g, const char *name, const char *data)
{
	struct cpio_entry e = {
		.name = name, .data = data, .size = strlen(data),
		.mode = 0100644, .nlink = 1, .ino = 7,
	};

	gen_entry(g, &e);
}

static void gen_trailer(struct gen *g)
{
	struct cpio_entry e = { .name = CPIO_TRAILER_NAME, .data = "", .nlink = 1 };

	gen_entry(g, &e);
}

/* --- walking an archive ---------------------------------------------- */

struct walk {
	int result;		/* CPIO_END or the error */
	unsigned int entries;
	size_t data_bytes;
	struct cpio_iter it;
};

/*
 * Parse a copy of buf[0..len) held in an exact-size block, checking the
 * invariants every yielded entry must satisfy whatever the input was.
 */
static struct walk walk_archive(const void *buf, size_t len)
{
	unsigned char *copy = unit_exact_copy(buf, len);
	struct walk w = { 0 };
	struct cpio_entry e;

	cpio_iter_init(&w.it, copy, len);
	while ((w.result = cpio_next(&w.it, &e)) == CPIO_ENTRY) {
		const unsigned char *name = (const unsigned char *)e.name;
		const unsigned char *data = e.data;

		assert_true(name >= copy && name + e.name_len < copy + len);
		assert_true(e.name_len > 0 && strlen(e.name) == e.name_len);
		assert_true(data >= copy && data <= copy + len);
		assert_true(e.size <= (size_t)(copy + len - data));
		assert_true(e.offset % 4 == 0 && e.offset < len);
		w.entries++;
		w.data_bytes += e.size;
	}
	assert_true(w.result == CPIO_END || w.result < 0);
	if (w.result < 0) {
		assert_non_null(w.it.reason);
		assert_true(w.it.error_offset <= len);
	}
	/* Finished iterators stay finished. */
	assert_int_equal(cpio_next(&w.it, &e), w.result);
	free(copy);
	return w;
}

/* --- archives from the cpio tool ------------------------------------- */

struct tool_file {
	const char *name;
	size_t size;		/* regular files: bytes of pattern data */
};

static const struct tool_file tool_files[] = {
	{ "empty", 0 }, { "one", 1 }, { "three", 3 }, { "four", 4 },
	{ "five", 5 }, { "odd-511", 511 }, { "dir/page-4097", 4097 },
	{ "dir/sub/deep-name-of-some-length", 100 },
};

static void pattern(unsigned char *buf, size_t size, size_t seed)
{
	for (size_t i = 0; i < size; i++)
		buf[i] = (unsigned char)(i * 31 + seed * 7 + (i >> 8));
}

/* A directory tree with every kind of entry an initramfs holds. */
static char *make_tree(void)
{
	char *dir = unit_tempdir();
	char path[512];

	assert_non_null(dir);
	snprintf(path, sizeof(path), "mkdir -p '%s/dir/sub'", dir);
	assert_int_equal(system(path), 0);
	for (size_t i = 0; i < ARRAY_SIZE(tool_files); i++) {
		unsigned char *data = malloc(tool_files[i].size + 1);

		pattern(data, tool_files[i].size, i);
		unit_write_file(dir, tool_files[i].name, data, tool_files[i].size);
		free(data);
	}
	snprintf(path, sizeof(path),
		 "cd '%s' && ln -s dir/sub/deep-name-of-some-length link && "
		 "ln five hard && mkfifo fifo && chmod 4755 one && "
		 "find . -exec touch -h -d @1234567890 {} +", dir);
	assert_int_equal(system(path), 0);
	return dir;
}

/* Archive the tree with cpio(1) in format "newc" or "crc". */
static unsigned char *tool_archive(const char *dir, const char *format, size_t *len)
{
	char cmd[512];
	unsigned char *out;

	snprintf(cmd, sizeof(cmd),
		 "cd '%s' && find . -mindepth 1 -printf '%%P\\n' | LC_ALL=C sort | "
		 "cpio -o -H %s --quiet", dir, format);
	out = unit_run(cmd, "", 0, len);
	assert_non_null(out);
	return out;
}

static int setup_tool(void **state)
{
	if (!unit_have("cpio"))
		return -1;
	*state = make_tree();
	return 0;
}

static int teardown_tool(void **state)
{
	unit_rmtree(*state);
	free(*state);
	return 0;
}

static const struct tool_file *find_tool_file(const char *name, size_t *index)
{
	for (size_t i = 0; i < ARRAY_SIZE(tool_files); i++) {
		if (strcmp(tool_files[i].name, name) == 0) {
			*index = i;
			return &tool_files[i];
		}
	}
	return NULL;
}

/* Check one entry of the tool's archive against what make_tree made. */
static void check_tool_entry(const struct cpio_entry *e, bool crc, unsigned int *hard_data)
{
	const struct tool_file *f;
	size_t index;

	assert_int_equal(e->mtime, 1234567890);
	assert_int_equal(e->uid, geteuid());
	assert_int_equal(e->has_check, crc);
	if (strcmp(e->name, "dir") == 0 || strcmp(e->name, "dir/sub") == 0) {
		assert_int_equal(e->mode & S_IFMT, S_IFDIR);
	} else if (strcmp(e->name, "link") == 0) {
		assert_int_equal(e->mode & S_IFMT, S_IFLNK);
		assert_int_equal(e->size, strlen("dir/sub/deep-name-of-some-length"));
		assert_memory_equal(e->data, "dir/sub/deep-name-of-some-length", e->size);
	} else if (strcmp(e->name, "fifo") == 0) {
		assert_int_equal(e->mode & S_IFMT, S_IFIFO);
		assert_int_equal(e->size, 0);
	} else if (strcmp(e->name, "hard") == 0 || strcmp(e->name, "five") == 0) {
		/* newc stores a hard-linked file's data with its last link only. */
		assert_int_equal(e->nlink, 2);
		assert_true(e->size == 0 || e->size == 5);
		*hard_data += e->size != 0;
	} else {
		unsigned char *want;

		f = find_tool_file(e->name, &index);
		assert_non_null(f);
		assert_int_equal(e->mode & S_IFMT, S_IFREG);
		assert_int_equal(e->size, f->size);
		want = malloc(f->size + 1);
		pattern(want, f->size, index);
		assert_memory_equal(e->data, want, f->size);
		free(want);
		if (strcmp(e->name, "one") == 0)
			assert_int_equal(e->mode & 07777, 04755);
	}
}

static void check_tool_archive(const unsigned char *buf, size_t len, bool crc,
			       unsigned int copies)
{
	unsigned int hard_data = 0, entries = 0;
	struct cpio_iter it;
	struct cpio_entry e;
	int r;

	cpio_iter_init(&it, buf, len);
	while ((r = cpio_next(&it, &e)) == CPIO_ENTRY) {
		check_tool_entry(&e, crc, &hard_data);
		entries++;
	}
	assert_int_equal(r, CPIO_END);
	/* 8 files + dir, dir/sub, link, hard, fifo */
	assert_int_equal(entries, copies * (ARRAY_SIZE(tool_files) + 5));
	assert_int_equal(hard_data, copies);
	assert_int_equal(it.trailers, copies);
}

static void cpio_reads_newc_from_cpio_tool(void **state)
{
	size_t len;
	unsigned char *a = tool_archive(*state, "newc", &len);
	unsigned char *copy = unit_exact_copy(a, len);

	assert_int_equal(len % 512, 0);		/* cpio pads to its block size */
	check_tool_archive(copy, len, false, 1);
	free(copy);
	free(a);
}

static void cpio_reads_crc_from_cpio_tool(void **state)
{
	size_t len;
	unsigned char *a = tool_archive(*state, "crc", &len);
	unsigned char *copy = unit_exact_copy(a, len);
	struct walk w;

	check_tool_archive(copy, len, true, 1);
	/* Change one data byte of "odd-511": the checksum must catch it. */
	unsigned char *hit = memmem(copy, len, "odd-511", 8);

	assert_non_null(hit);
	/* 110 + 8 name bytes pads to 120: the data starts 10 bytes after the name. */
	hit[10 + 100] ^= 0x40;
	w = walk_archive(copy, len);
	assert_int_equal(w.result, -EBADMSG);
	assert_string_equal(w.it.reason, "bad data checksum");
	free(copy);
	free(a);
}

static void cpio_concatenated_archives_and_zero_padding(void **state)
{
	size_t len1, len2;
	unsigned char *a = tool_archive(*state, "newc", &len1);
	unsigned char *b = tool_archive(*state, "crc", &len2);
	struct gen g = { 0 };
	struct walk w;

	gen_bytes(&g, a, len1);
	gen_zeros(&g, 4096);
	gen_bytes(&g, b, len2);
	gen_bytes(&g, a, len1);
	gen_zeros(&g, 12);
	w = walk_archive(g.buf, g.len);
	assert_int_equal(w.result, CPIO_END);
	assert_int_equal(w.entries, 3 * (ARRAY_SIZE(tool_files) + 5));
	assert_int_equal(w.it.trailers, 3);
	free(g.buf);
	free(a);
	free(b);
}

static void cpio_tool_archive_truncated_at_every_offset(void **state)
{
	size_t len;
	unsigned char *a = tool_archive(*state, "newc", &len);
	struct walk full = walk_archive(a, len);
	unsigned int ends = 0;

	for (size_t cut = 0; cut < len; cut++) {
		struct walk w = walk_archive(a, cut);

		assert_true(w.entries <= full.entries);
		if (w.result == CPIO_END)
			ends++;
		else
			assert_int_equal(w.result, -EINVAL);
	}
	/* Cuts at entry boundaries are complete archives without a trailer. */
	assert_true(ends >= full.entries);
	free(a);
}

/* --- generated archives ---------------------------------------------- */

static void cpio_every_field_is_decoded(void **state)
{
	struct cpio_entry spec = {
		.name = "dev/console", .data = "", .size = 0, .ino = 0x12345678,
		.mode = 020600, .uid = 0xdeadbeef, .gid = 0xfeedface,
		.nlink = 0x11, .mtime = 0x7fffffff, .dev_major = 0x103,
		.dev_minor = 0xabcdef01, .rdev_major = 5, .rdev_minor = 1,
	};
	struct cpio_entry crc_spec = {
		.name = "x", .data = "\xff\xff\xfe", .size = 3, .has_check = true,
		.mode = 0100600, .nlink = 1,
	};
	struct gen g = { 0 };
	struct cpio_iter it;
	struct cpio_entry e;

	gen_entry(&g, &spec);
	gen_entry(&g, &crc_spec);
	cpio_iter_init(&it, g.buf, g.len);
	assert_int_equal(cpio_next(&it, &e), CPIO_ENTRY);
	assert_string_equal(e.name, "dev/console");
	assert_int_equal(e.name_len, 11);
	assert_int_equal(e.ino, spec.ino);
	assert_int_equal(e.mode, spec.mode);
	assert_int_equal(e.uid, spec.uid);
	assert_int_equal(e.gid, spec.gid);
	assert_int_equal(e.nlink, spec.nlink);
	assert_int_equal(e.mtime, spec.mtime);
	assert_int_equal(e.dev_major, spec.dev_major);
	assert_int_equal(e.dev_minor, spec.dev_minor);
	assert_int_equal(e.rdev_major, 5);
	assert_int_equal(e.rdev_minor, 1);
	assert_int_equal(e.size, 0);
	assert_false(e.has_check);
	assert_int_equal(e.offset, 0);
	assert_int_equal(cpio_next(&it, &e), CPIO_ENTRY);
	assert_true(e.has_check);
	assert_int_equal(e.check, 0xff + 0xff + 0xfe);
	assert_int_equal(e.offset, 124);	/* 110 + 12 name bytes, padded */
	assert_memory_equal(e.data, "\xff\xff\xfe", 3);
	assert_int_equal(cpio_next(&it, &e), CPIO_END);
	assert_int_equal(it.trailers, 0);
	free(g.buf);
}

static void cpio_upper_case_hex_is_accepted(void **state)
{
	struct gen g = { 0 };
	struct cpio_iter it;
	struct cpio_entry e;

	gen_file(&g, "f", "abc");
	memcpy(g.buf + 6, "0000ABCD", 8);	/* ino */
	cpio_iter_init(&it, g.buf, g.len);
	assert_int_equal(cpio_next(&it, &e), CPIO_ENTRY);
	assert_int_equal(e.ino, 0xabcd);
	free(g.buf);
}

static void cpio_empty_and_zero_buffers_hold_nothing(void **state)
{
	static const unsigned char zeros[1000];
	struct walk w;

	w = walk_archive("", 0);
	assert_int_equal(w.result, CPIO_END);
	assert_int_equal(w.entries, 0);
	w = walk_archive(zeros, sizeof(zeros));
	assert_int_equal(w.result, CPIO_END);
	w = walk_archive(zeros, 3);
	assert_int_equal(w.result, CPIO_END);
}

static void cpio_trailer_is_skipped_not_returned(void **state)
{
	struct gen g = { 0 };
	struct walk w;

	gen_file(&g, "a", "1");
	gen_trailer(&g);
	gen_trailer(&g);
	gen_file(&g, "b", "22");
	w = walk_archive(g.buf, g.len);
	assert_int_equal(w.result, CPIO_END);
	assert_int_equal(w.entries, 2);
	assert_int_equal(w.data_bytes, 3);
	assert_int_equal(w.it.trailers, 2);
	free(g.buf);
}

/* One named corruption of a valid single-file archive, and its verdict. */
struct corruption {
	const char *what;
	size_t offset;		/* where to write */
	const char *bytes;	/* what to write there */
	int error;
	const char *reason;
};

#define FIELD(n)	(6 + 8 * (n))
#define NAMESIZE	FIELD(11)
#define FILESIZE	FIELD(6)

static const struct corruption corruptions[] = {
	{ "bad magic", 0, "070707", -ENOEXEC, "no cpio magic (070701 or 070702)" },
	{ "magic 070703", 5, "3", -ENOEXEC, "no cpio magic (070701 or 070702)" },
	{ "space in a field", FIELD(1), " 0000000", -EINVAL, "header field is not 8 hex digits" },
	{ "0x prefix", FIELD(2), "0x000001", -EINVAL, "header field is not 8 hex digits" },
	{ "sign", FIELD(3), "-0000001", -EINVAL, "header field is not 8 hex digits" },
	{ "letter g", FIELD(12) + 7, "g", -EINVAL, "header field is not 8 hex digits" },
	{ "NUL in a field", FIELD(5) + 3, "\0", -EINVAL, "header field is not 8 hex digits" },
	{ "name size 0", NAMESIZE, "00000000", -EINVAL, "name size is zero" },
	{ "name size 1 (empty name)", NAMESIZE, "00000001", -EINVAL, "name is not NUL-terminated" },
	{ "name size huge", NAMESIZE, "ffffffff", -EINVAL, "name is too long" },
	{ "name size 4097", NAMESIZE, "00001001", -EINVAL, "name is too long" },
	{ "name past the end", NAMESIZE, "00001000", -EINVAL, "name runs past the end of the archive" },
	{ "name not terminated", CPIO_HEADER_SIZE + 8, "X", -EINVAL, "name is not NUL-terminated" },
	{ "NUL inside the name", CPIO_HEADER_SIZE + 2, "\0", -EINVAL, "name contains a NUL byte" },
	{ "file size huge", FILESIZE, "ffffffff", -EINVAL, "file data runs past the end of the archive" },
	{ "file size one too many", FILESIZE, "00000011", -EINVAL, "file data runs past the end of the archive" },
};

static void cpio_each_corruption_is_reported(void **state)
{
	struct gen good = { 0 };

	/* "a/b/c/da" + NUL: 110 + 9 pads to 120, + 16 data bytes = 136. */
	gen_file(&good, "a/b/c/da", "0123456789abcdef");
	for (size_t i = 0; i < ARRAY_SIZE(corruptions); i++) {
		const struct corruption *c = &corruptions[i];
		unsigned char *bad = unit_exact_copy(good.buf, good.len);
		struct walk w;

		memcpy(bad + c->offset, c->bytes, MAX(strlen(c->bytes), 1));
		w = walk_archive(bad, good.len);
		print_message("  %-26s -> %d at %zu: %s\n", c->what, w.result,
			      w.it.error_offset, w.it.reason);
		assert_int_equal(w.result, c->error);
		assert_string_equal(w.it.reason, c->reason);
		assert_int_equal(w.entries, 0);
		free(bad);
	}
	free(good.buf);
}

static void cpio_empty_name_is_refused(void **state)
{
	struct gen g = { 0 };
	struct walk w;

	gen_file(&g, "", "data");
	w = walk_archive(g.buf, g.len);
	assert_int_equal(w.result, -EINVAL);
	assert_string_equal(w.it.reason, "name is empty");
	free(g.buf);
}

static void cpio_error_offsets_point_at_the_problem(void **state)
{
	struct gen g = { 0 };
	struct walk w;

	gen_file(&g, "first", "x");
	gen_file(&g, "second", "yy");
	size_t second = g.len - 124;	/* 110 + 7 -> 120, + 2 data -> 124 */

	memcpy(g.buf + second + FIELD(4), "zzzzzzzz", 8);
	w = walk_archive(g.buf, g.len);
	assert_int_equal(w.entries, 1);
	assert_int_equal(w.result, -EINVAL);
	assert_int_equal(w.it.error_offset, second + FIELD(4));
	free(g.buf);
}

static void cpio_misaligned_header_is_broken_padding(void **state)
{
	struct gen g = { 0 };
	struct walk w;

	gen_file(&g, "a", "1");
	gen_zeros(&g, 5);		/* 5 is not a multiple of 4 */
	gen_file(&g, "b", "2");
	w = walk_archive(g.buf, g.len);
	assert_int_equal(w.entries, 1);
	assert_int_equal(w.result, -EINVAL);
	assert_string_equal(w.it.reason, "header is not 4-byte aligned (broken padding)");
	free(g.buf);
}

static void cpio_foreign_data_after_trailer_is_enoexec(void **state)
{
	struct gen g = { 0 };
	struct walk w;
	size_t at;

	gen_file(&g, "init", "#!/bin/sh\n");
	gen_trailer(&g);
	gen_zeros(&g, 8);
	at = g.len;
	gen_bytes(&g, "\x1f\x8b\x08\x00", 4);
	w = walk_archive(g.buf, g.len);
	assert_int_equal(w.entries, 1);
	assert_int_equal(w.result, -ENOEXEC);
	assert_int_equal(w.it.error_offset, at);
	free(g.buf);
}

static void cpio_init_at_starts_later_but_aligns_from_buf(void **state)
{
	struct gen g = { 0 };
	struct cpio_iter it;
	struct cpio_entry e;
	size_t second;

	gen_file(&g, "a", "1");
	second = g.len;
	gen_file(&g, "b", "2");
	cpio_iter_init_at(&it, g.buf, g.len, second);
	assert_int_equal(cpio_next(&it, &e), CPIO_ENTRY);
	assert_string_equal(e.name, "b");
	assert_int_equal(e.offset, second);
	assert_int_equal(cpio_next(&it, &e), CPIO_END);
	/* A start past the end is the end; a misaligned start is refused. */
	cpio_iter_init_at(&it, g.buf, g.len, g.len + 100);
	assert_int_equal(cpio_next(&it, &e), CPIO_END);
	memmove(g.buf + 2, g.buf + second, g.len - second);
	cpio_iter_init_at(&it, g.buf, g.len - second + 2, 2);
	assert_int_equal(cpio_next(&it, &e), -EINVAL);
	free(g.buf);
}

static void cpio_short_tail_is_truncated_header(void **state)
{
	struct walk w;

	w = walk_archive("0707", 4);
	assert_int_equal(w.result, -EINVAL);
	assert_string_equal(w.it.reason, "truncated header");
	w = walk_archive("07070100", 8);
	assert_int_equal(w.result, -EINVAL);
	w = walk_archive("garbage!", 8);
	assert_int_equal(w.result, -ENOEXEC);
}

static void cpio_random_byte_flips_never_escape(void **state)
{
	uint64_t seed = 0x0517e5eedull;
	struct gen g = { 0 };
	unsigned int outcomes[3] = { 0 };
	static const char hexish[] = "0123456789abcdefABCDEF\0 x";

	gen_file(&g, "bin/busybox", "some file data here");
	gen_file(&g, "etc/", "");
	gen_trailer(&g);
	gen_zeros(&g, 16);
	gen_file(&g, "init", "#!/bin/sh\nexec sh\n");
	for (int round = 0; round < 20000; round++) {
		unsigned char *bad = unit_exact_copy(g.buf, g.len);
		int flips = 1 + (int)(unit_rand(&seed) % 6);
		struct walk w;

		for (int i = 0; i < flips; i++) {
			uint64_t r = unit_rand(&seed);
			size_t at = (size_t)(r % g.len);

			/* Half the flips write hex-looking bytes to reach deeper checks. */
			bad[at] = (r >> 32) & 1 ? (unsigned char)(r >> 40)
						: (unsigned char)hexish[(r >> 40) % (sizeof(hexish) - 1)];
		}
		w = walk_archive(bad, g.len);
		outcomes[w.result == CPIO_END ? 0 : w.result == -EINVAL ? 1 : 2]++;
		free(bad);
	}
	print_message("  random flips: %u parsed, %u EINVAL, %u other errors\n",
		      outcomes[0], outcomes[1], outcomes[2]);
	free(g.buf);
}

static void cpio_huge_sizes_near_the_end(void **state)
{
	struct gen g = { 0 };
	struct walk w;

	/* A header whose sizes point far past a buffer that ends right after it. */
	gen_file(&g, "n", "");
	memcpy(g.buf + FILESIZE, "fffffffc", 8);
	w = walk_archive(g.buf, g.len);
	assert_int_equal(w.result, -EINVAL);
	memcpy(g.buf + FILESIZE, "00000000", 8);
	memcpy(g.buf + NAMESIZE, "00000fff", 8);
	w = walk_archive(g.buf, g.len);
	assert_int_equal(w.result, -EINVAL);
	/* Header alone, no name bytes at all. */
	w = walk_archive(g.buf, CPIO_HEADER_SIZE);
	assert_int_equal(w.result, -EINVAL);
	free(g.buf);
}

int main(void)
{
	const struct CMUnitTest tool_tests[] = {
		cmocka_unit_test(cpio_reads_newc_from_cpio_tool),
		cmocka_unit_test(cpio_reads_crc_from_cpio_tool),
		cmocka_unit_test(cpio_concatenated_archives_and_zero_padding),
		cmocka_unit_test(cpio_tool_archive_truncated_at_every_offset),
	};
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(cpio_every_field_is_decoded),
		cmocka_unit_test(cpio_upper_case_hex_is_accepted),
		cmocka_unit_test(cpio_empty_and_zero_buffers_hold_nothing),
		cmocka_unit_test(cpio_trailer_is_skipped_not_returned),
		cmocka_unit_test(cpio_each_corruption_is_reported),
		cmocka_unit_test(cpio_empty_name_is_refused),
		cmocka_unit_test(cpio_error_offsets_point_at_the_problem),
		cmocka_unit_test(cpio_misaligned_header_is_broken_padding),
		cmocka_unit_test(cpio_foreign_data_after_trailer_is_enoexec),
		cmocka_unit_test(cpio_init_at_starts_later_but_aligns_from_buf),
		cmocka_unit_test(cpio_short_tail_is_truncated_header),
		cmocka_unit_test(cpio_random_byte_flips_never_escape),
		cmocka_unit_test(cpio_huge_sizes_near_the_end),
	};
	int failed;

	failed = cmocka_run_group_tests_name("lib/cpio (archives from cpio(1))",
					     tool_tests, setup_tool, teardown_tool);
	failed += cmocka_run_group_tests_name("lib/cpio", tests, NULL, NULL);
	return failed;
}
