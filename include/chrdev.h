/*
 * Character devices: a driver registers (major, minor, name, fops) once;
 * the node appears in devtmpfs (/dev/name) and opening any node with that
 * number, wherever it was made with mknod(2), gets the driver's fops.
 */
#ifndef CHRDEV_H
#define CHRDEV_H

#include <types.h>

struct file_operations;

/*
 * Register a device; mode holds the permission bits of its /dev node.
 * 0, -EEXIST (number taken) or -ENOMEM.  Call from process context.
 */
int register_chrdev(u32 major, u32 minor, const char *name, u32 mode,
		    const struct file_operations *fops);
/*
 * Serve every minor of major with fops (the driver tells the minors apart
 * in its open); no /dev node is made.  0, -EEXIST or -ENOMEM.
 */
int register_chrdev_major(u32 major, const char *name, const struct file_operations *fops);
/* The number of the device registered as name ("ttyS0"), or 0. */
u32 chrdev_find_by_name(const char *name);

/* /dev/rtc0, the hardware clock (drivers/char/rtc.c). */
void rtc_dev_init(void);

#endif
