/*
 * The only way kernel code touches user memory (STYLE.md b.5).
 *
 * Pointers into user space carry the __user marker so a raw dereference
 * stands out in review (and to sparse).  Every helper checks that the
 * whole range lies in the user half without wrapping, then copies with
 * fault fixups: a bad pointer gives -EFAULT, never a kernel crash.  Copy a
 * user value once, then validate the kernel copy: never read it twice.
 */
#ifndef UACCESS_H
#define UACCESS_H

#include <types.h>
#include <errno.h>
#include <arch/memory.h>

#ifdef __CHECKER__
#define __user __attribute__((noderef, address_space(1)))
#define __force __attribute__((force))
#else
#define __user
#define __force
#endif

size_t arch_copy_user(void *dst, const void *src, size_t n);
size_t arch_clear_user(void *dst, size_t n);
long arch_strncpy_from_user(char *dst, const char *src, long n);

/* Does [p, p+n) lie entirely in the user half? */
static inline bool access_ok(const void __user *p, size_t n)
{
	unsigned long a = (unsigned long)p;

	return n <= USER_SPACE_END && a <= USER_SPACE_END - n;
}

/* 0, or -EFAULT when any byte could not be read. */
static inline long copy_from_user(void *dst, const void __user *src, size_t n)
{
	if (!access_ok(src, n))
		return -EFAULT;
	return arch_copy_user(dst, (__force const void *)src, n) ? -EFAULT : 0;
}

/* 0, or -EFAULT when any byte could not be written. */
static inline long copy_to_user(void __user *dst, const void *src, size_t n)
{
	if (!access_ok(dst, n))
		return -EFAULT;
	return arch_copy_user((__force void *)dst, src, n) ? -EFAULT : 0;
}

static inline long clear_user(void __user *dst, size_t n)
{
	if (!access_ok(dst, n))
		return -EFAULT;
	return arch_clear_user((__force void *)dst, n) ? -EFAULT : 0;
}

/*
 * Copy a NUL-terminated string of at most n bytes including the NUL.
 * Returns its length, -ENAMETOOLONG when no NUL is found within n bytes,
 * or -EFAULT.  The check covers only bytes actually read, so a string
 * ending just before the top of user space is fine.
 */
/*
 * Copy an extensible struct of usize bytes into ksize bytes at dst: zero
 * fill when usize is smaller; -E2BIG when the bytes beyond ksize are not
 * all zero; -EFAULT.  (mm/usercopy.c)
 */
long copy_struct_from_user(void *dst, size_t ksize, const void __user *src, size_t usize);

static inline long strncpy_from_user(char *dst, const char __user *src, long n)
{
	unsigned long a = (unsigned long)src;
	long limit = n, len;

	if (n <= 0 || a >= USER_SPACE_END)
		return -EFAULT;
	if ((unsigned long)limit > USER_SPACE_END - a)
		limit = USER_SPACE_END - a;
	len = arch_strncpy_from_user(dst, (__force const char *)src, limit);
	if (len < 0)
		return len;
	if (len == limit)
		return limit == n ? -ENAMETOOLONG : -EFAULT;
	return len;
}

#define get_user(kval, uptr)	copy_from_user(&(kval), (uptr), sizeof(kval))
#define put_user(kval, uptr)	copy_to_user((uptr), &(kval), sizeof(kval))

#endif
