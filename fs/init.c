/*
 * Bringing the file world up at boot, in dependency order: the dentry
 * cache, filesystem types, the root tmpfs and its mount, pipefs, the
 * device table and devtmpfs, procfs and sysfs (mounted by user space).  Then vfs_populate_root() fills "/" as
 * Linux does (its default entries, then the initramfs; devtmpfs is left
 * for user space to mount), and vfs_setup_init_task() gives
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

/*
 * What Linux's built-in initramfs (usr/default_cpio_list) puts in "/"
 * before the boot loader's archive is unpacked over it: /dev with the
 * console node the first process opens, and root's home.  Linux does
 * not mount devtmpfs on an initramfs (CONFIG_DEVTMPFS_MOUNT acts only
 * once a real root is mounted), so /init mounts it when it wants it.
 */
static void make_default_root(void)
{
	int err = vfs_mkdir(AT_FDCWD, "/dev", 0755);

	if (!err || err == -EEXIST)
		err = vfs_mknod(AT_FDCWD, "/dev/console", S_IFCHR | 0600, MKDEV(5, 1));
	if (!err || err == -EEXIST)
		err = vfs_mkdir(AT_FDCWD, "/root", 0700);
	if (err && err != -EEXIST)
		pr_warn("rootfs: cannot make the default entries (error %d)\n", err);
}

void vfs_populate_root(void)
{
	make_default_root();
	initramfs_unpack();
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
