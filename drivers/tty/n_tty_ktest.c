/*
 * Self-tests of the line discipline's input paths that QEMU cannot
 * drive from outside: a line break received (QEMU's 16550 never reports
 * one from a stdio chardev).  The terminal here is a private struct tty
 * whose driver drops output.
 */
#include <errno.h>
#include <ktest.h>
#include <string.h>
#include <tty.h>

static void drop_output(struct tty *tty, const char *buf, size_t len)
{
	(void)tty, (void)buf, (void)len;
}

static const struct tty_driver_ops null_ops = {
	.write = drop_output,
};

/* A raw terminal with iflag, holding the bytes "ab". */
static void setup(struct tty *t, u32 iflag)
{
	tty_init(t, "ktest", &null_ops, NULL);
	t->termios.c_iflag = iflag;
	t->termios.c_lflag = 0;
	tty_receive(t, 'a');
	tty_receive(t, 'b');
}

static ssize_t read_all(struct tty *t, char *buf, size_t len)
{
	return tty_read(t, tty_hangup_gen(t), buf, len, true);
}

KTEST(n_tty_break)
{
	static struct tty t;	/* 4 KiB of input buffer: not on the stack */
	char buf[16];

	setup(&t, IGNBRK);		/* ignored */
	tty_receive_break(&t);
	KTEST_EXPECT(read_all(&t, buf, sizeof(buf)) == 2);

	setup(&t, 0);			/* a NUL byte */
	tty_receive_break(&t);
	KTEST_EXPECT(read_all(&t, buf, sizeof(buf)) == 3 && buf[2] == '\0');

	setup(&t, PARMRK);		/* marked: \377 \0 \0 */
	tty_receive_break(&t);
	KTEST_EXPECT(read_all(&t, buf, sizeof(buf)) == 5 && memcmp(buf + 2, "\377\0\0", 3) == 0);

	setup(&t, BRKINT);		/* like ^C: input flushed (no group to signal here) */
	tty_receive_break(&t);
	KTEST_EXPECT(read_all(&t, buf, sizeof(buf)) == -EAGAIN);

	setup(&t, BRKINT);
	t.termios.c_lflag = NOFLSH;	/* ... unless NOFLSH */
	tty_receive_break(&t);
	KTEST_EXPECT(read_all(&t, buf, sizeof(buf)) == 2);
	return 0;
}
