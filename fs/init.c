/*
 * Bringing the file world up at boot, in dependency order: the dentry
 * cache, filesystem types, the root tmpfs and its mount, pipefs, the
 * device table and devtmpfs, procfs and sysfs (mounted by user space).  Then vfs_populate_root() fills "/" from the
 * initramfs and mounts devtmpfs on /dev, and vfs_setup_init_task() gives
 * the first user task its root, working directory and fds 0, 1, 2.
 */
#include <devpts.h>
#include <file.h>
#include <panic.h>
#include <printk.h>
#include <sched.h>
#include <sysfs.h>
#include <uapi/fcntl.h>
#include "internal.h"

void vfs_init(void)
{
	dcache_init();
	tmpfs_init();
	mount_init_root();
	pipefs_init();
	anon_inodes_init();
	memdev_init();
	console_dev_init();
	devtmpfs_init();
	devpts_init();
	proc_init();
	sysfs_init();
}

void vfs_populate_root(void)
{
	initramfs_unpack();
	devtmpfs_mount_dev();
}

void vfs_setup_init_task(void)
{
	struct task *t = current_task();
	struct file *f;
	int err;

	if (!t->fs)
		t->fs = fs_context_alloc();
	if (!t->files)
		t->files = files_alloc();
	if (!t->fs || !t->files)
		panic("VFS: no memory for the init task's files");
	err = vfs_open(AT_FDCWD, "/dev/console", O_RDWR, 0, &f);
	if (err) {
		pr_warn("Warning: unable to open an initial console.\n");
		return;
	}
	/* fds 0, 1 and 2 all share this one open file, as Linux's init gets them */
	for (int fd = 0; fd < 3; fd++) {
		file_get(f);
		if (fd_install(f, fd, false) != fd)
			file_put(f);
	}
	file_put(f);
}
