/*
 * Access checks, Linux's generic_permission() rules.
 *
 * The class that applies is the first that matches: owner (fsuid equals
 * the inode's uid), group (fsgid or a supplementary group equals its
 * gid), others.  Only that class's three bits count, so an owner with
 * mode 0077 is refused even though everyone else may read.
 *
 * uid 0 stands for a task with every capability: it may read and write
 * anything and search any directory (CAP_DAC_OVERRIDE), but may execute
 * a non-directory only when some execute bit is set.  The checks take the
 * credential as an argument so per-task credentials can plug in later.
 */
#include <cred.h>
#include "internal.h"

int vfs_permission(const struct cred *cred, const struct inode *inode, int mask)
{
	u32 mode = READ_ONCE(inode->mode);
	u32 bits;

	mask &= MAY_READ | MAY_WRITE | MAY_EXEC;
	if (cred_is_root(cred)) {
		if (!(mask & MAY_EXEC) || S_ISDIR(mode) || (mode & S_IXUGO))
			return 0;
		return -EACCES;
	}
	if (READ_ONCE(inode->uid) == cred->fsuid)
		bits = mode >> 6;
	else if (cred_in_group(cred, READ_ONCE(inode->gid)))
		bits = mode >> 3;
	else
		bits = mode;
	return (mask & ~bits & 7) ? -EACCES : 0;
}

bool vfs_owner_or_root(const struct cred *cred, const struct inode *inode)
{
	return cred_is_root(cred) || READ_ONCE(inode->uid) == cred->fsuid;
}

/*
 * In a sticky directory (mode +t, like /tmp) only the file's owner, the
 * directory's owner or root may remove or rename a file (unlink(2), EPERM).
 */
int may_delete_sticky(const struct inode *dir, const struct inode *victim)
{
	const struct cred *cred = current_cred();

	if (!(READ_ONCE(dir->mode) & S_ISVTX))
		return 0;
	if (vfs_owner_or_root(cred, victim) || READ_ONCE(dir->uid) == cred->fsuid)
		return 0;
	return -EPERM;
}

int may_modify_dir(const struct path *dir)
{
	if (mnt_is_readonly(dir->mnt))
		return -EROFS;
	return vfs_permission(current_cred(), dir->dentry->inode, MAY_WRITE | MAY_EXEC);
}
