/* Host stand-in for include/panic.h: the test's panic() records and longjmps. */
#ifndef PANIC_H
#define PANIC_H

#include <compiler.h>

void panic(const char *fmt, ...) __noreturn __printf(1, 2);

#endif
