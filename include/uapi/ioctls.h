/*
 * Generic and terminal ioctl numbers (asm-generic/ioctls.h), plus the
 * terminal structures the console answers with until the TTY layer.
 */
#ifndef UAPI_IOCTLS_H
#define UAPI_IOCTLS_H

#include <stdint.h>

#define TCGETS		0x5401
#define TCSETS		0x5402
#define TCSETSW		0x5403
#define TCSETSF		0x5404
#define TIOCSCTTY	0x540e
#define TIOCGPGRP	0x540f
#define TIOCSPGRP	0x5410
#define TIOCGWINSZ	0x5413
#define TIOCSWINSZ	0x5414
#define FIONREAD	0x541b
#define TIOCINQ		FIONREAD
#define FIONBIO		0x5421
#define TIOCGPTN	0x80045430	/* _IOR('T', 0x30, unsigned int) */
#define TIOCSPTLCK	0x40045431	/* _IOW('T', 0x31, int) */
#define TIOCGPTLCK	0x80045439	/* _IOR('T', 0x39, int) */
#define TIOCGPTPEER	0x5441		/* _IO('T', 0x41) */
#define FIONCLEX	0x5450
#define FIOCLEX		0x5451
#define FIOASYNC	0x5452
#define FIFREEZE	0xc0045877	/* _IOWR('X', 119, int): freeze the file system */
#define FITHAW		0xc0045878	/* _IOWR('X', 120, int) */

struct winsize {
	uint16_t ws_row;
	uint16_t ws_col;
	uint16_t ws_xpixel;
	uint16_t ws_ypixel;
};

_Static_assert(sizeof(struct winsize) == 8, "winsize size");

#endif
