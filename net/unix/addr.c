/*
 * AF_UNIX names: bind(2), autobind and finding the socket an address
 * names (Linux's unix_bind/unix_autobind/unix_find_other).
 *
 * Two namespaces.  A filesystem name ("/tmp/sock") is an S_IFSOCK node
 * that bind creates through the VFS (mknod: -EADDRINUSE if the name
 * exists); the bound socket keeps a reference to it, and connect finds
 * the socket by the node's inode after a lookup that needs write
 * permission.  Unlinking the node does not unbind the socket.  An
 * abstract name starts with a NUL byte, lives only in the table below
 * and vanishes with the socket; its length is part of the name.
 *
 * A name is set once under u->bindlock and published with a release
 * store of addr_len, so readers (getsockname, a datagram's source) need
 * no lock.  unix_table_lock protects the hash table of bound sockets.
 */
#include <cred.h>
#include <string.h>
#include <uapi/fcntl.h>
#include "unix.h"

#define UNIX_HASH_SIZE	64
#define UNIX_AUTOBIND_NAMES	0x100000	/* "\0" + five hex digits */

static DEFINE_SPINLOCK(unix_table_lock);
static struct list_head unix_table[UNIX_HASH_SIZE];	/* unix_table_lock */
static bool unix_table_ready;				/* unix_table_lock */
static u32 autobind_next;				/* atomic */

static struct list_head *bucket_of_inode(const struct inode *inode)
{
	return &unix_table[((unsigned long)inode >> 6) % UNIX_HASH_SIZE];
}

static struct list_head *bucket_of_name(const struct sockaddr_un *a, int len, int type)
{
	u32 h = vfs_name_hash((const char *)a, (u32)len) ^ (u32)type;

	return &unix_table[h % UNIX_HASH_SIZE];
}

/* unix_table_lock held */
static void table_init_once(void)
{
	if (unix_table_ready)
		return;
	for (int i = 0; i < UNIX_HASH_SIZE; i++)
		list_init(&unix_table[i]);
	unix_table_ready = true;
}

/* The socket bound to this abstract name with this type (unix_table_lock held). */
static struct unix_sock *find_abstract(const struct sockaddr_un *a, int len, int type)
{
	struct unix_sock *u;

	table_init_once();
	list_for_each_entry(u, bucket_of_name(a, len, type), bound_node)
		if (!u->path.dentry && u->addr_len == len && u->sk.type == type &&
		    !memcmp(&u->addr, a, (size_t)len))
			return u;
	return NULL;
}

static struct unix_sock *find_by_inode(const struct inode *inode)
{
	struct unix_sock *u;

	table_init_once();
	list_for_each_entry(u, bucket_of_inode(inode), bound_node)
		if (u->path.dentry && u->path.dentry->inode == inode)
			return u;
	return NULL;
}

/* Publish u's name (bindlock held; abstract: unix_table_lock held too). */
static void set_name(struct unix_sock *u, const struct sockaddr_un *a, int len)
{
	memcpy(&u->addr, a, (size_t)len);
	__atomic_store_n(&u->addr_len, len, __ATOMIC_RELEASE);
}

int unix_validate_addr(const struct sockaddr_storage *addr, int len)
{
	if (len <= (int)sizeof(addr->ss_family) || len > (int)sizeof(struct sockaddr_un))
		return -EINVAL;
	return addr->ss_family == AF_UNIX ? 0 : -EINVAL;
}

/* NUL-terminate a filesystem name in place; its sockaddr length (Linux counts the NUL). */
static int path_name_len(struct sockaddr_storage *addr, int len)
{
	struct sockaddr_un *a = (struct sockaddr_un *)addr;

	((char *)addr)[len] = '\0';	/* sockaddr_storage has room beyond sockaddr_un */
	return (int)(strlen(a->sun_path) + sizeof(a->sun_family) + 1);
}

int unix_autobind(struct unix_sock *u)
{
	struct sockaddr_un a = { .sun_family = AF_UNIX };
	int err = -ENOSPC;

	mutex_lock(&u->bindlock);
	if (u->addr_len) {
		mutex_unlock(&u->bindlock);
		return 0;
	}
	for (u32 tries = 0; tries < UNIX_AUTOBIND_NAMES; tries++) {
		u32 n = __atomic_fetch_add(&autobind_next, 1, __ATOMIC_RELAXED) % UNIX_AUTOBIND_NAMES;
		static const char hex[] = "0123456789abcdef";

		for (int i = 0; i < 5; i++)
			a.sun_path[1 + i] = hex[(n >> (4 * (4 - i))) & 0xf];
		spin_lock(&unix_table_lock);
		if (!find_abstract(&a, 8, u->sk.type)) {
			set_name(u, &a, 8);
			list_add(&u->bound_node, bucket_of_name(&a, 8, u->sk.type));
			err = 0;
		}
		spin_unlock(&unix_table_lock);
		if (!err)
			break;
	}
	mutex_unlock(&u->bindlock);
	return err;
}

static int bind_abstract(struct unix_sock *u, const struct sockaddr_un *a, int len)
{
	int err = 0;

	mutex_lock(&u->bindlock);
	spin_lock(&unix_table_lock);
	if (u->addr_len)
		err = -EINVAL;
	else if (find_abstract(a, len, u->sk.type))
		err = -EADDRINUSE;
	if (!err) {
		set_name(u, a, len);
		list_add(&u->bound_node, bucket_of_name(a, len, u->sk.type));
	}
	spin_unlock(&unix_table_lock);
	mutex_unlock(&u->bindlock);
	return err;
}

/*
 * Create the node first, as Linux does: an existing name is -EADDRINUSE
 * even for a socket already bound; a bound socket then gets -EINVAL and
 * the node it just made is removed again.
 */
static int bind_path(struct unix_sock *u, struct sockaddr_storage *addr, int len)
{
	struct sockaddr_un *a = (struct sockaddr_un *)addr;
	struct path made;
	int err;

	len = path_name_len(addr, len);
	err = vfs_mknod_path(AT_FDCWD, a->sun_path, S_IFSOCK | 0777, 0, &made);
	if (err)
		return err == -EEXIST ? -EADDRINUSE : err;
	mutex_lock(&u->bindlock);
	if (u->addr_len) {
		mutex_unlock(&u->bindlock);
		vfs_unlink(AT_FDCWD, a->sun_path);
		path_put(&made);
		return -EINVAL;
	}
	spin_lock(&u->sk.lock);
	u->path = made;
	spin_unlock(&u->sk.lock);
	set_name(u, a, len);
	spin_lock(&unix_table_lock);
	table_init_once();
	list_add(&u->bound_node, bucket_of_inode(made.dentry->inode));
	spin_unlock(&unix_table_lock);
	mutex_unlock(&u->bindlock);
	return 0;
}

int unix_bind(struct socket *sock, struct sockaddr_storage *addr, int len)
{
	struct unix_sock *u = unix_sk(sock->sk);
	int err;

	if (len == (int)sizeof(addr->ss_family) && addr->ss_family == AF_UNIX)
		return unix_autobind(u);
	err = unix_validate_addr(addr, len);
	if (err)
		return err;
	if (((struct sockaddr_un *)addr)->sun_path[0])
		return bind_path(u, addr, len);
	return bind_abstract(u, (struct sockaddr_un *)addr, len);
}

void unix_unbind(struct unix_sock *u)
{
	spin_lock(&unix_table_lock);
	if (!list_empty(&u->bound_node))
		list_del(&u->bound_node);
	spin_unlock(&unix_table_lock);
}

/* connect/sendto by filesystem name: the node must be a socket we may write. */
static struct unix_sock *find_by_path(struct sockaddr_storage *addr, int len, int type)
{
	struct sockaddr_un *a = (struct sockaddr_un *)addr;
	struct unix_sock *u = NULL;
	struct inode *inode;
	struct path p;
	int err;

	path_name_len(addr, len);
	err = vfs_lookup(AT_FDCWD, a->sun_path, LOOKUP_FOLLOW, &p);
	if (err)
		return ERR_PTR(err);
	inode = p.dentry->inode;
	err = vfs_permission(current_cred(), inode, MAY_WRITE);
	if (!err && !S_ISSOCK(inode->mode))
		err = -ECONNREFUSED;
	if (!err) {
		spin_lock(&unix_table_lock);
		u = find_by_inode(inode);
		if (u)
			sock_hold(&u->sk);
		spin_unlock(&unix_table_lock);
		err = u ? 0 : -ECONNREFUSED;
	}
	if (u && u->sk.type != type) {
		sock_put(&u->sk);
		err = -EPROTOTYPE;
	}
	path_put(&p);
	return err ? ERR_PTR(err) : u;
}

struct unix_sock *unix_find_other(struct sockaddr_storage *addr, int len, int type)
{
	struct unix_sock *u;

	if (((struct sockaddr_un *)addr)->sun_path[0])
		return find_by_path(addr, len, type);
	spin_lock(&unix_table_lock);
	u = find_abstract((struct sockaddr_un *)addr, len, type);
	if (u)
		sock_hold(&u->sk);
	spin_unlock(&unix_table_lock);
	return u ? u : ERR_PTR(-ECONNREFUSED);
}
