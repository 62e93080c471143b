/*
 * The initial RAM disk the boot loader handed over (kernel/initrd.c):
 * a Linux initramfs, that is cpio "newc"/"crc" archives, plain or
 * gzip-compressed, possibly several one after another.
 */
#ifndef INITRD_H
#define INITRD_H

/*
 * Look at boot_info's initrd and print one line saying what it holds:
 * "initrd: none", "initrd: N entries, M bytes of file data", or
 * "initrd: malformed archive at offset X: <reason>".  The contents are
 * untrusted; garbage gives a message, never a crash.  A gzip member is
 * unpacked into a temporary vmalloc buffer, so call this after mm_init();
 * called earlier it only checks the gzip header.  Boot CPU only.
 */
void initrd_check(void);

#endif
