/*
 * The dentry cache: names in directories, and the tree the path walk
 * follows.
 *
 * A dentry is a (parent, name) -> inode binding.  Hashed dentries are
 * found by d_lookup() through one hash table keyed by parent and name.
 * A positive dentry nobody uses (refcount 0) stays cached, holding its
 * inode and its parent, so repeated lookups never reach the filesystem;
 * a negative or unhashed one is freed at its last dput().  Nothing evicts
 * unused positive dentries yet: they cost little next to the tmpfs data
 * they name, and umount prunes a whole tree (d_prune_tree).
 *
 * dcache_lock (a spinlock) protects the hash table, every dentry's
 * flags, parent, name, inode pointer and child lists, and the moment a
 * refcount reaches 0.  A refcount may be raised without the lock only by
 * someone already holding a reference (dget).  Whoever changes a
 * directory's names holds the directory's inode lock as well, so a
 * holder of that lock sees stable names in it.
 */
#include <kmalloc.h>
#include <string.h>
#include "internal.h"

#define D_HASH_BITS	10
#define D_HASH_SIZE	(1u << D_HASH_BITS)

DEFINE_SPINLOCK(dcache_lock);
static struct list_head d_hash_table[D_HASH_SIZE];	/* dcache_lock */

void dcache_init(void)
{
	for (unsigned int i = 0; i < D_HASH_SIZE; i++)
		list_init(&d_hash_table[i]);
}

static struct list_head *d_bucket(const struct dentry *parent, u32 hash)
{
	u64 h = hash ^ ((unsigned long)parent >> 4) * 0x9e3779b97f4a7c15ull;

	return &d_hash_table[(h >> 20) & (D_HASH_SIZE - 1)];
}

/* Copy a name into storage for d: inline when short.  NULL on -ENOMEM. */
static char *d_name_alloc(struct dentry *d, const char *name, u32 len)
{
	char *s = len < DNAME_INLINE_LEN ? d->inline_name : kmalloc(len + 1, GFP_KERNEL);

	if (!s)
		return NULL;
	memcpy(s, name, len);
	s[len] = '\0';
	return s;
}

static void d_name_free(struct dentry *d, const char *s)
{
	if (s != d->inline_name)
		kfree(s);
}

static struct dentry *d_alloc_common(struct super_block *sb, const char *name, u32 len)
{
	struct dentry *d = kzalloc(sizeof(*d));

	if (!d)
		return NULL;
	d->name.name = d_name_alloc(d, name, len);
	if (!d->name.name) {
		kfree(d);
		return NULL;
	}
	d->name.len = len;
	d->name.hash = vfs_name_hash(name, len);
	d->refcount = 1;
	d->sb = sb;
	d->op = sb ? sb->d_op : NULL;
	d->parent = d;
	list_init(&d->hash_node);
	list_init(&d->children);
	list_init(&d->child_node);
	return d;
}

struct dentry *d_alloc(struct dentry *parent, const struct qstr *name)
{
	struct dentry *d = d_alloc_common(parent->sb, name->name, name->len);

	if (!d)
		return NULL;
	spin_lock(&dcache_lock);
	d->parent = dget(parent);
	list_add(&d->child_node, &parent->children);
	spin_unlock(&dcache_lock);
	return d;
}

struct dentry *d_make_root(struct inode *inode)
{
	struct dentry *d = d_alloc_common(inode->sb, "/", 1);

	if (!d) {
		iput(inode);
		return NULL;
	}
	d->inode = inode;
	d->flags = DCACHE_HASHED;	/* reachable, though in no hash chain */
	return d;
}

struct dentry *d_alloc_pseudo(struct super_block *sb, struct inode *inode, const char *name)
{
	struct dentry *d = d_alloc_common(sb, name, strlen(name));

	if (!d) {
		iput(inode);
		return NULL;
	}
	d->inode = inode;
	d->flags = DCACHE_DONTCACHE;
	return d;
}

struct dentry *dget(struct dentry *d)
{
	__atomic_add_fetch(&d->refcount, 1, __ATOMIC_RELAXED);
	return d;
}

/* Unlink d from the hash and its parent (dcache_lock held); returns the parent. */
static struct dentry *d_kill_locked(struct dentry *d)
{
	list_del(&d->hash_node);
	list_del(&d->child_node);
	d->flags &= ~DCACHE_HASHED;
	return d->parent == d ? NULL : d->parent;
}

static void d_free(struct dentry *d, struct inode *inode)
{
	if (inode)
		iput(inode);
	d_name_free(d, d->name.name);
	kfree(d);
}

void dput(struct dentry *d)
{
	while (d) {
		struct dentry *parent;
		struct inode *inode;

		spin_lock(&dcache_lock);
		if (__atomic_sub_fetch(&d->refcount, 1, __ATOMIC_ACQ_REL) > 0 ||
		    ((d->flags & (DCACHE_HASHED | DCACHE_DONTCACHE)) == DCACHE_HASHED &&
		     d->inode && d->parent != d)) {
			spin_unlock(&dcache_lock);
			return;
		}
		parent = d_kill_locked(d);
		inode = d->inode;
		spin_unlock(&dcache_lock);
		d_free(d, inode);
		d = parent;	/* the child's reference on its parent */
	}
}

struct dentry *d_lookup(struct dentry *parent, const struct qstr *name)
{
	struct list_head *bucket = d_bucket(parent, name->hash);
	struct dentry *d, *found = NULL;

	spin_lock(&dcache_lock);
	list_for_each_entry(d, bucket, hash_node) {
		if (d->parent == parent && d->name.hash == name->hash &&
		    d->name.len == name->len && memcmp(d->name.name, name->name, name->len) == 0) {
			found = dget(d);
			break;
		}
	}
	spin_unlock(&dcache_lock);
	return found;
}

void d_rehash(struct dentry *d)
{
	spin_lock(&dcache_lock);
	if (!(d->flags & DCACHE_HASHED)) {
		list_add(&d->hash_node, d_bucket(d->parent, d->name.hash));
		d->flags |= DCACHE_HASHED;
	}
	spin_unlock(&dcache_lock);
}

void d_drop(struct dentry *d)
{
	spin_lock(&dcache_lock);
	list_del(&d->hash_node);
	d->flags &= ~DCACHE_HASHED;
	spin_unlock(&dcache_lock);
}

bool d_unhashed(struct dentry *d)
{
	return !(READ_ONCE(d->flags) & DCACHE_HASHED);
}

static void d_set_inode(struct dentry *d, struct inode *inode)
{
	spin_lock(&dcache_lock);
	d->inode = inode;
	spin_unlock(&dcache_lock);
}

void d_add(struct dentry *d, struct inode *inode)
{
	d_set_inode(d, inode);
}

void d_instantiate(struct dentry *d, struct inode *inode)
{
	d_set_inode(d, inode);
}

void d_delete(struct dentry *d)
{
	struct inode *inode = NULL;

	spin_lock(&dcache_lock);
	if (__atomic_load_n(&d->refcount, __ATOMIC_ACQUIRE) == 1) {
		inode = d->inode;	/* only the caller: become negative */
		d->inode = NULL;
	}
	list_del(&d->hash_node);
	d->flags &= ~DCACHE_HASHED;
	spin_unlock(&dcache_lock);
	if (inode)
		iput(inode);
}

/* A kmalloc'd copy of d's name (stable: the caller holds its directory's lock). */
static char *d_name_dup(const struct dentry *d)
{
	char *s = kmalloc(d->name.len + 1, GFP_KERNEL);

	if (s)
		memcpy(s, d->name.name, d->name.len + 1);
	return s;
}

/*
 * Give d the name in copy, a kmalloc'd string (dcache_lock held): short
 * names go inline and copy is freed.  Returns the old external name for
 * the caller to kfree() after unlocking, or NULL.
 */
static char *d_set_name_locked(struct dentry *d, char *copy, u32 len, u32 hash)
{
	char *old = d->name.name == d->inline_name ? NULL : (char *)d->name.name;

	if (len < DNAME_INLINE_LEN) {
		memcpy(d->inline_name, copy, len + 1);
		d->name.name = d->inline_name;
		kfree(copy);		/* kfree never sleeps */
	} else {
		d->name.name = copy;
	}
	d->name.len = len;
	d->name.hash = hash;
	return old;
}

/* Move d under parent (dcache_lock held); returns the old parent to dput. */
static struct dentry *d_reparent_locked(struct dentry *d, struct dentry *parent)
{
	struct dentry *old = d->parent;

	list_del(&d->hash_node);
	list_del(&d->child_node);
	d->parent = dget(parent);
	list_add(&d->child_node, &parent->children);
	list_add(&d->hash_node, d_bucket(parent, d->name.hash));
	d->flags |= DCACHE_HASHED;
	return old;
}

int d_move(struct dentry *d, struct dentry *target)
{
	char *copy = d_name_dup(target), *to_free;
	struct dentry *old_parent;

	if (!copy)
		return -ENOMEM;
	spin_lock(&dcache_lock);
	list_del(&target->hash_node);
	target->flags &= ~DCACHE_HASHED;
	to_free = d_set_name_locked(d, copy, target->name.len, target->name.hash);
	old_parent = d_reparent_locked(d, target->parent);
	spin_unlock(&dcache_lock);
	kfree(to_free);
	dput(old_parent);
	return 0;
}

int d_exchange(struct dentry *a, struct dentry *b)
{
	char *copy_a = d_name_dup(a), *copy_b = d_name_dup(b), *free_a, *free_b;
	u32 len_a = a->name.len, hash_a = a->name.hash;
	struct dentry *pa, *pb;

	if (!copy_a || !copy_b) {
		kfree(copy_a);
		kfree(copy_b);
		return -ENOMEM;
	}
	spin_lock(&dcache_lock);
	pa = a->parent;
	pb = b->parent;
	free_a = d_set_name_locked(a, copy_b, b->name.len, b->name.hash);
	free_b = d_set_name_locked(b, copy_a, len_a, hash_a);
	pa = d_reparent_locked(a, pb);
	pb = d_reparent_locked(b, pa);
	spin_unlock(&dcache_lock);
	kfree(free_a);
	kfree(free_b);
	dput(pa);
	dput(pb);
	return 0;
}

bool d_is_ancestor(struct dentry *ancestor, struct dentry *d)
{
	bool found = false;

	spin_lock(&dcache_lock);
	for (;;) {
		if (d == ancestor) {
			found = true;
			break;
		}
		if (d->parent == d)
			break;
		d = d->parent;
	}
	spin_unlock(&dcache_lock);
	return found;
}

/* A childless, unused dentry below root, or NULL (dcache_lock held). */
static struct dentry *find_unused_leaf(struct dentry *root)
{
	struct dentry *this = root;
	struct list_head *next = root->children.next;

	for (;;) {
		if (next != &this->children) {
			struct dentry *c = list_entry(next, struct dentry, child_node);

			next = next->next;
			if (!list_empty(&c->children)) {
				this = c;
				next = c->children.next;
			} else if (__atomic_load_n(&c->refcount, __ATOMIC_RELAXED) == 0) {
				return c;
			}
			continue;
		}
		if (this == root)
			return NULL;
		next = this->child_node.next;
		this = this->parent;
	}
}

void d_prune_tree(struct dentry *root)
{
	for (;;) {
		struct dentry *victim, *parent;
		struct inode *inode;

		spin_lock(&dcache_lock);
		victim = find_unused_leaf(root);
		if (!victim) {
			spin_unlock(&dcache_lock);
			return;
		}
		parent = d_kill_locked(victim);
		inode = victim->inode;
		spin_unlock(&dcache_lock);
		d_free(victim, inode);
		dput(parent);
	}
}
