/*
 * /dev/rtc0, the CMOS clock as hwclock uses it: RTC_RD_TIME gives a valid
 * calendar time; RTC_SET_TIME stores a time that reads back and refuses
 * an invalid one (EINVAL); one opener at a time (EBUSY); root only (a
 * 0600 node: EACCES for uid 1000); unknown requests ENOTTY, bad pointers
 * EFAULT.  The clock is put back to what it read when the test ends.
 */
#define _GNU_SOURCE
#include <grp.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <time.h>
#include "fs_util.h"

#define RTC		"/dev/rtc0"
#define RTC_RD_TIME	0x80247009
#define RTC_SET_TIME	0x4024700a

struct rtc_tm {
	int sec, min, hour, mday, mon, year, wday, yday, isdst;
};

static time_t to_seconds(const struct rtc_tm *r)
{
	struct tm tm = { .tm_sec = r->sec, .tm_min = r->min, .tm_hour = r->hour,
			 .tm_mday = r->mday, .tm_mon = r->mon, .tm_year = r->year };

	return timegm(&tm);
}

static void check_read(int fd, struct rtc_tm *r)
{
	CHECK(ioctl(fd, RTC_RD_TIME, r) == 0);
	CHECK(r->sec >= 0 && r->sec < 60 && r->min >= 0 && r->min < 60);
	CHECK(r->hour >= 0 && r->hour < 24 && r->mday >= 1 && r->mday <= 31);
	CHECK(r->mon >= 0 && r->mon < 12 && r->year >= 120);
}

static void check_set(int fd)
{
	struct rtc_tm set = { .sec = 56, .min = 34, .hour = 12, .mday = 29, .mon = 1,
			      .year = 124 }, got, bad;

	CHECK(ioctl(fd, RTC_SET_TIME, &set) == 0);
	check_read(fd, &got);
	/* a second may have passed (more under a loaded host) */
	CHECK(to_seconds(&got) - to_seconds(&set) >= 0 && to_seconds(&got) - to_seconds(&set) < 10);
	bad = set;
	bad.mday = 30;				/* February 2024 has 29 days */
	CHECK_ERRNO(ioctl(fd, RTC_SET_TIME, &bad), EINVAL);
	bad = set;
	bad.hour = 24;
	CHECK_ERRNO(ioctl(fd, RTC_SET_TIME, &bad), EINVAL);
	bad = set;
	bad.year = 69;				/* before 1970 */
	CHECK_ERRNO(ioctl(fd, RTC_SET_TIME, &bad), EINVAL);
	CHECK_ERRNO(ioctl(fd, RTC_SET_TIME, (void *)8), EFAULT);
	CHECK_ERRNO(ioctl(fd, RTC_RD_TIME, (void *)8), EFAULT);
}

static void check_user(void)
{
	pid_t pid = utest_fork();

	if (pid == 0) {
		CHECK(setgroups(0, NULL) == 0 && setgid(1000) == 0 && setuid(1000) == 0);
		CHECK_ERRNO(open(RTC, O_RDONLY), EACCES);
		_exit(0);
	}
	CHECK_CHILD_OK(pid);
}

int main(void)
{
	struct rtc_tm before;
	struct stat st;
	int fd;

	fs_need_dev();
	CHECK(stat(RTC, &st) == 0 && S_ISCHR(st.st_mode) && (st.st_mode & 07777) == 0600);
	fd = open(RTC, O_RDONLY);
	CHECK(fd >= 0);
	CHECK_ERRNO(open(RTC, O_RDONLY), EBUSY);
	check_read(fd, &before);
	CHECK_ERRNO(ioctl(fd, 0x7099, 0), ENOTTY);	/* no such request */
	check_set(fd);
	CHECK(ioctl(fd, RTC_SET_TIME, &before) == 0);
	CHECK(close(fd) == 0);
	check_user();
	return 0;
}
