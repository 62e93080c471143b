/*
 * /proc/sys: the kernel's tunables as text files, one value per file
 * (sysctl(8) reads and writes these).  Only what user space commonly
 * looks at is here; hostname and domainname are writable by root (the
 * file mode, 0644 and owned by root, is the check, as on Linux) and set
 * the same names as sethostname(2)/setdomainname(2).
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
	seq_printf(s, "%d\n", PID_MAX);
	return 0;
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
	{ .name = "pid_max", .mode = S_IFREG | 0444, .show = show_pid_max },
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
