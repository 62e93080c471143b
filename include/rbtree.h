/*
 * Red-black trees: balanced binary search trees with O(log n) insert,
 * erase and lookup.  Like list.h, the node is embedded in the element and
 * the tree knows nothing about keys: the caller walks down to find the
 * insertion point (comparing its own keys), links the new node there with
 * rb_link_node(), then calls rb_insert_fixup() to rebalance.
 *
 * Invariants: the root is black; a red node has black children; every
 * path from a node down to a leaf passes the same number of black nodes.
 * No locking: the owner of a tree says which lock protects it.
 */
#ifndef RBTREE_H
#define RBTREE_H

#include <types.h>
#include <compiler.h>

#define RB_RED		0
#define RB_BLACK	1

struct rb_node {
	struct rb_node *parent;
	struct rb_node *left, *right;
	int color;
};

struct rb_root {
	struct rb_node *node;
};

#define RB_ROOT_INIT	{ NULL }
#define rb_entry(ptr, type, member)	container_of(ptr, type, member)

/* Attach n as the child *link of parent (NULL parent: n becomes the root). */
static inline void rb_link_node(struct rb_node *n, struct rb_node *parent,
				struct rb_node **link)
{
	n->parent = parent;
	n->left = NULL;
	n->right = NULL;
	n->color = RB_RED;
	*link = n;
}

void rb_insert_fixup(struct rb_root *root, struct rb_node *n);
void rb_erase(struct rb_root *root, struct rb_node *n);

struct rb_node *rb_first(const struct rb_root *root);
struct rb_node *rb_last(const struct rb_root *root);
struct rb_node *rb_next(const struct rb_node *n);
struct rb_node *rb_prev(const struct rb_node *n);

#endif
