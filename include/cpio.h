/*
 * Reading cpio archives in the "newc" (magic "070701") and "crc" ("070702")
 * formats, the ones Linux's initramfs accepts (lib/cpio.c).
 *
 * The archive is untrusted: every field is checked before it is used, and
 * a malformed archive gives an error code, a reason and the byte offset of
 * the problem, never a read outside [buf, buf + len).  Entries point into
 * the caller's buffer; nothing is copied or allocated.
 *
 * Usage:
 *
 *	struct cpio_iter it;
 *	struct cpio_entry e;
 *	int r;
 *
 *	cpio_iter_init(&it, buf, len);
 *	while ((r = cpio_next(&it, &e)) == CPIO_ENTRY)
 *		use(e.name, e.mode, e.data, e.size);
 *	if (r < 0)
 *		complain(it.reason, it.error_offset);
 */
#ifndef CPIO_H
#define CPIO_H

#include <types.h>

#define CPIO_HEADER_SIZE	110	/* magic + 13 fields of 8 hex digits */
#define CPIO_NAME_MAX		4096	/* longest name, NUL included (PATH_MAX) */
#define CPIO_TRAILER_NAME	"TRAILER!!!"

/* cpio_next() results besides negative errnos. */
#define CPIO_END		0
#define CPIO_ENTRY		1

struct cpio_entry {
	const char *name;	/* NUL-terminated, inside the archive */
	size_t name_len;	/* strlen(name), never 0 */
	const void *data;	/* file contents or symlink target */
	size_t size;		/* bytes at data */
	u32 ino;
	u32 mode;		/* file type and permission bits, as in st_mode */
	u32 uid, gid;
	u32 nlink;
	u32 mtime;		/* seconds since the epoch */
	u32 dev_major, dev_minor;	/* device holding the file (hard links) */
	u32 rdev_major, rdev_minor;	/* device number of a device node */
	u32 check;		/* "crc" format: byte sum of the data (verified
				   for regular files, as Linux does); else 0 */
	bool has_check;		/* the entry used the "crc" format */
	size_t offset;		/* where its header starts in the buffer */
};

struct cpio_iter {
	const u8 *buf;
	size_t len;
	size_t pos;		/* next byte to look at */
	unsigned int trailers;	/* archives ended by "TRAILER!!!" so far */
	int error;		/* 0, or the negative errno cpio_next returned */
	bool done;		/* CPIO_END or an error was returned */
	const char *reason;	/* why it failed, for messages */
	size_t error_offset;	/* where it failed */
};

void cpio_iter_init(struct cpio_iter *it, const void *buf, size_t len);

/*
 * Start at byte start instead (clamped to len), for a caller that handled
 * the bytes before it itself, such as a compressed member; alignment is
 * still counted from buf, as Linux counts it from the buffer's start.
 */
void cpio_iter_init_at(struct cpio_iter *it, const void *buf, size_t len,
		       size_t start);

/*
 * Step to the next entry.  The archive ends at the end of the buffer: one
 * or more archives may follow each other, each optionally closed by a
 * "TRAILER!!!" entry (which is skipped, not returned), with runs of zero
 * bytes between entries and archives, as in Linux's initramfs format
 * (Documentation/driver-api/early-userspace/buffer-format.rst).  Every
 * header must start 4-byte aligned relative to buf.
 *
 * Returns CPIO_ENTRY with *e filled, CPIO_END at the end of the buffer, or
 * a negative errno with it->reason and it->error_offset set:
 *   -ENOEXEC  the bytes at error_offset are not a cpio header (the caller
 *             may recognise them as something else, a gzip member say);
 *   -EINVAL   a malformed or truncated header, name or data;
 *   -EBADMSG  a "crc" regular file whose data does not match its checksum.
 * After CPIO_END or an error, further calls return the same result.
 */
int cpio_next(struct cpio_iter *it, struct cpio_entry *e);

/* The "crc" format's checksum: the 32-bit sum of all data bytes. */
u32 cpio_checksum(const void *data, size_t size);

#endif
