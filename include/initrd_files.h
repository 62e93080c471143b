/*
 * Read-only lookup of files in the boot initramfs, used to start programs
 * until the VFS (tmpfs filled from the initramfs) replaces it.  Paths are
 * absolute; symbolic links are followed (up to 8); "." and ".." are not
 * interpreted.
 */
#ifndef INITRD_FILES_H
#define INITRD_FILES_H

#include <types.h>

/* 0 with data/size/mode set, -ENOENT, -ELOOP, or -ENAMETOOLONG. */
int initrd_lookup(const char *path, const void **data, size_t *size, u32 *mode);

#endif
