/*
 * sockfs: the pseudo-filesystem that gives every socket an inode and a
 * file, so a socket is a descriptor like any other.
 *
 * Each socket gets its own inode (mode S_IFSOCK | 0777, owned by its
 * creator, as Linux's sock_alloc()) on one internal superblock that is
 * mounted nowhere, and a nameless dentry called "socket:[ino]", which is
 * what fstat(2) and /proc/PID/fd show.  Opening that inode again (through
 * /proc/PID/fd/N) fails with -ENXIO, as on Linux.
 *
 * The file operations here turn read/write/poll/ioctl on the descriptor
 * into the family's operations; the struct socket is the file's private
 * data and dies with the file's last reference.
 */
#include <cred.h>
#include <format.h>
#include <kmalloc.h>
#include <net.h>
#include <panic.h>
#include <poll.h>
#include <uapi/fcntl.h>
#include <uapi/ioctls.h>
#include "../fs/internal.h"

#define SOCKFS_MAGIC	0x534f434b	/* Linux's statfs f_type */

static struct mount *sock_mnt;		/* immutable after boot */

static ssize_t sock_read(struct file *f, struct iov_iter *to, u64 *pos)
{
	struct socket *sock = f->private;
	struct msg_kern msg = { .iter = to };
	ssize_t ret;

	if (!iov_iter_count(to))
		return 0;
	ret = sock_recvmsg(sock, &msg, (file_flags(f) & O_NONBLOCK) ? MSG_DONTWAIT : 0);
	scm_destroy(&msg.scm);		/* read(2) has nowhere to put control data */
	return ret;
}

static ssize_t sock_write(struct file *f, struct iov_iter *from, u64 *pos)
{
	struct socket *sock = f->private;
	struct msg_kern msg = { .iter = from };
	ssize_t ret;

	if (file_flags(f) & O_NONBLOCK)
		msg.flags |= MSG_DONTWAIT;
	if (sock->type == SOCK_SEQPACKET)
		msg.flags |= MSG_EOR;
	ret = sock_sendmsg(sock, &msg);
	return ret;
}

static unsigned int sock_poll(struct file *f, struct poll_table *pt)
{
	struct socket *sock = f->private;

	return sock->ops->poll ? sock->ops->poll(sock, pt) : 0;
}

/* FIONBIO, FIOASYNC and FIOCLEX are handled by fs/ioctl.c for every file. */
static long sock_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	struct socket *sock = f->private;
	long ret = sock->ops->ioctl ? sock->ops->ioctl(sock, cmd, arg) : -ENOIOCTLCMD;

	return ret == -ENOIOCTLCMD ? -ENOTTY : ret;
}

static void sock_release(struct inode *inode, struct file *f)
{
	struct socket *sock = f->private;

	if (sock->ops && sock->ops->release)
		sock->ops->release(sock);
	kfree(sock);
}

static const struct file_operations socket_file_ops = {
	.read = sock_read,
	.write = sock_write,
	.poll = sock_poll,
	.ioctl = sock_ioctl,
	.release = sock_release,
};

static int sock_no_open(struct inode *inode, struct file *f)
{
	return -ENXIO;
}

static const struct file_operations sock_no_open_ops = {
	.open = sock_no_open,
};

static struct file_system_type sockfs_type = {
	.name = "sockfs",
};

static const struct super_operations sockfs_sops = { 0 };

void sockfs_init(void)
{
	struct super_block *sb = sb_alloc(&sockfs_type, &sockfs_sops, SOCKFS_MAGIC);
	struct inode *root = sb ? new_inode(sb) : NULL;

	if (root) {
		root->ino = sb_next_ino(sb);
		root->mode = S_IFDIR | 0600;
		sb->root = d_make_root(root);
	}
	sock_mnt = sb && sb->root ? kern_mount(sb) : NULL;
	if (!sock_mnt)
		panic("net: cannot create sockfs");
	sb_put(sb);
}

/* The socket's inode and its "socket:[ino]" dentry, as a path; -ENFILE. */
static int sock_alloc_path(struct path *path)
{
	const struct cred *cred = current_cred();
	struct inode *inode = new_inode(sock_mnt->sb);
	char name[32];

	if (!inode)
		return -ENFILE;
	inode->ino = sb_next_ino(sock_mnt->sb);
	inode->mode = S_IFSOCK | 0777;
	inode->uid = cred->fsuid;
	inode->gid = cred->fsgid;
	snprintf(name, sizeof(name), "socket:[%llu]", (unsigned long long)inode->ino);
	path->mnt = sock_mnt;
	path->dentry = d_alloc_pseudo(sock_mnt->sb, inode, name);
	return path->dentry ? 0 : -ENFILE;
}

struct socket *sock_alloc_file(int type, unsigned int flags)
{
	struct socket *sock = kzalloc(sizeof(*sock));
	struct path path;
	struct file *f;
	int err;

	if (!sock)
		return ERR_PTR(-ENOMEM);
	err = sock_alloc_path(&path);
	if (err) {
		kfree(sock);
		return ERR_PTR(err);
	}
	f = vfs_file_open(&path, O_RDWR | (flags & O_NONBLOCK));
	dput(path.dentry);	/* the file holds it now */
	if (IS_ERR(f)) {
		kfree(sock);
		return ERR_PTR(PTR_ERR(f));
	}
	/* Nobody else can reach the inode yet: from now on, opening it is -ENXIO. */
	f->inode->fops = &sock_no_open_ops;
	sock->type = (short)type;
	sock->state = SS_UNCONNECTED;
	sock->file = f;
	f->private = sock;
	f->ops = &socket_file_ops;
	f->mode &= ~(FMODE_LSEEK | FMODE_PREAD | FMODE_PWRITE);
	return sock;
}

struct socket *sock_from_file(struct file *f)
{
	return f->ops == &socket_file_ops ? f->private : NULL;
}

u64 sock_ino(struct socket *sock)
{
	return sock->file->inode->ino;
}
