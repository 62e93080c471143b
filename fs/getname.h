/* User path arguments for the system calls of fs/ (getname.c). */
#ifndef FS_GETNAME_H
#define FS_GETNAME_H

#include <uaccess.h>
#include <uapi/fcntl.h>
#include <vfs.h>

/* A kernel copy of a user path (PATH_MAX buffer): ERR_PTR -EFAULT, -ENAMETOOLONG, -ENOMEM. */
char *getname(const char __user *uname);
void putname(char *name);
/* getname + vfs_lookup. */
int user_path_at(int dirfd, const char __user *uname, unsigned int flags, struct path *out);
/*
 * Check at_flags against the allowed AT_* bits (-EINVAL otherwise) and
 * translate: AT_SYMLINK_NOFOLLOW clears LOOKUP_FOLLOW, AT_EMPTY_PATH sets
 * LOOKUP_EMPTY.
 */
int at_flags_to_lookup(int at_flags, int allowed, unsigned int *lookup);

#endif
