/*
 * Extensible argument structs (clone3, openat2): the caller passes its
 * struct's size, which may be older (shorter) or newer (longer) than the
 * kernel's.  Missing fields read as zero; extra bytes must all be zero, or
 * the caller asked for something this kernel does not know (-E2BIG).
 */
#include <compiler.h>
#include <errno.h>
#include <string.h>
#include <uaccess.h>

long copy_struct_from_user(void *dst, size_t ksize, const void __user *src, size_t usize)
{
	size_t known = MIN(usize, ksize);
	u8 tail[64];

	memset(dst, 0, ksize);
	if (copy_from_user(dst, src, known))
		return -EFAULT;
	for (size_t off = known; off < usize; off += sizeof(tail)) {
		size_t n = MIN(sizeof(tail), usize - off);

		if (copy_from_user(tail, (const u8 __user *)src + off, n))
			return -EFAULT;
		for (size_t i = 0; i < n; i++)
			if (tail[i])
				return -E2BIG;
	}
	return 0;
}
