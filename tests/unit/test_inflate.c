/*
 * lib/inflate.c: DEFLATE and gzip decoding.
 *
 * Round trips: data sets of several kinds and sizes are compressed by the
 * host's gzip(1) at levels 1, 6 and 9, and by Python's zlib with every
 * strategy (which between them produce stored, fixed-Huffman and dynamic
 * blocks), then decoded into exactly-sized buffers and compared.  Hand-
 * built bit streams reach each error path by name.  Corrupted streams
 * (truncated at every offset, random flips) must fail cleanly or decode
 * within bounds; AddressSanitizer watches every read and write.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "unit.h"
#include "klib.h"

#ifndef UNIT_SRC_DIR
#define UNIT_SRC_DIR "tests/unit"
#endif

/* "$PYTHON deflate_tool.py args" (PYTHON from make, else python3). */
static const char *deflate_tool(const char *args)
{
	static char cmd[512];
	const char *python = getenv("PYTHON");

	snprintf(cmd, sizeof(cmd), "%s %s/deflate_tool.py %s",
		 python && *python ? python : "python3", UNIT_SRC_DIR, args);
	return cmd;
}

static struct inflate_state state;	/* 3.6 KiB: kept off the stack, as in the kernel */

/* --- test data --------------------------------------------------------- */

enum data_kind { TEXT, RANDOM, ZEROS, MIXED, KINDS };
static const size_t sizes[] = { 0, 1, 2, 100, 4096, 65535, 65536 + 17, 300000, 1 << 20 };

static const char *const words[] = {
	"the ", "kernel ", "initramfs ", "busybox ", "a ", "of ", "cpio ",
	"archive ", "\n", "inode ", "page ", "Linux ", "osprey ", "0123 ",
};

/* Deterministic data of the given kind; malloc'd, exactly len bytes. */
static unsigned char *make_data(enum data_kind kind, size_t len)
{
	unsigned char *d = malloc(len ? len : 1);
	uint64_t seed = 0x1234567ull + len * 31 + kind;
	size_t i = 0;

	while (i < len) {
		uint64_t r = unit_rand(&seed);

		if (kind == ZEROS) {
			d[i] = (i / 70000) & 1 ? 'z' : 0;
			i++;
		} else if (kind == RANDOM || (kind == MIXED && r % 7 == 0)) {
			d[i++] = (unsigned char)(r >> 24);
		} else if (kind == MIXED && r % 5 == 0 && i > 40000) {
			/* Repeat something from far back: long distances. */
			size_t from = i - 32768 + (r >> 40) % 1000, n = 3 + (r >> 20) % 250;

			for (size_t k = 0; k < n && i < len; k++)
				d[i++] = d[from + k];
		} else {
			const char *w = words[(r >> 33) % ARRAY_SIZE(words)];

			for (size_t k = 0; w[k] && i < len; k++)
				d[i++] = (unsigned char)w[k];
		}
	}
	return d;
}

static unsigned char *compress_with(const char *cmd, const void *data, size_t len,
				    size_t *out_len)
{
	unsigned char *out = unit_run(cmd, data, len, out_len);

	if (!out)
		print_error("could not run: %s\n", cmd);
	assert_non_null(out);
	return out;
}

/* Batch input for deflate_tool.py: records of an 8-byte length and bytes. */
struct batch {
	unsigned char *buf;
	size_t len;
};

static void batch_add(struct batch *b, const void *data, size_t len)
{
	b->buf = realloc(b->buf, b->len + 8 + len + 1);
	memcpy(b->buf + b->len, &(uint64_t){ len }, 8);
	memcpy(b->buf + b->len + 8, data, len);
	b->len += 8 + len;
}

/* The next record of a batch output at *pos; NULL-safe bounds checked. */
static const unsigned char *batch_next(const unsigned char *out, size_t out_len,
				       size_t *pos, size_t *len)
{
	uint64_t n;

	assert_true(out_len - *pos >= 8);
	memcpy(&n, out + *pos, 8);
	assert_true(n <= out_len - *pos - 8);
	*len = (size_t)n;
	*pos += 8 + n;
	return out + *pos - n;
}

/* Decode a gzip member from exact-size copies; expect data back. */
static void expect_gunzip(const unsigned char *gz, size_t gz_len,
			  const unsigned char *data, size_t len)
{
	unsigned char *in = unit_exact_copy(gz, gz_len);
	unsigned char *out = malloc(len);
	int r = gzip_inflate(&state, in, gz_len, out, len, NULL);

	if (r != 0)
		print_error("gzip_inflate: %d at %zu: %s\n", r, state.error_offset, state.reason);
	assert_int_equal(r, 0);
	assert_int_equal(state.out_pos, len);
	assert_int_equal(state.in_pos, gz_len);
	assert_memory_equal(out, data, len);
	free(in);
	free(out);
}

static void expect_inflate_raw(const unsigned char *raw, size_t raw_len,
			       const unsigned char *data, size_t len)
{
	unsigned char *in = unit_exact_copy(raw, raw_len);
	unsigned char *out = malloc(len);
	int r = inflate_raw(&state, in, raw_len, out, len);

	if (r != 0)
		print_error("inflate_raw: %d at %zu: %s\n", r, state.error_offset, state.reason);
	assert_int_equal(r, 0);
	assert_int_equal(state.out_pos, len);
	assert_int_equal(state.in_pos, raw_len);
	assert_memory_equal(out, data, len);
	free(in);
	free(out);
}

/* --- round trips ------------------------------------------------------- */

static void inflate_gzip_tool_round_trips(void **state_unused)
{
	static const char *const levels[] = { "-1", "-6", "-9" };
	unsigned int streams = 0;

	for (int kind = 0; kind < KINDS; kind++) {
		for (size_t s = 0; s < ARRAY_SIZE(sizes); s++) {
			unsigned char *data = make_data(kind, sizes[s]);

			for (size_t l = 0; l < ARRAY_SIZE(levels); l++) {
				char cmd[64];
				size_t gz_len;
				unsigned char *gz;

				snprintf(cmd, sizeof(cmd), "gzip -c -n %s", levels[l]);
				gz = compress_with(cmd, data, sizes[s], &gz_len);
				expect_gunzip(gz, gz_len, data, sizes[s]);
				free(gz);
				streams++;
			}
			free(data);
		}
	}
	print_message("  %u gzip(1) streams decoded\n", streams);
}

/* Which block types does a raw stream's first block use? (bits 1-2) */
static int first_block_type(const unsigned char *raw)
{
	return (raw[0] >> 1) & 3;
}

/* zlib gets every size but the largest: the batch stays a few MiB. */
#define PY_SIZES	(ARRAY_SIZE(sizes) - 1)

static void inflate_python_zlib_strategies(void **state_unused)
{
	/* level, strategy, expected first block type (-1: any) */
	static const int cases[][3] = {
		{ 0, 0, 0 }, { 1, 0, -1 }, { 6, 0, -1 }, { 9, 0, -1 },
		{ 6, 1, -1 }, { 6, 2, -1 }, { 6, 3, -1 }, { 6, 4, 1 }, { 9, 4, 1 },
	};
	char args[128] = "raw-set";
	unsigned char *data[KINDS][PY_SIZES];
	struct batch in = { 0 };
	unsigned int types_seen = 0, streams = 0;
	size_t out_len, pos = 0;
	unsigned char *out;

	for (size_t c = 0; c < ARRAY_SIZE(cases); c++)
		snprintf(args + strlen(args), sizeof(args) - strlen(args), " %d,%d",
			 cases[c][0], cases[c][1]);
	for (int kind = 0; kind < KINDS; kind++) {
		for (size_t s = 0; s < PY_SIZES; s++) {
			data[kind][s] = make_data(kind, sizes[s]);
			batch_add(&in, data[kind][s], sizes[s]);
		}
	}
	out = compress_with(deflate_tool(args), in.buf, in.len, &out_len);
	for (int kind = 0; kind < KINDS; kind++) {
		for (size_t s = 0; s < PY_SIZES; s++) {
			for (size_t c = 0; c < ARRAY_SIZE(cases); c++) {
				size_t raw_len;
				const unsigned char *raw = batch_next(out, out_len, &pos, &raw_len);

				/* zlib may still pick stored blocks for tiny or random data. */
				if (cases[c][2] >= 0 && kind == TEXT && sizes[s] >= 100)
					assert_int_equal(first_block_type(raw), cases[c][2]);
				if (sizes[s] > 0)
					types_seen |= 1u << first_block_type(raw);
				expect_inflate_raw(raw, raw_len, data[kind][s], sizes[s]);
				streams++;
			}
			free(data[kind][s]);
		}
	}
	assert_int_equal(pos, out_len);
	/* Stored, fixed and dynamic blocks were all exercised. */
	assert_int_equal(types_seen, 0x7);
	print_message("  %u zlib streams decoded\n", streams);
	free(out);
	free(in.buf);
}

static void inflate_python_gzip_and_empty_input(void **state_unused)
{
	unsigned char *data = make_data(TEXT, 5000);
	size_t gz_len;
	unsigned char *gz = compress_with(deflate_tool("gzip 9"), data, 5000, &gz_len);

	expect_gunzip(gz, gz_len, data, 5000);
	free(gz);
	gz = compress_with(deflate_tool("gzip 6"), "", 0, &gz_len);
	expect_gunzip(gz, gz_len, (const unsigned char *)"", 0);
	free(gz);
	free(data);
}

static void inflate_gzip_header_with_every_flag(void **state_unused)
{
	unsigned char *data = make_data(MIXED, 70000);
	size_t gz_len;
	unsigned char *gz = compress_with(deflate_tool("gzip-all-flags"), data, 70000, &gz_len);
	struct gzip_header h;
	unsigned char *out = malloc(70000);

	expect_gunzip(gz, gz_len, data, 70000);
	assert_int_equal(gzip_inflate(&state, gz, gz_len, out, 70000, &h), 0);
	assert_int_equal(h.flags, 0x1f);
	assert_int_equal(h.mtime, 1234567890);
	assert_int_equal(h.xfl, 2);
	assert_int_equal(h.os, 3);
	assert_int_equal(h.extra_len, 8);
	assert_memory_equal(h.extra, "Os\x04\x00test", 8);
	assert_string_equal(h.name, "initramfs.cpio");
	assert_string_equal(h.comment, "made by deflate_tool.py");
	/* Corrupt the stored header CRC: the header is refused. */
	gz[h.len - 1] ^= 1;
	assert_int_equal(gzip_parse_header(&h, gz, gz_len), -EBADMSG);
	assert_string_equal(h.reason, "gzip header CRC mismatch");
	free(out);
	free(gz);
	free(data);
}

static void inflate_gzip_keeps_the_file_name(void **state_unused)
{
	char *dir = unit_tempdir();
	char cmd[256];
	size_t gz_len;
	unsigned char *gz;
	struct gzip_header h;

	unit_write_file(dir, "hello.txt", "hello, world\n", 13);
	snprintf(cmd, sizeof(cmd), "gzip -c '%s/hello.txt'", dir);
	gz = compress_with(cmd, "", 0, &gz_len);
	assert_int_equal(gzip_parse_header(&h, gz, gz_len), 0);
	assert_true(h.flags & 0x08);
	assert_string_equal(h.name, "hello.txt");
	expect_gunzip(gz, gz_len, (const unsigned char *)"hello, world\n", 13);
	free(gz);
	unit_rmtree(dir);
	free(dir);
}

static void inflate_gzip_members_are_consumed_one_at_a_time(void **state_unused)
{
	unsigned char *a = make_data(TEXT, 3000), *b = make_data(RANDOM, 1000);
	size_t la, lb;
	unsigned char *ga = compress_with("gzip -c -n -6", a, 3000, &la);
	unsigned char *gb = compress_with("gzip -c -n -1", b, 1000, &lb);
	unsigned char *both = malloc(la + lb), *out = malloc(3000);

	memcpy(both, ga, la);
	memcpy(both + la, gb, lb);
	assert_int_equal(gzip_inflate(&state, both, la + lb, out, 3000, NULL), 0);
	assert_int_equal(state.in_pos, la);
	assert_memory_equal(out, a, 3000);
	assert_int_equal(gzip_inflate(&state, both + la, lb, out, 1000, NULL), 0);
	assert_int_equal(state.in_pos, lb);
	assert_memory_equal(out, b, 1000);
	free(a);
	free(b);
	free(ga);
	free(gb);
	free(both);
	free(out);
}

static void inflate_crc32_matches_zlib(void **state_unused)
{
	static const size_t lens[] = { 0, 1, 3, 1000, 65537 };
	unsigned char *d[ARRAY_SIZE(lens)];
	struct batch in = { 0 };
	size_t n;
	unsigned char *crcs;

	for (size_t i = 0; i < ARRAY_SIZE(lens); i++) {
		d[i] = make_data(RANDOM, lens[i]);
		batch_add(&in, d[i], lens[i]);
	}
	crcs = compress_with(deflate_tool("crc32"), in.buf, in.len, &n);
	assert_int_equal(n, 4 * ARRAY_SIZE(lens));
	for (size_t i = 0; i < ARRAY_SIZE(lens); i++) {
		uint32_t want;
		size_t half = lens[i] / 2;

		memcpy(&want, crcs + 4 * i, 4);
		assert_int_equal(gzip_crc32(0, d[i], lens[i]), want);
		/* Running CRCs chain. */
		assert_int_equal(gzip_crc32(gzip_crc32(0, d[i], half), d[i] + half,
					    lens[i] - half), want);
		free(d[i]);
	}
	assert_int_equal(gzip_crc32(0, "123456789", 9), 0xcbf43926);
	free(crcs);
	free(in.buf);
}

/* --- hand-built streams ------------------------------------------------ */

struct bits {
	unsigned char buf[256];
	size_t bitpos;
};

/* Append n bits of v, least significant first (DEFLATE's packing). */
static void put_bits(struct bits *b, unsigned int v, unsigned int n)
{
	for (unsigned int i = 0; i < n; i++, b->bitpos++) {
		if ((v >> i) & 1)
			b->buf[b->bitpos / 8] |= (unsigned char)(1u << (b->bitpos % 8));
	}
}

/* Append a Huffman code: most significant bit first. */
static void put_code(struct bits *b, unsigned int code, unsigned int len)
{
	while (len--)
		put_bits(b, (code >> len) & 1, 1);
}

/* A literal/length symbol in the fixed code (RFC 1951 3.2.6). */
static void put_fixed(struct bits *b, unsigned int sym)
{
	if (sym < 144)
		put_code(b, 0x30 + sym, 8);
	else if (sym < 256)
		put_code(b, 0x190 + sym - 144, 9);
	else if (sym < 280)
		put_code(b, sym - 256, 7);
	else
		put_code(b, 0xc0 + sym - 280, 8);
}

static size_t bits_len(const struct bits *b)
{
	return (b->bitpos + 7) / 8;
}

static int run_raw(const struct bits *b, unsigned char *out, size_t out_size)
{
	unsigned char *in = unit_exact_copy(b->buf, bits_len(b));
	int r = inflate_raw(&state, in, bits_len(b), out, out_size);

	free(in);
	return r;
}

static void inflate_hand_built_valid_stream(void **state_unused)
{
	struct bits b = { 0 };
	unsigned char out[16];

	/* Stored block "xyz" (not final), then a fixed block "ab" + match(3, 2). */
	put_bits(&b, 0, 1);
	put_bits(&b, 0, 2);
	b.bitpos = 8;
	put_bits(&b, 3, 16);
	put_bits(&b, 0xfffc, 16);
	put_bits(&b, 'x', 8);
	put_bits(&b, 'y', 8);
	put_bits(&b, 'z', 8);
	put_bits(&b, 1, 1);
	put_bits(&b, 1, 2);
	put_fixed(&b, 'a');
	put_fixed(&b, 'b');
	put_fixed(&b, 257);		/* length 3 */
	put_code(&b, 1, 5);		/* distance 2 */
	put_fixed(&b, 256);
	assert_int_equal(run_raw(&b, out, sizeof(out)), 0);
	assert_int_equal(state.out_pos, 8);
	assert_memory_equal(out, "xyzababa", 8);
	/* One byte short of room. */
	assert_int_equal(run_raw(&b, out, 7), -ENOSPC);
	assert_string_equal(state.reason, "output buffer is too small");
	assert_int_equal(run_raw(&b, out, 0), -ENOSPC);
}

struct bad_stream {
	const char *what;
	void (*build)(struct bits *b);
	int error;
	const char *reason;
};

static void fixed_header(struct bits *b)
{
	put_bits(b, 1, 1);
	put_bits(b, 1, 2);
}

static void build_block_type_3(struct bits *b)
{
	put_bits(b, 1, 1);
	put_bits(b, 3, 2);
}

static void build_match_before_start(struct bits *b)
{
	fixed_header(b);
	put_fixed(b, 'a');
	put_fixed(b, 257);
	put_code(b, 1, 5);		/* distance 2, only 1 byte out */
	put_fixed(b, 256);
}

static void build_length_symbol_286(struct bits *b)
{
	fixed_header(b);
	put_fixed(b, 'a');
	put_fixed(b, 286);
}

static void build_distance_symbol_30(struct bits *b)
{
	fixed_header(b);
	put_fixed(b, 'a');
	put_fixed(b, 257);
	put_code(b, 30, 5);
}

static void build_stored_bad_nlen(struct bits *b)
{
	put_bits(b, 1, 3);
	b->bitpos = 8;
	put_bits(b, 5, 16);
	put_bits(b, 0xfffb, 16);
}

static void build_stored_past_input(struct bits *b)
{
	put_bits(b, 1, 3);
	b->bitpos = 8;
	put_bits(b, 200, 16);
	put_bits(b, 0xffff ^ 200, 16);
	put_bits(b, 'q', 8);
}

static void build_no_final_block(struct bits *b)
{
	put_bits(b, 0, 1);		/* not final */
	put_bits(b, 1, 2);
	put_fixed(b, 256);		/* then the input just ends */
}

static void dynamic_header(struct bits *b, unsigned int hlit, unsigned int hdist,
			   unsigned int hclen)
{
	put_bits(b, 1, 1);
	put_bits(b, 2, 2);
	put_bits(b, hlit, 5);
	put_bits(b, hdist, 5);
	put_bits(b, hclen, 4);
}

static void build_too_many_codes(struct bits *b)
{
	dynamic_header(b, 30, 0, 0);	/* 287 literal/length codes */
}

static void build_oversubscribed(struct bits *b)
{
	dynamic_header(b, 0, 0, 15);
	for (int i = 0; i < 19; i++)
		put_bits(b, 1, 3);	/* nineteen 1-bit codes */
}

static void build_repeat_first(struct bits *b)
{
	dynamic_header(b, 0, 0, 0);	/* lengths for 16, 17, 18, 0 */
	put_bits(b, 1, 3);
	put_bits(b, 1, 3);
	put_bits(b, 0, 3);
	put_bits(b, 0, 3);
	put_code(b, 0, 1);		/* symbol 16 first */
}

/* Code-length code {17: "0", 18: "1"}; then 258 zero lengths. */
static void build_no_end_of_block(struct bits *b)
{
	dynamic_header(b, 0, 0, 0);
	put_bits(b, 0, 3);
	put_bits(b, 1, 3);
	put_bits(b, 1, 3);
	put_bits(b, 0, 3);
	put_code(b, 1, 1);
	put_bits(b, 127, 7);		/* 138 zeros */
	put_code(b, 1, 1);
	put_bits(b, 109, 7);		/* 120 zeros */
}

static void build_repeat_overflow(struct bits *b)
{
	dynamic_header(b, 0, 0, 0);
	put_bits(b, 0, 3);
	put_bits(b, 1, 3);
	put_bits(b, 1, 3);
	put_bits(b, 0, 3);
	put_code(b, 1, 1);
	put_bits(b, 127, 7);
	put_code(b, 1, 1);
	put_bits(b, 127, 7);		/* 276 > 258 */
}

static void build_empty(struct bits *b)
{
}

static const struct bad_stream bad_streams[] = {
	{ "block type 3", build_block_type_3, -EINVAL, "invalid block type 3" },
	{ "match before start", build_match_before_start, -EINVAL,
	  "match distance reaches before the start of the output" },
	{ "length symbol 286", build_length_symbol_286, -EINVAL, "invalid length symbol" },
	{ "distance symbol 30", build_distance_symbol_30, -EINVAL, "invalid distance symbol" },
	{ "stored NLEN", build_stored_bad_nlen, -EINVAL,
	  "stored block length does not match its complement" },
	{ "stored past input", build_stored_past_input, -ENODATA, "input ends inside a stored block" },
	/* The zero bits left in the last byte read as a stored block header. */
	{ "no final block", build_no_final_block, -ENODATA, "input ends inside a stored block header" },
	{ "287 length codes", build_too_many_codes, -EINVAL, "too many length or distance codes" },
	{ "over-subscribed", build_oversubscribed, -EINVAL, "over-subscribed Huffman code lengths" },
	{ "repeat first", build_repeat_first, -EINVAL, "length repeat with no previous length" },
	{ "no end-of-block", build_no_end_of_block, -EINVAL, "dynamic block has no end-of-block code" },
	{ "repeat overflow", build_repeat_overflow, -EINVAL, "code length repeat runs past the end" },
	{ "empty input", build_empty, -ENODATA, "input ends inside the DEFLATE stream" },
};

static void inflate_hand_built_errors(void **state_unused)
{
	unsigned char out[64];

	for (size_t i = 0; i < ARRAY_SIZE(bad_streams); i++) {
		struct bits b = { 0 };
		int r;

		bad_streams[i].build(&b);
		r = run_raw(&b, out, sizeof(out));
		print_message("  %-20s -> %d at %zu: %s\n", bad_streams[i].what, r,
			      state.error_offset, state.reason);
		assert_int_equal(r, bad_streams[i].error);
		assert_string_equal(state.reason, bad_streams[i].reason);
		assert_true(state.error_offset <= bits_len(&b));
	}
}

/* --- gzip framing errors ----------------------------------------------- */

static int gunzip_copy(const unsigned char *gz, size_t len, size_t out_size)
{
	unsigned char *in = unit_exact_copy(gz, len);
	unsigned char *out = malloc(out_size ? out_size : 1);
	int r = gzip_inflate(&state, in, len, out, out_size, NULL);

	assert_true(state.out_pos <= out_size);
	free(in);
	free(out);
	return r;
}

static void inflate_gzip_framing_errors(void **state_unused)
{
	unsigned char *data = make_data(TEXT, 2000);
	size_t len;
	unsigned char *gz = compress_with("gzip -c -n -6", data, 2000, &len);
	unsigned char *bad = malloc(len);

	assert_int_equal(gunzip_copy(gz, len, 2000), 0);
	assert_int_equal(gunzip_copy(gz, len, 1999), -ENOSPC);
	/* Write value at byte at; value -1 means "add one to what is there". */
	struct { size_t at; int value; int error; const char *reason; } cases[] = {
		{ 0, 0x1e, -ENOEXEC, "not gzip data (bad magic)" },
		{ 1, 0x8c, -ENOEXEC, "not gzip data (bad magic)" },
		{ 2, 7, -ENOEXEC, "unknown gzip compression method" },
		{ 3, 0x20, -EINVAL, "reserved gzip flag bits are set" },
		{ 3, 0x04, 0, NULL },	/* FEXTRA: its length comes from the DEFLATE data */
		{ len - 8, -1, -EBADMSG, "gzip CRC32 does not match the data" },
		{ len - 4, -1, -EBADMSG, "gzip ISIZE does not match the data size" },
	};

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		int r;

		memcpy(bad, gz, len);
		if (cases[i].value < 0)
			bad[cases[i].at]++;
		else
			bad[cases[i].at] = (unsigned char)cases[i].value;
		r = gunzip_copy(bad, len, 2000);
		if (cases[i].error)
			assert_int_equal(r, cases[i].error);
		else
			assert_true(r < 0);
		if (cases[i].reason)
			assert_string_equal(state.reason, cases[i].reason);
	}
	/* FNAME set but no NUL anywhere after the header. */
	unsigned char hdr[12] = { 0x1f, 0x8b, 8, 0x08, 0, 0, 0, 0, 0, 3, 'a', 'b' };

	assert_int_equal(gunzip_copy(hdr, sizeof(hdr), 16), -ENODATA);
	assert_string_equal(state.reason, "gzip header string is not terminated");
	assert_int_equal(gunzip_copy(gz, 9, 16), -ENODATA);
	assert_int_equal(gunzip_copy(gz, len - 1, 2000), -ENODATA);
	assert_string_equal(state.reason, "truncated gzip trailer");
	free(bad);
	free(gz);
	free(data);
}

/* --- fuzzing ----------------------------------------------------------- */

static void inflate_truncated_at_every_offset(void **state_unused)
{
	unsigned char *data = make_data(TEXT, 12000);
	unsigned char *out = malloc(12000);
	size_t len, raw_len;
	unsigned char *gz = compress_with("gzip -c -n -9", data, 12000, &len);
	unsigned char *raw = compress_with(deflate_tool("raw 6 4"), data, 12000, &raw_len);

	for (size_t cut = 0; cut < len; cut++)
		assert_true(gunzip_copy(gz, cut, 12000) < 0);
	for (size_t cut = 0; cut < raw_len; cut++) {
		unsigned char *in = unit_exact_copy(raw, cut);

		assert_true(inflate_raw(&state, in, cut, out, 12000) < 0);
		free(in);
	}
	free(gz);
	free(raw);
	free(out);
	free(data);
}

static void inflate_random_corruption_stays_in_bounds(void **state_unused)
{
	uint64_t seed = 0xdef1a7e5eedull;
	unsigned char *data = make_data(MIXED, 50000);
	size_t len;
	unsigned char *gz = compress_with("gzip -c -n -6", data, 50000, &len);
	/* Flip bits in the first 4000 bytes only: failures come sooner. */
	size_t span = MIN(len, (size_t)4000);
	unsigned int ok = 0, errors[5] = { 0 };

	for (int round = 0; round < 2000; round++) {
		unsigned char *bad = unit_exact_copy(gz, len);
		int flips = 1 + (int)(unit_rand(&seed) % 4);
		size_t out_size = unit_rand(&seed) % 4 ? 50000 : unit_rand(&seed) % 60000;
		unsigned char *out = malloc(out_size ? out_size : 1);
		int r;

		for (int i = 0; i < flips; i++) {
			uint64_t x = unit_rand(&seed);

			bad[10 + x % (span - 10)] ^= (unsigned char)(1u << ((x >> 32) % 8));
		}
		r = gzip_inflate(&state, bad, len, out, out_size, NULL);
		assert_true(state.out_pos <= out_size);
		if (r == 0) {
			/* Only flips that cancel out get past CRC32 and ISIZE. */
			assert_int_equal(state.out_pos, 50000);
			assert_memory_equal(out, data, 50000);
			ok++;
		}
		else
			errors[r == -EINVAL ? 0 : r == -ENODATA ? 1 : r == -ENOSPC ? 2 :
			       r == -EBADMSG ? 3 : 4]++;
		free(bad);
		free(out);
	}
	print_message("  random flips: %u decoded, EINVAL %u, ENODATA %u, ENOSPC %u, "
		      "EBADMSG %u, other %u\n", ok, errors[0], errors[1], errors[2],
		      errors[3], errors[4]);
	assert_int_equal(errors[4], 0);
	free(gz);
	free(data);
}

static void inflate_random_garbage_input(void **state_unused)
{
	uint64_t seed = 42;
	unsigned char out[4096];

	for (int round = 0; round < 5000; round++) {
		size_t len = unit_rand(&seed) % 300;
		unsigned char *in = malloc(len ? len : 1);

		for (size_t i = 0; i < len; i++)
			in[i] = (unsigned char)unit_rand(&seed);
		(void)inflate_raw(&state, in, len, out, sizeof(out));
		assert_true(state.out_pos <= sizeof(out));
		free(in);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(inflate_gzip_tool_round_trips),
		cmocka_unit_test(inflate_python_zlib_strategies),
		cmocka_unit_test(inflate_python_gzip_and_empty_input),
		cmocka_unit_test(inflate_gzip_header_with_every_flag),
		cmocka_unit_test(inflate_gzip_keeps_the_file_name),
		cmocka_unit_test(inflate_gzip_members_are_consumed_one_at_a_time),
		cmocka_unit_test(inflate_crc32_matches_zlib),
		cmocka_unit_test(inflate_hand_built_valid_stream),
		cmocka_unit_test(inflate_hand_built_errors),
		cmocka_unit_test(inflate_gzip_framing_errors),
		cmocka_unit_test(inflate_truncated_at_every_offset),
		cmocka_unit_test(inflate_random_corruption_stays_in_bounds),
		cmocka_unit_test(inflate_random_garbage_input),
	};

	return cmocka_run_group_tests_name("lib/inflate", tests, NULL, NULL);
}
