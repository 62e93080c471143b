/*
 * The character-device table (include/chrdev.h): which driver serves
 * which (major, minor), and the open routine every character-device
 * inode starts with, which swaps in the driver's file operations.
 *
 * chrdev_lock protects the list.  Drivers register at boot and never
 * leave, so a looked-up entry stays valid without a reference.
 */
#include <kmalloc.h>
#include <string.h>
#include <chrdev.h>
#include "internal.h"

struct chrdev {
	struct list_head node;		/* chrdev_lock */
	u32 dev;			/* MKDEV(major, minor) */
	u32 mode;			/* permission bits of the /dev node */
	bool any_minor;			/* serves every minor of MAJOR(dev); no node */
	const struct file_operations *fops;
	char name[32];
};

static DEFINE_SPINLOCK(chrdev_lock);
static LIST_HEAD(chrdevs);		/* chrdev_lock */

static struct chrdev *chrdev_find(u32 dev)
{
	struct chrdev *c, *found = NULL;

	spin_lock(&chrdev_lock);
	list_for_each_entry(c, &chrdevs, node) {
		if (c->dev == dev || (c->any_minor && MAJOR(c->dev) == MAJOR(dev))) {
			found = c;
			break;
		}
	}
	spin_unlock(&chrdev_lock);
	return found;
}

static bool chrdev_overlaps(const struct chrdev *a, const struct chrdev *b)
{
	if (a->any_minor || b->any_minor)
		return MAJOR(a->dev) == MAJOR(b->dev);
	return a->dev == b->dev;
}

static int chrdev_add(u32 dev, const char *name, u32 mode, bool any_minor,
		      const struct file_operations *fops)
{
	struct chrdev *c = kzalloc(sizeof(*c)), *other;

	if (!c)
		return -ENOMEM;
	c->dev = dev;
	c->mode = mode & S_IALLUGO;
	c->any_minor = any_minor;
	c->fops = fops;
	strlcpy(c->name, name, sizeof(c->name));
	spin_lock(&chrdev_lock);
	list_for_each_entry(other, &chrdevs, node) {
		if (chrdev_overlaps(other, c)) {
			spin_unlock(&chrdev_lock);
			kfree(c);
			return -EEXIST;
		}
	}
	list_add_tail(&c->node, &chrdevs);
	spin_unlock(&chrdev_lock);
	if (!any_minor)
		devtmpfs_create_node(c->name, S_IFCHR | c->mode, c->dev);
	return 0;
}

int register_chrdev(u32 major, u32 minor, const char *name, u32 mode,
		    const struct file_operations *fops)
{
	return chrdev_add(MKDEV(major, minor), name, mode, false, fops);
}

int register_chrdev_major(u32 major, const char *name, const struct file_operations *fops)
{
	return chrdev_add(MKDEV(major, 0), name, 0, true, fops);
}

u32 chrdev_find_by_name(const char *name)
{
	struct chrdev *c;
	u32 dev = 0;

	spin_lock(&chrdev_lock);
	list_for_each_entry(c, &chrdevs, node) {
		if (strcmp(c->name, name) == 0) {
			dev = c->dev;
			break;
		}
	}
	spin_unlock(&chrdev_lock);
	return dev;
}

void chrdev_for_each(void (*fn)(const char *name, u32 mode, u32 dev))
{
	struct chrdev *c;

	/* Entries never leave the list, so walking it unlocked is safe
	   against everything but a concurrent add, which only appends. */
	list_for_each_entry(c, &chrdevs, node) {
		if (!c->any_minor)
			fn(c->name, S_IFCHR | c->mode, c->dev);
	}
}

static int chrdev_open(struct inode *inode, struct file *f)
{
	struct chrdev *c = chrdev_find(inode->rdev);

	if (!c)
		return -ENXIO;
	f->ops = c->fops;
	return f->ops->open ? f->ops->open(inode, f) : 0;
}

const struct file_operations chrdev_fops = {
	.open = chrdev_open,
};

static int no_device_open(struct inode *inode, struct file *f)
{
	return -ENXIO;
}

const struct file_operations no_device_fops = {
	.open = no_device_open,
};
