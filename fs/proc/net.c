/*
 * /proc/PID/net (and /proc/net, a link to self/net): what the socket
 * families report.  Only AF_UNIX's table exists so far (net/unix/).
 */
#include <kmalloc.h>
#include <net.h>
#include <string.h>
#include "internal.h"

static int show_unix(struct seq_buf *s, const struct proc_node *pn)
{
	unix_show_proc_net(s);
	return 0;
}

const struct proc_entry proc_net_entries[] = {
	{ .name = "unix", .mode = S_IFREG | 0444, .show = show_unix },
	{ 0 }
};

char *proc_link_net(const struct proc_node *pn, struct path *jump)
{
	char *s = kmalloc(16, GFP_KERNEL);

	if (!s)
		return ERR_PTR(-ENOMEM);
	strlcpy(s, "self/net", 16);
	return s;
}
