/*
 * /dev/rtc0: the battery-backed clock (arch_rtc_*) as Linux's RTC class
 * device shows it to hwclock: RTC_RD_TIME and RTC_SET_TIME on a struct
 * rtc_time in UTC.  One opener at a time (EBUSY), as Linux; setting
 * needs root (Linux: CAP_SYS_TIME, else EACCES) and a valid calendar
 * time (EINVAL).  The update and alarm interrupts are not offered:
 * their ioctls and read() fail as on a clock without an IRQ (ENOTTY,
 * EINVAL).
 */
#include <chrdev.h>
#include <cred.h>
#include <errno.h>
#include <uaccess.h>
#include <vfs.h>
#include <arch/rtc.h>
#include <uapi/rtc.h>

#define RTC_MAJOR	252	/* dynamic on Linux; Debian's first RTC gets 252 or so */

static bool rtc_busy;		/* atomic: an open file holds the device */

static bool leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int month_days(int y, int m)	/* m 0-11 */
{
	static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	return days[m] + (m == 1 && leap(y));
}

/* tm_yday and tm_wday of a valid date (1970-01-01 was a Thursday). */
static void fill_days(struct rtc_time *tm)
{
	int y = tm->tm_year + 1900;
	long days = 0;

	tm->tm_yday = tm->tm_mday - 1;
	for (int m = 0; m < tm->tm_mon; m++)
		tm->tm_yday += month_days(y, m);
	for (int i = 1970; i < y; i++)
		days += leap(i) ? 366 : 365;
	tm->tm_wday = (int)((days + tm->tm_yday + 4) % 7);
}

static long rtc_read_time(void __user *arg)
{
	struct arch_rtc_time t;
	struct rtc_time tm = { 0 };

	if (arch_rtc_read_time(&t))
		return -EINVAL;		/* Linux: rtc_valid_tm() of garbage */
	tm.tm_sec = t.sec;
	tm.tm_min = t.min;
	tm.tm_hour = t.hour;
	tm.tm_mday = t.day;
	tm.tm_mon = t.month - 1;
	tm.tm_year = t.year - 1900;
	fill_days(&tm);
	return copy_to_user(arg, &tm, sizeof(tm)) ? -EFAULT : 0;
}

/* Linux's rtc_valid_tm(), with the CMOS clock's range (to 2999). */
static bool valid_tm(const struct rtc_time *tm)
{
	int y = tm->tm_year + 1900;

	return tm->tm_year >= 70 && y <= 2999 && tm->tm_mon >= 0 && tm->tm_mon < 12 &&
	       tm->tm_mday >= 1 && tm->tm_mday <= month_days(y, tm->tm_mon) &&
	       tm->tm_hour >= 0 && tm->tm_hour < 24 && tm->tm_min >= 0 && tm->tm_min < 60 &&
	       tm->tm_sec >= 0 && tm->tm_sec < 60;
}

static long rtc_set_time(const void __user *arg)
{
	struct rtc_time tm;
	struct arch_rtc_time t;

	if (current_cred()->euid != 0)
		return -EACCES;
	if (copy_from_user(&tm, arg, sizeof(tm)))
		return -EFAULT;
	if (!valid_tm(&tm))
		return -EINVAL;
	t = (struct arch_rtc_time){ .year = tm.tm_year + 1900, .month = tm.tm_mon + 1,
				    .day = tm.tm_mday, .hour = tm.tm_hour, .min = tm.tm_min,
				    .sec = tm.tm_sec };
	arch_rtc_set_time(&t);
	return 0;
}

static long rtc_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	switch (cmd) {
	case RTC_RD_TIME:
		return rtc_read_time((void __user *)arg);
	case RTC_SET_TIME:
		return rtc_set_time((const void __user *)arg);
	default:
		return -ENOTTY;
	}
}

static int rtc_open(struct inode *inode, struct file *f)
{
	return __atomic_exchange_n(&rtc_busy, true, __ATOMIC_ACQUIRE) ? -EBUSY : 0;
}

static void rtc_release(struct inode *inode, struct file *f)
{
	__atomic_store_n(&rtc_busy, false, __ATOMIC_RELEASE);
}

static const struct file_operations rtc_fops = {
	.open = rtc_open,
	.release = rtc_release,
	.ioctl = rtc_ioctl,
};

void rtc_dev_init(void)
{
	register_chrdev(RTC_MAJOR, 0, "rtc0", 0600, &rtc_fops);
}
