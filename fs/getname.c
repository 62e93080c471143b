/*
 * Path names from user space.  A system call copies its path arguments
 * in exactly once (getname), then works on the kernel copy: a name that
 * another thread rewrites halfway through cannot change under the walk.
 */
#include <kmalloc.h>
#include "internal.h"
#include "getname.h"

char *getname(const char __user *uname)
{
	char *name = kmalloc(PATH_MAX, GFP_KERNEL);
	long len;

	if (!name)
		return ERR_PTR(-ENOMEM);
	len = strncpy_from_user(name, uname, PATH_MAX);
	if (len < 0) {
		kfree(name);
		return ERR_PTR(len);
	}
	return name;
}

void putname(char *name)
{
	if (!IS_ERR_OR_NULL(name))
		kfree(name);
}

int user_path_at(int dirfd, const char __user *uname, unsigned int flags, struct path *out)
{
	char *name = getname(uname);
	int err;

	if (IS_ERR(name))
		return (int)PTR_ERR(name);
	err = vfs_lookup(dirfd, name, flags, out);
	putname(name);
	return err;
}

/* AT_* flags of the *at calls that take them, as LOOKUP_* flags. */
int at_flags_to_lookup(int at_flags, int allowed, unsigned int *lookup)
{
	if (at_flags & ~allowed)
		return -EINVAL;
	*lookup = 0;
	if (!(at_flags & AT_SYMLINK_NOFOLLOW))
		*lookup |= LOOKUP_FOLLOW;
	if (at_flags & AT_EMPTY_PATH)
		*lookup |= LOOKUP_EMPTY;
	return 0;
}
