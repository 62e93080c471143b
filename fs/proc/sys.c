/*
 * /proc/sys: the kernel's tunables as text files, one value per file
 * (sysctl(8) reads and writes these).  Only what user space commonly
 * looks at is here; hostname and domainname are writable by root (the
 * file mode, 0644 and owned by root, is the check, as on Linux) and set
 * the same names as sethostname(2)/setdomainname(2); so is pid_max.
 */
#include <format.h>
#include <cred.h>
#include <errno.h>
#include <proc.h>
#include <string.h>
#include <utsname.h>
#include "internal.h"

static int show_hostname(struct seq_buf *s, const struct proc_node *pn)
{
	char name[65];

	uts_get_name(UTS_HOSTNAME, name);
	seq_printf(s, "%s\n", name);
	return 0;
}

static int show_domainname(struct seq_buf *s, const struct proc_node *pn)
{
	char name[65];

	uts_get_name(UTS_DOMAINNAME, name);
	seq_printf(s, "%s\n", name);
	return 0;
}

/*
 * Linux's proc_dostring(): the value ends at the first newline or NUL and
 * is cut to fit (64 characters); the whole write counts as taken.
 */
static ssize_t write_uts(enum uts_name which, const char *buf, size_t len)
{
	size_t n = 0;

	if (len == 0)
		return 0;	/* nothing written: the name stays (Linux) */
	while (n < len && buf[n] != '\n' && buf[n] != '\0')
		n++;
	uts_set_name(which, buf, MIN(n, (size_t)64));
	return (ssize_t)len;
}

static ssize_t write_hostname(const struct proc_node *pn, const char *buf, size_t len)
{
	return write_uts(UTS_HOSTNAME, buf, len);
}

static ssize_t write_domainname(const struct proc_node *pn, const char *buf, size_t len)
{
	return write_uts(UTS_DOMAINNAME, buf, len);
}

static int show_osrelease(struct seq_buf *s, const struct proc_node *pn)
{
	seq_puts(s, UTS_RELEASE "\n");
	return 0;
}

static int show_ostype(struct seq_buf *s, const struct proc_node *pn)
{
	seq_puts(s, UTS_SYSNAME "\n");
	return 0;
}

static int show_pid_max(struct seq_buf *s, const struct proc_node *pn)
{
	seq_printf(s, "%d\n", pid_max_get());
	return 0;
}

static bool sysctl_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

/* The value of digit c in base, or -1. */
static int digit_value(char c, unsigned int base)
{
	int v = c >= '0' && c <= '9' ? c - '0' :
		c >= 'a' && c <= 'f' ? c - 'a' + 10 :
		c >= 'A' && c <= 'F' ? c - 'A' + 10 : 99;

	return v < (int)base ? v : -1;
}

/*
 * One integer as Linux's proc_dointvec_minmax() reads it: blanks, an
 * optional '-', a number in C notation (0x hex, 0 octal), ended by a
 * blank or the end; at most 21 characters.  Returns the bytes taken
 * (trailing blanks too; anything after them is left, as Linux leaves
 * it) or -EINVAL.
 */
static ssize_t parse_sysctl_long(const char *buf, size_t len, long *out)
{
	size_t i = 0, start;
	unsigned int base = 10;
	unsigned long v = 0;
	bool neg = false;
	int d;

	while (i < len && sysctl_space(buf[i]))
		i++;
	if (i < len && buf[i] == '-') {
		neg = true;
		i++;
	}
	start = i;
	if (i + 1 < len && buf[i] == '0' && (buf[i + 1] == 'x' || buf[i + 1] == 'X')) {
		base = 16;
		i += 2;
	} else if (i < len && buf[i] == '0') {
		base = 8;
	}
	for (; i < len && (d = digit_value(buf[i], base)) >= 0; i++) {
		if (v > (~0ul - (unsigned long)d) / base)
			return -EINVAL;
		v = v * base + (unsigned long)d;
	}
	if (i == start || i - start > 21 || (i < len && !sysctl_space(buf[i])))
		return -EINVAL;
	if (v > (neg ? (unsigned long)__LONG_MAX__ + 1 : (unsigned long)__LONG_MAX__))
		return -EINVAL;
	*out = neg ? -(long)v : (long)v;
	while (i < len && sysctl_space(buf[i]))
		i++;
	return (ssize_t)i;
}

/* Root sets it (the file is 0644, owned by root); Linux's range, else -EINVAL. */
static ssize_t write_pid_max(const struct proc_node *pn, const char *buf, size_t len)
{
	long v;
	ssize_t taken;
	int err;

	if (len == 0)
		return 0;	/* Linux's handlers take an empty write as a no-op */
	taken = parse_sysctl_long(buf, len, &v);
	if (taken < 0)
		return taken;
	if (v < -__INT_MAX__ - 1 || v > __INT_MAX__)
		return -EINVAL;
	err = pid_max_set((int)v);
	return err ? err : taken;
}

static int show_ngroups_max(struct seq_buf *s, const struct proc_node *pn)
{
	seq_printf(s, "%d\n", NGROUPS_MAX);
	return 0;
}

/* Heuristic overcommit (0), Linux's default: we never refuse on commit either. */
static int show_overcommit(struct seq_buf *s, const struct proc_node *pn)
{
	seq_puts(s, "0\n");
	return 0;
}

static const struct proc_entry kernel_entries[] = {
	{ .name = "domainname", .mode = S_IFREG | 0644, .show = show_domainname,
	  .write = write_domainname },
	{ .name = "hostname", .mode = S_IFREG | 0644, .show = show_hostname,
	  .write = write_hostname },
	{ .name = "ngroups_max", .mode = S_IFREG | 0444, .show = show_ngroups_max },
	{ .name = "osrelease", .mode = S_IFREG | 0444, .show = show_osrelease },
	{ .name = "ostype", .mode = S_IFREG | 0444, .show = show_ostype },
	{ .name = "pid_max", .mode = S_IFREG | 0644, .show = show_pid_max,
	  .write = write_pid_max },
	{ 0 }
};

static const struct proc_entry vm_entries[] = {
	{ .name = "overcommit_memory", .mode = S_IFREG | 0444, .show = show_overcommit },
	{ 0 }
};

const struct proc_entry proc_sys_entries[] = {
	{ .name = "kernel", .mode = S_IFDIR | 0555, .children = kernel_entries },
	{ .name = "vm", .mode = S_IFDIR | 0555, .children = vm_entries },
	{ 0 }
};
