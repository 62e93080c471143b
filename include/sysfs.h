/*
 * sysfs: the kernel's objects as a tree of small text files under /sys
 * (mount -t sysfs sysfs /sys).  The tree is built in memory by the code
 * that owns each object; reading a file calls its show() function,
 * writing calls store().
 *
 * How a driver adds its entries (the way later device code will):
 *
 *	struct sysfs_node *dir = sysfs_mkdir_path("devices/pci0000:00/0000:00:03.0");
 *	sysfs_create_file(dir, "vendor", 0444, show_vendor, NULL, my_device);
 *
 * where show_vendor(my_device, buf) writes at most SYSFS_BUF_SIZE bytes
 * of text ("0x1af4\n") and returns their count.  Directories and files
 * are never removed yet (FIXME: hot-unplug will need sysfs_remove()).
 */
#ifndef SYSFS_H
#define SYSFS_H

#include <types.h>

#define SYSFS_BUF_SIZE	4096		/* one page of text per file, as Linux */

struct sysfs_node;

typedef ssize_t (*sysfs_show_fn)(void *priv, char *buf);
typedef ssize_t (*sysfs_store_fn)(void *priv, const char *buf, size_t len);

/*
 * The directory at path below /sys ("devices/system/cpu"), made with its
 * missing parents; NULL on -ENOMEM.  May sleep.
 */
struct sysfs_node *sysfs_mkdir_path(const char *path);
/* A file in dir; 0, -EEXIST or -ENOMEM.  store may be NULL (read-only). */
int sysfs_create_file(struct sysfs_node *dir, const char *name, u32 mode, sysfs_show_fn show,
		      sysfs_store_fn store, void *priv);

/* Boot: the filesystem type and the top-level directories (fs/sysfs/). */
void sysfs_init(void);
/* Boot: /sys/devices/system/cpu (kernel/cpu_sysfs.c). */
void cpu_sysfs_init(void);

#endif
