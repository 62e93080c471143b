/*
 * tmpfs instances: the root filesystem ("rootfs", filled from the
 * initramfs at boot) and any number of "tmpfs" mounts.
 *
 * An instance holds at most its size in file pages (the page quota of
 * struct tmpfs_sb_info): half of RAM unless "size=" says otherwise, as
 * on Linux; writes beyond it fail with ENOSPC, and statfs(2) counts the
 * instance's own pages, so df shows what its files use.
 *
 * An instance is a superblock whose root directory inode holds the whole
 * tree through directory entries.  Unmounting the last mount of an
 * instance frees everything: put_super empties the directories with an
 * explicit work list, so a deep tree costs no kernel stack.
 */
#include <kmalloc.h>
#include <mm.h>
#include <seq_buf.h>
#include <string.h>
#include <uapi/statfs.h>
#include <xattr.h>
#include "../internal.h"
#include "tmpfs.h"

void tmpfs_evict(struct inode *inode)
{
	struct tmpfs_dir *td = S_ISDIR(inode->mode) ? tmpfs_dir(inode) : NULL;
	struct tmpfs_dirent *e, *tmp;

	simple_xattrs_free(&inode->xattrs);
	if (!td)
		return;
	/* Only put_super leaves entries behind, and it empties directories first. */
	list_for_each_entry_safe(e, tmp, &td->entries, node) {
		list_del(&e->node);
		iput(e->inode);
		kfree(e);
	}
	kfree(td);
	inode->private = NULL;
}

/* Empty every directory below the root, iteratively (see the file comment). */
void tmpfs_put_super(struct super_block *sb)
{
	LIST_HEAD(work);
	struct tmpfs_dir *root = tmpfs_dir(sb->root->inode);

	root->drop_after_teardown = false;	/* the root dentry holds the root */
	list_add_tail(&root->teardown, &work);
	while (!list_empty(&work)) {
		struct tmpfs_dir *td = list_first_entry(&work, struct tmpfs_dir, teardown);
		struct tmpfs_dirent *e, *tmp;

		list_del(&td->teardown);
		list_for_each_entry_safe(e, tmp, &td->entries, node) {
			struct inode *child = e->inode;

			list_del(&e->node);
			kfree(e);
			if (S_ISDIR(child->mode) && tmpfs_dir(child)->count) {
				/* empty it later; the entry's reference goes with it */
				tmpfs_dir(child)->drop_after_teardown = true;
				list_add_tail(&tmpfs_dir(child)->teardown, &work);
			} else {
				iput(child);
			}
		}
		td->count = 0;
		if (td->drop_after_teardown)
			iput(td->inode);
	}
}

/* With put_super, once every file (and so every charged page) is gone. */
static void tmpfs_free_info(struct super_block *sb)
{
	kfree(sb->private);
	sb->private = NULL;
}

static void tmpfs_statfs(struct super_block *sb, struct statfs *st)
{
	const struct tmpfs_sb_info *info = tmpfs_sb(sb);
	u64 limit = info->quota.limit, used = READ_ONCE(info->quota.used);
	u64 total = mm_total_pages() / 2;

	if (limit != TMPFS_UNLIMITED) {		/* size=0 shows no blocks, as Linux */
		st->f_blocks = limit;
		st->f_bfree = st->f_bavail = limit - MIN(used, limit);
	}
	st->f_files = total;
	st->f_ffree = MIN(mm_free_pages(), total);
}

/* What /proc/mounts adds after the mount flags (Linux's shmem_show_options). */
static void tmpfs_show_options(struct seq_buf *s, struct super_block *sb)
{
	const struct tmpfs_sb_info *info = tmpfs_sb(sb);

	if (info->quota.limit != info->default_limit)
		seq_printf(s, ",size=%lluk", info->quota.limit == TMPFS_UNLIMITED ? 0ull :
			   (unsigned long long)info->quota.limit * (PAGE_SIZE / 1024));
	if (info->root_mode != 01777)
		seq_printf(s, ",mode=%03o", info->root_mode);
	seq_puts(s, ",inode64");	/* inode numbers are 64-bit counters */
}

static void tmpfs_put_super_and_info(struct super_block *sb)
{
	tmpfs_put_super(sb);
	tmpfs_free_info(sb);
}

static const struct super_operations tmpfs_sops = {
	.evict_inode = tmpfs_evict,
	.statfs = tmpfs_statfs,
	.put_super = tmpfs_put_super_and_info,
	.show_options = tmpfs_show_options,
};

/* For instances that hold no data of their own (devpts): statfs(2) gives
 * zero blocks and files, as Linux's simple_statfs, so df leaves them out. */
const struct super_operations tmpfs_unsized_sops = {
	.evict_inode = tmpfs_evict,
	.put_super = tmpfs_put_super_and_info,
};

struct inode *tmpfs_new_inode(struct super_block *sb, const struct inode *dir, u32 mode,
			      u32 rdev)
{
	struct inode *inode = new_inode(sb);
	struct tmpfs_dir *td;

	if (!inode)
		return NULL;
	inode->ino = sb_next_ino(sb);
	inode_init_owner(inode, dir, mode);
	switch (mode & S_IFMT) {
	case S_IFREG:
		inode->iops = &tmpfs_file_iops;
		inode->fops = &tmpfs_file_fops;
		inode->pages.quota = &tmpfs_sb(sb)->quota;
		break;
	case S_IFDIR:
		td = kzalloc(sizeof(*td));
		if (!td) {
			iput(inode);
			return NULL;
		}
		list_init(&td->entries);
		list_init(&td->teardown);
		td->next_cookie = 2;
		td->inode = inode;
		inode->private = td;
		inode->iops = &tmpfs_dir_iops;
		inode->fops = &tmpfs_dir_fops;
		inode->nlink = 2;
		inode->size = 2 * BOGO_DIRENT_SIZE;
		break;
	default:
		inode->iops = &tmpfs_special_iops;
		init_special_inode(inode, mode, rdev);
		break;
	}
	return inode;
}

/* A number with an optional k, m, g or t (binary) suffix, as Linux's memparse. */
static u64 parse_size(const char **pp)
{
	const char *p = *pp;
	u64 v = 0;

	for (; *p >= '0' && *p <= '9'; p++)
		v = v * 10 + (u64)(*p - '0');
	switch (*p) {
	case 't': case 'T': v <<= 10; /* fall through */
	case 'g': case 'G': v <<= 10; /* fall through */
	case 'm': case 'M': v <<= 10; /* fall through */
	case 'k': case 'K': v <<= 10; p++; break;
	}
	*pp = p;
	return v;
}

/*
 * The options tmpfs knows from the mount data: "size=" in bytes (with a
 * suffix, or "N%" of RAM; 0: no limit), "nr_blocks=" in pages, and
 * "mode=" for the root directory.  Others are left alone.
 */
static void parse_options(const char *data, struct tmpfs_sb_info *info)
{
	const char *p = data;

	while (p && *p) {
		if (strncmp(p, "size=", 5) == 0) {
			u64 v;

			p += 5;
			v = parse_size(&p);
			if (*p == '%')
				v = mm_total_pages() * MIN(v, 100ull) / 100;
			else
				v = ALIGN_UP(v, PAGE_SIZE) / PAGE_SIZE;
			info->quota.limit = v ? v : TMPFS_UNLIMITED;
		} else if (strncmp(p, "nr_blocks=", 10) == 0) {
			u64 v;

			p += 10;
			v = parse_size(&p);
			info->quota.limit = v ? v : TMPFS_UNLIMITED;
		} else if (strncmp(p, "mode=", 5) == 0) {
			u32 m = 0;

			for (p += 5; *p >= '0' && *p <= '7'; p++)
				m = m * 8 + (u32)(*p - '0');
			info->root_mode = m & S_IALLUGO;
		}
		p = strchr(p, ',');
		if (p)
			p++;
	}
}

static struct super_block *tmpfs_fill(const struct file_system_type *type, u32 root_mode,
				      const char *data)
{
	struct super_block *sb = sb_alloc(type, &tmpfs_sops, TMPFS_MAGIC);
	struct tmpfs_sb_info *info = kzalloc(sizeof(*info));
	struct inode *root;

	if (!sb || !info)
		goto out_free;
	info->default_limit = info->quota.limit = mm_total_pages() / 2;
	info->root_mode = root_mode;
	parse_options(data, info);
	sb->private = info;
	root = tmpfs_new_inode(sb, NULL, S_IFDIR | info->root_mode, 0);
	sb->root = root ? d_make_root(root) : NULL;
	if (sb->root)
		return sb;
out_free:
	kfree(info);
	kfree(sb);
	return ERR_PTR(-ENOMEM);
}

static struct super_block *tmpfs_mount(const struct file_system_type *type, unsigned long flags,
				       const char *source, const char *data)
{
	return tmpfs_fill(type, 01777, data);	/* MS_RDONLY: the mount's flag */
}

static struct file_system_type tmpfs_type = {
	.name = "tmpfs",
	.mount = tmpfs_mount,
};

/* The root instance shows as "rootfs" in /proc/mounts, as on Linux. */
static struct file_system_type rootfs_type = {
	.name = "rootfs",
	.flags = FS_SINGLE,
	.mount = NULL,
};

void tmpfs_init(void)
{
	register_filesystem(&tmpfs_type);
}

struct super_block *tmpfs_mount_root(void)
{
	return tmpfs_fill(&rootfs_type, 0755, NULL);
}

/* devtmpfs is a tmpfs instance too; devtmpfs.c names and fills it. */
struct super_block *tmpfs_fill_super(const struct file_system_type *type, u32 root_mode)
{
	return tmpfs_fill(type, root_mode, NULL);
}
