/*
 * Path lookup: from a string to a (mount, dentry) pair.
 *
 * A walk starts at the task's root (absolute names), its working
 * directory (AT_FDCWD) or a directory descriptor, and consumes the name
 * one component at a time:
 *
 *   - every directory passed through must grant search (x) permission;
 *   - "." stays; ".." goes to the parent, but never above the task's
 *     root, and at the root of a mount climbs to the mountpoint first;
 *   - a dentry with something mounted on it means the mounted root;
 *   - a symlink in the middle of a name is always followed: its target
 *     text is walked from the link's directory (or the root, if absolute)
 *     and then the rest of the name continues.  At most MAXSYMLINKS (40)
 *     links per lookup, else -ELOOP.  A computed link (get_link, procfs)
 *     either gives its text the same way or, as a "magic" link such as
 *     /proc/PID/fd/N, puts the walk directly on the object it stands
 *     for: that is how a pipe or an unlinked file can be reopened;
 *   - the last component is special: callers decide whether a symlink
 *     there is followed (LOOKUP_FOLLOW, O_NOFOLLOW), whether it may be
 *     missing (O_CREAT, mkdir, ...) and whether it must be a directory
 *     (LOOKUP_DIRECTORY, or a trailing slash as in "dir/").
 *
 * The walk holds references, never locks, between components: a lookup
 * finds the child in the dcache, or takes the directory's inode lock and
 * asks the filesystem (lookup_one_locked).  Symlink targets stay valid
 * because the walk pins each link's inode until it ends.  The remaining
 * parts of outer names wait on a small stack while a link's target is
 * walked, so nesting costs no recursion on the kernel stack.
 */
#include <cred.h>
#include <kmalloc.h>
#include <pathname.h>
#include <string.h>
#include <uapi/fcntl.h>
#include "internal.h"

struct mutex rename_lock = MUTEX_INIT(rename_lock);

/*
 * Computed link texts (/proc/self) one walk may hold: few, so that the
 * nameidata every lookup allocates stays small; more gives -ELOOP.
 */
#define MAX_LINK_TEXTS	8

struct nameidata {
	struct path path;		/* where the walk is */
	struct path root;		/* ".." stops here; absolute links start here */
	struct mount *start_mnt;	/* LOOKUP_NO_XDEV: the mount the walk began on (held) */
	unsigned int flags;		/* LOOKUP_* */
	int total_links;		/* symlinks followed so far */
	struct qstr last;		/* the final component, once reached */
	int last_type;			/* LAST_* */
	bool trailing;			/* the final component had a slash after it */
	const char *link_body;		/* target of the link just picked */
	bool jumped;			/* the last link was a magic one: nd->path is its object */
	int npins;
	struct inode *pins[MAXSYMLINKS];	/* links whose targets we are reading */
	int ntexts;
	char *texts[MAX_LINK_TEXTS];	/* computed link targets, freed at the end */
	const char *rest[MAXSYMLINKS];	/* outer names waiting for their links */
};

static struct nameidata *nd_alloc(unsigned int flags)
{
	struct nameidata *nd = kzalloc(sizeof(*nd));

	if (nd)
		nd->flags = flags;
	return nd;
}

static void nd_free(struct nameidata *nd)
{
	path_put(&nd->path);
	path_put(&nd->root);
	if (nd->start_mnt)
		mnt_put(nd->start_mnt);
	for (int i = 0; i < nd->npins; i++)
		iput(nd->pins[i]);
	for (int i = 0; i < nd->ntexts; i++)
		kfree(nd->texts[i]);
	kfree(nd);
}

/* dirfd as a path for a relative lookup (AT_FDCWD: the cwd). */
static int dirfd_path(int dirfd, struct path *out)
{
	struct file *f;

	if (dirfd == AT_FDCWD) {
		fs_get_cwd(out);
		return 0;
	}
	f = fget_raw(dirfd);
	if (!f)
		return -EBADF;
	*out = f->path;
	path_get(out);
	file_put(f);
	return 0;
}

/*
 * A scoped walk (openat2's RESOLVE_BENEATH or RESOLVE_IN_ROOT) has dirfd
 * as its root: ".." stops there (BENEATH: fails there), and "/" means it
 * (BENEATH: fails).
 */
static int path_init_scoped(struct nameidata *nd, int dirfd, const char *name)
{
	int err;

	if (*name == '/' && (nd->flags & LOOKUP_BENEATH))
		return -EXDEV;
	err = dirfd_path(dirfd, &nd->root);
	if (err)
		return err;
	if (!S_ISDIR(nd->root.dentry->inode->mode))
		return -ENOTDIR;
	nd->path = nd->root;
	path_get(&nd->path);
	return 0;
}

/* Set the starting point.  An empty name is allowed only with LOOKUP_EMPTY. */
static int path_init(struct nameidata *nd, int dirfd, const char *name)
{
	int err = 0;

	if (!*name && !(nd->flags & LOOKUP_EMPTY))
		return -ENOENT;
	if (nd->flags & LOOKUP_IS_SCOPED) {
		err = path_init_scoped(nd, dirfd, name);
	} else if (*name == '/') {
		fs_get_root(&nd->root);
		nd->path = nd->root;
		path_get(&nd->path);
	} else {
		fs_get_root(&nd->root);
		err = dirfd_path(dirfd, &nd->path);
		if (!err && *name && !S_ISDIR(nd->path.dentry->inode->mode))
			err = -ENOTDIR;
	}
	if (!err && (nd->flags & LOOKUP_NO_XDEV)) {
		nd->start_mnt = nd->path.mnt;
		mnt_get(nd->start_mnt);
	}
	return err;
}

/* LOOKUP_NO_XDEV: has the walk left the mount it started on? */
static int check_xdev(const struct nameidata *nd, const struct path *p)
{
	return (nd->flags & LOOKUP_NO_XDEV) && p->mnt != nd->start_mnt ? -EXDEV : 0;
}

/* The directory we are in must be searchable. */
static int may_lookup(struct nameidata *nd)
{
	struct inode *dir = nd->path.dentry->inode;

	if (!S_ISDIR(dir->mode))
		return -ENOTDIR;
	return vfs_permission(current_cred(), dir, MAY_EXEC);
}

struct dentry *lookup_one_locked(struct dentry *dir, const struct qstr *name)
{
	struct inode *inode = dir->inode;
	struct dentry *d;
	int err;

	if (inode->flags & S_DEAD)	/* removed: nothing may be found or made in it */
		return ERR_PTR(-ENOENT);
	d = d_lookup(dir, name);
	if (d)
		return d;
	if (!inode->iops || !inode->iops->lookup)
		return ERR_PTR(-ENOTDIR);
	d = d_alloc(dir, name);
	if (!d)
		return ERR_PTR(-ENOMEM);
	err = inode->iops->lookup(inode, d);
	if (err) {
		dput(d);
		return ERR_PTR(err);
	}
	d_rehash(d);
	return d;
}

/* The child of dir named name, from the dcache or the filesystem. */
static struct dentry *lookup_child(struct dentry *dir, const struct qstr *name)
{
	struct dentry *d = d_lookup(dir, name);

	if (d && d->op && d->op->d_revalidate && !d->op->d_revalidate(d)) {
		d_drop(d);
		dput(d);
		d = NULL;
	}
	if (!d) {
		mutex_lock(&dir->inode->lock);
		d = lookup_one_locked(dir, name);
		mutex_unlock(&dir->inode->lock);
	}
	return d;
}

static int follow_dotdot(struct nameidata *nd)
{
	for (;;) {
		struct mount *m = nd->path.mnt;
		struct dentry *d = nd->path.dentry;

		if (path_equal(&nd->path, &nd->root)) {
			if (nd->flags & LOOKUP_BENEATH)
				return -EXDEV;	/* ".." would leave dirfd */
			break;
		}
		if (d != m->root) {
			spin_lock(&dcache_lock);
			nd->path.dentry = dget(d->parent);
			spin_unlock(&dcache_lock);
			dput(d);
			break;
		}
		spin_lock(&mount_lock);
		if (m->parent == m) {
			spin_unlock(&mount_lock);
			break;		/* the top of the tree */
		}
		nd->path.mnt = m->parent;
		nd->path.dentry = m->mountpoint;
		path_get(&nd->path);
		spin_unlock(&mount_lock);
		dput(d);
		mnt_put(m);
	}
	follow_mounts(&nd->path);
	return check_xdev(nd, &nd->path);
}

/*
 * A computed link (get_link): its text, kept until the walk ends, or ""
 * after moving nd->path to the object a magic link stands for.
 */
static const char *get_computed_link(struct nameidata *nd, struct dentry *link)
{
	struct path jump = { 0 };
	char *text = link->inode->iops->get_link(link, &jump);

	if (IS_ERR(text))
		return text;
	if (text) {
		if (nd->ntexts == MAX_LINK_TEXTS) {
			kfree(text);
			return ERR_PTR(-ELOOP);
		}
		nd->texts[nd->ntexts++] = text;
		return text;
	}
	if (nd->flags & (LOOKUP_NO_MAGICLINKS | LOOKUP_IS_SCOPED) || check_xdev(nd, &jump)) {
		int err = nd->flags & LOOKUP_NO_MAGICLINKS ? -ELOOP : -EXDEV;

		path_put(&jump);
		return ERR_PTR(err);
	}
	path_put(&nd->path);
	nd->path = jump;
	nd->jumped = true;
	return "";
}

/* Start walking the target of the symlink at link (reference taken over). */
static int pick_link(struct nameidata *nd, struct path *link)
{
	struct inode *inode = link->dentry->inode;
	const char *body = inode->link;

	if (++nd->total_links > MAXSYMLINKS || nd->npins >= MAXSYMLINKS ||
	    (nd->flags & LOOKUP_NO_SYMLINKS)) {
		path_put(link);
		return -ELOOP;
	}
	nd->jumped = false;
	if (inode->iops && inode->iops->get_link) {
		body = get_computed_link(nd, link->dentry);
		path_put(link);
		if (IS_ERR(body))
			return (int)PTR_ERR(body);
		nd->link_body = body;
		if (nd->jumped)
			return 1;
	} else {
		if (!body) {
			path_put(link);
			return -EIO;
		}
		iget(inode);
		nd->pins[nd->npins++] = inode;
		path_put(link);
	}
	if (!*body)
		return -ENOENT;
	nd->link_body = body;
	if (*body == '/') {
		if ((nd->flags & LOOKUP_BENEATH) || check_xdev(nd, &nd->root))
			return -EXDEV;
		path_put(&nd->path);
		nd->path = nd->root;
		path_get(&nd->path);
	}
	return 1;
}

/*
 * Step to the child 'name'.  Returns 0 (nd->path moved), 1 (it was a
 * symlink to follow: nd->link_body is set, nd->path unchanged), or -errno.
 */
static int walk_component(struct nameidata *nd, const struct qstr *name, int type, bool follow)
{
	struct path next;
	struct dentry *d;

	if (type == LAST_DOT || type == LAST_ROOT)
		return 0;
	nd->jumped = false;
	if (type == LAST_DOTDOT)
		return follow_dotdot(nd);
	d = lookup_child(nd->path.dentry, name);
	if (IS_ERR(d))
		return (int)PTR_ERR(d);
	if (d_is_negative(d)) {
		dput(d);
		return -ENOENT;
	}
	next.mnt = nd->path.mnt;
	next.dentry = d;
	mnt_get(next.mnt);
	follow_mounts(&next);
	if (check_xdev(nd, &next)) {
		path_put(&next);
		return -EXDEV;
	}
	if (follow && S_ISLNK(next.dentry->inode->mode))
		return pick_link(nd, &next);
	path_put(&nd->path);
	nd->path = next;
	return 0;
}

/*
 * Walk every component of name but the last, following symlinks on the
 * way; leave the last in nd->last.  0 or -errno.
 */
static int link_path_walk(struct nameidata *nd, const char *name)
{
	struct pathname_component c;
	int depth = 0, err;

	nd->last_type = LAST_ROOT;
	nd->trailing = false;
	for (;;) {
		struct qstr this;

		if (!pathname_next(&name, &c)) {
			if (depth == 0)
				return 0;	/* the name was only slashes: LAST_ROOT */
			name = nd->rest[--depth];
			continue;
		}
		err = may_lookup(nd);
		if (err)
			return err;
		if (c.len > NAME_MAX)
			return -ENAMETOOLONG;
		this = (struct qstr){ c.name, c.len, vfs_name_hash(c.name, c.len) };
		if (c.last && depth == 0) {
			nd->last = this;
			nd->last_type = c.type;
			nd->trailing = c.trailing;
			return 0;
		}
		err = walk_component(nd, &this, c.type, true);
		if (err < 0)
			return err;
		if (err == 1) {
			if (!c.last)
				nd->rest[depth++] = name;	/* depth <= total_links <= 40 */
			name = nd->link_body;
		}
	}
}

/* Resolve the last component for a plain lookup: 0, 1 (follow), -errno. */
static int lookup_last(struct nameidata *nd)
{
	if (nd->trailing)
		nd->flags |= LOOKUP_FOLLOW | LOOKUP_DIRECTORY;
	return walk_component(nd, &nd->last, nd->last_type, nd->flags & LOOKUP_FOLLOW);
}

int vfs_lookup(int dirfd, const char *name, unsigned int flags, struct path *out)
{
	struct nameidata *nd = nd_alloc(flags);
	int err;

	if (!nd)
		return -ENOMEM;
	err = path_init(nd, dirfd, name);
	if (!err)
		err = link_path_walk(nd, name);
	while (!err && (err = lookup_last(nd)) > 0)
		err = link_path_walk(nd, nd->link_body);
	if (!err && (nd->flags & LOOKUP_DIRECTORY) && !S_ISDIR(nd->path.dentry->inode->mode))
		err = -ENOTDIR;
	if (!err) {
		*out = nd->path;
		nd->path = (struct path){ 0 };
	}
	nd_free(nd);
	return err;
}

/*
 * The parent directory of name's last component, for the calls that
 * create or remove it.  *last points into name.
 */
int vfs_lookup_parent(int dirfd, const char *name, unsigned int flags, struct path *parent,
		      struct qstr *last, int *type, bool *trailing)
{
	struct nameidata *nd = nd_alloc(flags);
	int err;

	if (!nd)
		return -ENOMEM;
	err = path_init(nd, dirfd, name);
	if (!err)
		err = link_path_walk(nd, name);
	if (!err && nd->last_type == LAST_NORM)
		err = may_lookup(nd);	/* a last component is looked up in a directory */
	if (!err) {
		*parent = nd->path;
		nd->path = (struct path){ 0 };
		*last = nd->last;
		*type = nd->last_type;
		*trailing = nd->trailing;
	}
	nd_free(nd);
	return err;
}

/* --- open ------------------------------------------------------------------ */

/* Create the regular file d in the locked directory dir. */
static int open_create(struct path *dir, struct dentry *d, u32 mode)
{
	struct inode *di = dir->dentry->inode;
	int err = may_modify_dir(dir);

	if (err)
		return err;
	if (!di->iops || !di->iops->create)
		return -EACCES;
	mode = (mode & S_IALLUGO & ~fs_umask()) | S_IFREG;
	return di->iops->create(di, d, mode);
}

/*
 * O_CREAT on a normal last component: create it under the directory's
 * lock if it is missing (0, *created set), or report that it exists
 * (1: the caller looks it up the ordinary way).
 */
static int open_create_last(struct nameidata *nd, u32 mode, struct path *result,
			    bool *created)
{
	struct inode *di = nd->path.dentry->inode;
	struct dentry *d;
	int err;

	mutex_lock(&di->lock);
	d = lookup_one_locked(nd->path.dentry, &nd->last);
	if (IS_ERR(d)) {
		mutex_unlock(&di->lock);
		return (int)PTR_ERR(d);
	}
	if (!d_is_negative(d)) {
		mutex_unlock(&di->lock);
		dput(d);
		return 1;
	}
	err = open_create(&nd->path, d, mode);
	mutex_unlock(&di->lock);
	result->mnt = nd->path.mnt;
	result->dentry = d;
	mnt_get(result->mnt);
	if (err)
		path_put(result);
	*created = !err;
	return err;
}

/*
 * The last component of an open: look it up, create it (O_CREAT), or
 * follow it.  Returns 0 with *result set, 1 to walk nd->link_body, -errno.
 */
static int open_last(struct nameidata *nd, unsigned int oflags, u32 mode,
		     struct path *result, bool *created)
{
	bool follow = !(oflags & O_NOFOLLOW) || nd->trailing;
	int err;

	if (nd->trailing)
		nd->flags |= LOOKUP_DIRECTORY;
	if ((oflags & O_CREAT) && nd->jumped && nd->last_type == LAST_ROOT) {
		/* A magic link (/dev/stdout -> /proc/self/fd/1) names an existing file. */
		if (oflags & O_EXCL)
			return -EEXIST;
	} else if (oflags & O_CREAT) {
		if (nd->last_type != LAST_NORM || nd->trailing)
			return -EISDIR;
		err = open_create_last(nd, mode, result, created);
		if (err <= 0)
			return err;
		if (oflags & O_EXCL)
			return -EEXIST;
		/* It exists: an ordinary lookup, which may follow a symlink. */
	}
	err = walk_component(nd, &nd->last, nd->last_type, follow);
	if (err)
		return err;
	*result = nd->path;
	path_get(result);
	return 0;
}

/* Look up (and maybe create) the file an open(2) names, and open it. */
int do_filp_open(int dirfd, const char *name, unsigned int oflags, u32 mode,
		 unsigned int lookup_flags, struct file **out)
{
	struct nameidata *nd = nd_alloc(lookup_flags | ((oflags & O_DIRECTORY) ? LOOKUP_DIRECTORY : 0));
	struct path p = { 0 };
	bool created = false;
	unsigned int flags;
	u32 type;
	int err;

	if (!nd)
		return -ENOMEM;
	err = path_init(nd, dirfd, name);
	if (!err)
		err = link_path_walk(nd, name);
	while (!err && (err = open_last(nd, oflags, mode, &p, &created)) > 0)
		err = link_path_walk(nd, nd->link_body);
	flags = nd->flags;
	nd_free(nd);
	if (err)
		return err;
	type = p.dentry->inode->mode & S_IFMT;
	if (type == S_IFDIR && (oflags & O_CREAT))
		err = -EISDIR;
	else if ((flags & LOOKUP_DIRECTORY) && type != S_IFDIR)
		err = -ENOTDIR;
	else if (type == S_IFLNK && !(oflags & O_PATH))
		err = -ELOOP;		/* O_NOFOLLOW met a symlink */
	else
		err = do_file_open(&p, oflags, created, out);
	path_put(&p);
	return err;
}
