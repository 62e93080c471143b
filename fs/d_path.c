/*
 * Names of paths: from a (mount, dentry) pair back to the string a task
 * would use to reach it from its root, for getcwd(2), /proc/<pid>/cwd and
 * the mount table.
 *
 * The name is built right to left, climbing d->parent and, at the root of
 * a mount, jumping to its mountpoint, until the task's root is reached.
 * Both mount_lock and dcache_lock are held for the climb (in that order),
 * so a concurrent rename or umount cannot tear the name apart.
 */
#include <string.h>
#include "internal.h"

/* Prepend "/name" at buf[*pos]; false when it does not fit. */
static bool prepend_name(char *buf, long *pos, const struct qstr *name)
{
	if (*pos < (long)name->len + 1)
		return false;
	*pos -= name->len;
	memcpy(buf + *pos, name->name, name->len);
	buf[--*pos] = '/';
	return true;
}

long d_path(const struct path *p, const struct path *root, char *buf, size_t len)
{
	struct mount *m = p->mnt;
	struct dentry *d = p->dentry;
	long pos = (long)len - 1, err = 0;

	if (len < 2)
		return -ENAMETOOLONG;
	buf[pos] = '\0';
	spin_lock(&mount_lock);
	spin_lock(&dcache_lock);
	for (;;) {
		if (d == root->dentry && m == root->mnt)
			break;
		if (d == m->root) {
			if (m->parent == m)
				break;	/* the top, outside the task's root */
			d = m->mountpoint;
			m = m->parent;
			continue;
		}
		if (d->parent == d) {	/* a pseudo file: its name alone ("pipe:[12]") */
			if (pos < (long)d->name.len) {
				err = -ENAMETOOLONG;
				break;
			}
			pos -= d->name.len;
			memcpy(buf + pos, d->name.name, d->name.len);
			spin_unlock(&dcache_lock);
			spin_unlock(&mount_lock);
			return pos;
		}
		if (!prepend_name(buf, &pos, &d->name)) {
			err = -ENAMETOOLONG;
			break;
		}
		d = d->parent;
	}
	spin_unlock(&dcache_lock);
	spin_unlock(&mount_lock);
	if (err)
		return err;
	if (pos == (long)len - 1)
		buf[--pos] = '/';
	return pos;
}
