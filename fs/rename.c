/*
 * rename(2), renameat(2), renameat2(2): moving a name, replacing or (with
 * RENAME_EXCHANGE) swapping what sits at the destination.
 *
 * Locking: both parent directories are locked; when they differ, the
 * global rename_lock is taken first, so that no other rename can change
 * the tree's shape while we check "is the source an ancestor of the
 * destination?".  With the shape fixed, the parents are locked ancestor
 * first (the order every other operation uses: parent before child), or
 * in argument order when neither contains the other.  The inodes being
 * moved or replaced are locked after both parents (lock_children).
 */
#include <cred.h>
#include <syscall.h>
#include <uapi/fcntl.h>
#include "getname.h"
#include "internal.h"

struct rename_end {
	struct path parent;
	struct qstr last;
	int type;
	bool trailing;
	struct dentry *d;
};

static void lock_rename(struct dentry *p1, struct dentry *p2)
{
	if (p1 == p2) {
		mutex_lock(&p1->inode->lock);
		return;
	}
	mutex_lock(&rename_lock);
	if (d_is_ancestor(p2, p1)) {
		mutex_lock(&p2->inode->lock);
		mutex_lock(&p1->inode->lock);
	} else {
		mutex_lock(&p1->inode->lock);
		mutex_lock(&p2->inode->lock);
	}
}

static void unlock_rename(struct dentry *p1, struct dentry *p2)
{
	mutex_unlock(&p1->inode->lock);
	if (p1 != p2) {
		mutex_unlock(&p2->inode->lock);
		mutex_unlock(&rename_lock);
	}
}

/* May the caller take away d's name in parent (Linux's may_delete)? */
static int may_remove(const struct path *parent, struct dentry *d, bool isdir)
{
	struct inode *inode = d->inode;
	int err = vfs_permission(current_cred(), parent->dentry->inode, MAY_WRITE | MAY_EXEC);

	if (!err)
		err = may_delete_sticky(parent->dentry->inode, inode);
	if (err)
		return err;
	if (isdir && !S_ISDIR(inode->mode))
		return -ENOTDIR;
	if (!isdir && S_ISDIR(inode->mode))
		return -EISDIR;
	return READ_ONCE(d->mounted) ? -EBUSY : 0;
}

/* Every check between "both names looked up" and "ask the filesystem". */
static int rename_checks(struct rename_end *o, struct rename_end *n, unsigned int flags)
{
	bool exchange = flags & RENAME_EXCHANGE;
	struct inode *src = o->d->inode, *dst = n->d->inode;
	bool src_dir = S_ISDIR(src->mode);
	int err;

	if (!src_dir && (o->trailing || (!exchange && n->trailing)))
		return -ENOTDIR;
	if (exchange && dst && !S_ISDIR(dst->mode) && n->trailing)
		return -ENOTDIR;
	if (d_is_ancestor(o->d, n->parent.dentry))
		return -EINVAL;		/* moving a directory into itself */
	if (dst && d_is_ancestor(n->d, o->parent.dentry))
		return exchange ? -EINVAL : -ENOTEMPTY;
	err = may_remove(&o->parent, o->d, src_dir);
	if (err)
		return err;
	if (dst)
		err = may_remove(&n->parent, n->d, exchange ? S_ISDIR(dst->mode) : src_dir);
	else
		err = vfs_permission(current_cred(), n->parent.dentry->inode,
				     MAY_WRITE | MAY_EXEC);
	if (err)
		return err;
	/* A directory changing parent rewrites its "..": it must be writable. */
	if (src_dir && o->parent.dentry != n->parent.dentry)
		err = vfs_permission(current_cred(), src, MAY_WRITE);
	if (!err && exchange && dst && S_ISDIR(dst->mode) && o->parent.dentry != n->parent.dentry)
		err = vfs_permission(current_cred(), dst, MAY_WRITE);
	return err;
}

/*
 * Lock (or unlock) the inodes a rename changes, as Linux does: the moved
 * inode unless it is a directory, and the replaced one.  With
 * RENAME_EXCHANGE only non-directories are locked: two directories
 * locked here could be held in the other order by a rename between them.
 */
static void lock_children(struct inode *src, struct inode *dst, unsigned int flags, bool lock)
{
	bool exchange = flags & RENAME_EXCHANGE;
	struct inode *which[2] = {
		S_ISDIR(src->mode) ? NULL : src,
		dst && (!exchange || !S_ISDIR(dst->mode)) ? dst : NULL,
	};

	for (int i = 0; i < 2; i++) {
		struct inode *inode = which[lock ? i : 1 - i];

		if (!inode)
			continue;
		if (lock)
			mutex_lock(&inode->lock);
		else
			mutex_unlock(&inode->lock);
	}
}

/* Parents locked, names looked up: check and do it. */
static int do_rename_locked(struct rename_end *o, struct rename_end *n, unsigned int flags)
{
	struct inode *odir = o->parent.dentry->inode, *ndir = n->parent.dentry->inode;
	struct inode *src = o->d->inode, *dst = n->d->inode;
	int err;

	if (!src)
		return -ENOENT;
	if ((flags & RENAME_EXCHANGE) && !dst)
		return -ENOENT;
	if ((flags & RENAME_NOREPLACE) && dst)
		return -EEXIST;
	if (src == dst)
		return 0;	/* POSIX: two links to one file: nothing happens */
	err = rename_checks(o, n, flags);
	if (err)
		return err;
	if (!odir->iops->rename)
		return -EPERM;
	lock_children(src, dst, flags, true);
	err = odir->iops->rename(odir, o->d, ndir, n->d, flags);
	if (!err && dst && !(flags & RENAME_EXCHANGE) && S_ISDIR(dst->mode))
		dst->flags |= S_DEAD;
	lock_children(src, dst, flags, false);
	if (err)
		return err;
	return (flags & RENAME_EXCHANGE) ? d_exchange(o->d, n->d) : d_move(o->d, n->d);
}

/*
 * Find both parents and check what needs no lock: the same mount (EXDEV),
 * normal last components (EBUSY), a writable mount.  On success both
 * parents are held; on failure neither.
 */
static int rename_prepare(int olddirfd, const char *oldname, int newdirfd, const char *newname,
			  unsigned int flags, struct rename_end *o, struct rename_end *n)
{
	int err;

	o->d = n->d = NULL;
	err = vfs_lookup_parent(olddirfd, oldname, 0, &o->parent, &o->last, &o->type,
				&o->trailing);
	if (err)
		return err;
	err = vfs_lookup_parent(newdirfd, newname, 0, &n->parent, &n->last, &n->type,
				&n->trailing);
	if (err) {
		path_put(&o->parent);
		return err;
	}
	if (o->parent.mnt != n->parent.mnt)
		err = -EXDEV;
	else if (o->type != LAST_NORM)
		err = -EBUSY;
	else if (n->type != LAST_NORM)
		err = (flags & RENAME_NOREPLACE) ? -EEXIST : -EBUSY;
	else if (mnt_is_readonly(o->parent.mnt))
		err = -EROFS;
	if (err) {
		path_put(&n->parent);
		path_put(&o->parent);
	}
	return err;
}

int vfs_rename(int olddirfd, const char *oldname, int newdirfd, const char *newname,
	       unsigned int flags)
{
	struct rename_end o, n;
	int err;

	if (flags & ~(RENAME_NOREPLACE | RENAME_EXCHANGE | RENAME_WHITEOUT))
		return -EINVAL;
	if ((flags & RENAME_EXCHANGE) && (flags & (RENAME_NOREPLACE | RENAME_WHITEOUT)))
		return -EINVAL;
	if (flags & RENAME_WHITEOUT)
		return -EINVAL;		/* FIXME: overlayfs whiteouts */
	err = rename_prepare(olddirfd, oldname, newdirfd, newname, flags, &o, &n);
	if (err)
		return err;
	lock_rename(o.parent.dentry, n.parent.dentry);
	o.d = lookup_one_locked(o.parent.dentry, &o.last);
	n.d = IS_ERR(o.d) ? NULL : lookup_one_locked(n.parent.dentry, &n.last);
	if (IS_ERR(o.d))
		err = (int)PTR_ERR(o.d);
	else if (IS_ERR(n.d))
		err = (int)PTR_ERR(n.d);
	else
		err = do_rename_locked(&o, &n, flags);
	unlock_rename(o.parent.dentry, n.parent.dentry);
	if (!IS_ERR_OR_NULL(n.d))
		dput(n.d);
	if (!IS_ERR_OR_NULL(o.d))
		dput(o.d);
	path_put(&n.parent);
	path_put(&o.parent);
	return err;
}

SYSCALL_DEFINE5(renameat2, int, olddirfd, const char *, oldname, int, newdirfd,
		const char *, newname, unsigned int, flags)
{
	char *from = getname(oldname), *to;
	long err;

	if (IS_ERR(from))
		return PTR_ERR(from);
	to = getname(newname);
	err = IS_ERR(to) ? PTR_ERR(to) : vfs_rename(olddirfd, from, newdirfd, to, flags);
	putname(to);
	putname(from);
	return err;
}

SYSCALL_DEFINE4(renameat, int, olddirfd, const char *, oldname, int, newdirfd,
		const char *, newname)
{
	return sys_renameat2((unsigned long)olddirfd, (unsigned long)oldname,
			     (unsigned long)newdirfd, (unsigned long)newname, 0, 0);
}

SYSCALL_DEFINE2(rename, const char *, oldname, const char *, newname)
{
	return sys_renameat2((unsigned long)AT_FDCWD, (unsigned long)oldname,
			     (unsigned long)AT_FDCWD, (unsigned long)newname, 0, 0);
}
