/*
 * The serial console's line (ttyS0 behind /dev/console) as Linux's 8250
 * driver shows it in QEMU: DTR, RTS and OUT2 raised by the driver, CTS,
 * DSR and DCD high (QEMU's chardev always says so); TIOCMBIC/TIOCMBIS
 * move RTS and DTR, TIOCMSET sets them all; tcsendbreak holds the line
 * for 250 ms; CRTSCTS survives a termios round trip; TIOCGSERIAL names a
 * 16550A at 0x3f8, IRQ 4.
 */
#include <fcntl.h>
#include <stdint.h>
#include <sys/ioctl.h>
#include <termios.h>
#include "utest.h"

struct serial_info {	/* Linux's struct serial_struct */
	int type, line;
	unsigned int port;
	int irq, flags, xmit_fifo_size, custom_divisor, baud_base;
	unsigned short close_delay;
	char io_type, reserved_char;
	int hub6;
	unsigned short closing_wait, closing_wait2;
	uint64_t iomem_base;
	unsigned short iomem_reg_shift;
	unsigned int port_high;
	uint64_t iomap_base;
};

static int lines(int fd)
{
	int v = -1;

	CHECK(ioctl(fd, TIOCMGET, &v) == 0);
	return v;
}

static long long ms_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

int main(void)
{
	int fd = open("/dev/console", O_RDWR | O_NOCTTY);
	int bit = TIOCM_RTS, all, start;
	struct serial_info si;
	struct termios t, saved;
	long long t0;

	CHECK(fd >= 0);
	start = lines(fd);
	all = TIOCM_DTR | TIOCM_RTS | TIOCM_OUT2 | TIOCM_CTS | TIOCM_DSR | TIOCM_CAR;
	if ((start & all) != all)
		fprintf(stderr, "TIOCMGET %#x\n", start);
	CHECK((start & all) == all);
	CHECK(!(start & (TIOCM_LOOP | TIOCM_RNG)));

	CHECK(ioctl(fd, TIOCMBIC, &bit) == 0);
	CHECK(!(lines(fd) & TIOCM_RTS) && (lines(fd) & TIOCM_DTR));
	CHECK(ioctl(fd, TIOCMBIS, &bit) == 0);
	CHECK(lines(fd) & TIOCM_RTS);
	bit = TIOCM_RTS | TIOCM_OUT2;	/* TIOCMSET: DTR goes, the rest stays */
	CHECK(ioctl(fd, TIOCMSET, &bit) == 0);
	CHECK((lines(fd) & (TIOCM_DTR | TIOCM_RTS)) == TIOCM_RTS);
	bit = start & (TIOCM_DTR | TIOCM_RTS | TIOCM_OUT1 | TIOCM_OUT2);
	CHECK(ioctl(fd, TIOCMSET, &bit) == 0);
	CHECK(lines(fd) == start);
	CHECK_ERRNO(ioctl(fd, TIOCMGET, (int *)8), EFAULT);

	t0 = ms_now();
	CHECK(tcsendbreak(fd, 0) == 0);
	CHECK(ms_now() - t0 >= 240);
	CHECK(ioctl(fd, TIOCSBRK) == 0 && ioctl(fd, TIOCCBRK) == 0);

	CHECK(tcgetattr(fd, &saved) == 0);
	t = saved;
	t.c_cflag |= CRTSCTS;
	CHECK(tcsetattr(fd, TCSANOW, &t) == 0);
	CHECK(tcgetattr(fd, &t) == 0 && (t.c_cflag & CRTSCTS));
	CHECK(tcsetattr(fd, TCSADRAIN, &saved) == 0);
	CHECK(tcgetattr(fd, &t) == 0 && !(t.c_cflag & CRTSCTS));

	memset(&si, 0xff, sizeof(si));
	CHECK(ioctl(fd, TIOCGSERIAL, &si) == 0);
	CHECK(si.type == 4 && si.line == 0 && si.port == 0x3f8 && si.irq == 4);
	CHECK(si.xmit_fifo_size == 16 && si.baud_base == 115200);
	CHECK(si.close_delay == 50 && si.closing_wait == 3000);
	close(fd);
	return 0;
}
