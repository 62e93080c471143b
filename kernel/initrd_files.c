/*
 * Find a file in the (plain cpio) initramfs by path.  A linear walk of
 * the archive per lookup: fine for starting a handful of programs, and
 * gone once the VFS holds the initramfs.
 */
#include <boot_info.h>
#include <cpio.h>
#include <errno.h>
#include <initrd_files.h>
#include <kmalloc.h>
#include <string.h>
#include <arch/memory.h>

#define S_IFMT		0170000
#define S_IFLNK		0120000
#define PATH_MAX	4096
#define MAX_LINKS	8

/* Archive names have no leading "/" (usually "./" or nothing). */
static const char *strip_prefix(const char *name)
{
	while (name[0] == '.' && name[1] == '/')
		name += 2;
	while (name[0] == '/')
		name++;
	return name;
}

static int find_entry(const char *path, struct cpio_entry *out)
{
	struct cpio_iter it;
	struct cpio_entry e;

	if (!boot_info.initrd_size)
		return -ENOENT;
	cpio_iter_init(&it, phys_to_virt(boot_info.initrd_base), boot_info.initrd_size);
	while (cpio_next(&it, &e) == CPIO_ENTRY) {
		if (strcmp(strip_prefix(e.name), path) == 0) {
			*out = e;
			return 0;
		}
	}
	return -ENOENT;
}

/* Replace the last component of path (in buf) by the link target. */
static int follow_link(char *buf, const struct cpio_entry *e)
{
	size_t dir_len = 0;

	if (e->size == 0 || e->size >= PATH_MAX)
		return -ENAMETOOLONG;
	if (((const char *)e->data)[0] != '/') {
		const char *slash = NULL;

		for (const char *p = buf; *p; p++)
			if (*p == '/')
				slash = p;
		dir_len = slash ? (size_t)(slash - buf) + 1 : 0;
	}
	if (dir_len + e->size + 1 > PATH_MAX)
		return -ENAMETOOLONG;
	memcpy(buf + dir_len, e->data, e->size);	/* the target lives in the archive */
	buf[dir_len + e->size] = '\0';
	return 0;
}

int initrd_lookup(const char *path, const void **data, size_t *size, u32 *mode)
{
	struct cpio_entry e;
	char *buf;
	int err = -ELOOP;

	if (strlen(path) >= PATH_MAX)
		return -ENAMETOOLONG;
	buf = kmalloc(PATH_MAX, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	strlcpy(buf, path, PATH_MAX);
	for (int links = 0; links <= MAX_LINKS; links++) {
		err = find_entry(strip_prefix(buf), &e);
		if (err)
			break;
		if ((e.mode & S_IFMT) != S_IFLNK) {
			*data = e.data;
			*size = e.size;
			*mode = e.mode;
			break;
		}
		err = follow_link(buf, &e);
		if (err)
			break;
		err = -ELOOP;
	}
	kfree(buf);
	return err;
}
