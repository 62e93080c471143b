/*
 * A DEFLATE decoder (RFC 1951) with the gzip wrapper (RFC 1952).
 *
 * The model.  A DEFLATE stream is a sequence of blocks; a 3-bit block
 * header says whether the block is the last one and how it is coded:
 *
 *   stored   the bytes as they are, after LEN and its complement NLEN;
 *   fixed    Huffman codes predefined by the RFC;
 *   dynamic  Huffman codes sent at the start of the block, themselves
 *            compressed with a small "code length" Huffman code.
 *
 * Coded blocks carry symbols of the literal/length alphabet: 0-255 are
 * literal bytes, 256 ends the block, 257-285 start a match whose length
 * (plus some extra bits) and following distance symbol (plus extra bits)
 * say "copy length bytes from distance bytes back in the output".  A match
 * may overlap itself (distance 1, length 100 repeats one byte).
 *
 * Bits are packed from the least significant bit of each byte, except
 * that Huffman codes are sent starting with their most significant bit.
 * We keep up to 64 input bits in bitbuf, the next bit lowest.
 *
 * Huffman decoding.  A code is "canonical": it is fully defined by the
 * code length of each symbol (RFC 1951 section 3.2.2).  We keep, per
 * code, how many codes there are of each length and the symbols sorted by
 * code; decoding then walks the lengths one bit at a time.  To go faster,
 * every code of at most INFLATE_FAST_BITS bits is also entered in a lookup
 * table indexed by the next INFLATE_FAST_BITS input bits (bit-reversed,
 * since that is the order they arrive in), so the common case is a single
 * lookup; an empty table slot sends us to the bit-at-a-time walk, which
 * also detects bit patterns that are no code at all.
 *
 * The rules for hostile input: every read of input goes through the bit
 * reader or a length check against in_len; every write checks out_size
 * first; a back-reference may not reach before the start of the output;
 * lengths that would over-subscribe a code are refused.
 */
#include <compiler.h>
#include <errno.h>
#include <inflate.h>
#include <string.h>

#define FAST_MASK		((1u << INFLATE_FAST_BITS) - 1)
#define FAST_SYM_BITS		9	/* symbol field of a fast-table entry */
#define END_OF_BLOCK		256
#define MAX_LIT_CODES		286	/* HLIT may not announce more (3.2.7) */
#define MAX_DIST_CODES		30
#define CLEN_CODES		19

enum { BLOCK_STORED = 0, BLOCK_FIXED = 1, BLOCK_DYNAMIC = 2 };

/* Match lengths for symbols 257..285: base and extra bits (3.2.5). */
static const u16 length_base[29] = {
	3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31,
	35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258,
};
static const u8 length_extra[29] = {
	0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2,
	3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0,
};

/* Distances for symbols 0..29: base and extra bits (3.2.5). */
static const u16 dist_base[30] = {
	1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193,
	257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145,
	8193, 12289, 16385, 24577,
};
static const u8 dist_extra[30] = {
	0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6,
	7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13,
};

/* The order in which a dynamic block lists code-length code lengths. */
static const u8 clen_order[CLEN_CODES] = {
	16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15,
};

static int fail(struct inflate_state *s, int err, const char *reason)
{
	s->reason = reason;
	s->error_offset = s->in_pos - s->bitcnt / 8;
	return err;
}

/* --- bit reader ----------------------------------------------------- */

/* Load whole input bytes above the bits we hold, while they fit. */
static void refill(struct inflate_state *s)
{
	while (s->bitcnt <= 56 && s->in_pos < s->in_len) {
		s->bitbuf |= (u64)s->in[s->in_pos++] << s->bitcnt;
		s->bitcnt += 8;
	}
}

/* Take the next n (0..32) bits, first bit lowest. */
static int get_bits(struct inflate_state *s, unsigned int n, u32 *out)
{
	if (s->bitcnt < n) {
		refill(s);
		if (s->bitcnt < n)
			return fail(s, -ENODATA, "input ends inside the DEFLATE stream");
	}
	*out = (u32)(s->bitbuf & ((1ull << n) - 1));
	s->bitbuf >>= n;
	s->bitcnt -= n;
	return 0;
}

/*
 * Hand back the whole bytes loaded but not used and forget the bits left
 * in the current byte: the input is then byte-aligned at in_pos.
 */
static void align_to_byte(struct inflate_state *s)
{
	s->in_pos -= s->bitcnt / 8;
	s->bitbuf = 0;
	s->bitcnt = 0;
}

/* --- Huffman codes -------------------------------------------------- */

static unsigned int reverse_bits(unsigned int code, unsigned int len)
{
	unsigned int r = 0;

	for (unsigned int i = 0; i < len; i++) {
		r = (r << 1) | (code & 1);
		code >>= 1;
	}
	return r;
}

/* Enter symbol sym, with code of len bits, in the fast table. */
static void add_fast(struct inflate_huffman *h, unsigned int sym,
		     unsigned int code, unsigned int len)
{
	unsigned int step = 1u << len;

	for (unsigned int i = reverse_bits(code, len); i <= FAST_MASK; i += step)
		h->fast[i] = (u16)(len << FAST_SYM_BITS | sym);
}

/*
 * Build the canonical code whose symbol i has code length lengths[i]
 * (0: unused), for n symbols.  Over-subscribed lengths are refused.  An
 * incomplete code is accepted, as the RFC needs one for a lone distance
 * code; its unused bit patterns are caught by decode_slow().
 */
static int build_huffman(struct inflate_state *s, struct inflate_huffman *h,
			 const u8 *lengths, unsigned int n)
{
	u16 offset[INFLATE_MAX_BITS + 1], next_code[INFLATE_MAX_BITS + 1];
	unsigned int code = 0;
	int left = 1;

	memset(h->count, 0, sizeof(h->count));
	memset(h->fast, 0, sizeof(h->fast));
	for (unsigned int i = 0; i < n; i++)
		h->count[lengths[i]]++;
	h->count[0] = 0;
	offset[1] = 0;
	for (unsigned int len = 1; len <= INFLATE_MAX_BITS; len++) {
		left = 2 * left - h->count[len];
		if (left < 0)
			return fail(s, -EINVAL, "over-subscribed Huffman code lengths");
		code = (code + h->count[len - 1]) << 1;
		next_code[len] = (u16)code;
		if (len < INFLATE_MAX_BITS)
			offset[len + 1] = offset[len] + h->count[len];
	}
	for (unsigned int sym = 0; sym < n; sym++) {
		unsigned int len = lengths[sym];

		if (len == 0)
			continue;
		h->symbol[offset[len]++] = (u16)sym;
		if (len <= INFLATE_FAST_BITS)
			add_fast(h, sym, next_code[len], len);
		next_code[len]++;
	}
	return 0;
}

/*
 * Decode one symbol a bit at a time.  Among the codes of one length the
 * canonical codes are consecutive, starting at first; so after reading
 * len bits into code, it is a code of that length iff code - first <
 * count[len], and its symbol sits at index + (code - first).
 */
static int decode_slow(struct inflate_state *s, const struct inflate_huffman *h,
		       unsigned int *sym)
{
	u32 code = 0, first = 0, index = 0, bit;
	int r;

	for (unsigned int len = 1; len <= INFLATE_MAX_BITS; len++) {
		r = get_bits(s, 1, &bit);
		if (r < 0)
			return r;
		code |= bit;
		if (code - first < h->count[len]) {
			*sym = h->symbol[index + (code - first)];
			return 0;
		}
		index += h->count[len];
		first = (first + h->count[len]) << 1;
		code <<= 1;
	}
	return fail(s, -EINVAL, "invalid Huffman code");
}

static int decode(struct inflate_state *s, const struct inflate_huffman *h,
		  unsigned int *sym)
{
	unsigned int entry, len;

	if (s->bitcnt < INFLATE_MAX_BITS)
		refill(s);
	entry = h->fast[s->bitbuf & FAST_MASK];
	if (!entry)
		return decode_slow(s, h, sym);
	len = entry >> FAST_SYM_BITS;
	if (len > s->bitcnt)
		return fail(s, -ENODATA, "input ends inside the DEFLATE stream");
	s->bitbuf >>= len;
	s->bitcnt -= len;
	*sym = entry & ((1u << FAST_SYM_BITS) - 1);
	return 0;
}

/* --- blocks --------------------------------------------------------- */

static int build_fixed(struct inflate_state *s)
{
	u8 *len = s->lengths;
	unsigned int i;
	int r;

	if (s->fixed_ready)
		return 0;
	for (i = 0; i < 144; i++)
		len[i] = 8;
	for (; i < 256; i++)
		len[i] = 9;
	for (; i < 280; i++)
		len[i] = 7;
	for (; i < INFLATE_MAX_SYMBOLS; i++)
		len[i] = 8;
	r = build_huffman(s, &s->lit, len, INFLATE_MAX_SYMBOLS);
	if (r < 0)
		return r;
	/* 32 five-bit codes; 30 and 31 exist but are rejected when used. */
	memset(len, 5, 32);
	r = build_huffman(s, &s->dist, len, 32);
	s->fixed_ready = r == 0;
	return r;
}

/*
 * Read the n literal/length and distance code lengths of a dynamic block
 * into s->lengths, using the code-length code already built in s->dist.
 * Symbols 16, 17 and 18 repeat the previous length or zero; a repeat may
 * run from the literal lengths into the distance lengths.
 */
static int read_code_lengths(struct inflate_state *s, unsigned int n)
{
	unsigned int i = 0, sym;
	u32 rep, value;
	int r;

	while (i < n) {
		r = decode(s, &s->dist, &sym);
		if (r < 0)
			return r;
		if (sym < 16) {
			s->lengths[i++] = (u8)sym;
			continue;
		}
		if (sym == 16) {
			if (i == 0)
				return fail(s, -EINVAL, "length repeat with no previous length");
			value = s->lengths[i - 1];
			r = get_bits(s, 2, &rep);
			rep += 3;
		} else {
			value = 0;
			r = sym == 17 ? get_bits(s, 3, &rep) : get_bits(s, 7, &rep);
			rep += sym == 17 ? 3 : 11;
		}
		if (r < 0)
			return r;
		if (rep > n - i)
			return fail(s, -EINVAL, "code length repeat runs past the end");
		memset(s->lengths + i, (int)value, rep);
		i += rep;
	}
	return 0;
}

static int build_dynamic(struct inflate_state *s)
{
	u32 hlit, hdist, hclen, v;
	int r;

	s->fixed_ready = false;
	if ((r = get_bits(s, 5, &hlit)) < 0 || (r = get_bits(s, 5, &hdist)) < 0 ||
	    (r = get_bits(s, 4, &hclen)) < 0)
		return r;
	hlit += 257;
	hdist += 1;
	hclen += 4;
	if (hlit > MAX_LIT_CODES || hdist > MAX_DIST_CODES)
		return fail(s, -EINVAL, "too many length or distance codes");
	memset(s->lengths, 0, CLEN_CODES);
	for (unsigned int i = 0; i < hclen; i++) {
		if ((r = get_bits(s, 3, &v)) < 0)
			return r;
		s->lengths[clen_order[i]] = (u8)v;
	}
	if ((r = build_huffman(s, &s->dist, s->lengths, CLEN_CODES)) < 0 ||
	    (r = read_code_lengths(s, hlit + hdist)) < 0)
		return r;
	if (s->lengths[END_OF_BLOCK] == 0)
		return fail(s, -EINVAL, "dynamic block has no end-of-block code");
	r = build_huffman(s, &s->lit, s->lengths, hlit);
	if (r == 0)
		r = build_huffman(s, &s->dist, s->lengths + hlit, hdist);
	return r;
}

/* Copy len bytes from dist bytes back; the ranges may overlap. */
static int copy_match(struct inflate_state *s, u32 len, u32 dist)
{
	u8 *dst, *src;

	if (dist > s->out_pos)
		return fail(s, -EINVAL, "match distance reaches before the start of the output");
	if (len > s->out_size - s->out_pos)
		return fail(s, -ENOSPC, "output buffer is too small");
	dst = s->out + s->out_pos;
	src = dst - dist;
	for (u32 i = 0; i < len; i++)
		dst[i] = src[i];
	s->out_pos += len;
	return 0;
}

/* Decode a match: length symbol sym, extra bits, distance code, extra bits. */
static int decode_match(struct inflate_state *s, unsigned int sym)
{
	unsigned int dsym;
	u32 extra, len, dist;
	int r;

	sym -= 257;
	if (sym >= ARRAY_SIZE(length_base))
		return fail(s, -EINVAL, "invalid length symbol");
	if ((r = get_bits(s, length_extra[sym], &extra)) < 0)
		return r;
	len = length_base[sym] + extra;
	if ((r = decode(s, &s->dist, &dsym)) < 0)
		return r;
	if (dsym >= ARRAY_SIZE(dist_base))
		return fail(s, -EINVAL, "invalid distance symbol");
	if ((r = get_bits(s, dist_extra[dsym], &extra)) < 0)
		return r;
	dist = dist_base[dsym] + extra;
	return copy_match(s, len, dist);
}

/* Decode the symbols of a fixed or dynamic block up to end-of-block. */
static int inflate_codes(struct inflate_state *s)
{
	unsigned int sym;
	int r;

	for (;;) {
		if ((r = decode(s, &s->lit, &sym)) < 0)
			return r;
		if (sym < 256) {
			if (s->out_pos == s->out_size)
				return fail(s, -ENOSPC, "output buffer is too small");
			s->out[s->out_pos++] = (u8)sym;
		} else if (sym == END_OF_BLOCK) {
			return 0;
		} else if ((r = decode_match(s, sym)) < 0) {
			return r;
		}
	}
}

/* A stored block: byte-align, LEN, NLEN = ~LEN, then LEN raw bytes. */
static int inflate_stored(struct inflate_state *s)
{
	const u8 *p;
	u32 len;

	align_to_byte(s);
	if (s->in_len - s->in_pos < 4)
		return fail(s, -ENODATA, "input ends inside a stored block header");
	p = s->in + s->in_pos;
	len = p[0] | (u32)p[1] << 8;
	if ((len ^ 0xffff) != (p[2] | (u32)p[3] << 8))
		return fail(s, -EINVAL, "stored block length does not match its complement");
	s->in_pos += 4;
	if (len > s->in_len - s->in_pos)
		return fail(s, -ENODATA, "input ends inside a stored block");
	if (len > s->out_size - s->out_pos)
		return fail(s, -ENOSPC, "output buffer is too small");
	memcpy(s->out + s->out_pos, s->in + s->in_pos, len);
	s->in_pos += len;
	s->out_pos += len;
	return 0;
}

static int inflate_block(struct inflate_state *s, u32 type)
{
	int r;

	switch (type) {
	case BLOCK_STORED:
		return inflate_stored(s);
	case BLOCK_FIXED:
		r = build_fixed(s);
		break;
	case BLOCK_DYNAMIC:
		r = build_dynamic(s);
		break;
	default:
		return fail(s, -EINVAL, "invalid block type 3");
	}
	return r < 0 ? r : inflate_codes(s);
}

int inflate_raw(struct inflate_state *s, const void *in, size_t in_len,
		void *out, size_t out_size)
{
	u32 final, type;
	int r;

	s->in = in;
	s->in_len = in_len;
	s->in_pos = 0;
	s->bitbuf = 0;
	s->bitcnt = 0;
	s->out = out;
	s->out_size = out_size;
	s->out_pos = 0;
	s->reason = NULL;
	s->error_offset = 0;
	s->fixed_ready = false;
	do {
		if ((r = get_bits(s, 1, &final)) < 0 || (r = get_bits(s, 2, &type)) < 0)
			return r;
		if ((r = inflate_block(s, type)) < 0)
			return r;
	} while (!final);
	align_to_byte(s);
	return 0;
}

/* --- gzip ----------------------------------------------------------- */

#define GZIP_FHCRC	0x02
#define GZIP_FEXTRA	0x04
#define GZIP_FNAME	0x08
#define GZIP_FCOMMENT	0x10
#define GZIP_FRESERVED	0xe0
#define GZIP_CM_DEFLATE	8
#define GZIP_FIXED_HEADER	10

/* CRC-32 of one 4-bit value, for the table-per-nibble update below. */
static const u32 crc_nibble[16] = {
	0x00000000, 0x1db71064, 0x3b6e20c8, 0x26d930ac,
	0x76dc4190, 0x6b6b51f4, 0x4db26158, 0x5005713c,
	0xedb88320, 0xf00f9344, 0xd6d6a3e8, 0xcb61b38c,
	0x9b64c2b0, 0x86d3d2d4, 0xa00ae278, 0xbdbdf21c,
};

u32 gzip_crc32(u32 crc, const void *buf, size_t len)
{
	const u8 *p = buf;

	crc = ~crc;
	for (size_t i = 0; i < len; i++) {
		crc ^= p[i];
		crc = (crc >> 4) ^ crc_nibble[crc & 15];
		crc = (crc >> 4) ^ crc_nibble[crc & 15];
	}
	return ~crc;
}

static u32 get_le32(const u8 *p)
{
	return p[0] | (u32)p[1] << 8 | (u32)p[2] << 16 | (u32)p[3] << 24;
}

static int header_fail(struct gzip_header *h, int err, const char *reason)
{
	h->reason = reason;
	return err;
}

/* A NUL-terminated header string at *pos (FNAME, FCOMMENT). */
static int header_string(struct gzip_header *h, const u8 *p, size_t len,
			 size_t *pos, const char **out)
{
	const u8 *nul = memchr(p + *pos, 0, len - *pos);

	if (!nul)
		return header_fail(h, -ENODATA, "gzip header string is not terminated");
	*out = (const char *)p + *pos;
	*pos = (size_t)(nul - p) + 1;
	return 0;
}

/* The optional parts after the fixed 10 bytes, in the RFC's order. */
static int header_optional(struct gzip_header *h, const u8 *p, size_t len, size_t *pos)
{
	int r = 0;

	if (h->flags & GZIP_FEXTRA) {
		if (len - *pos < 2)
			return header_fail(h, -ENODATA, "truncated gzip extra field");
		h->extra_len = (u16)(p[*pos] | p[*pos + 1] << 8);
		*pos += 2;
		if (h->extra_len > len - *pos)
			return header_fail(h, -ENODATA, "truncated gzip extra field");
		h->extra = p + *pos;
		*pos += h->extra_len;
	}
	if (h->flags & GZIP_FNAME)
		r = header_string(h, p, len, pos, &h->name);
	if (r == 0 && (h->flags & GZIP_FCOMMENT))
		r = header_string(h, p, len, pos, &h->comment);
	return r;
}

int gzip_parse_header(struct gzip_header *h, const void *in, size_t in_len)
{
	const u8 *p = in;
	size_t pos = GZIP_FIXED_HEADER;
	int r;

	memset(h, 0, sizeof(*h));
	if (in_len < 2 || p[0] != GZIP_MAGIC0 || p[1] != GZIP_MAGIC1)
		return header_fail(h, -ENOEXEC, "not gzip data (bad magic)");
	if (in_len < GZIP_FIXED_HEADER)
		return header_fail(h, -ENODATA, "truncated gzip header");
	if (p[2] != GZIP_CM_DEFLATE)
		return header_fail(h, -ENOEXEC, "unknown gzip compression method");
	if (p[3] & GZIP_FRESERVED)
		return header_fail(h, -EINVAL, "reserved gzip flag bits are set");
	h->flags = p[3];
	h->mtime = get_le32(p + 4);
	h->xfl = p[8];
	h->os = p[9];
	r = header_optional(h, p, in_len, &pos);
	if (r < 0)
		return r;
	if (h->flags & GZIP_FHCRC) {
		if (in_len - pos < 2)
			return header_fail(h, -ENODATA, "truncated gzip header CRC");
		if ((gzip_crc32(0, p, pos) & 0xffff) != (u32)(p[pos] | p[pos + 1] << 8))
			return header_fail(h, -EBADMSG, "gzip header CRC mismatch");
		pos += 2;
	}
	h->len = pos;
	return 0;
}

int gzip_inflate(struct inflate_state *s, const void *in, size_t in_len,
		 void *out, size_t out_size, struct gzip_header *h)
{
	struct gzip_header local;
	const u8 *p = in;
	size_t pos;
	int r;

	if (!h)
		h = &local;
	s->in_pos = 0;
	s->out_pos = 0;
	r = gzip_parse_header(h, in, in_len);
	if (r < 0) {
		s->reason = h->reason;
		s->error_offset = 0;
		return r;
	}
	r = inflate_raw(s, p + h->len, in_len - h->len, out, out_size);
	pos = h->len + s->in_pos;
	s->in = in;
	s->in_len = in_len;
	s->in_pos = pos;
	if (r < 0) {
		s->error_offset += h->len;
		return r;
	}
	if (in_len - pos < GZIP_TRAILER_SIZE)
		return fail(s, -ENODATA, "truncated gzip trailer");
	if (get_le32(p + pos) != gzip_crc32(0, out, s->out_pos))
		return fail(s, -EBADMSG, "gzip CRC32 does not match the data");
	if (get_le32(p + pos + 4) != (u32)s->out_pos)
		return fail(s, -EBADMSG, "gzip ISIZE does not match the data size");
	s->in_pos = pos + GZIP_TRAILER_SIZE;
	return 0;
}
