/*
 * N_TTY input editing and echo, byte for byte as Linux's n_tty does it,
 * typed at a pty master: VWERASE (BSD's ALTWERASE: letters, digits and
 * '_' make a word), VKILL under the ECHOK/ECHOKE/ECHOE combinations,
 * VERASE without ECHOE, erasing control characters and tabs, ECHOPRT,
 * VREPRINT, VLNEXT, ECHOCTL in raw mode, ECHONL, ISTRIP, INLCR, IGNCR,
 * VEOL2 (only with IEXTEN), IUTF8 (a UTF-8 character is erased whole),
 * signal characters with and without NOFLSH,
 * and on output ONOCR, OCRNL and XTABS.
 */
#include "pty_util.h"

struct edit_case {
	const char *what;
	tcflag_t iflag_on, iflag_off, lflag_on, lflag_off, oflag_on;
	const char *typed;
	size_t typed_len;
	const char *echo;		/* everything the master sees */
	const char *read;		/* one read of the slave (canonical: a line) */
	size_t read_len;
};

#define S(x) x, sizeof(x) - 1

static const struct edit_case cases[] = {
	{ "werase stops at a non-word byte", 0, 0, 0, 0, 0, S("foo-bar\027\n"),
	  "foo-bar\b \b\b \b\b \b\r\n", S("foo-\n") },
	{ "werase takes trailing blanks first", 0, 0, 0, 0, 0, S("ab  \027\n"),
	  "ab  \b \b\b \b\b \b\b \b\r\n", S("\n") },
	{ "kill erases visually", 0, 0, 0, 0, 0, S("abc\025\n"),
	  "abc\b \b\b \b\b \b\r\n", S("\n") },
	{ "kill without ECHOKE", 0, 0, 0, ECHOKE, 0, S("abc\025\n"),
	  "abc^U\r\n\r\n", S("\n") },
	{ "kill without ECHOK", 0, 0, 0, ECHOK, 0, S("abc\025\n"),
	  "abc^U\r\n", S("\n") },
	{ "erase without ECHOE", 0, 0, 0, ECHOE, 0, S("ab\177\n"),
	  "ab^?\r\n", S("a\n") },
	{ "erase a control character", 0, 0, 0, 0, 0, S("a\001\177\n"),
	  "a^A\b \b\b \b\r\n", S("a\n") },
	{ "erase a raw control character", 0, 0, 0, ECHOCTL, 0, S("a\001\177\n"),
	  "a\001\r\n", S("a\n") },
	{ "erase a tab", 0, 0, 0, 0, 0, S("ab\t\177\n"),
	  "ab\t\b\b\b\b\b\b\r\n", S("ab\n") },
	{ "ECHOPRT", 0, 0, ECHOPRT, ECHOE, 0, S("abc\177\177x\n"),
	  "abc\\cb/x\r\n", S("ax\n") },
	{ "reprint", 0, 0, 0, 0, 0, S("ab\022\n"),
	  "ab^R\r\nab\r\n", S("ab\n") },
	{ "lnext", 0, 0, 0, 0, 0, S("\026\003\n"),
	  "^\b^C\r\n", S("\003\n") },
	{ "raw: a typed LF echoes as ^J, CR as a newline", 0, 0, 0, ICANON, 0, S("\n\r"),
	  "^J\r\n", S("\n\n") },
	{ "ECHONL without ECHO", 0, 0, ECHONL, ECHO, 0, S("ab\n"),
	  "\r\n", S("ab\n") },
	{ "ISTRIP", ISTRIP, 0, 0, 0, 0, S("\341\n"),
	  "a\r\n", S("a\n") },
	{ "INLCR in raw mode", INLCR, ICRNL, 0, ICANON | ECHO, 0, S("a\n"),
	  "", S("a\r") },
	{ "IGNCR in raw mode", IGNCR, 0, 0, ICANON | ECHO, 0, S("a\rb"),
	  "", S("ab") },
	{ "IUTF8 erases a whole character", IUTF8, 0, 0, 0, 0, S("a\303\251\177\n"),
	  "a\303\251\b \b\r\n", S("a\n") },
	{ "without IUTF8 one byte", 0, 0, 0, 0, 0, S("a\303\251\177\n"),
	  "a\303\251\b \b\r\n", S("a\303\n") },
	{ "IUTF8 word erase", IUTF8, 0, 0, 0, 0, S("x \303\251t\303\251\027\n"),
	  "x \303\251t\303\251\b \b\b \b\b \b\r\n", S("x \n") },
	{ "EOL2 needs IEXTEN", 0, 0, 0, IEXTEN, 0, S("a%b\n"),
	  "a%b\r\n", S("a%b\n") },
	{ "EOL2 ends a line", 0, 0, 0, 0, 0, S("a%"),
	  "a%", S("a%") },
	{ "^C discards the line", 0, 0, 0, 0, 0, S("ab\003cd\n"),
	  "^Ccd\r\n", S("cd\n") },	/* the echo of "ab" went with the flush */
	{ "^C with NOFLSH keeps it", 0, 0, NOFLSH, 0, 0, S("ab\003cd\n"),
	  "ab^Ccd\r\n", S("abcd\n") },
};

static struct termios base;

static void run_case(int m, int s, const struct edit_case *c)
{
	struct termios t = base;
	char buf[128];
	size_t n = strlen(c->echo);
	struct pollfd p = { .fd = s, .events = POLLIN };

	t.c_iflag = (t.c_iflag | c->iflag_on) & ~c->iflag_off;
	t.c_lflag = (t.c_lflag | c->lflag_on) & ~c->lflag_off;
	t.c_cc[VEOL2] = '%';
	CHECK(tcsetattr(s, TCSANOW, &t) == 0);
	CHECK(write(m, c->typed, c->typed_len) == (ssize_t)c->typed_len);
	if (pty_read_for(m, buf, n, 2000) != n || memcmp(buf, c->echo, n) != 0 ||
	    pty_read_for(m, buf + n, 1, 100) != 0) {
		fprintf(stderr, "%s: echo \"", c->what);
		for (char *b = buf; *b; b++)
			fprintf(stderr, (*b < ' ' || *b > '~') ? "\\%03o" : "%c", (unsigned char)*b);
		fprintf(stderr, "\"\n");
		CHECK(!"the expected echo");
	}
	CHECK(poll(&p, 1, 2000) == 1);
	usleep(20000);	/* raw mode: all of it, not the first byte */
	memset(buf, 0, sizeof(buf));
	if (read(s, buf, sizeof(buf)) != (ssize_t)c->read_len || memcmp(buf, c->read, c->read_len)) {
		fprintf(stderr, "%s: read \"%s\"\n", c->what, buf);
		CHECK(!"the expected input");
	}
	CHECK(tcflush(s, TCIOFLUSH) == 0);
}

/* OPOST: what the slave writes, as the master sees it. */
static void check_output(int m, int s, tcflag_t oflag, const char *out, const char *want)
{
	struct termios t = base;
	char buf[64];
	size_t n = strlen(want);

	CHECK(write(s, "\n", 1) == 1);		/* column 0 */
	CHECK(pty_read_for(m, buf, 2, 2000) == 2);
	t.c_oflag = OPOST | oflag;
	CHECK(tcsetattr(s, TCSANOW, &t) == 0);
	CHECK(write(s, out, strlen(out)) == (ssize_t)strlen(out));
	CHECK(pty_read_for(m, buf, n, 2000) == n && memcmp(buf, want, n) == 0);
	CHECK(pty_read_for(m, buf, 1, 100) == 0);
	CHECK(tcsetattr(s, TCSANOW, &base) == 0);
}

/* IXANY: any typed byte restarts output stopped by ^S. */
static void check_ixany(int m, int s)
{
	struct termios t = base;
	char buf[8];

	t.c_iflag |= IXANY;
	t.c_lflag &= ~(ICANON | ECHO);
	CHECK(tcsetattr(s, TCSANOW, &t) == 0);
	CHECK(fcntl(s, F_SETFL, O_NONBLOCK) == 0);
	CHECK(write(m, "\023", 1) == 1);
	usleep(100000);
	CHECK_ERRNO(write(s, "x", 1), EAGAIN);
	CHECK(write(m, "q", 1) == 1);
	usleep(100000);
	CHECK(write(s, "x", 1) == 1);
	CHECK(pty_read_for(m, buf, 1, 2000) == 1 && buf[0] == 'x');
	CHECK(read(s, buf, sizeof(buf)) == 1 && buf[0] == 'q');
	CHECK(fcntl(s, F_SETFL, 0) == 0);
	CHECK(tcsetattr(s, TCSANOW, &base) == 0);
}

int main(void)
{
	char name[64];
	int m, s;

	pty_need_devpts();
	m = pty_open_master(name, sizeof(name));
	s = open(name, O_RDWR | O_NOCTTY);
	CHECK(s >= 0);
	CHECK(tcgetattr(s, &base) == 0);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		run_case(m, s, &cases[i]);
	CHECK(tcsetattr(s, TCSANOW, &base) == 0);
	check_output(m, s, ONLCR | ONOCR, "\rab\r", "ab\r");
	check_output(m, s, OCRNL, "a\rb", "a\nb");
	check_output(m, s, XTABS, "a\tb", "a       b");
	check_ixany(m, s);
	close(s);
	close(m);
	return 0;
}
