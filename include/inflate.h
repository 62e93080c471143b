/*
 * DEFLATE decompression (RFC 1951) and the gzip file format (RFC 1952),
 * for unpacking a gzip-compressed initramfs (lib/inflate.c).
 *
 * Made for the kernel: no allocation and no global state.  The caller
 * supplies the whole compressed input, an output buffer that bounds the
 * result, and a struct inflate_state (about 3.6 KiB; keep it off small
 * stacks) holding the bit reader and the Huffman tables.  The output
 * buffer doubles as the history window, so it must be one contiguous
 * buffer for the whole stream.
 *
 * Input is untrusted: corrupt, truncated or oversized streams give a
 * negative errno with s->reason and s->error_offset (a byte offset into
 * the input) set, never a read or write outside the given buffers.
 *   -EINVAL   corrupt stream or header
 *   -ENODATA  input ends before the stream does
 *   -ENOSPC   output would exceed out_size
 *   -ENOEXEC  not gzip (bad magic) or an unknown compression method
 *   -EBADMSG  gzip trailer: CRC32 or ISIZE does not match the data
 */
#ifndef INFLATE_H
#define INFLATE_H

#include <types.h>

#define INFLATE_FAST_BITS	9	/* codes this short decode in one lookup */
#define INFLATE_MAX_BITS	15	/* longest Huffman code DEFLATE allows */
#define INFLATE_MAX_SYMBOLS	288	/* literal/length alphabet size */

/* A canonical Huffman code (internal to lib/inflate.c). */
struct inflate_huffman {
	u16 count[INFLATE_MAX_BITS + 1];	/* codes of each length */
	u16 symbol[INFLATE_MAX_SYMBOLS];	/* symbols in code order */
	u16 fast[1 << INFLATE_FAST_BITS];	/* length << 9 | symbol; 0: slow path */
};

struct inflate_state {
	/* Input, read least-significant bit first through bitbuf. */
	const u8 *in;
	size_t in_len;
	size_t in_pos;		/* after success: bytes of input used */
	u64 bitbuf;
	unsigned int bitcnt;

	/* Output, also the window that back-references copy from. */
	u8 *out;
	size_t out_size;
	size_t out_pos;		/* after success: bytes produced */

	const char *reason;	/* on failure: what was wrong */
	size_t error_offset;	/* on failure: input byte offset, roughly */

	bool fixed_ready;	/* lit/dist hold the fixed codes */
	struct inflate_huffman lit, dist;
	u8 lengths[INFLATE_MAX_SYMBOLS + 32];
};

/* What a gzip member header says (RFC 1952 section 2.3). */
struct gzip_header {
	size_t len;		/* header bytes; the DEFLATE data follows */
	u8 flags;		/* FTEXT FHCRC FEXTRA FNAME FCOMMENT bits */
	u8 xfl, os;
	u32 mtime;
	const u8 *extra;	/* FEXTRA payload or NULL; points into the input */
	u16 extra_len;
	const char *name;	/* FNAME, NUL-terminated in the input, or NULL */
	const char *comment;	/* FCOMMENT, likewise */
	const char *reason;	/* on failure: what was wrong */
};

#define GZIP_MAGIC0	0x1f
#define GZIP_MAGIC1	0x8b
#define GZIP_TRAILER_SIZE	8	/* CRC32 and ISIZE, little-endian */

/*
 * Decompress one complete raw DEFLATE stream from in[0..in_len) into
 * out[0..out_size).  Returns 0 with s->out_pos bytes produced and
 * s->in_pos bytes consumed (the stream may be followed by other data), or
 * a negative errno as described above.
 */
int inflate_raw(struct inflate_state *s, const void *in, size_t in_len,
		void *out, size_t out_size);

/*
 * Parse and check the gzip member header at in[0..in_len), including the
 * FHCRC header checksum when present.  Returns 0 with *h filled, or a
 * negative errno with h->reason set.
 */
int gzip_parse_header(struct gzip_header *h, const void *in, size_t in_len);

/*
 * Decompress one gzip member (header, DEFLATE data, CRC32 and ISIZE all
 * checked).  On success s->out_pos is the data size and s->in_pos the
 * member's size in bytes, so a following member starts at in + s->in_pos.
 * h may be NULL; if not, it receives the header.
 */
int gzip_inflate(struct inflate_state *s, const void *in, size_t in_len,
		 void *out, size_t out_size, struct gzip_header *h);

/* CRC-32 as gzip uses it (reflected, polynomial 0xedb88320); start at 0. */
u32 gzip_crc32(u32 crc, const void *buf, size_t len);

#endif
