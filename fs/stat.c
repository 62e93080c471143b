/*
 * File status: stat(2), fstat(2), lstat(2), newfstatat(2), statx(2),
 * statfs(2), fstatfs(2), and readlink(2)/readlinkat(2).
 *
 * vfs_getattr() fills one kernel struct kstat; each call then lays it
 * out the way its ABI wants (include/uapi/stat.h) and copies it out once.
 */
#include <kmalloc.h>
#include <string.h>
#include <syscall.h>
#include <uapi/statfs.h>
#include "getname.h"
#include "internal.h"

int vfs_getattr(const struct path *p, struct kstat *st)
{
	struct inode *inode = p->dentry->inode;

	memset(st, 0, sizeof(*st));
	st->ino = inode->ino;
	st->dev = inode->sb->dev;
	st->rdev = inode->rdev;
	st->mode = READ_ONCE(inode->mode);
	st->nlink = READ_ONCE(inode->nlink);
	st->uid = READ_ONCE(inode->uid);
	st->gid = READ_ONCE(inode->gid);
	st->size = READ_ONCE(inode->size);
	st->blocks = READ_ONCE(inode->pages.nr_pages) * (PAGE_SIZE / 512);
	st->blksize = PAGE_SIZE;
	st->atime = inode->atime;
	st->mtime = inode->mtime;
	st->ctime = inode->ctime;
	st->btime = inode->btime;
	st->mnt_id = p->mnt->id;
	return 0;
}

/* Linux's new_encode_dev(): the dev_t layout user space decodes. */
static u64 encode_dev(u32 dev)
{
	u64 major = MAJOR(dev), minor = MINOR(dev);

	return (minor & 0xff) | (major << 8) | ((minor & ~0xffull) << 12);
}

static long put_stat(const struct kstat *k, struct stat __user *ubuf)
{
	struct stat st;

	memset(&st, 0, sizeof(st));
	st.st_dev = encode_dev(k->dev);
	st.st_ino = k->ino;
	st.st_nlink = k->nlink;
	st.st_mode = k->mode;
	st.st_uid = k->uid;
	st.st_gid = k->gid;
	st.st_rdev = encode_dev(k->rdev);
	st.st_size = (s64)k->size;
	st.st_blksize = k->blksize;
	st.st_blocks = (s64)k->blocks;
	st.st_atime = k->atime.tv_sec;
	st.st_atime_nsec = k->atime.tv_nsec;
	st.st_mtime = k->mtime.tv_sec;
	st.st_mtime_nsec = k->mtime.tv_nsec;
	st.st_ctime = k->ctime.tv_sec;
	st.st_ctime_nsec = k->ctime.tv_nsec;
	return copy_to_user(ubuf, &st, sizeof(st));
}

static long stat_at(int dirfd, const char __user *uname, unsigned int lookup,
		    struct kstat *k)
{
	struct path p;
	int err = user_path_at(dirfd, uname, lookup, &p);

	if (err)
		return err;
	err = vfs_getattr(&p, k);
	path_put(&p);
	return err;
}

static long stat_fd(int fd, struct kstat *k)
{
	struct file *f = fget_raw(fd);
	int err;

	if (!f)
		return -EBADF;
	err = vfs_getattr(&f->path, k);
	file_put(f);
	return err;
}

SYSCALL_DEFINE2(stat, const char *, filename, struct stat *, ubuf)
{
	struct kstat k;
	long err = stat_at(AT_FDCWD, filename, LOOKUP_FOLLOW, &k);

	return err ? err : put_stat(&k, ubuf);
}

SYSCALL_DEFINE2(lstat, const char *, filename, struct stat *, ubuf)
{
	struct kstat k;
	long err = stat_at(AT_FDCWD, filename, 0, &k);

	return err ? err : put_stat(&k, ubuf);
}

SYSCALL_DEFINE2(fstat, int, fd, struct stat *, ubuf)
{
	struct kstat k;
	long err = stat_fd(fd, &k);

	return err ? err : put_stat(&k, ubuf);
}

SYSCALL_DEFINE4(newfstatat, int, dirfd, const char *, filename, struct stat *, ubuf, int, flag)
{
	unsigned int lookup;
	struct kstat k;
	long err = at_flags_to_lookup(flag, AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH | AT_NO_AUTOMOUNT |
				      AT_STATX_SYNC_TYPE, &lookup);

	if (!err)
		err = stat_at(dirfd, filename, lookup, &k);
	return err ? err : put_stat(&k, ubuf);
}

static struct statx_timestamp statx_time(struct timespec64 t)
{
	return (struct statx_timestamp){ .tv_sec = t.tv_sec, .tv_nsec = (u32)t.tv_nsec };
}

static long put_statx(const struct kstat *k, struct statx __user *ubuf)
{
	struct statx sx;

	memset(&sx, 0, sizeof(sx));
	sx.stx_mask = STATX_BASIC_STATS | STATX_BTIME | STATX_MNT_ID;
	sx.stx_blksize = k->blksize;
	sx.stx_nlink = k->nlink;
	sx.stx_uid = k->uid;
	sx.stx_gid = k->gid;
	sx.stx_mode = (u16)k->mode;
	sx.stx_ino = k->ino;
	sx.stx_size = k->size;
	sx.stx_blocks = k->blocks;
	sx.stx_atime = statx_time(k->atime);
	sx.stx_btime = statx_time(k->btime);
	sx.stx_ctime = statx_time(k->ctime);
	sx.stx_mtime = statx_time(k->mtime);
	sx.stx_rdev_major = MAJOR(k->rdev);
	sx.stx_rdev_minor = MINOR(k->rdev);
	sx.stx_dev_major = MAJOR(k->dev);
	sx.stx_dev_minor = MINOR(k->dev);
	sx.stx_mnt_id = (u64)k->mnt_id;
	return copy_to_user(ubuf, &sx, sizeof(sx));
}

SYSCALL_DEFINE5(statx, int, dirfd, const char *, filename, int, flags, unsigned int, mask,
		struct statx *, ubuf)
{
	unsigned int lookup;
	struct kstat k;
	long err;

	if ((flags & AT_STATX_SYNC_TYPE) == AT_STATX_SYNC_TYPE || (mask & STATX__RESERVED))
		return -EINVAL;
	err = at_flags_to_lookup(flags, AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH |
				 AT_NO_AUTOMOUNT | AT_STATX_SYNC_TYPE, &lookup);
	if (!err)
		err = stat_at(dirfd, filename, lookup, &k);
	return err ? err : put_statx(&k, ubuf);
}

SYSCALL_DEFINE2(statfs, const char *, pathname, struct statfs *, ubuf)
{
	struct statfs st;
	struct path p;
	int err = user_path_at(AT_FDCWD, pathname, LOOKUP_FOLLOW, &p);

	if (err)
		return err;
	err = vfs_statfs(&p, &st);
	path_put(&p);
	return err ? err : copy_to_user(ubuf, &st, sizeof(st));
}

SYSCALL_DEFINE2(fstatfs, int, fd, struct statfs *, ubuf)
{
	struct file *f = fget_raw(fd);
	struct statfs st;
	int err;

	if (!f)
		return -EBADF;
	err = vfs_statfs(&f->path, &st);
	file_put(f);
	return err ? err : copy_to_user(ubuf, &st, sizeof(st));
}

ssize_t vfs_readlink(const struct path *p, char *buf, size_t len)
{
	struct inode *inode = p->dentry->inode;
	size_t n;

	if (!S_ISLNK(inode->mode))
		return -EINVAL;
	if (inode->iops && inode->iops->readlink)
		return inode->iops->readlink(p->dentry, buf, len);
	if (!inode->link)
		return -EINVAL;
	n = MIN(strlen(inode->link), len);
	memcpy(buf, inode->link, n);
	return (ssize_t)n;
}

SYSCALL_DEFINE4(readlinkat, int, dirfd, const char *, pathname, char *, ubuf, int, bufsiz)
{
	char *name, *buf;
	struct path p;
	ssize_t n;

	if (bufsiz <= 0)
		return -EINVAL;
	name = getname(pathname);
	if (IS_ERR(name))
		return PTR_ERR(name);
	n = vfs_lookup(dirfd, name, LOOKUP_EMPTY, &p);
	if (n) {
		putname(name);
		return n;
	}
	buf = kmalloc(PATH_MAX, GFP_KERNEL);
	n = buf ? vfs_readlink(&p, buf, MIN((size_t)bufsiz, (size_t)PATH_MAX)) : -ENOMEM;
	if (n == -EINVAL && !*name)
		n = -ENOENT;	/* Linux: an empty name must mean a symlink */
	if (n > 0 && copy_to_user(ubuf, buf, n))
		n = -EFAULT;
	kfree(buf);
	putname(name);
	path_put(&p);
	return n;
}

SYSCALL_DEFINE3(readlink, const char *, pathname, char *, ubuf, int, bufsiz)
{
	return sys_readlinkat(AT_FDCWD, (unsigned long)pathname, (unsigned long)ubuf,
			      (unsigned long)bufsiz, 0, 0);
}
