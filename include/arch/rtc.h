/* The battery-backed wall clock. */
#ifndef ARCH_RTC_H
#define ARCH_RTC_H

#include <types.h>

/* A calendar time of the hardware clock (UTC by convention). */
struct arch_rtc_time {
	int year;		/* 2026 */
	int month;		/* 1-12 */
	int day;		/* 1-31 */
	int hour, min, sec;
};

/* Seconds since the Unix epoch read from the hardware clock (0 if unreadable). */
s64 arch_rtc_read_seconds(void);
/* The clock's fields: 0, or -1 when it holds garbage.  May be called from any context. */
int arch_rtc_read_time(struct arch_rtc_time *t);
/* Set the clock to t (valid fields, year 1900-2999). */
void arch_rtc_set_time(const struct arch_rtc_time *t);

#endif
