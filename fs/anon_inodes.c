/*
 * The anonymous-inode filesystem (see include/anon_inodes.h).
 *
 * One internal superblock, never mounted anywhere a path can reach, with
 * one inode that every anonymous file points at.  The inode carries no
 * file operations: each file gets its own ops at creation, and its own
 * pseudo dentry whose name d_path() returns as it is.
 */
#include <anon_inodes.h>
#include <cred.h>
#include <format.h>
#include <panic.h>
#include <uapi/fcntl.h>
#include "internal.h"

#define ANON_INODE_FS_MAGIC	0x09041934	/* Linux's statfs f_type */

static struct mount *anon_mnt;		/* immutable after boot */
static struct inode *anon_inode;	/* immutable after boot; shared by every file */

static struct file_system_type anon_inode_fs_type = {
	.name = "anon_inodefs",
};

static const struct super_operations anon_sops = { 0 };

void anon_inodes_init(void)
{
	struct super_block *sb = sb_alloc(&anon_inode_fs_type, &anon_sops, ANON_INODE_FS_MAGIC);
	struct inode *root = sb ? new_inode(sb) : NULL;

	if (root) {
		root->ino = sb_next_ino(sb);
		root->mode = S_IFDIR | 0600;
		sb->root = d_make_root(root);
	}
	anon_mnt = sb && sb->root ? kern_mount(sb) : NULL;
	anon_inode = anon_mnt ? new_inode(sb) : NULL;
	if (!anon_inode)
		panic("VFS: cannot create anon_inodefs");
	/* Linux's anonymous inode: rw for its owner (root), no file type bits. */
	anon_inode->ino = sb_next_ino(sb);
	anon_inode->mode = 0600;
	sb_put(sb);
}

struct file *anon_inode_getfile(const char *name, const struct file_operations *fops,
				void *priv, unsigned int oflags)
{
	struct path path = { .mnt = anon_mnt };
	struct file *f;
	char full[48];

	snprintf(full, sizeof(full), "anon_inode:%s", name);
	iget(anon_inode);
	path.dentry = d_alloc_pseudo(anon_mnt->sb, anon_inode, full);
	if (!path.dentry)
		return ERR_PTR(-ENOMEM);
	f = vfs_file_open(&path, oflags & (O_ACCMODE | O_NONBLOCK));
	dput(path.dentry);	/* the file holds it now */
	if (IS_ERR(f))
		return f;
	f->ops = fops;
	f->private = priv;
	f->mode &= ~(FMODE_PREAD | FMODE_PWRITE);	/* lseek: the ops' (noop_llseek) */
	return f;
}

int anon_inode_getfd(const char *name, const struct file_operations *fops, void *priv,
		     unsigned int oflags)
{
	int fd = fd_reserve(0, oflags & O_CLOEXEC);
	struct file *f;

	if (fd < 0)
		return fd;
	f = anon_inode_getfile(name, fops, priv, oflags);
	if (IS_ERR(f)) {
		fd_unreserve(fd);
		return (int)PTR_ERR(f);
	}
	fd_commit(fd, f);
	return fd;
}

bool anon_inode_file_is(const struct file *f, const struct file_operations *fops)
{
	return f->ops == fops && f->inode == anon_inode;
}
