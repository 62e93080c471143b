/*
 * The CMOS real-time clock, read once at boot for the wall-clock time and
 * by /dev/rtc0 (drivers/char/rtc.c).  Read it twice until two reads agree,
 * waiting out updates in progress, and decode BCD and 12-hour formats as
 * the status register says; a write stops updates (status B SET) while it
 * stores the fields in the same formats.
 *
 * cmos_lock protects the index/data port pair: selecting a register and
 * using it must not interleave with another CPU's access.
 */
#include <asm/io.h>
#include <arch/rtc.h>
#include <spinlock.h>

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
#define STATUS_B_SET	0x80	/* freeze updates while the time is written */

static DEFINE_SPINLOCK(cmos_lock);

struct rtc_time {
	u8 sec, min, hour, day, month, year, century;
};

static u8 cmos_read(u8 reg)
{
	outb(CMOS_INDEX, reg);
	return inb(CMOS_DATA);
}

static void cmos_write(u8 reg, u8 v)
{
	outb(CMOS_INDEX, reg);
	outb(CMOS_DATA, v);
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

static u8 to_bcd(u8 v)
{
	return (u8)(((v / 10) << 4) | (v % 10));
}

int arch_rtc_read_time(struct arch_rtc_time *out)
{
	struct rtc_time a, b;
	unsigned long flags;
	u8 status;
	bool pm;

	flags = spin_lock_irqsave(&cmos_lock);
	do {
		read_raw(&a);
		read_raw(&b);
	} while (a.sec != b.sec || a.min != b.min || a.hour != b.hour || a.day != b.day);
	status = cmos_read(RTC_STATUS_B);
	spin_unlock_irqrestore(&cmos_lock, flags);
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
	if (!(status & STATUS_B_24H))	/* 12 AM is 0, 12 PM is 12 */
		a.hour = (u8)(a.hour % 12 + (pm ? 12 : 0));
	if (a.month < 1 || a.month > 12 || a.day < 1 || a.day > 31 || a.hour > 23 ||
	    a.min > 59 || a.sec > 60)
		return -1;	/* garbage */
	out->year = (a.century >= 19 && a.century <= 30 ? a.century * 100 : 2000) + a.year;
	out->month = a.month;
	out->day = a.day;
	out->hour = a.hour;
	out->min = a.min;
	out->sec = a.sec;
	return 0;
}

void arch_rtc_set_time(const struct arch_rtc_time *t)
{
	u8 f[7] = { (u8)t->sec, (u8)t->min, (u8)t->hour, (u8)t->day, (u8)t->month,
		    (u8)(t->year % 100), (u8)(t->year / 100) };
	static const u8 reg[7] = { RTC_SECONDS, RTC_MINUTES, RTC_HOURS, RTC_DAY, RTC_MONTH,
				   RTC_YEAR, RTC_CENTURY };
	unsigned long flags = spin_lock_irqsave(&cmos_lock);
	u8 status = cmos_read(RTC_STATUS_B);

	cmos_write(RTC_STATUS_B, status | STATUS_B_SET);
	if (!(status & STATUS_B_24H))	/* 12-hour: 1-12, bit 7 for PM */
		f[2] = (u8)((f[2] % 12 ? f[2] % 12 : 12) | (f[2] >= 12 ? 0x80 : 0));
	for (int i = 0; i < 7; i++) {
		u8 v = f[i];

		cmos_write(reg[i], (status & STATUS_B_BINARY) ? v : (u8)((v & 0x80) | to_bcd(v & 0x7f)));
	}
	cmos_write(RTC_STATUS_B, status & ~STATUS_B_SET);
	spin_unlock_irqrestore(&cmos_lock, flags);
}

s64 arch_rtc_read_seconds(void)
{
	struct arch_rtc_time t;

	if (arch_rtc_read_time(&t))
		return 0;	/* garbage: start the clock at the epoch */
	return days_from_civil(t.year, t.month, t.day) * 86400 + t.hour * 3600 + t.min * 60 +
	       t.sec;
}
