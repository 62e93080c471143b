/*
 * Changing and checking file attributes: chmod, chown, truncate,
 * utimensat and access, each with its fd and *at forms.
 *
 * Every change goes through notify_change(): the caller has checked the
 * permission rules (owner, root, write access, read-only mounts); the
 * inode's lock is held while the filesystem applies the change and the
 * change time is stamped.  Linux's rules, in order: EROFS, then EPERM
 * for "not the owner", then EACCES for missing write permission.
 */
#include <cred.h>
#include <syscall.h>
#include <uapi/time_types.h>
#include "getname.h"
#include "internal.h"

#define NSEC_PER_SEC_L	1000000000l

static int notify_change(struct inode *inode, struct iattr *attr)
{
	int err = 0;

	mutex_lock(&inode->lock);
	if (!(attr->valid & ATTR_CTIME)) {
		attr->ctime = vfs_now();
		attr->valid |= ATTR_CTIME;
	}
	if (inode->iops && inode->iops->setattr)
		err = inode->iops->setattr(inode, attr);
	else if (attr->valid & ATTR_SIZE)
		err = -EPERM;
	else
		vfs_setattr_copy(inode, attr);
	mutex_unlock(&inode->lock);
	return err;
}

int vfs_chmod(const struct path *p, u32 mode)
{
	struct inode *inode = p->dentry->inode;
	const struct cred *cred = current_cred();
	struct iattr a = { .valid = ATTR_MODE };

	if (mnt_is_readonly(p->mnt))
		return -EROFS;
	if (!vfs_owner_or_root(cred, inode))
		return -EPERM;
	a.mode = mode & S_IALLUGO;
	/* Linux: setgid survives only for members of the file's group (or CAP_FSETID). */
	if (!cred_is_root(cred) && !cred_in_group(cred, inode->gid))
		a.mode &= ~S_ISGID;
	return notify_change(inode, &a);
}

int vfs_chown(const struct path *p, u32 uid, u32 gid)
{
	struct inode *inode = p->dentry->inode;
	const struct cred *cred = current_cred();
	struct iattr a = { 0 };
	u32 mode = READ_ONCE(inode->mode);

	if (mnt_is_readonly(p->mnt))
		return -EROFS;
	if (uid != (u32)-1) {
		if (!cred_is_root(cred) && uid != inode->uid)
			return -EPERM;
		a.valid |= ATTR_UID;
		a.uid = uid;
	}
	if (gid != (u32)-1) {
		if (!cred_is_root(cred) && (inode->uid != cred->fsuid || !cred_in_group(cred, gid)))
			return -EPERM;
		a.valid |= ATTR_GID;
		a.gid = gid;
	}
	/* Linux drops setuid, and setgid with group exec, on every chown of a non-directory. */
	if (!S_ISDIR(mode) && (mode & (S_ISUID | S_ISGID))) {
		a.valid |= ATTR_MODE;
		a.mode = mode & ~S_ISUID;
		if (mode & S_IXGRP)
			a.mode &= ~S_ISGID;
	}
	return notify_change(inode, &a);
}

/* Truncate with the checks done; open(O_TRUNC) always stamps the times. */
int do_truncate(struct inode *inode, s64 length, bool stamp)
{
	struct iattr a = { .valid = ATTR_SIZE, .size = (u64)length };

	if (stamp || (u64)length != READ_ONCE(inode->size)) {
		a.valid |= ATTR_MTIME | ATTR_CTIME;
		a.mtime = a.ctime = vfs_now();
	}
	return notify_change(inode, &a);
}

int vfs_truncate(const struct path *p, s64 length)
{
	struct inode *inode = p->dentry->inode;
	int err;

	if (length < 0)
		return -EINVAL;
	if (S_ISDIR(inode->mode))
		return -EISDIR;
	if (!S_ISREG(inode->mode))
		return -EINVAL;
	if (mnt_is_readonly(p->mnt))
		return -EROFS;
	err = vfs_permission(current_cred(), inode, MAY_WRITE);
	if (err)
		return err;
	err = get_write_access(inode);	/* not a running program's file */
	if (err)
		return err;
	err = do_truncate(inode, length, false);
	put_write_access(inode);
	return err;
}

int vfs_utimes(const struct path *p, const struct timespec64 *times)
{
	struct inode *inode = p->dentry->inode;
	const struct cred *cred = current_cred();
	struct iattr a = { .valid = ATTR_ATIME | ATTR_MTIME };
	struct timespec64 now = vfs_now();
	bool explicit = false;

	if (mnt_is_readonly(p->mnt))
		return -EROFS;
	a.atime = a.mtime = now;
	for (int i = 0; times && i < 2; i++) {
		struct timespec64 *dst = i ? &a.mtime : &a.atime;

		if (times[i].tv_nsec == UTIME_OMIT)
			a.valid &= ~(i ? ATTR_MTIME : ATTR_ATIME);
		else if (times[i].tv_nsec != UTIME_NOW) {
			*dst = times[i];
			explicit = true;
		}
	}
	/* Explicit times need ownership; "now" is enough with write access. */
	if (!vfs_owner_or_root(cred, inode)) {
		if (explicit)
			return -EPERM;
		if (vfs_permission(cred, inode, MAY_WRITE))
			return -EACCES;
	}
	a.ctime = now;
	a.valid |= ATTR_CTIME;
	return notify_change(inode, &a);
}

/* --- system calls ---------------------------------------------------------- */

static long path_op(int dirfd, const char __user *uname, unsigned int lookup,
		    long (*op)(const struct path *p, unsigned long a, unsigned long b),
		    unsigned long a, unsigned long b)
{
	struct path p;
	long err = user_path_at(dirfd, uname, lookup, &p);

	if (err)
		return err;
	err = op(&p, a, b);
	path_put(&p);
	return err;
}

static long fd_op(int fd, long (*op)(const struct path *p, unsigned long a, unsigned long b),
		  unsigned long a, unsigned long b)
{
	struct file *f = fget(fd);
	long err;

	if (!f)
		return -EBADF;
	err = op(&f->path, a, b);
	file_put(f);
	return err;
}

static long chmod_op(const struct path *p, unsigned long mode, unsigned long unused)
{
	return vfs_chmod(p, (u32)mode);
}

static long chown_op(const struct path *p, unsigned long uid, unsigned long gid)
{
	return vfs_chown(p, (u32)uid, (u32)gid);
}

SYSCALL_DEFINE3(fchmodat, int, dirfd, const char *, filename, unsigned int, mode)
{
	return path_op(dirfd, filename, LOOKUP_FOLLOW, chmod_op, mode, 0);
}

SYSCALL_DEFINE2(chmod, const char *, filename, unsigned int, mode)
{
	return path_op(AT_FDCWD, filename, LOOKUP_FOLLOW, chmod_op, mode, 0);
}

SYSCALL_DEFINE2(fchmod, int, fd, unsigned int, mode)
{
	return fd_op(fd, chmod_op, mode, 0);
}

SYSCALL_DEFINE5(fchownat, int, dirfd, const char *, filename, unsigned int, uid,
		unsigned int, gid, int, flag)
{
	unsigned int lookup;
	long err = at_flags_to_lookup(flag, AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH, &lookup);

	return err ? err : path_op(dirfd, filename, lookup, chown_op, uid, gid);
}

SYSCALL_DEFINE3(chown, const char *, filename, unsigned int, uid, unsigned int, gid)
{
	return path_op(AT_FDCWD, filename, LOOKUP_FOLLOW, chown_op, uid, gid);
}

SYSCALL_DEFINE3(lchown, const char *, filename, unsigned int, uid, unsigned int, gid)
{
	return path_op(AT_FDCWD, filename, 0, chown_op, uid, gid);
}

SYSCALL_DEFINE3(fchown, int, fd, unsigned int, uid, unsigned int, gid)
{
	return fd_op(fd, chown_op, uid, gid);
}

static long truncate_op(const struct path *p, unsigned long length, unsigned long unused)
{
	return vfs_truncate(p, (s64)length);
}

SYSCALL_DEFINE2(truncate, const char *, path, s64, length)
{
	if (length < 0)
		return -EINVAL;
	return path_op(AT_FDCWD, path, LOOKUP_FOLLOW, truncate_op, (unsigned long)length, 0);
}

SYSCALL_DEFINE2(ftruncate, int, fd, s64, length)
{
	struct file *f;
	long err;

	if (length < 0)
		return -EINVAL;
	f = fget(fd);
	if (!f)
		return -EBADF;
	if (!S_ISREG(f->inode->mode) || !(f->mode & FMODE_WRITE))
		err = -EINVAL;
	else
		err = do_truncate(f->inode, length, false);
	file_put(f);
	return err;
}

/* Copy and check utimensat's times: 1 when both are UTIME_OMIT (nothing to do). */
static int get_times(const struct __kernel_timespec __user *utimes, struct timespec64 *t)
{
	struct __kernel_timespec k[2];

	if (copy_from_user(k, utimes, sizeof(k)))
		return -EFAULT;
	for (int i = 0; i < 2; i++) {
		if (k[i].tv_nsec != UTIME_NOW && k[i].tv_nsec != UTIME_OMIT &&
		    (k[i].tv_nsec < 0 || k[i].tv_nsec >= NSEC_PER_SEC_L))
			return -EINVAL;
		t[i] = (struct timespec64){ .tv_sec = k[i].tv_sec, .tv_nsec = (long)k[i].tv_nsec };
	}
	return t[0].tv_nsec == UTIME_OMIT && t[1].tv_nsec == UTIME_OMIT;
}

static long utimes_op(const struct path *p, unsigned long times, unsigned long unused)
{
	return vfs_utimes(p, (const struct timespec64 *)times);
}

SYSCALL_DEFINE4(utimensat, int, dirfd, const char *, filename,
		const struct __kernel_timespec *, utimes, int, flags)
{
	struct timespec64 t[2], *tp = NULL;
	unsigned int lookup;
	long err;

	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	if (utimes) {
		err = get_times(utimes, t);
		if (err)
			return err < 0 ? err : 0;
		tp = t;
	}
	if (!filename) {	/* futimens(): the descriptor itself */
		if (flags & AT_SYMLINK_NOFOLLOW)
			return -EINVAL;
		return fd_op(dirfd, utimes_op, (unsigned long)tp, 0);
	}
	at_flags_to_lookup(flags, AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH, &lookup);
	return path_op(dirfd, filename, lookup, utimes_op, (unsigned long)tp, 0);
}

static long access_op(const struct path *p, unsigned long mode, unsigned long unused)
{
	struct inode *inode = p->dentry->inode;
	int mask = (mode & R_OK ? MAY_READ : 0) | (mode & W_OK ? MAY_WRITE : 0) |
		   (mode & X_OK ? MAY_EXEC : 0);

	if ((mask & MAY_WRITE) && mnt_is_readonly(p->mnt) &&
	    (S_ISREG(inode->mode) || S_ISDIR(inode->mode) || S_ISLNK(inode->mode)))
		return -EROFS;
	return mask ? vfs_permission(current_cred(), inode, mask) : 0;
}

SYSCALL_DEFINE4(faccessat2, int, dirfd, const char *, filename, int, mode, int, flags)
{
	unsigned int lookup;
	long err;

	if (mode & ~(R_OK | W_OK | X_OK))
		return -EINVAL;
	err = at_flags_to_lookup(flags, AT_EACCESS | AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH, &lookup);
	return err ? err : path_op(dirfd, filename, lookup, access_op, (unsigned long)mode, 0);
}

SYSCALL_DEFINE3(faccessat, int, dirfd, const char *, filename, int, mode)
{
	return sys_faccessat2((unsigned long)dirfd, (unsigned long)filename,
			      (unsigned long)mode, 0, 0, 0);
}

SYSCALL_DEFINE2(access, const char *, filename, int, mode)
{
	return sys_faccessat2((unsigned long)AT_FDCWD, (unsigned long)filename,
			      (unsigned long)mode, 0, 0, 0);
}
