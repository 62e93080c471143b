/* vsnprintf and friends (lib/format.c): the kernel's printf engine. */
#ifndef FORMAT_H
#define FORMAT_H

#include <types.h>
#include <compiler.h>

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int snprintf(char *buf, size_t size, const char *fmt, ...) __printf(3, 4);

#endif
