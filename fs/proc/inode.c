/*
 * procfs inodes and the operations every entry shares: directories that
 * list a fixed table and then dynamic names, files whose text a show()
 * function generates, writable files, and computed symlinks.
 *
 * A generated file is produced whole into a buffer when a read starts at
 * offset 0 (or at the first read), like Linux's seq_file: reading it in
 * small pieces sees one consistent snapshot, and reading it again from
 * the start sees fresh values (fs/gen_text.c, shared with sysfs).  The
 * buffer starts at a page and doubles until the text fits.
 *
 * Lock: proc_file.lock (the open file's gen_text lock, a mutex) protects
 * its buffer; show() runs under it and may take tasklist_lock, task
 * locks, mm->lock or namespace_sem (docs/locking.md).
 */
#include <format.h>
#include <cred.h>
#include <errno.h>
#include <kmalloc.h>
#include <mutex.h>
#include <proc.h>
#include <string.h>
#include <uapi/dirent.h>
#include <uapi/fcntl.h>
#include "internal.h"

#define PROC_BUF_MAX	(1ul << 22)	/* larger text is cut (-EFBIG) */
#define PROC_WRITE_MAX	PAGE_SIZE

/* --- inodes ------------------------------------------------------------------ */

/*
 * Inode numbers stay the same for the same thing: the pid in the high
 * half, and the entry's address (within the kernel image) or the fd in
 * the low half.  /proc is 1 and /proc/PID is (PID << 32) | 2.
 */
static u64 proc_ino(const struct proc_node *pn)
{
	if (pn->fd >= 0)
		return ((u64)pn->pid << 32) | 0x80000000ull | (u64)pn->fd;
	return ((u64)pn->pid << 32) | ((uintptr_t)pn->entry & 0x7ffffff8) | 4;
}

extern const struct inode_operations proc_link_iops;
extern const struct file_operations proc_file_fops;

/*
 * Linux's proc_setattr(): no chmod; a size change (open with O_TRUNC)
 * leaves the generated file as it is; times and owner are kept until the
 * inode goes.
 */
static int proc_setattr(struct inode *inode, const struct iattr *attr)
{
	struct iattr a = *attr;

	if (a.valid & ATTR_MODE)
		return -EPERM;
	a.valid &= ~ATTR_SIZE;
	vfs_setattr_copy(inode, &a);
	return 0;
}

static const struct inode_operations proc_file_iops = {
	.setattr = proc_setattr,
};

struct inode *proc_make_inode(struct super_block *sb, const struct proc_entry *entry,
			      const struct proc_node *tmpl, u32 uid, u32 gid, u64 ino)
{
	struct inode *inode = new_inode(sb);
	struct proc_node *pn = kmalloc(sizeof(*pn), GFP_KERNEL);

	if (!inode || !pn) {
		kfree(pn);
		iput(inode);
		return NULL;
	}
	*pn = *tmpl;
	pn->entry = entry;
	inode->private = pn;
	inode->ino = ino ? ino : proc_ino(pn);
	inode->mode = entry->mode;
	inode->uid = uid;
	inode->gid = gid;
	if (S_ISDIR(entry->mode)) {
		inode->nlink = 2;
		inode->iops = &proc_dir_iops;
		inode->fops = &proc_dir_fops;
	} else if (S_ISLNK(entry->mode)) {
		inode->iops = &proc_link_iops;
	} else {
		inode->iops = &proc_file_iops;
		inode->fops = &proc_file_fops;
	}
	return inode;
}

int proc_name_to_int(const struct qstr *name)
{
	long n = 0;

	if (name->len == 0 || name->len > 9 || (name->name[0] == '0' && name->len > 1))
		return -1;
	for (u32 i = 0; i < name->len; i++) {
		if (name->name[i] < '0' || name->name[i] > '9')
			return -1;
		n = n * 10 + (name->name[i] - '0');
	}
	return (int)n;
}

bool proc_emit_number(struct dir_context *ctx, u64 pos, unsigned long n, u64 ino,
		      unsigned int type)
{
	char name[24];
	int len = snprintf(name, sizeof(name), "%lu", n);

	return dir_emit(ctx, name, len, pos + 1, ino, type);
}

/*
 * The owner of an entry of this mode inside the /proc/PID of pn (Linux's
 * task_dump_owner(): proc_task_owner()); root's outside any process.
 */
static void proc_owner(const struct proc_node *pn, u32 mode, u32 *uid, u32 *gid)
{
	struct task *t = pn->pid ? proc_node_task(pn) : NULL;

	*uid = *gid = 0;
	if (t) {
		proc_task_owner(t, mode, uid, gid);
		task_put(t);
	}
}

/* --- directories ------------------------------------------------------------- */

/* A child of the fixed table of dir's entry. */
static struct inode *proc_fixed_inode(struct inode *dir, const struct proc_entry *e)
{
	const struct proc_node *pn = proc_node(dir);
	u32 uid, gid;

	proc_owner(pn, e->mode, &uid, &gid);
	return proc_make_inode(dir->sb, e, pn, uid, gid, 0);
}

static int proc_lookup(struct inode *dir, struct dentry *d)
{
	const struct proc_node *pn = proc_node(dir);
	const struct proc_entry *e = pn->entry;
	struct task *t = pn->pid ? proc_node_task(pn) : NULL;
	struct inode *inode = NULL;

	if (pn->pid && !t)
		return -ESRCH;		/* the process is gone (Linux: its permission op says so) */
	if (t)
		task_put(t);
	for (const struct proc_entry *c = e->children; c && c->name && !inode; c++) {
		if (c->process_only && pn->thread)
			continue;
		if (strlen(c->name) == d->name.len && !memcmp(c->name, d->name.name, d->name.len)) {
			inode = proc_fixed_inode(dir, c);
			if (!inode)
				return -ENOMEM;
		}
	}
	if (!inode && e->dyn)
		inode = e->dyn->lookup(dir, &d->name);
	if (IS_ERR(inode))
		return (int)PTR_ERR(inode);
	if (!inode)
		return 0;
	spin_lock(&dcache_lock);
	d->flags |= DCACHE_DONTCACHE;	/* generated: never kept once unused */
	spin_unlock(&dcache_lock);
	d_add(d, inode);
	return 0;
}

static u64 parent_ino(struct file *f)
{
	u64 ino;

	spin_lock(&dcache_lock);
	ino = f->path.dentry->parent->inode->ino;
	spin_unlock(&dcache_lock);
	return ino;
}

static int proc_iterate(struct file *f, struct dir_context *ctx)
{
	const struct proc_node *pn = proc_node(f->inode);
	const struct proc_entry *e = pn->entry;
	struct task *t = pn->pid ? proc_node_task(pn) : NULL;
	u64 base = 2;

	for (const struct proc_entry *c = e->children; c && c->name; c++)
		base++;
	if (pn->pid && !t)
		return -ENOENT;
	if (t)
		task_put(t);
	if (ctx->pos == 0 && !dir_emit(ctx, ".", 1, 1, f->inode->ino, DT_DIR))
		return 0;
	if (ctx->pos == 1 && !dir_emit(ctx, "..", 2, 2, parent_ino(f), DT_DIR))
		return 0;
	for (; ctx->pos < base; ) {
		const struct proc_entry *c = &e->children[ctx->pos - 2];
		struct proc_node child = *pn;

		child.entry = c;
		if (c->process_only && pn->thread)
			ctx->pos++;
		else if (!dir_emit(ctx, c->name, (int)strlen(c->name), ctx->pos + 1,
				   proc_ino(&child), vfs_dtype(c->mode)))
			return 0;
	}
	if (e->dyn)
		e->dyn->iterate(f->inode, ctx, base, ctx->pos - base);
	return 0;
}

const struct inode_operations proc_dir_iops = {
	.lookup = proc_lookup,
	.setattr = proc_setattr,
};

const struct file_operations proc_dir_fops = {
	.read = generic_read_dir,
	.llseek = generic_dir_llseek,
	.iterate = proc_iterate,
};

/* --- generated files ----------------------------------------------------------- */

static int proc_file_open(struct inode *inode, struct file *f)
{
	const struct proc_entry *e = proc_node(inode)->entry;

	if ((f->mode & FMODE_WRITE) && !e->write)
		return -EACCES;
	return gen_text_open(f, 0);
}

static void proc_file_release(struct inode *inode, struct file *f)
{
	gen_text_release(f);
}

/* Run show() into a buffer that fits; a failure keeps the previous text. */
static int proc_generate(struct gen_text *g, const void *arg)
{
	const struct proc_node *pn = arg;

	for (size_t size = PAGE_SIZE; size <= PROC_BUF_MAX; size *= 2) {
		char *buf = kmalloc(size, GFP_KERNEL);
		struct seq_buf s;
		int err;

		if (!buf)
			return -ENOMEM;
		seq_buf_init(&s, buf, size);
		err = pn->entry->show(&s, pn);
		if (err || seq_buf_overflowed(&s)) {
			kfree(buf);
			if (err)
				return err;
			continue;
		}
		kfree(g->buf);
		g->buf = buf;
		g->len = s.len;
		return 0;
	}
	return -EFBIG;
}

static ssize_t proc_file_read(struct file *f, struct iov_iter *to, u64 *pos)
{
	if (!proc_node(f->inode)->entry->show)
		return -EIO;	/* write-only (sysrq-trigger): what Linux's read says */
	return gen_text_read(f->private, proc_generate, proc_node(f->inode), to, pos);
}

static ssize_t proc_store(const void *arg, const char *buf, size_t len)
{
	const struct proc_node *pn = arg;

	return pn->entry->write(pn, buf, len);
}

static ssize_t proc_file_write(struct file *f, struct iov_iter *from, u64 *pos)
{
	return gen_text_write(from, pos, PROC_WRITE_MAX, proc_store, proc_node(f->inode));
}

const struct file_operations proc_file_fops = {
	.open = proc_file_open,
	.release = proc_file_release,
	.read = proc_file_read,
	.write = proc_file_write,
	.llseek = generic_dir_llseek,
};

/* --- symlinks ------------------------------------------------------------------ */

static char *proc_get_link(struct dentry *d, struct path *jump)
{
	const struct proc_node *pn = proc_node(d->inode);

	return pn->entry->get_link(pn, jump);
}

long proc_path_name(const struct path *p, char *buf, size_t len)
{
	struct path root;
	long off;

	if (len < 12)
		return -ENAMETOOLONG;
	fs_get_root(&root);
	off = d_path(p, &root, buf, len - 10);
	path_put(&root);
	if (off >= 0 && p->dentry->parent != p->dentry && d_unhashed(p->dentry))
		strlcpy(buf + len - 11, " (deleted)", 11);	/* Linux marks unlinked files */
	return off;
}

/* readlink: the text, or the name of the object a magic link jumps to. */
static ssize_t proc_readlink(struct dentry *d, char *buf, size_t len)
{
	const struct proc_node *pn = proc_node(d->inode);
	struct path jump = { 0 };
	char *text = pn->entry->get_link(pn, &jump);
	char *tmp;
	long off;
	size_t n;

	if (IS_ERR(text))
		return PTR_ERR(text);
	if (text) {
		n = MIN(strlen(text), len);
		memcpy(buf, text, n);
		kfree(text);
		return (ssize_t)n;
	}
	tmp = kmalloc(PATH_MAX, GFP_KERNEL);
	if (!tmp) {
		path_put(&jump);
		return -ENOMEM;
	}
	off = proc_path_name(&jump, tmp, PATH_MAX);
	path_put(&jump);
	if (off < 0) {
		kfree(tmp);
		return off;
	}
	n = MIN(strlen(tmp + off), len);
	memcpy(buf, tmp + off, n);
	kfree(tmp);
	return (ssize_t)n;
}

const struct inode_operations proc_link_iops = {
	.get_link = proc_get_link,
	.readlink = proc_readlink,
	.setattr = proc_setattr,
};

/* --- dentries ------------------------------------------------------------------ */

/* A cached name inside /proc/PID stays right while its task (and fd) live. */
static bool proc_revalidate(struct dentry *d)
{
	struct inode *inode = READ_ONCE(d->inode);
	const struct proc_node *pn;
	struct task *t;
	u32 uid, gid;

	if (!inode)
		return false;
	pn = proc_node(inode);
	if (!pn->pid)
		return true;
	t = proc_node_task(pn);
	if (!t)
		return false;
	task_put(t);
	if (pn->fd >= 0 && !proc_fd_still_open(pn))
		return false;
	/* As Linux's pid_update_inode(): the owner follows setuid and dumpability. */
	proc_owner(pn, inode->mode, &uid, &gid);
	WRITE_ONCE(inode->uid, uid);
	WRITE_ONCE(inode->gid, gid);
	return true;
}

const struct dentry_operations proc_dentry_ops = {
	.d_revalidate = proc_revalidate,
};
