# fs/: the VFS core, file descriptors, pipes, devices, the initramfs, and
# fs/tmpfs/.  Uses include/ and lib/ (cpio, inflate); filesystems in
# fs/<name>/ see only the VFS (fs/internal.h, include/vfs.h).
KOBJS += fs/init.o fs/inode.o fs/pagecache.o fs/iov_iter.o fs/dcache.o fs/d_path.o \
	fs/super.o fs/mount.o fs/namei.o fs/permission.o fs/getname.o fs/file_table.o \
	fs/fd.o fs/fs_context.o fs/open.o fs/read_write.o fs/filemap.o fs/stat.o \
	fs/readdir.o fs/link.o fs/rename.o fs/attr.o fs/fcntl.o fs/ioctl.o fs/sync.o \
	fs/pipe.o fs/chrdev.o fs/memdev.o fs/console_dev.o fs/devtmpfs.o fs/initramfs.o \
	fs/vfs_ktest.o
KOBJS += fs/anon_inodes.o fs/eventpoll.o fs/eventfd.o fs/timerfd.o fs/signalfd.o
KOBJS += fs/tmpfs/super.o fs/tmpfs/dir.o fs/tmpfs/namei.o fs/tmpfs/file.o
KOBJS += fs/sendfile.o fs/locks.o fs/fallocate.o fs/copy_file_range.o
KOBJS += fs/devpts.o fs/openat2.o fs/gen_text.o
KOBJS += fs/xattr.o fs/tmpfs/xattr.o fs/xattr_ktest.o
KOBJS += fs/proc/root.o fs/proc/inode.o fs/proc/base.o fs/proc/fd.o fs/proc/array.o \
	fs/proc/task_mmu.o fs/proc/info.o fs/proc/sys.o fs/proc/task_smaps.o fs/proc/net.o
KOBJS += fs/sysfs/tree.o fs/sysfs/inode.o fs/sysfs/xattr.o
