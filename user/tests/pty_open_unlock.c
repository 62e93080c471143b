/*
 * Opening /dev/ptmx makes a pair: TIOCGPTN names /dev/pts/N, a character
 * device 136:N owned by the opener with mode 0600 (devpts defaults); the
 * slave stays locked (-EIO) until TIOCSPTLCK(0); ptsname agrees; both
 * sides are terminals; TIOCGPTPEER opens the slave without a path; the
 * lowest free number is reused; closing the master removes the node;
 * nobody may create names in /dev/pts.
 */
#include <sys/sysmacros.h>
#include "pty_util.h"

int main(void)
{
	char path[64], name[64];
	unsigned int n, n2;
	struct stat st;
	int m, m2, m3, s, lock, peer;

	pty_need_devpts();
	m = open("/dev/ptmx", O_RDWR | O_NOCTTY);
	CHECK(m >= 0);
	CHECK(ioctl(m, TIOCGPTN, &n) == 0);
	snprintf(path, sizeof(path), "/dev/pts/%u", n);
	CHECK(stat(path, &st) == 0);
	CHECK(S_ISCHR(st.st_mode) && (st.st_mode & 07777) == 0600);
	CHECK(major(st.st_rdev) == 136 && minor(st.st_rdev) == n);
	CHECK(st.st_uid == getuid() && st.st_gid == getgid());

	/* Locked until unlockpt. */
	CHECK(ioctl(m, TIOCGPTLCK, &lock) == 0 && lock == 1);
	CHECK_ERRNO(open(path, O_RDWR | O_NOCTTY), EIO);
	CHECK_ERRNO(ioctl(m, TIOCGPTPEER, O_RDWR | O_NOCTTY), EIO);
	lock = 0;
	CHECK(ioctl(m, TIOCSPTLCK, &lock) == 0);
	CHECK(ioctl(m, TIOCGPTLCK, &lock) == 0 && lock == 0);
	s = open(path, O_RDWR | O_NOCTTY);
	CHECK(s >= 0);
	CHECK(ptsname_r(m, name, sizeof(name)) == 0 && strcmp(name, path) == 0);
	CHECK(isatty(m) && isatty(s));
	CHECK_ERRNO(ioctl(s, TIOCGPTN, &n2), ENOTTY);	/* the slave is no master */

	/* TIOCGPTPEER: another file on the same slave. */
	peer = ioctl(m, TIOCGPTPEER, O_RDWR | O_NOCTTY);
	CHECK(peer >= 0);
	CHECK(fstat(peer, &st) == 0 && st.st_rdev == makedev(136, n));
	close(peer);

	/* Nobody makes names in devpts. */
	CHECK_ERRNO(mkdir("/dev/pts/x", 0755), EPERM);

	/* The lowest free number is reused; closing the master removes the node. */
	m2 = posix_openpt(O_RDWR | O_NOCTTY);
	CHECK(m2 >= 0 && ioctl(m2, TIOCGPTN, &n2) == 0 && n2 != n);
	close(s);
	close(m);
	CHECK_ERRNO(stat(path, &st), ENOENT);
	m3 = posix_openpt(O_RDWR | O_NOCTTY);
	CHECK(m3 >= 0 && ioctl(m3, TIOCGPTN, &n) == 0);
	CHECK(n < n2);
	close(m2);
	close(m3);
	return 0;
}
