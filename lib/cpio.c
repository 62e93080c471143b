/*
 * cpio "newc" and "crc" archives, read in place (see include/cpio.h).
 *
 * Layout of one entry, all offsets from the start of the buffer:
 *
 *	header	110 ASCII bytes: the magic "070701" ("070702" for crc) and
 *		13 fields of exactly 8 hex digits: ino, mode, uid, gid,
 *		nlink, mtime, filesize, devmajor, devminor, rdevmajor,
 *		rdevminor, namesize, check
 *	name	namesize bytes, the last of them the terminating NUL
 *	pad	zeros up to the next multiple of 4
 *	data	filesize bytes (a symlink's data is its target)
 *	pad	zeros up to the next multiple of 4
 *
 * An entry named "TRAILER!!!" ends an archive.  The initramfs format lets
 * archives follow each other with any number of zero bytes in between;
 * like Linux we skip zero runs before every header and then insist that
 * the header is 4-byte aligned.
 *
 * The "crc" format adds a checksum, the 32-bit sum of the data bytes; we
 * check it for regular files, as Linux does (cpio(1) leaves it 0 for
 * symlinks).
 *
 * Hostile input rules: a field is only accepted if all 8 characters are
 * hex digits; a name must be 1..CPIO_NAME_MAX bytes, inside the buffer,
 * with its only NUL at the end; data must lie inside the buffer.  Offsets
 * are compared by subtracting from the length, never by adding to a
 * position, so no sum can wrap.
 */
#include <compiler.h>
#include <cpio.h>
#include <errno.h>
#include <string.h>

#define CPIO_FIELD_LEN	8
#define MODE_TYPE_MASK	0170000		/* S_IFMT */
#define MODE_REGULAR	0100000		/* S_IFREG */

enum cpio_field {
	F_INO, F_MODE, F_UID, F_GID, F_NLINK, F_MTIME, F_FILESIZE,
	F_DEVMAJOR, F_DEVMINOR, F_RDEVMAJOR, F_RDEVMINOR, F_NAMESIZE, F_CHECK,
	F_COUNT
};

void cpio_iter_init(struct cpio_iter *it, const void *buf, size_t len)
{
	memset(it, 0, sizeof(*it));
	it->buf = buf;
	it->len = len;
}

void cpio_iter_init_at(struct cpio_iter *it, const void *buf, size_t len,
		       size_t start)
{
	cpio_iter_init(it, buf, len);
	it->pos = MIN(start, len);
}

u32 cpio_checksum(const void *data, size_t size)
{
	const u8 *p = data;
	u32 sum = 0;

	for (size_t i = 0; i < size; i++)
		sum += p[i];
	return sum;
}

static int fail(struct cpio_iter *it, int err, size_t offset, const char *reason)
{
	it->error = err;
	it->done = true;
	it->reason = reason;
	it->error_offset = offset;
	return err;
}

static int hex_value(u8 c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Parse 8 hex digits; returns false if any character is not one. */
static bool parse_field(const u8 *s, u32 *out)
{
	u32 v = 0;

	for (int i = 0; i < CPIO_FIELD_LEN; i++) {
		int d = hex_value(s[i]);

		if (d < 0)
			return false;
		v = (v << 4) | (u32)d;
	}
	*out = v;
	return true;
}

/* Distance from pos to the next multiple of 4. */
static size_t pad4(size_t pos)
{
	return (4 - (pos & 3)) & 3;
}

/* Skip zero padding; stop at the end or at the first non-zero byte. */
static void skip_zeros(struct cpio_iter *it)
{
	while (it->pos < it->len && it->buf[it->pos] == 0)
		it->pos++;
}

/*
 * Is there a cpio magic at it->pos?  A magic cut short by the end of the
 * buffer counts if what is there matches, so that the caller reports a
 * truncated header rather than foreign data.
 */
static bool has_magic(const struct cpio_iter *it, bool *crc)
{
	const u8 *h = it->buf + it->pos;
	size_t avail = it->len - it->pos;

	if (memcmp(h, "07070", MIN(avail, 5)) != 0)
		return false;
	*crc = avail >= 6 && h[5] == '2';
	return avail < 6 || h[5] == '1' || h[5] == '2';
}

/* Decode the 13 fields of the header at it->pos, known to be complete. */
static int parse_header(struct cpio_iter *it, u32 f[F_COUNT])
{
	const u8 *h = it->buf + it->pos;

	for (int i = 0; i < F_COUNT; i++) {
		size_t at = 6 + (size_t)i * CPIO_FIELD_LEN;

		if (!parse_field(h + at, &f[i]))
			return fail(it, -EINVAL, it->pos + at, "header field is not 8 hex digits");
	}
	return 0;
}

/* Validate the name that follows the header; fill e->name and e->name_len. */
static int check_name(struct cpio_iter *it, u32 namesize, struct cpio_entry *e)
{
	size_t at = it->pos + CPIO_HEADER_SIZE;
	const char *name = (const char *)it->buf + at;

	if (namesize == 0)
		return fail(it, -EINVAL, it->pos, "name size is zero");
	if (namesize > CPIO_NAME_MAX)
		return fail(it, -EINVAL, it->pos, "name is too long");
	if (namesize > it->len - at)
		return fail(it, -EINVAL, at, "name runs past the end of the archive");
	if (name[namesize - 1] != '\0')
		return fail(it, -EINVAL, at, "name is not NUL-terminated");
	e->name_len = strnlen(name, namesize);
	if (e->name_len != namesize - 1)
		return fail(it, -EINVAL, at, "name contains a NUL byte");
	if (e->name_len == 0)
		return fail(it, -EINVAL, at, "name is empty");
	e->name = name;
	return 0;
}

/*
 * Locate the data after the name and its padding.  Padding cut off by the
 * end of the buffer is tolerated for an empty file (a trailer, usually).
 */
static int check_data(struct cpio_iter *it, u32 namesize, u32 filesize,
		      struct cpio_entry *e)
{
	size_t start = it->pos + CPIO_HEADER_SIZE + namesize;

	start += pad4(start);
	if (start > it->len) {
		if (filesize != 0)
			return fail(it, -EINVAL, it->len, "file data runs past the end of the archive");
		start = it->len;
	}
	if (filesize > it->len - start)
		return fail(it, -EINVAL, start, "file data runs past the end of the archive");
	e->data = it->buf + start;
	e->size = filesize;
	return 0;
}

static void fill_entry(struct cpio_entry *e, const u32 f[F_COUNT], bool crc,
		       size_t offset)
{
	e->ino = f[F_INO];
	e->mode = f[F_MODE];
	e->uid = f[F_UID];
	e->gid = f[F_GID];
	e->nlink = f[F_NLINK];
	e->mtime = f[F_MTIME];
	e->dev_major = f[F_DEVMAJOR];
	e->dev_minor = f[F_DEVMINOR];
	e->rdev_major = f[F_RDEVMAJOR];
	e->rdev_minor = f[F_RDEVMINOR];
	e->has_check = crc;
	e->check = crc ? f[F_CHECK] : 0;
	e->offset = offset;
}

/* Decode the entry at it->pos and move it->pos past its data. */
static int read_entry(struct cpio_iter *it, struct cpio_entry *e)
{
	u32 f[F_COUNT];
	size_t end;
	bool crc = false;
	int r;

	if (!has_magic(it, &crc))
		return fail(it, -ENOEXEC, it->pos, "no cpio magic (070701 or 070702)");
	if (it->pos & 3)
		return fail(it, -EINVAL, it->pos, "header is not 4-byte aligned (broken padding)");
	if (it->len - it->pos < CPIO_HEADER_SIZE)
		return fail(it, -EINVAL, it->pos, "truncated header");
	r = parse_header(it, f);
	if (r == 0)
		r = check_name(it, f[F_NAMESIZE], e);
	if (r == 0)
		r = check_data(it, f[F_NAMESIZE], f[F_FILESIZE], e);
	if (r < 0)
		return r;
	fill_entry(e, f, crc, it->pos);
	/* Like Linux, only regular files are checked: cpio(1) writes 0 for symlinks. */
	if (crc && (e->mode & MODE_TYPE_MASK) == MODE_REGULAR &&
	    cpio_checksum(e->data, e->size) != e->check)
		return fail(it, -EBADMSG, it->pos, "bad data checksum");
	end = (size_t)((const u8 *)e->data - it->buf) + e->size;
	it->pos = pad4(end) <= it->len - end ? end + pad4(end) : it->len;
	return 0;
}

int cpio_next(struct cpio_iter *it, struct cpio_entry *e)
{
	int r;

	if (it->done)
		return it->error;
	for (;;) {
		skip_zeros(it);
		if (it->pos == it->len) {
			it->done = true;
			return CPIO_END;
		}
		r = read_entry(it, e);
		if (r < 0)
			return r;
		if (strcmp(e->name, CPIO_TRAILER_NAME) != 0)
			return CPIO_ENTRY;
		it->trailers++;
	}
}
