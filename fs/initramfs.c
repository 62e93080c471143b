/*
 * Filling "/" from the initramfs: the boot loader's initrd, a sequence of
 * cpio "newc"/"crc" archives, each plain or gzip-compressed, separated by
 * zero padding (Linux's Documentation/driver-api/early-userspace/
 * buffer-format.rst).  Every entry becomes a file, directory, symlink,
 * device node, FIFO or socket in the root tmpfs with the archive's mode,
 * owner and modification time; entries with the same (dev, ino) and a
 * link count above one become hard links of the first.
 *
 * The archive is untrusted.  lib/cpio.c bounds every field; names are
 * resolved by the ordinary path walk from "/", which cannot climb above
 * the root, so "../x" lands in "/x" as it would on Linux.  An entry the
 * VFS refuses is reported and skipped; a malformed archive is reported
 * and unpacking stops there, keeping what was already unpacked.  Parent
 * directories missing from the archive are created (mode 0755).
 *
 * Like Linux, directories get their mtimes only at the end, because
 * adding entries to a directory changes its mtime.
 */
#include <boot_info.h>
#include <cpio.h>
#include <inflate.h>
#include <kmalloc.h>
#include <mm.h>
#include <printk.h>
#include <string.h>
#include <vmalloc.h>
#include <uapi/fcntl.h>
#include "internal.h"

/* The first name seen for a multiply-linked (dev, ino). */
struct hardlink {
	struct hardlink *next;
	u32 ino, dev_major, dev_minor;
	char name[];
};

/* A directory whose mtime is set when everything is unpacked. */
struct dir_time {
	struct dir_time *next;
	u32 mtime;
	char name[];
};

struct unpack {
	const char *root;		/* "" for "/"; self-tests unpack elsewhere */
	struct hardlink *links;
	struct dir_time *dirs;
	unsigned int entries, skipped;
	const char *reason;		/* why unpacking stopped, if it did */
	size_t bad_offset;
};

/* Archive names are relative ("./bin/sh", "bin/sh"): put them under u->root. */
static char *entry_path(const struct unpack *u, const char *name)
{
	size_t rlen = strlen(u->root), len = strlen(name);
	char *path = kmalloc(rlen + len + 2, GFP_KERNEL);

	if (!path)
		return NULL;
	memcpy(path, u->root, rlen);
	path[rlen] = '/';
	memcpy(path + rlen + 1, name, len + 1);
	return path;
}

/* mkdir -p of the absolute path's parent. */
static void make_parents(const char *path)
{
	size_t len = strlen(path) + 1;
	char *copy = kmalloc(len, GFP_KERNEL), *slash;

	if (!copy)
		return;
	memcpy(copy, path, len);
	for (slash = strchr(copy + 1, '/'); slash; slash = strchr(slash + 1, '/')) {
		*slash = '\0';
		vfs_mkdir(AT_FDCWD, copy, 0755);
		*slash = '/';
	}
	kfree(copy);
}

/* Apply owner, mode and mtime to path, as cpio(1) -i does. */
static void set_attributes(const char *path, const struct cpio_entry *e)
{
	struct timespec64 times[2] = { { .tv_sec = e->mtime }, { .tv_sec = e->mtime } };
	bool link = (e->mode & S_IFMT) == S_IFLNK;
	struct path p;

	if (vfs_lookup(AT_FDCWD, path, link ? 0 : LOOKUP_FOLLOW, &p))
		return;
	vfs_chown(&p, e->uid, e->gid);
	if (!link)
		vfs_chmod(&p, e->mode & S_IALLUGO);
	if (!S_ISDIR(e->mode))
		vfs_utimes(&p, times);
	path_put(&p);
}

static int write_data(const char *path, const struct cpio_entry *e, unsigned int oflags)
{
	struct file *f;
	ssize_t n;
	int err = vfs_open(AT_FDCWD, path, O_WRONLY | O_CREAT | oflags, e->mode & S_IALLUGO, &f);

	if (err)
		return err;
	n = e->size ? kernel_write(f, e->data, e->size, 0) : 0;
	file_put(f);
	return n < 0 ? (int)n : (size_t)n == e->size ? 0 : -EIO;
}

/* Remove whatever is at path when its type differs from mode's (Linux's clean_path). */
static void clean_path(const char *path, u32 mode)
{
	struct path p;
	u32 old;

	if (vfs_lookup(AT_FDCWD, path, 0, &p))
		return;
	old = p.dentry->inode->mode;
	path_put(&p);
	if ((old ^ mode) & S_IFMT) {
		if (S_ISDIR(old))
			vfs_rmdir(AT_FDCWD, path);
		else
			vfs_unlink(AT_FDCWD, path);
	}
}

static struct hardlink *find_link(struct unpack *u, const struct cpio_entry *e)
{
	for (struct hardlink *h = u->links; h; h = h->next)
		if (h->ino == e->ino && h->dev_major == e->dev_major && h->dev_minor == e->dev_minor)
			return h;
	return NULL;
}

/*
 * A non-directory with more than one link: link it to the first name of
 * its (dev, ino) if there was one (returning 1), else remember this name.
 */
static int maybe_link(struct unpack *u, const struct cpio_entry *e, const char *path)
{
	struct hardlink *h;
	size_t len;

	if (e->nlink < 2)
		return 0;
	h = find_link(u, e);
	if (h) {
		clean_path(path, e->mode);
		return vfs_link(AT_FDCWD, h->name, AT_FDCWD, path, 0) ? 0 : 1;
	}
	len = strlen(path) + 1;
	h = kmalloc(sizeof(*h) + len, GFP_KERNEL);
	if (h) {
		h->ino = e->ino;
		h->dev_major = e->dev_major;
		h->dev_minor = e->dev_minor;
		memcpy(h->name, path, len);
		h->next = u->links;
		u->links = h;
	}
	return 0;
}

static void remember_dir(struct unpack *u, const char *path, u32 mtime)
{
	size_t len = strlen(path) + 1;
	struct dir_time *d = kmalloc(sizeof(*d) + len, GFP_KERNEL);

	if (!d)
		return;
	d->mtime = mtime;
	memcpy(d->name, path, len);
	d->next = u->dirs;
	u->dirs = d;
}

static int make_symlink(const struct cpio_entry *e, const char *path)
{
	char *target;
	int err;

	if (e->size == 0 || e->size >= PATH_MAX || memchr(e->data, '\0', e->size))
		return -EINVAL;
	target = kmalloc(e->size + 1, GFP_KERNEL);
	if (!target)
		return -ENOMEM;
	memcpy(target, e->data, e->size);	/* the archive's bytes are not a C string */
	target[e->size] = '\0';
	err = vfs_symlink(target, AT_FDCWD, path);
	kfree(target);
	return err;
}

/* Create the entry's object at path; 0 or -errno. */
static int create_entry(struct unpack *u, const struct cpio_entry *e, const char *path)
{
	u32 type = e->mode & S_IFMT;
	int linked;

	switch (type) {
	case S_IFDIR:
		linked = vfs_mkdir(AT_FDCWD, path, e->mode & S_IALLUGO);
		if (linked && linked != -EEXIST)
			return linked;
		remember_dir(u, path, e->mtime);
		return 0;
	case S_IFLNK:
		clean_path(path, e->mode);
		return make_symlink(e, path);
	case S_IFREG:
		linked = maybe_link(u, e, path);
		if (!linked)
			clean_path(path, e->mode);
		return write_data(path, e, linked ? 0 : O_TRUNC);
	case S_IFCHR: case S_IFBLK: case S_IFIFO: case S_IFSOCK:
		if (e->rdev_major >= (1u << 12) || e->rdev_minor >= (1u << MINORBITS))
			return -EINVAL;
		if (maybe_link(u, e, path))
			return 0;
		clean_path(path, e->mode);
		return vfs_mknod(AT_FDCWD, path, e->mode, MKDEV(e->rdev_major, e->rdev_minor));
	default:
		return -EINVAL;
	}
}

static void unpack_entry(struct unpack *u, const struct cpio_entry *e)
{
	char *path = entry_path(u, e->name);
	int err;

	if (!path) {
		u->skipped++;
		return;
	}
	err = create_entry(u, e, path);
	if (err == -ENOENT) {		/* a parent the archive did not list */
		make_parents(path);
		err = create_entry(u, e, path);
	}
	if (err && err != -EEXIST) {
		pr_warn("initramfs: skipping %s (error %d)\n", path, err);
		u->skipped++;
	} else {
		set_attributes(path, e);
		u->entries++;
	}
	kfree(path);
}

static void finish(struct unpack *u)
{
	while (u->dirs) {
		struct dir_time *d = u->dirs;
		struct timespec64 t[2] = { { .tv_sec = d->mtime }, { .tv_sec = d->mtime } };
		struct path p;

		if (!vfs_lookup(AT_FDCWD, d->name, 0, &p)) {
			vfs_utimes(&p, t);
			path_put(&p);
		}
		u->dirs = d->next;
		kfree(d);
	}
	while (u->links) {
		struct hardlink *h = u->links;

		u->links = h->next;
		kfree(h);
	}
}

static bool malformed(struct unpack *u, const char *reason, size_t offset)
{
	u->reason = reason;
	u->bad_offset = offset;
	return false;
}

/*
 * Unpack the cpio entries of buf from *pos on.  Returns true at the end
 * of the buffer, or false with *pos at something that is not cpio (or
 * with u->reason set when the archive is broken).
 */
static bool unpack_cpio(struct unpack *u, const u8 *buf, size_t len, size_t *pos)
{
	struct cpio_iter it;
	struct cpio_entry e;
	int r;

	cpio_iter_init_at(&it, buf, len, *pos);
	while ((r = cpio_next(&it, &e)) == CPIO_ENTRY)
		unpack_entry(u, &e);
	if (r == CPIO_END)
		return true;
	*pos = it.error_offset;
	if (r != -ENOEXEC)
		return malformed(u, it.reason, it.error_offset);
	return false;
}

static u32 get_le32(const u8 *p)
{
	return p[0] | (u32)p[1] << 8 | (u32)p[2] << 16 | (u32)p[3] << 24;
}

/*
 * Inflate the gzip member at buf[0..len) into a vmalloc buffer.  The
 * size is first guessed from the last ISIZE of the buffer (exact when the
 * member is the initrd's last part), then doubled while the output does
 * not fit, up to half of free memory.
 */
static int gunzip(struct inflate_state *s, const u8 *buf, size_t len, u8 **out)
{
	size_t limit = mm_free_pages() / 2 * PAGE_SIZE;
	size_t size = get_le32(buf + len - 4);
	int r = -ENOSPC;

	if (size == 0 || size > limit)
		size = MIN(4 * len, limit);
	while (r == -ENOSPC && size && size <= limit) {
		*out = vmalloc(size);
		if (!*out)
			return -ENOMEM;
		r = gzip_inflate(s, buf, len, *out, size, NULL);
		if (r == 0)
			return 0;
		vfree(*out);
		*out = NULL;
		size = size > limit / 2 ? limit + 1 : size * 2;
	}
	return r;
}

/* The gzip member at buf[*pos..len): unpack its cpio; *pos moves past it. */
static bool unpack_gzip(struct unpack *u, const u8 *buf, size_t len, size_t *pos)
{
	struct inflate_state *s = kmalloc(sizeof(*s), GFP_KERNEL);
	size_t at = *pos, inner = 0;
	u8 *out = NULL;
	bool ok;
	int r;

	if (!s)
		return malformed(u, "no memory to unpack gzip", at);
	if (len - at < 18) {
		kfree(s);
		return malformed(u, "gzip member is truncated", at);
	}
	r = gunzip(s, buf + at, len - at, &out);
	if (r) {
		ok = malformed(u, s->reason ? s->reason : "gzip member does not unpack",
			       at + s->error_offset);
	} else {
		*pos = at + s->in_pos;
		ok = unpack_cpio(u, out, s->out_pos, &inner);
		if (!ok && !u->reason)	/* Linux: "junk within compressed archive" */
			ok = malformed(u, "junk within compressed archive", inner);
	}
	vfree(out);
	kfree(s);
	return ok;
}

/* Is the loader's range one the memory map calls RAM or reserved? */
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

/* Unpack a whole initramfs image; u->reason says why it stopped early. */
static void unpack_image(struct unpack *u, const u8 *buf, size_t size)
{
	size_t pos = 0;

	while (pos < size && !u->reason) {
		if (unpack_cpio(u, buf, size, &pos) || u->reason)
			break;
		if (buf[pos] != GZIP_MAGIC0 || !unpack_gzip(u, buf, size, &pos)) {
			if (!u->reason)
				malformed(u, "neither cpio nor gzip", pos);
			break;
		}
	}
	finish(u);
}

int initramfs_unpack_buffer(const char *root, const void *buf, size_t len, const char **reason)
{
	struct unpack u = { .root = root };

	unpack_image(&u, buf, len);
	*reason = u.reason;
	return (int)u.entries;
}

void initramfs_unpack(void)
{
	u64 base = boot_info.initrd_base, size = boot_info.initrd_size;
	struct unpack u = { .root = "" };

	if (!base || !size || !initrd_range_ok(base, size))
		return;
	unpack_image(&u, phys_to_virt(base), size);
	if (u.reason)
		pr_err("Initramfs unpacking failed: %s (offset %zu)\n", u.reason, u.bad_offset);
	pr_info("initramfs: unpacked %u entries%s\n", u.entries,
		u.skipped ? ", skipped some" : "");
}
