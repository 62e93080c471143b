/* The battery-backed wall clock. */
#ifndef ARCH_RTC_H
#define ARCH_RTC_H

#include <types.h>

/* Seconds since the Unix epoch read from the hardware clock (0 if unreadable). */
s64 arch_rtc_read_seconds(void);

#endif
