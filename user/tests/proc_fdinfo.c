/*
 * /proc/self/fdinfo/N starts with Linux's four lines: the file position,
 * the open flags in octal (O_LARGEFILE as open(2) forces it on 64-bit,
 * O_CLOEXEC from the descriptor), the mount id statx(2) reports and the
 * inode number.  An eventfd shows its own flags (no O_LARGEFILE).
 */
#include <stdint.h>
#include <sys/eventfd.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include "procfs.h"

#define KERNEL_O_LARGEFILE	0100000	/* glibc defines O_LARGEFILE as 0 */
#define STATX_MNT_ID		0x1000u
#ifndef AT_EMPTY_PATH
#define AT_EMPTY_PATH		0x1000
#endif

/* statx(2)'s buffer, as in linux/stat.h (no libc wrapper here). */
struct statx_buf {
	uint32_t mask, blksize;
	uint64_t attributes;
	uint32_t nlink, uid, gid;
	uint16_t mode, spare0;
	uint64_t ino, size, blocks, attributes_mask;
	uint64_t times[8];
	uint32_t rdev_major, rdev_minor, dev_major, dev_minor;
	uint64_t mnt_id;
	uint64_t spare[13];
};

static char buf[4096];

static void check_head(int fd, const char *want)
{
	char path[64];

	snprintf(path, sizeof(path), "/proc/self/fdinfo/%d", fd);
	CHECK(read_file(path, buf, sizeof(buf)) > 0);
	if (strncmp(buf, want, strlen(want)) != 0)
		fprintf(stderr, "want:\n%sgot:\n%s", want, buf);
	CHECK(strncmp(buf, want, strlen(want)) == 0);
}

int main(void)
{
	const char *path = "/tmp/proc_fdinfo_file";
	char want[256];
	struct statx_buf sx;
	struct stat st;
	int fd = open(path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	int efd = eventfd(0, EFD_NONBLOCK);

	CHECK(fd >= 0 && efd >= 0);
	CHECK(write(fd, "hello", 5) == 5);
	CHECK(fstat(fd, &st) == 0);
	CHECK(syscall(SYS_statx, fd, "", AT_EMPTY_PATH, STATX_MNT_ID, &sx) == 0);
	CHECK(sx.mask & STATX_MNT_ID);
	snprintf(want, sizeof(want), "pos:\t5\nflags:\t0%o\nmnt_id:\t%llu\nino:\t%lu\n",
		 O_RDWR | KERNEL_O_LARGEFILE | O_CLOEXEC, (unsigned long long)sx.mnt_id,
		 (unsigned long)st.st_ino);
	check_head(fd, want);
	CHECK(lseek(fd, 2, SEEK_SET) == 2);
	CHECK(fcntl(fd, F_SETFD, 0) == 0);
	snprintf(want, sizeof(want), "pos:\t2\nflags:\t0%o\n", O_RDWR | KERNEL_O_LARGEFILE);
	check_head(fd, want);

	snprintf(want, sizeof(want), "pos:\t0\nflags:\t0%o\nmnt_id:\t", O_RDWR | O_NONBLOCK);
	check_head(efd, want);
	CHECK(strstr(buf, "\nino:\t") != NULL);
	CHECK(unlink(path) == 0);
	return 0;
}
