/*
 * Creating and removing names: mknod, mkdir, symlink, link, unlink and
 * rmdir, with their *at forms.
 *
 * Every one follows the same protocol: find the parent directory of the
 * last component (namei.c), lock the parent's inode, look the last
 * component up under that lock, check, call the filesystem, and update
 * the dentry (d_instantiate for a new name, d_delete for a removed one)
 * before unlocking.  Holding the parent locked from lookup to update is
 * what makes "check that it does not exist, then create it" atomic.
 *
 * Errors follow Linux's order of checks, since tests compare them:
 * existence (EEXIST/ENOENT) before permission (EACCES) before type
 * (EISDIR/ENOTDIR) and busyness (EBUSY), with EROFS first when known.
 */
#include <cred.h>
#include <syscall.h>
#include "getname.h"
#include "internal.h"

/* A negative dentry for name's last component, its parent locked. */
struct create_target {
	struct path parent;
	struct dentry *d;
};

static int start_create(int dirfd, const char *name, bool want_dir, struct create_target *t)
{
	struct inode *dir;
	struct qstr last;
	bool trailing;
	int type, err;

	err = vfs_lookup_parent(dirfd, name, 0, &t->parent, &last, &type, &trailing);
	if (err)
		return err;
	err = -EEXIST;
	if (type != LAST_NORM)
		goto out_put;
	dir = t->parent.dentry->inode;
	mutex_lock(&dir->lock);
	t->d = lookup_one_locked(t->parent.dentry, &last);
	err = IS_ERR(t->d) ? (int)PTR_ERR(t->d) : 0;
	if (err)
		goto out_unlock;
	if (!d_is_negative(t->d))
		err = -EEXIST;
	else if (trailing && !want_dir)
		err = -ENOENT;	/* "name/" asked for a directory */
	else
		err = may_modify_dir(&t->parent);
	if (!err)
		return 0;
	dput(t->d);
out_unlock:
	mutex_unlock(&dir->lock);
out_put:
	path_put(&t->parent);
	return err;
}

static void end_create(struct create_target *t)
{
	mutex_unlock(&t->parent.dentry->inode->lock);
	dput(t->d);
	path_put(&t->parent);
}

int vfs_mknod(int dirfd, const char *name, u32 mode, u32 dev)
{
	return vfs_mknod_path(dirfd, name, mode, dev, NULL);
}

int vfs_mknod_path(int dirfd, const char *name, u32 mode, u32 dev, struct path *made)
{
	struct create_target t;
	struct inode *dir;
	int err;

	switch (mode & S_IFMT) {
	case 0:
		mode |= S_IFREG;
		break;
	case S_IFREG: case S_IFIFO: case S_IFSOCK: case S_IFCHR: case S_IFBLK:
		break;
	case S_IFDIR:
		return -EPERM;
	default:
		return -EINVAL;
	}
	err = start_create(dirfd, name, false, &t);
	if (err)
		return err;
	dir = t.parent.dentry->inode;
	mode = (mode & S_IFMT) | (mode & S_IALLUGO & ~fs_umask());
	/* CAP_MKNOD: checked after the name and the directory, as Linux does */
	if ((S_ISCHR(mode) || S_ISBLK(mode)) && !cred_is_root(current_cred()))
		err = -EPERM;
	else if (S_ISREG(mode))
		err = dir->iops->create ? dir->iops->create(dir, t.d, mode) : -EPERM;
	else
		err = dir->iops->mknod ? dir->iops->mknod(dir, t.d, mode, dev) : -EPERM;
	if (!err && made) {	/* the new node, before anyone can rename it */
		made->mnt = t.parent.mnt;
		made->dentry = dget(t.d);
		mnt_get(made->mnt);
	}
	end_create(&t);
	return err;
}

int vfs_mkdir(int dirfd, const char *name, u32 mode)
{
	struct create_target t;
	struct inode *dir;
	int err = start_create(dirfd, name, true, &t);

	if (err)
		return err;
	dir = t.parent.dentry->inode;
	mode = S_IFDIR | (mode & (S_IRWXUGO | S_ISVTX) & ~fs_umask());
	err = dir->iops->mkdir ? dir->iops->mkdir(dir, t.d, mode) : -EPERM;
	end_create(&t);
	return err;
}

int vfs_symlink(const char *target, int dirfd, const char *name)
{
	struct create_target t;
	struct inode *dir;
	int err;

	if (!*target)
		return -ENOENT;
	err = start_create(dirfd, name, false, &t);
	if (err)
		return err;
	dir = t.parent.dentry->inode;
	err = dir->iops->symlink ? dir->iops->symlink(dir, t.d, target) : -EPERM;
	end_create(&t);
	return err;
}

int vfs_link(int olddirfd, const char *oldname, int newdirfd, const char *newname,
	     unsigned int lookup_flags)
{
	struct create_target t;
	struct inode *dir, *inode;
	struct path old;
	int err = vfs_lookup(olddirfd, oldname, lookup_flags, &old);

	if (err)
		return err;
	err = start_create(newdirfd, newname, false, &t);
	if (err)
		goto out_put_old;
	dir = t.parent.dentry->inode;
	inode = old.dentry->inode;
	if (old.mnt != t.parent.mnt)
		err = -EXDEV;
	else if (S_ISDIR(inode->mode))
		err = -EPERM;
	else if (!dir->iops->link)
		err = -EPERM;
	if (!err) {
		mutex_lock(&inode->lock);	/* parent before child */
		err = inode->nlink ? dir->iops->link(old.dentry, dir, t.d) : -ENOENT;
		mutex_unlock(&inode->lock);
	}
	end_create(&t);
out_put_old:
	path_put(&old);
	return err;
}

/* The checks unlink and rmdir share (Linux's may_delete), parent locked. */
static int may_delete(const struct path *parent, struct dentry *victim, bool isdir)
{
	struct inode *inode = victim->inode;
	int err;

	if (d_is_negative(victim))
		return -ENOENT;
	err = vfs_permission(current_cred(), parent->dentry->inode, MAY_WRITE | MAY_EXEC);
	if (err)
		return err;
	err = may_delete_sticky(parent->dentry->inode, inode);
	if (err)
		return err;
	if (isdir && !S_ISDIR(inode->mode))
		return -ENOTDIR;
	if (!isdir && S_ISDIR(inode->mode))
		return -EISDIR;
	if (READ_ONCE(victim->mounted))
		return -EBUSY;
	return 0;
}

/* Find name's parent and lock it; the last component must be normal. */
static int start_remove(int dirfd, const char *name, bool isdir, struct path *parent,
			struct dentry **victim, bool *trailing)
{
	struct qstr last;
	int type, err;

	err = vfs_lookup_parent(dirfd, name, 0, parent, &last, &type, trailing);
	if (err)
		return err;
	if (type != LAST_NORM) {
		err = !isdir ? -EISDIR : type == LAST_DOT ? -EINVAL :
		      type == LAST_DOTDOT ? -ENOTEMPTY : -EBUSY;
	} else if (mnt_is_readonly(parent->mnt)) {
		err = -EROFS;
	}
	if (err) {
		path_put(parent);
		return err;
	}
	mutex_lock(&parent->dentry->inode->lock);
	*victim = lookup_one_locked(parent->dentry, &last);
	if (!IS_ERR(*victim))
		return 0;
	mutex_unlock(&parent->dentry->inode->lock);
	path_put(parent);
	return (int)PTR_ERR(*victim);
}

static void end_remove(struct path *parent, struct dentry *victim)
{
	mutex_unlock(&parent->dentry->inode->lock);
	dput(victim);
	path_put(parent);
}

int vfs_unlink(int dirfd, const char *name)
{
	struct dentry *victim;
	struct path parent;
	struct inode *dir, *inode;
	bool trailing;
	int err = start_remove(dirfd, name, false, &parent, &victim, &trailing);

	if (err)
		return err;
	dir = parent.dentry->inode;
	inode = victim->inode;
	if (trailing)	/* "file/": there is no such directory */
		err = !inode ? -ENOENT : S_ISDIR(inode->mode) ? -EISDIR : -ENOTDIR;
	else
		err = may_delete(&parent, victim, false);
	if (!err && !dir->iops->unlink)
		err = -EPERM;
	if (!err) {
		mutex_lock(&inode->lock);
		err = dir->iops->unlink(dir, victim);
		mutex_unlock(&inode->lock);
		if (!err)
			d_delete(victim);
	}
	end_remove(&parent, victim);
	return err;
}

int vfs_rmdir(int dirfd, const char *name)
{
	struct dentry *victim;
	struct path parent;
	struct inode *dir, *inode;
	bool trailing;
	int err = start_remove(dirfd, name, true, &parent, &victim, &trailing);

	if (err)
		return err;
	dir = parent.dentry->inode;
	inode = victim->inode;
	err = may_delete(&parent, victim, true);
	if (!err && !dir->iops->rmdir)
		err = -EPERM;
	if (!err) {
		mutex_lock(&inode->lock);
		err = dir->iops->rmdir(dir, victim);
		if (!err)
			inode->flags |= S_DEAD;
		mutex_unlock(&inode->lock);
		if (!err)
			d_delete(victim);
	}
	end_remove(&parent, victim);
	return err;
}

/* --- system calls ---------------------------------------------------------- */

/* mknod's dev argument: Linux's new_decode_dev(). */
static u32 decode_dev(unsigned int dev)
{
	unsigned int major = (dev & 0xfff00) >> 8;
	unsigned int minor = (dev & 0xff) | ((dev >> 12) & 0xfff00);

	return MKDEV(major, minor);
}

SYSCALL_DEFINE4(mknodat, int, dirfd, const char *, filename, unsigned int, mode,
		unsigned int, dev)
{
	char *name = getname(filename);
	long err;

	if (IS_ERR(name))
		return PTR_ERR(name);
	err = vfs_mknod(dirfd, name, mode, decode_dev(dev));
	putname(name);
	return err;
}

SYSCALL_DEFINE3(mknod, const char *, filename, unsigned int, mode, unsigned int, dev)
{
	return sys_mknodat((unsigned long)AT_FDCWD, (unsigned long)filename, mode, dev, 0, 0);
}

SYSCALL_DEFINE3(mkdirat, int, dirfd, const char *, pathname, unsigned int, mode)
{
	char *name = getname(pathname);
	long err;

	if (IS_ERR(name))
		return PTR_ERR(name);
	err = vfs_mkdir(dirfd, name, mode);
	putname(name);
	return err;
}

SYSCALL_DEFINE2(mkdir, const char *, pathname, unsigned int, mode)
{
	return sys_mkdirat((unsigned long)AT_FDCWD, (unsigned long)pathname, mode, 0, 0, 0);
}

SYSCALL_DEFINE3(symlinkat, const char *, oldname, int, newdirfd, const char *, newname)
{
	char *target = getname(oldname), *name;
	long err;

	if (IS_ERR(target))
		return PTR_ERR(target);
	name = getname(newname);
	err = IS_ERR(name) ? PTR_ERR(name) : vfs_symlink(target, newdirfd, name);
	putname(name);
	putname(target);
	return err;
}

SYSCALL_DEFINE2(symlink, const char *, oldname, const char *, newname)
{
	return sys_symlinkat((unsigned long)oldname, (unsigned long)AT_FDCWD,
			     (unsigned long)newname, 0, 0, 0);
}

SYSCALL_DEFINE5(linkat, int, olddirfd, const char *, oldname, int, newdirfd,
		const char *, newname, int, flags)
{
	unsigned int lookup = 0;
	char *from, *to;
	long err;

	if (flags & ~(AT_SYMLINK_FOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	if (flags & AT_SYMLINK_FOLLOW)
		lookup |= LOOKUP_FOLLOW;
	if (flags & AT_EMPTY_PATH)
		lookup |= LOOKUP_EMPTY;
	from = getname(oldname);
	if (IS_ERR(from))
		return PTR_ERR(from);
	to = getname(newname);
	err = IS_ERR(to) ? PTR_ERR(to) : vfs_link(olddirfd, from, newdirfd, to, lookup);
	putname(to);
	putname(from);
	return err;
}

SYSCALL_DEFINE2(link, const char *, oldname, const char *, newname)
{
	return sys_linkat((unsigned long)AT_FDCWD, (unsigned long)oldname,
			  (unsigned long)AT_FDCWD, (unsigned long)newname, 0, 0);
}

SYSCALL_DEFINE3(unlinkat, int, dirfd, const char *, pathname, int, flags)
{
	char *name;
	long err;

	if (flags & ~AT_REMOVEDIR)
		return -EINVAL;
	name = getname(pathname);
	if (IS_ERR(name))
		return PTR_ERR(name);
	err = (flags & AT_REMOVEDIR) ? vfs_rmdir(dirfd, name) : vfs_unlink(dirfd, name);
	putname(name);
	return err;
}

SYSCALL_DEFINE1(unlink, const char *, pathname)
{
	return sys_unlinkat((unsigned long)AT_FDCWD, (unsigned long)pathname, 0, 0, 0, 0);
}

SYSCALL_DEFINE1(rmdir, const char *, pathname)
{
	return sys_unlinkat((unsigned long)AT_FDCWD, (unsigned long)pathname, AT_REMOVEDIR,
			    0, 0, 0);
}
