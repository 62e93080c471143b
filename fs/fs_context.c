/*
 * A process's place in the tree (include/file.h): root directory, working
 * directory and umask, shared by CLONE_FS, copied by fork.  Also the
 * system calls that read or change them: chdir, fchdir, chroot, getcwd,
 * umask.
 *
 * fs->lock (a spinlock) protects root, cwd and umask.  Readers copy a
 * path out with a reference under the lock; writers swap in the new path
 * under the lock and drop the old one's reference after unlocking.
 */
#include <cred.h>
#include <kmalloc.h>
#include <sched.h>
#include <syscall.h>
#include "getname.h"
#include "internal.h"

#define DEFAULT_UMASK	0022

struct fs_context *fs_context_alloc(void)
{
	struct fs_context *fs = kzalloc(sizeof(*fs));

	if (!fs)
		return NULL;
	fs->lock = (struct spinlock)SPINLOCK_INIT("fs_context");
	fs->refcount = 1;
	fs->umask = DEFAULT_UMASK;
	vfs_root_path(&fs->root);
	vfs_root_path(&fs->cwd);
	return fs;
}

struct fs_context *fs_context_get(struct fs_context *fs)
{
	__atomic_add_fetch(&fs->refcount, 1, __ATOMIC_RELAXED);
	return fs;
}

void fs_context_put(struct fs_context *fs)
{
	if (!fs || __atomic_sub_fetch(&fs->refcount, 1, __ATOMIC_ACQ_REL) != 0)
		return;
	path_put(&fs->root);
	path_put(&fs->cwd);
	kfree(fs);
}

struct fs_context *fs_context_dup(struct fs_context *old)
{
	struct fs_context *fs = kzalloc(sizeof(*fs));

	if (!fs)
		return NULL;
	fs->lock = (struct spinlock)SPINLOCK_INIT("fs_context");
	fs->refcount = 1;
	spin_lock(&old->lock);
	fs->root = old->root;
	fs->cwd = old->cwd;
	path_get(&fs->root);
	path_get(&fs->cwd);
	fs->umask = old->umask;
	spin_unlock(&old->lock);
	return fs;
}

struct fs_context *current_fs(void)
{
	return current_task()->fs;
}

static void fs_get_path(const struct path *which, struct fs_context *fs, struct path *out)
{
	spin_lock(&fs->lock);
	*out = *which;
	path_get(out);
	spin_unlock(&fs->lock);
}

void fs_get_root(struct path *out)
{
	struct fs_context *fs = current_fs();

	if (fs)
		fs_get_path(&fs->root, fs, out);
	else
		vfs_root_path(out);
}

void fs_get_cwd(struct path *out)
{
	struct fs_context *fs = current_fs();

	if (fs)
		fs_get_path(&fs->cwd, fs, out);
	else
		vfs_root_path(out);
}

u32 fs_umask(void)
{
	struct fs_context *fs = current_fs();

	return fs ? READ_ONCE(fs->umask) : DEFAULT_UMASK;
}

/* Replace *slot (fs->root or fs->cwd) by p, whose reference moves in. */
static void fs_set_path(struct fs_context *fs, struct path *slot, struct path *p)
{
	struct path old;

	spin_lock(&fs->lock);
	old = *slot;
	*slot = *p;
	spin_unlock(&fs->lock);
	path_put(&old);
}

/* chdir/chroot target checks: a directory the caller may search. */
static int may_enter(const struct path *p)
{
	if (!S_ISDIR(p->dentry->inode->mode))
		return -ENOTDIR;
	return vfs_permission(current_cred(), p->dentry->inode, MAY_EXEC);
}

static long set_cwd_or_root(struct path *p, bool root)
{
	struct fs_context *fs = current_fs();
	int err = may_enter(p);

	if (!err && root && !cred_is_root(current_cred()))
		err = -EPERM;
	if (err || !fs) {
		path_put(p);
		return err ? err : -ESRCH;
	}
	fs_set_path(fs, root ? &fs->root : &fs->cwd, p);
	return 0;
}

SYSCALL_DEFINE1(chdir, const char *, filename)
{
	struct path p;
	int err = user_path_at(AT_FDCWD, filename, LOOKUP_FOLLOW | LOOKUP_DIRECTORY, &p);

	return err ? err : set_cwd_or_root(&p, false);
}

SYSCALL_DEFINE1(fchdir, int, fd)
{
	struct file *f = fget_raw(fd);
	struct path p;

	if (!f)
		return -EBADF;
	p = f->path;
	path_get(&p);
	file_put(f);
	return set_cwd_or_root(&p, false);
}

SYSCALL_DEFINE1(chroot, const char *, filename)
{
	struct path p;
	int err = user_path_at(AT_FDCWD, filename, LOOKUP_FOLLOW | LOOKUP_DIRECTORY, &p);

	return err ? err : set_cwd_or_root(&p, true);
}

SYSCALL_DEFINE1(umask, int, mask)
{
	struct fs_context *fs = current_fs();
	u32 old;

	if (!fs)
		return DEFAULT_UMASK;
	spin_lock(&fs->lock);
	old = fs->umask;
	fs->umask = mask & 0777;
	spin_unlock(&fs->lock);
	return old;
}

/*
 * getcwd(2): the raw system call returns the length including the NUL.
 * A working directory that was removed gives -ENOENT, as on Linux.
 */
SYSCALL_DEFINE2(getcwd, char *, ubuf, unsigned long, size)
{
	char *buf = kmalloc(PATH_MAX, GFP_KERNEL);
	struct path root, cwd;
	long off, len;

	if (!buf)
		return -ENOMEM;
	fs_get_root(&root);
	fs_get_cwd(&cwd);
	if (d_unhashed(cwd.dentry) && !path_equal(&cwd, &root) && cwd.dentry != cwd.mnt->root)
		off = -ENOENT;
	else
		off = d_path(&cwd, &root, buf, PATH_MAX);
	path_put(&root);
	path_put(&cwd);
	len = off < 0 ? off : PATH_MAX - off;
	if (len > 0 && (unsigned long)len > size)
		len = -ERANGE;
	if (len > 0 && copy_to_user(ubuf, buf + off, len))
		len = -EFAULT;
	kfree(buf);
	return len;
}
