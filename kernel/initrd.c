/*
 * The initrd at boot: find out what the boot loader gave us and say so in
 * one line, before anything relies on it.
 *
 * Linux's initramfs format (Documentation/driver-api/early-userspace/
 * buffer-format.rst) is a sequence of cpio archives, zero padding and
 * compressed members, each member holding cpio archives in turn.  We walk
 * it the same way: lib/cpio.c steps over plain entries and zero runs and
 * stops at anything that is not a cpio header; if that is a gzip member
 * we unpack it with lib/inflate.c into a vmalloc buffer sized by the
 * member's ISIZE (its uncompressed size mod 2^32, in its last 4 bytes),
 * walk the cpio inside, free the buffer and go on after the member.
 * Other compressors are recognised only to name them in the message.
 *
 * Everything here is untrusted input: the loader's base and size are
 * checked against the memory map before the bytes are touched, ISIZE is
 * capped by free memory, and the parsers bound every read.
 *
 * FIXME: ISIZE is read from the end of the remaining buffer, which is only
 * right when the gzip member is the last thing in the initrd (the common
 * case, and Debian's microcode-then-compressed layout).  A member followed
 * by more data needs streaming decompression.
 */
#include <arch/memory.h>
#include <boot_info.h>
#include <cpio.h>
#include <errno.h>
#include <inflate.h>
#include <initrd.h>
#include <kmalloc.h>
#include <ktest.h>
#include <mm.h>
#include <printk.h>
#include <string.h>
#include <vmalloc.h>

struct initrd_summary {
	unsigned int entries;		/* cpio entries, trailers excluded */
	u64 data_bytes;			/* their file data */
	u64 gzip_bytes;			/* compressed bytes unpacked */
	unsigned int gzip_members;
	bool gzip_deferred;		/* a gzip member was left packed (no mm yet) */
	const char *reason;		/* set when malformed */
	size_t bad_offset;		/* where, in the initrd or the unpacked data */
	bool bad_in_gzip;		/* bad_offset counts in unpacked data */
};

static int malformed(struct initrd_summary *sum, size_t offset, bool in_gzip,
		     const char *reason, int err)
{
	sum->reason = reason;
	sum->bad_offset = offset;
	sum->bad_in_gzip = in_gzip;
	return err;
}

/* Name a compressed format Linux accepts that we cannot unpack yet. */
static const char *other_compressor(const u8 *p, size_t len)
{
	static const struct {
		const char *magic;
		size_t len;
		const char *message;
	} formats[] = {
		{ "\xfd" "7zXZ", 5, "xz-compressed data (only gzip is supported)" },
		{ "\x28\xb5\x2f\xfd", 4, "zstd-compressed data (only gzip is supported)" },
		{ "BZh", 3, "bzip2-compressed data (only gzip is supported)" },
		{ "\x5d\x00\x00", 3, "lzma-compressed data (only gzip is supported)" },
		{ "\x02\x21\x4c\x18", 4, "lz4-compressed data (only gzip is supported)" },
		{ "\x89LZO", 4, "lzo-compressed data (only gzip is supported)" },
	};

	for (size_t i = 0; i < ARRAY_SIZE(formats); i++) {
		if (len >= formats[i].len && memcmp(p, formats[i].magic, formats[i].len) == 0)
			return formats[i].message;
	}
	return NULL;
}

/*
 * Walk plain cpio from *pos.  Returns 0 at the end of the buffer, 1 with
 * *pos at data that is not cpio (for the caller to identify), or a
 * negative errno with the summary marked malformed.
 */
static int scan_cpio(const u8 *buf, size_t len, size_t *pos,
		     struct initrd_summary *sum, bool in_gzip)
{
	struct cpio_iter it;
	struct cpio_entry e;
	int r;

	cpio_iter_init_at(&it, buf, len, *pos);
	while ((r = cpio_next(&it, &e)) == CPIO_ENTRY) {
		sum->entries++;
		sum->data_bytes += e.size;
	}
	if (r == CPIO_END) {
		*pos = len;
		return 0;
	}
	if (r == -ENOEXEC && !in_gzip) {
		*pos = it.error_offset;
		return 1;
	}
	if (r == -ENOEXEC)	/* Linux: "junk within compressed archive" */
		return malformed(sum, it.error_offset, true, "not a cpio header", r);
	return malformed(sum, it.error_offset, in_gzip, it.reason, r);
}

static u32 get_le32(const u8 *p)
{
	return p[0] | (u32)p[1] << 8 | (u32)p[2] << 16 | (u32)p[3] << 24;
}

/* Decompress the member at buf[0..len) into a fresh buffer and walk it. */
static int unpack_gzip(const u8 *buf, size_t len, size_t at, size_t *used,
		       struct initrd_summary *sum)
{
	u32 isize = get_le32(buf + len - 4);
	struct inflate_state *s;
	size_t pos = 0;
	u8 *out;
	int r;

	if (isize / PAGE_SIZE >= mm_free_pages() / 2)
		return malformed(sum, at, false,
				 "gzip member would unpack to more than half of free memory", -ENOMEM);
	s = kmalloc(sizeof(*s), GFP_KERNEL);
	out = vmalloc(isize ? isize : 1);
	if (!s || !out) {
		r = malformed(sum, at, false, "no memory to unpack the gzip member", -ENOMEM);
		goto out_free;
	}
	r = gzip_inflate(s, buf, len, out, isize, NULL);
	if (r < 0) {
		r = malformed(sum, at + s->error_offset, false, s->reason, r);
		goto out_free;
	}
	*used = s->in_pos;
	sum->gzip_members++;
	sum->gzip_bytes += s->in_pos;
	r = scan_cpio(out, s->out_pos, &pos, sum, true);
out_free:
	vfree(out);
	kfree(s);
	return r;
}

/* The gzip member at buf[at..len): unpack it, or just check its header. */
static int scan_gzip(const u8 *buf, size_t len, size_t *pos, struct initrd_summary *sum)
{
	struct gzip_header h;
	size_t at = *pos, used = 0;
	int r;

	r = gzip_parse_header(&h, buf + at, len - at);
	if (r < 0)
		return malformed(sum, at, false, h.reason, r);
	if (len - at - h.len < GZIP_TRAILER_SIZE)
		return malformed(sum, at, false, "gzip member is truncated", -ENODATA);
	if (mm_total_pages() == 0) {
		sum->gzip_deferred = true;
		sum->gzip_bytes += len - at;
		*pos = len;
		return 0;
	}
	r = unpack_gzip(buf + at, len - at, at, &used, sum);
	*pos = at + used;
	return r;
}

/* Walk a whole initramfs buffer; fills *sum; 0 or a negative errno. */
static int initrd_scan(const u8 *buf, size_t len, struct initrd_summary *sum)
{
	size_t pos = 0;
	const char *other;
	int r;

	memset(sum, 0, sizeof(*sum));
	while (pos < len) {
		r = scan_cpio(buf, len, &pos, sum, false);
		if (r <= 0)
			return r;
		if (buf[pos] == GZIP_MAGIC0) {
			r = scan_gzip(buf, len, &pos, sum);
			if (r < 0)
				return r;
			continue;
		}
		other = other_compressor(buf + pos, len - pos);
		return malformed(sum, pos, false,
				 other ? other : "neither cpio (070701/070702) nor gzip", -ENOEXEC);
	}
	return 0;
}

/* The loader's range must lie inside one memory-map region. */
static bool initrd_range_ok(u64 base, u64 size)
{
	if (size > ~0ull - base)
		return false;
	for (unsigned int i = 0; i < boot_info.memmap_count; i++) {
		const struct boot_mem_region *r = &boot_info.memmap[i];

		if (base >= r->base && base - r->base <= r->size &&
		    size <= r->size - (base - r->base))
			return true;
	}
	return false;
}

static void report(const struct initrd_summary *sum, u64 size)
{
	if (sum->reason) {
		pr_err("initrd: malformed archive at offset %zu%s: %s\n", sum->bad_offset,
		       sum->bad_in_gzip ? " of the unpacked gzip data" : "", sum->reason);
	} else if (sum->gzip_deferred && sum->entries == 0) {
		pr_info("initrd: gzip-compressed, %llu bytes (not unpacked: no allocator yet)\n",
			(unsigned long long)size);
	} else if (sum->gzip_members) {
		pr_info("initrd: %u entries, %llu bytes of file data (unpacked from %llu bytes of gzip)\n",
			sum->entries, (unsigned long long)sum->data_bytes,
			(unsigned long long)sum->gzip_bytes);
	} else {
		pr_info("initrd: %u entries, %llu bytes of file data\n", sum->entries,
			(unsigned long long)sum->data_bytes);
	}
}

void initrd_check(void)
{
	struct initrd_summary sum;
	u64 base = boot_info.initrd_base, size = boot_info.initrd_size;

	if (base == 0 || size == 0) {
		pr_info("initrd: none\n");
		return;
	}
	if (!initrd_range_ok(base, size)) {
		pr_err("initrd: ignored: [mem %#llx-%#llx] is outside the memory map\n",
		       (unsigned long long)base, (unsigned long long)(base + size - 1));
		return;
	}
	initrd_scan(phys_to_virt(base), size, &sum);
	report(&sum, size);
}

/* --- self-tests ("ktest=initrd_scan") ---------------------------------- */

/*
 * cpio(1) -H newc of "etc/", "etc/motd" ("hi\n") and "init" (21 bytes),
 * then gzip -9 -n: 3 entries, 24 bytes of data.
 */
static const u8 test_cpio_gz[] = {
	0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x03, 0x33, 0x30,
	0x37, 0x30, 0x37, 0x30, 0x34, 0x30, 0x70, 0xb4, 0x30, 0x30, 0x34, 0x34,
	0x32, 0x00, 0x02, 0x13, 0x43, 0x57, 0x17, 0x03, 0xec, 0xc0, 0x08, 0xbb,
	0xb0, 0x9b, 0xab, 0x01, 0x7e, 0x60, 0x02, 0x63, 0xa4, 0x96, 0x24, 0x33,
	0x30, 0x30, 0x18, 0x20, 0xd9, 0x69, 0x0c, 0x36, 0xd3, 0xc2, 0xd0, 0xd1,
	0x04, 0x87, 0x5e, 0x43, 0x34, 0xbe, 0x31, 0x91, 0x76, 0x5a, 0x22, 0xd9,
	0xa9, 0x9f, 0x9b, 0x5f, 0x92, 0xc2, 0xc0, 0x90, 0x91, 0xc9, 0x85, 0x62,
	0xb7, 0x11, 0x89, 0x76, 0x1b, 0x9a, 0x12, 0x69, 0xb7, 0x29, 0x8c, 0x91,
	0x99, 0x97, 0x59, 0xc2, 0xc0, 0xa0, 0xac, 0xa8, 0x9f, 0x94, 0x99, 0xa7,
	0x5f, 0x9c, 0xc1, 0x95, 0x9a, 0x9c, 0x91, 0xaf, 0x90, 0x91, 0x9a, 0x93,
	0x93, 0xcf, 0x85, 0x14, 0x0e, 0x44, 0x01, 0x62, 0xd5, 0xa1, 0x03, 0x27,
	0x18, 0x23, 0x24, 0xc8, 0xd1, 0xd3, 0xc7, 0x35, 0x48, 0x51, 0x51, 0x91,
	0x01, 0x09, 0x00, 0x00, 0xb5, 0x70, 0xfa, 0xc3, 0x00, 0x02, 0x00, 0x00,
};

KTEST(initrd_scan)
{
	static u8 buf[sizeof(test_cpio_gz) + 64];
	struct initrd_summary sum;

	KTEST_EXPECT(initrd_scan(test_cpio_gz, sizeof(test_cpio_gz), &sum) == 0);
	KTEST_EXPECT(sum.entries == 3 && sum.data_bytes == 24 && sum.gzip_members == 1);

	/* Zero padding before the member, as between initramfs parts. */
	memset(buf, 0, sizeof(buf));
	memcpy(buf + 64, test_cpio_gz, sizeof(test_cpio_gz));
	KTEST_EXPECT(initrd_scan(buf, sizeof(buf), &sum) == 0 && sum.entries == 3);

	/* A flipped data bit: the CRC32 or the decoder must object. */
	buf[64 + 100] ^= 0x10;
	KTEST_EXPECT(initrd_scan(buf, sizeof(buf), &sum) < 0 && sum.reason);

	/* Garbage is reported, not followed. */
	memset(buf, 0xa5, sizeof(buf));
	KTEST_EXPECT(initrd_scan(buf, sizeof(buf), &sum) == -ENOEXEC);
	KTEST_EXPECT(initrd_scan(test_cpio_gz, 40, &sum) < 0);
	return 0;
}
