/*
 * lib/ defines functions that share their names with libc (strlen,
 * snprintf, ...).  Linked as they are into a host test, they would replace
 * libc's for the whole process, cmocka and ASan included, and the tests
 * could not compare the two.  So the host build of lib/ is compiled with
 * "-include tests/unit/klib_names.h", which renames each of them kern_*;
 * test code includes klib.h, which applies the same names to the
 * declarations in include/ and then undoes the renaming.
 *
 * Add a line here when lib/ gains a function with a libc name.
 */
#ifndef KLIB_NAMES_UNDO
#define memcmp		kern_memcmp
#define memchr		kern_memchr
#define strlen		kern_strlen
#define strnlen		kern_strnlen
#define strcmp		kern_strcmp
#define strncmp		kern_strncmp
#define strchr		kern_strchr
#define strlcpy		kern_strlcpy
#define vsnprintf	kern_vsnprintf
#define snprintf	kern_snprintf
#else
#undef memcmp
#undef memchr
#undef strlen
#undef strnlen
#undef strcmp
#undef strncmp
#undef strchr
#undef strlcpy
#undef vsnprintf
#undef snprintf
#endif
