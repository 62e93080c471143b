/*
 * The test side's view of lib/: include/'s declarations, with lib's
 * libc-named functions under their kern_* names (see klib_names.h).
 * Include it after every system header and cmocka.h: include/compiler.h
 * defines short macros (MIN, __packed, likely) that system headers must
 * not see.
 */
#ifndef TESTS_UNIT_KLIB_H
#define TESTS_UNIT_KLIB_H

#include "klib_names.h"
#include "../../include/string.h"
#include "../../include/format.h"
#define KLIB_NAMES_UNDO
#include "klib_names.h"
#undef KLIB_NAMES_UNDO

#include "../../include/cmdline.h"
#include "../../include/cpio.h"
#include "../../include/inflate.h"

#endif
