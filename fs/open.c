/*
 * Opening and closing files: open(2), openat(2), creat(2), close(2),
 * close_range(2), and the kernel's own entry points (vfs_open for boot
 * code, vfs_open_exec for execve).
 *
 * The lookup (and creation, for O_CREAT) happens in namei.c; this file
 * checks what the caller may do with the file it found (may_open), makes
 * the struct file, truncates for O_TRUNC, and installs a descriptor.  The
 * descriptor is reserved before anything else, so a full table gives
 * -EMFILE without creating a file, as on Linux.
 */
#include <cred.h>
#include <syscall.h>
#include <uapi/fcntl.h>
#include "getname.h"
#include "internal.h"

/* The permission an open with oflags needs, as MAY_* bits. */
static int open_access_mask(unsigned int oflags)
{
	int mask;

	switch (oflags & O_ACCMODE) {
	case O_RDONLY:
		mask = MAY_READ;
		break;
	case O_WRONLY:
		mask = MAY_WRITE;
		break;
	default:		/* O_RDWR, and 3: ioctl-only opens need both */
		mask = MAY_READ | MAY_WRITE;
		break;
	}
	if (oflags & O_TRUNC)
		mask |= MAY_WRITE;
	return mask;
}

/* Linux's may_open(): may the caller open what p names this way? */
static int may_open(const struct path *p, unsigned int oflags, bool created)
{
	struct inode *inode = p->dentry->inode;
	int mask = open_access_mask(oflags), err;

	switch (inode->mode & S_IFMT) {
	case S_IFLNK:
		return -ELOOP;
	case S_IFDIR:
		if (mask & MAY_WRITE)
			return -EISDIR;
		break;
	case S_IFBLK:
	case S_IFCHR:
		if (READ_ONCE(p->mnt->flags) & MNT_NODEV)
			return -EACCES;
		break;
	}
	if (created)
		return 0;	/* a file we just made opens whatever its mode says */
	err = vfs_permission(current_cred(), inode, mask);
	if (err)
		return err;
	if ((mask & MAY_WRITE) && (S_ISREG(inode->mode) || S_ISDIR(inode->mode)) &&
	    mnt_is_readonly(p->mnt))
		return -EROFS;
	return 0;
}

int do_file_open(const struct path *p, unsigned int oflags, bool created, struct file **out)
{
	struct inode *inode = p->dentry->inode;
	struct file *f;
	int err;

	if (!(oflags & O_PATH)) {
		err = may_open(p, oflags, created);
		if (err)
			return err;
	}
	f = vfs_file_open(p, oflags);
	if (IS_ERR(f))
		return (int)PTR_ERR(f);
	if ((oflags & O_TRUNC) && !(oflags & O_PATH) && !created && S_ISREG(inode->mode)) {
		err = do_truncate(inode, 0, true);
		if (err) {
			file_put(f);
			return err;
		}
	}
	*out = f;
	return 0;
}

/* Flags as Linux's build_open_flags() leaves them. */
static unsigned int clean_open_flags(unsigned int oflags)
{
	if (oflags & O_PATH)
		return oflags & (O_DIRECTORY | O_NOFOLLOW | O_PATH | O_CLOEXEC);
	if (oflags & __O_SYNC)
		oflags |= O_DSYNC;
	return oflags | O_LARGEFILE;	/* always on 64-bit */
}

int vfs_open_lookup(int dirfd, const char *name, unsigned int oflags, u32 mode,
		    unsigned int lookup_flags, struct file **out)
{
	oflags = clean_open_flags(oflags);
	if (oflags & __O_TMPFILE)
		return -EOPNOTSUPP;	/* FIXME: O_TMPFILE */
	return do_filp_open(dirfd, name, oflags, mode & S_IALLUGO, lookup_flags, out);
}

int vfs_open(int dirfd, const char *name, unsigned int oflags, u32 mode, struct file **out)
{
	return vfs_open_lookup(dirfd, name, oflags, mode, 0, out);
}

int vfs_open_exec(const char *name, struct file **out)
{
	struct path p;
	struct file *f;
	int err = vfs_lookup(AT_FDCWD, name, LOOKUP_FOLLOW, &p);

	if (err)
		return err;
	if (!S_ISREG(p.dentry->inode->mode) || (READ_ONCE(p.mnt->flags) & MNT_NOEXEC))
		err = -EACCES;
	else
		err = vfs_permission(current_cred(), p.dentry->inode, MAY_EXEC);
	if (!err) {
		f = vfs_file_open(&p, O_RDONLY | O_LARGEFILE);
		if (IS_ERR(f)) {
			err = (int)PTR_ERR(f);
		} else if ((err = deny_write_access(f->inode)) != 0) {
			file_put(f);	/* open for writing somewhere: -ETXTBSY */
		} else {
			/* Held while the file lives: exec, then every mm's exe_file. */
			f->mode |= FMODE_EXEC;
			*out = f;
		}
	}
	path_put(&p);
	return err;
}

long open_user_name(int dirfd, const char __user *uname, unsigned int flags, u32 mode,
		    unsigned int lookup_flags)
{
	char *name = getname(uname);
	struct file *f;
	int fd, err;

	if (IS_ERR(name))
		return PTR_ERR(name);
	fd = fd_reserve(0, flags & O_CLOEXEC);
	if (fd < 0) {
		putname(name);
		return fd;
	}
	err = vfs_open_lookup(dirfd, name, flags, mode, lookup_flags, &f);
	putname(name);
	if (err) {
		fd_unreserve(fd);
		return err;
	}
	fd_commit(fd, f);
	return fd;
}

SYSCALL_DEFINE3(open, const char *, filename, int, flags, unsigned int, mode)
{
	return open_user_name(AT_FDCWD, filename, flags, mode, 0);
}

SYSCALL_DEFINE4(openat, int, dirfd, const char *, filename, int, flags, unsigned int, mode)
{
	return open_user_name(dirfd, filename, flags, mode, 0);
}

SYSCALL_DEFINE2(creat, const char *, filename, unsigned int, mode)
{
	return open_user_name(AT_FDCWD, filename, O_CREAT | O_WRONLY | O_TRUNC, mode, 0);
}

SYSCALL_DEFINE1(close, unsigned int, fd)
{
	return fd_close(fd);
}

SYSCALL_DEFINE3(close_range, unsigned int, first, unsigned int, last, unsigned int, flags)
{
	int err;

	if (flags & ~(CLOSE_RANGE_UNSHARE | CLOSE_RANGE_CLOEXEC))
		return -EINVAL;
	if (first > last)
		return -EINVAL;
	if (flags & CLOSE_RANGE_UNSHARE) {
		err = files_unshare();
		if (err)
			return err;
	}
	return fd_close_range(first, last, flags & CLOSE_RANGE_CLOEXEC);
}
