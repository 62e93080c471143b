/*
 * A new terminal does not know its size: TIOCGWINSZ on a fresh pty pair
 * gives 0 rows, 0 columns (and 0 pixels) on both sides until someone sets
 * it, and programs (busybox vi, stty) fall back to 24x80 themselves.  The
 * size is the pair's: set on the slave, the master reads it too.  A size
 * set on one pair is not inherited by the next pair, even when the
 * new one reuses the same /dev/pts number.
 */
#include "pty_util.h"

/* fd's size is rows x cols (xpix x ypix pixels); else say which call saw what. */
#define check_size(fd, rows, cols, xpix, ypix)                                  \
	do {                                                                    \
		struct winsize ws_;                                             \
		memset(&ws_, 0xff, sizeof(ws_));                                \
		CHECK(ioctl(fd, TIOCGWINSZ, &ws_) == 0);                        \
		if (ws_.ws_row != (rows) || ws_.ws_col != (cols) ||             \
		    ws_.ws_xpixel != (xpix) || ws_.ws_ypixel != (ypix)) {       \
			fprintf(stderr, "line %d: size %ux%u (%ux%u pixels)\n", \
				__LINE__, ws_.ws_row, ws_.ws_col,               \
				ws_.ws_xpixel, ws_.ws_ypixel);                  \
			exit(1);                                                \
		}                                                               \
	} while (0)

int main(void)
{
	char name[64], again[64];
	struct winsize big = { .ws_row = 30, .ws_col = 100, .ws_xpixel = 7, .ws_ypixel = 9 };
	int m, s;

	pty_need_devpts();
	m = pty_open_master(name, sizeof(name));
	s = open(name, O_RDWR | O_NOCTTY);
	CHECK(s >= 0);
	check_size(m, 0, 0, 0, 0);
	check_size(s, 0, 0, 0, 0);

	/* Set on the slave: both sides see it. */
	CHECK(ioctl(s, TIOCSWINSZ, &big) == 0);
	check_size(s, 30, 100, 7, 9);
	check_size(m, 30, 100, 7, 9);
	close(s);
	close(m);

	m = pty_open_master(again, sizeof(again));
	s = open(again, O_RDWR | O_NOCTTY);
	CHECK(s >= 0);
	check_size(m, 0, 0, 0, 0);
	check_size(s, 0, 0, 0, 0);
	close(s);
	close(m);
	return 0;
}
