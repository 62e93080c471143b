/*
 * openat2(2): openat with an extensible argument block that is checked
 * strictly (unknown flags are errors, where open(2) ignores them) and
 * RESOLVE_* flags that restrict the path walk (fs/namei.c does them).
 *
 * RESOLVE_CACHED asks for a walk that needs no I/O.  Every file system
 * here lives in memory, so every walk qualifies; only what Linux refuses
 * up front (creating or truncating) gets -EAGAIN.
 */
#include <syscall.h>
#include <uaccess.h>
#include <uapi/fcntl.h>
#include <uapi/openat2.h>
#include "internal.h"

#define VALID_OPEN_FLAGS                                                              \
	(O_ACCMODE | O_CREAT | O_EXCL | O_NOCTTY | O_TRUNC | O_APPEND | O_NONBLOCK |    \
	 __O_SYNC | O_DSYNC | FASYNC | O_DIRECT | O_LARGEFILE | O_DIRECTORY | O_NOFOLLOW | \
	 O_NOATIME | O_CLOEXEC | O_PATH | __O_TMPFILE)
#define VALID_RESOLVE_FLAGS                                                   \
	(RESOLVE_NO_XDEV | RESOLVE_NO_MAGICLINKS | RESOLVE_NO_SYMLINKS |        \
	 RESOLVE_BENEATH | RESOLVE_IN_ROOT | RESOLVE_CACHED)
#define O_PATH_FLAGS	(O_DIRECTORY | O_NOFOLLOW | O_PATH | O_CLOEXEC)

/* Linux's build_open_flags() checks for openat2, in its order. */
static int check_open_how(const struct open_how *how)
{
	u64 flags = how->flags & ~(u64)O_CLOEXEC;

	if (flags & ~(u64)VALID_OPEN_FLAGS)
		return -EINVAL;
	if (how->resolve & ~(u64)VALID_RESOLVE_FLAGS)
		return -EINVAL;
	if ((how->resolve & RESOLVE_BENEATH) && (how->resolve & RESOLVE_IN_ROOT))
		return -EINVAL;
	if (flags & (O_CREAT | __O_TMPFILE)) {
		if (how->mode & ~(u64)S_IALLUGO)
			return -EINVAL;
	} else if (how->mode) {
		return -EINVAL;
	}
	if (flags & __O_TMPFILE) {
		if ((flags & O_TMPFILE) != O_TMPFILE || !(flags & (O_WRONLY | O_RDWR)))
			return -EINVAL;
	}
	if ((flags & O_PATH) && (flags & ~(u64)O_PATH_FLAGS))
		return -EINVAL;
	if ((how->resolve & RESOLVE_CACHED) && (flags & (O_TRUNC | O_CREAT | __O_TMPFILE)))
		return -EAGAIN;
	return 0;
}

static unsigned int resolve_to_lookup(u64 resolve)
{
	unsigned int lookup = 0;

	if (resolve & RESOLVE_NO_XDEV)
		lookup |= LOOKUP_NO_XDEV;
	if (resolve & RESOLVE_NO_MAGICLINKS)
		lookup |= LOOKUP_NO_MAGICLINKS;
	if (resolve & RESOLVE_NO_SYMLINKS)
		lookup |= LOOKUP_NO_SYMLINKS;
	if (resolve & RESOLVE_BENEATH)
		lookup |= LOOKUP_BENEATH;
	if (resolve & RESOLVE_IN_ROOT)
		lookup |= LOOKUP_IN_ROOT;
	return lookup;
}

SYSCALL_DEFINE4(openat2, int, dirfd, const char *, filename, struct open_how *, uhow,
		size_t, usize)
{
	struct open_how how;
	long err;

	if (usize < OPEN_HOW_SIZE_VER0)
		return -EINVAL;
	if (usize > PAGE_SIZE)
		return -E2BIG;
	err = copy_struct_from_user(&how, sizeof(how), uhow, usize);
	if (!err)
		err = check_open_how(&how);
	if (err)
		return err;
	return open_user_name(dirfd, filename, (unsigned int)how.flags, (u32)how.mode,
			      resolve_to_lookup(how.resolve));
}
