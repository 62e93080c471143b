/* The real-time clock device's ioctls (Linux <linux/rtc.h>). */
#ifndef UAPI_RTC_H
#define UAPI_RTC_H

#include <stdint.h>

struct rtc_time {
	int32_t tm_sec;		/* 0-59 */
	int32_t tm_min;
	int32_t tm_hour;
	int32_t tm_mday;	/* 1-31 */
	int32_t tm_mon;		/* 0-11 */
	int32_t tm_year;	/* years since 1900 */
	int32_t tm_wday;	/* 0-6, Sunday 0 */
	int32_t tm_yday;	/* 0-365 */
	int32_t tm_isdst;	/* unused: 0 */
};

_Static_assert(sizeof(struct rtc_time) == 36, "struct rtc_time size");

#define RTC_RD_TIME	0x80247009	/* _IOR('p', 0x09, struct rtc_time) */
#define RTC_SET_TIME	0x4024700a	/* _IOW('p', 0x0a, struct rtc_time) */

#endif
