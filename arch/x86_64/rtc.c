/*
 * The CMOS real-time clock, read once at boot for the wall-clock time.
 * Read it twice until two reads agree, waiting out updates in progress,
 * and decode BCD and 12-hour formats as the status register says.
 */
#include <asm/io.h>
#include <arch/rtc.h>

#define CMOS_INDEX	0x70
#define CMOS_DATA	0x71
#define RTC_SECONDS	0x00
#define RTC_MINUTES	0x02
#define RTC_HOURS	0x04
#define RTC_DAY		0x07
#define RTC_MONTH	0x08
#define RTC_YEAR	0x09
#define RTC_CENTURY	0x32
#define RTC_STATUS_A	0x0a
#define RTC_STATUS_B	0x0b
#define STATUS_A_UIP	0x80
#define STATUS_B_BINARY	0x04
#define STATUS_B_24H	0x02

struct rtc_time {
	u8 sec, min, hour, day, month, year, century;
};

static u8 cmos_read(u8 reg)
{
	outb(CMOS_INDEX, reg);
	return inb(CMOS_DATA);
}

static void read_raw(struct rtc_time *t)
{
	for (int i = 0; i < 100000 && (cmos_read(RTC_STATUS_A) & STATUS_A_UIP); i++)
		;
	t->sec = cmos_read(RTC_SECONDS);
	t->min = cmos_read(RTC_MINUTES);
	t->hour = cmos_read(RTC_HOURS);
	t->day = cmos_read(RTC_DAY);
	t->month = cmos_read(RTC_MONTH);
	t->year = cmos_read(RTC_YEAR);
	t->century = cmos_read(RTC_CENTURY);
}

static u8 bcd(u8 v)
{
	return (v & 0x0f) + (v >> 4) * 10;
}

/* Days from 1970-01-01 to y-m-d (proleptic Gregorian). */
static s64 days_from_civil(s64 y, unsigned m, unsigned d)
{
	s64 era;
	unsigned yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned)(y - era * 400);
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (s64)doe - 719468;
}

s64 arch_rtc_read_seconds(void)
{
	struct rtc_time a, b;
	u8 status;
	bool pm;
	int year;

	do {
		read_raw(&a);
		read_raw(&b);
	} while (a.sec != b.sec || a.min != b.min || a.hour != b.hour || a.day != b.day);
	status = cmos_read(RTC_STATUS_B);
	pm = a.hour & 0x80;
	a.hour &= 0x7f;
	if (!(status & STATUS_B_BINARY)) {
		a.sec = bcd(a.sec);
		a.min = bcd(a.min);
		a.hour = bcd(a.hour);
		a.day = bcd(a.day);
		a.month = bcd(a.month);
		a.year = bcd(a.year);
		a.century = bcd(a.century);
	}
	if (!(status & STATUS_B_24H) && pm)
		a.hour = (a.hour % 12) + 12;
	year = (a.century >= 19 && a.century <= 30 ? a.century * 100 : 2000) + a.year;
	if (a.month < 1 || a.month > 12 || a.day < 1 || a.day > 31 || a.hour > 23 ||
	    a.min > 59 || a.sec > 60)
		return 0;	/* garbage: start the clock at the epoch */
	return days_from_civil(year, a.month, a.day) * 86400 + a.hour * 3600 + a.min * 60 + a.sec;
}
