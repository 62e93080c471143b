/*
 * Red-black tree balancing (see include/rbtree.h).  Insertion recolours
 * or rotates upwards until no red node has a red parent; erasure replaces
 * the node by its successor when it has two children, then repairs a
 * missing black on the path with the usual four sibling cases.
 */
#include <rbtree.h>

static bool is_red(const struct rb_node *n)
{
	return n && n->color == RB_RED;
}

static void replace_child(struct rb_root *root, struct rb_node *parent,
			  struct rb_node *old, struct rb_node *new)
{
	if (!parent)
		root->node = new;
	else if (parent->left == old)
		parent->left = new;
	else
		parent->right = new;
	if (new)
		new->parent = parent;
}

/* Rotate left around x: x's right child y takes x's place. */
static void rotate_left(struct rb_root *root, struct rb_node *x)
{
	struct rb_node *y = x->right;

	x->right = y->left;
	if (y->left)
		y->left->parent = x;
	replace_child(root, x->parent, x, y);
	y->left = x;
	x->parent = y;
}

static void rotate_right(struct rb_root *root, struct rb_node *x)
{
	struct rb_node *y = x->left;

	x->left = y->right;
	if (y->right)
		y->right->parent = x;
	replace_child(root, x->parent, x, y);
	y->right = x;
	x->parent = y;
}

void rb_insert_fixup(struct rb_root *root, struct rb_node *n)
{
	while (is_red(n->parent)) {
		struct rb_node *p = n->parent, *g = p->parent;
		bool left = (p == g->left);
		struct rb_node *uncle = left ? g->right : g->left;

		if (is_red(uncle)) {		/* recolour and move up */
			p->color = RB_BLACK;
			uncle->color = RB_BLACK;
			g->color = RB_RED;
			n = g;
			continue;
		}
		if (n == (left ? p->right : p->left)) {	/* straighten the zig-zag */
			if (left)
				rotate_left(root, p);
			else
				rotate_right(root, p);
			n = p;
			p = n->parent;
		}
		p->color = RB_BLACK;
		g->color = RB_RED;
		if (left)
			rotate_right(root, g);
		else
			rotate_left(root, g);
	}
	root->node->color = RB_BLACK;
}

/* Restore the black height after removing a black node above x (x may be NULL). */
static void erase_fixup(struct rb_root *root, struct rb_node *x, struct rb_node *parent)
{
	while (x != root->node && !is_red(x)) {
		bool left = (x == parent->left);
		struct rb_node *w = left ? parent->right : parent->left;

		if (is_red(w)) {			/* case 1: red sibling */
			w->color = RB_BLACK;
			parent->color = RB_RED;
			if (left)
				rotate_left(root, parent);
			else
				rotate_right(root, parent);
			w = left ? parent->right : parent->left;
		}
		if (!is_red(w->left) && !is_red(w->right)) {	/* case 2 */
			w->color = RB_RED;
			x = parent;
			parent = x->parent;
			continue;
		}
		if (left ? !is_red(w->right) : !is_red(w->left)) {	/* case 3 */
			(left ? w->left : w->right)->color = RB_BLACK;
			w->color = RB_RED;
			if (left)
				rotate_right(root, w);
			else
				rotate_left(root, w);
			w = left ? parent->right : parent->left;
		}
		w->color = parent->color;		/* case 4 */
		parent->color = RB_BLACK;
		if (left) {
			w->right->color = RB_BLACK;
			rotate_left(root, parent);
		} else {
			w->left->color = RB_BLACK;
			rotate_right(root, parent);
		}
		x = root->node;
		break;
	}
	if (x)
		x->color = RB_BLACK;
}

void rb_erase(struct rb_root *root, struct rb_node *n)
{
	struct rb_node *child, *parent;
	int removed_color = n->color;

	if (!n->left || !n->right) {
		child = n->left ? n->left : n->right;
		parent = n->parent;
		replace_child(root, parent, n, child);
	} else {
		struct rb_node *s = n->right;	/* successor takes n's place */

		while (s->left)
			s = s->left;
		removed_color = s->color;
		child = s->right;
		if (s->parent == n) {
			parent = s;
		} else {
			parent = s->parent;
			replace_child(root, parent, s, child);
			s->right = n->right;
			s->right->parent = s;
		}
		replace_child(root, n->parent, n, s);
		s->left = n->left;
		s->left->parent = s;
		s->color = n->color;
	}
	if (removed_color == RB_BLACK)
		erase_fixup(root, child, parent);
}

struct rb_node *rb_first(const struct rb_root *root)
{
	struct rb_node *n = root->node;

	while (n && n->left)
		n = n->left;
	return n;
}

struct rb_node *rb_last(const struct rb_root *root)
{
	struct rb_node *n = root->node;

	while (n && n->right)
		n = n->right;
	return n;
}

struct rb_node *rb_next(const struct rb_node *n)
{
	if (n->right) {
		n = n->right;
		while (n->left)
			n = n->left;
		return (struct rb_node *)n;
	}
	while (n->parent && n == n->parent->right)
		n = n->parent;
	return n->parent;
}

struct rb_node *rb_prev(const struct rb_node *n)
{
	if (n->left) {
		n = n->left;
		while (n->right)
			n = n->right;
		return (struct rb_node *)n;
	}
	while (n->parent && n == n->parent->left)
		n = n->parent;
	return n->parent;
}
