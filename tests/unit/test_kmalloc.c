/*
 * mm/kmalloc.c, unchanged, on the host: the slab caches run over an arena
 * that stands in for the direct map, with mm/buddy.c behind alloc_pages()
 * (shims for the arena, spinlocks and panic in tests/unit/kshim/).
 *
 * Long randomized alloc/free sequences check that no two live objects
 * overlap (a byte map of the arena), that the allocator never writes into
 * a live object (each is filled with its own tag and checked at kfree),
 * alignment, ksize() and GFP_ZERO; once everything is freed, every frame
 * came back except at most one empty slab per cache.  Also: double and
 * foreign frees panic, exhaustion returns NULL and leaks nothing.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "unit.h"
#include <kmalloc.h>
#include "../../mm/buddy.h"
#include "../../mm/kmalloc_internal.h"
#include <spinlock.h>	/* the kshim one */

#define FRAMES		8192	/* a 32 MiB arena */
#define MAX_LIVE	1500
#define NR_CACHES	10	/* kmalloc-16 .. kmalloc-2048 */

unsigned char *kshim_arena;
unsigned long kshim_arena_size;
struct page *mem_map;
u64 max_pfn;

static struct buddy zone;
static long frames_out;		/* frames kmalloc holds from the page allocator */
static long alloc_budget = -1;	/* >= 0: alloc_pages fails once it is spent */

struct page *alloc_pages(unsigned int gfp, unsigned int order)
{
	struct page *p;

	if (alloc_budget == 0)
		return NULL;
	p = buddy_alloc(&zone, order);
	if (!p)
		return NULL;
	if (alloc_budget > 0)
		alloc_budget--;
	p->refcount = 1;
	frames_out += 1l << order;
	if (gfp & GFP_ZERO)
		memset(page_address(p), 0, PAGE_SIZE << order);
	else
		memset(page_address(p), 0xa5, PAGE_SIZE << order);	/* no free zeroes */
	return p;
}

void free_pages(struct page *p, unsigned int order)
{
	assert_int_equal(--p->refcount, 0);
	assert_int_equal(buddy_free(&zone, p, order), 0);
	frames_out -= 1l << order;
}

struct page *virt_to_page(const void *va)
{
	unsigned long v = (unsigned long)va;

	if (v < DIRECT_MAP_BASE || v >= DIRECT_MAP_END)
		return NULL;
	return pfn_to_page((v - DIRECT_MAP_BASE) >> PAGE_SHIFT);
}

void kshim_lock_error(const char *what, const struct spinlock *l)
{
	fail_msg("spinlock %s %s", l->name, what);
}

static jmp_buf panic_env;
static bool panic_expected;
static char panic_msg[256];

void panic(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(panic_msg, sizeof(panic_msg), fmt, ap);
	va_end(ap);
	if (panic_expected) {
		panic_expected = false;
		longjmp(panic_env, 1);
	}
	fail_msg("unexpected panic: %s", panic_msg);
	abort();
}

static int setup_arena(void **state)
{
	kshim_arena_size = (unsigned long)FRAMES * PAGE_SIZE;
	kshim_arena = aligned_alloc(PAGE_SIZE, kshim_arena_size);
	mem_map = calloc(FRAMES, sizeof(*mem_map));
	if (!kshim_arena || !mem_map)
		return -1;
	max_pfn = FRAMES;
	buddy_init(&zone, mem_map, 0, FRAMES);
	buddy_add_range(&zone, 0, FRAMES);
	kmalloc_init();
	return 0;
}

static int teardown_arena(void **state)
{
	free(kshim_arena);
	free(mem_map);
	return 0;
}

/* After everything was freed: only empty slabs stay, one per cache at most. */
static void assert_all_returned(void)
{
	long slabs = 0;

	for (u64 pfn = 0; pfn < FRAMES; pfn++) {
		const struct page *p = &mem_map[pfn];

		if (p->flags & PG_SLAB) {
			assert_int_equal(p->slab_inuse, 0);
			slabs++;
		}
	}
	assert_true(slabs <= NR_CACHES);
	assert_int_equal(frames_out, slabs);
}

struct live {
	unsigned char *p;
	size_t size, span;	/* asked for; ksize() */
	unsigned char tag;
};

static size_t random_size(uint64_t *seed)
{
	unsigned int r = unit_rand(seed) % 100;

	if (r < 2)
		return 0;
	if (r < 70)
		return 1 + unit_rand(seed) % 256;
	if (r < 95)
		return 257 + unit_rand(seed) % (2048 - 256);
	return 2049 + unit_rand(seed) % (16384 - 2048);
}

static void claim(unsigned char *owner, const struct live *l, unsigned char v)
{
	size_t off = (size_t)(l->p - kshim_arena);

	for (size_t i = 0; i < l->span; i++) {
		assert_int_equal(owner[off + i], !v);	/* overlap, or a lost claim */
		owner[off + i] = v;
	}
}

static void check_new(const struct live *l, bool zeroed)
{
	unsigned long a = (unsigned long)l->p;

	assert_non_null(l->p);
	assert_true(a >= DIRECT_MAP_BASE && a + l->span <= DIRECT_MAP_END);
	assert_int_equal(a % 16, 0);
	if (l->size > KMALLOC_MAX_SLAB)
		assert_int_equal(a % PAGE_SIZE, 0);
	assert_true(l->span >= (l->size ? l->size : 1));
	for (size_t i = 0; zeroed && i < l->size; i++)
		assert_int_equal(l->p[i], 0);
}

static void release(unsigned char *owner, struct live *l)
{
	for (size_t i = 0; i < l->size; i++)
		assert_int_equal(l->p[i], l->tag);	/* nobody wrote into it */
	claim(owner, l, 0);
	kfree(l->p);
}

static void run_random(uint64_t seed, int steps)
{
	unsigned char *owner = calloc(kshim_arena_size, 1);
	struct live *live = calloc(MAX_LIVE, sizeof(*live));
	unsigned int n = 0;

	assert_non_null(owner);
	for (int step = 0; step < steps; step++) {
		bool alloc = n == 0 || (n < MAX_LIVE && unit_rand(&seed) % 100 < 55);

		if (alloc) {
			struct live *l = &live[n++];
			bool zero = unit_rand(&seed) % 100 < 30;

			l->size = random_size(&seed);
			l->p = kmalloc(l->size, zero ? GFP_ZERO : GFP_KERNEL);
			l->span = l->p ? ksize(l->p) : 0;
			check_new(l, zero);
			claim(owner, l, 1);
			l->tag = (unsigned char)unit_rand(&seed);
			memset(l->p, l->tag, l->size);
		} else {
			unsigned int i = unit_rand(&seed) % n;

			release(owner, &live[i]);
			live[i] = live[--n];
		}
	}
	while (n > 0)
		release(owner, &live[--n]);
	assert_all_returned();
	free(live);
	free(owner);
}

static void kmalloc_random_short(void **state)
{
	run_random(0x1234, 20000);
}

static void kmalloc_random_long(void **state)
{
	run_random(0xfeedbeef, 300000);
	run_random(42, 100000);		/* again, over the slabs left behind */
}

static void kmalloc_size_edges(void **state)
{
	static const size_t sizes[] = { 1, 15, 16, 17, 96, 97, 2047, 2048, 2049, 4096, 4097 };

	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		unsigned char *p = kmalloc(sizes[i], GFP_ZERO);

		assert_non_null(p);
		assert_true(ksize(p) >= sizes[i]);
		memset(p, 1, sizes[i]);
		kfree(p);
	}
	assert_null(kmalloc((PAGE_SIZE << (MAX_ORDER - 1)) + 1, GFP_KERNEL));
	kfree(NULL);
	assert_all_returned();
}

static void expect_panic(void (*fn)(void *), void *arg, const char *needle)
{
	panic_expected = true;
	if (setjmp(panic_env) == 0) {
		fn(arg);
		fail_msg("no panic (expected \"%s\")", needle);
	}
	assert_false(panic_expected);
	assert_non_null(strstr(panic_msg, needle));
}

static void do_kfree(void *p)
{
	kfree(p);
}

static void kmalloc_bad_frees_panic(void **state)
{
	unsigned char *keep = kmalloc(64, GFP_KERNEL), *p = kmalloc(64, GFP_KERNEL);
	unsigned char *big = kmalloc(3 * PAGE_SIZE, GFP_KERNEL);
	int on_stack;

	assert_non_null(keep);
	assert_non_null(p);
	assert_non_null(big);
	kfree(p);
	expect_panic(do_kfree, p, "double free");
	expect_panic(do_kfree, keep + 8, "inside an object");
	expect_panic(do_kfree, &on_stack, "not a kmalloc address");
	expect_panic(do_kfree, big + PAGE_SIZE, "not allocated by kmalloc");
	kfree(big);
	expect_panic(do_kfree, big, "not allocated by kmalloc");
	kfree(keep);
	assert_all_returned();
}

static void kmalloc_exhaustion_returns_null(void **state)
{
	void *objs[64];
	unsigned int n = 0;

	alloc_budget = 3;	/* three more frames, then nothing */
	while (n < 64 && (objs[n] = kmalloc(1024, GFP_KERNEL)) != NULL)
		n++;
	assert_true(n >= 8 && n < 64);	/* 4 per slab: the partial one and 3 new */
	assert_null(kmalloc(5000, GFP_KERNEL));
	alloc_budget = -1;
	while (n > 0)
		kfree(objs[--n]);
	assert_all_returned();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(kmalloc_size_edges),
		cmocka_unit_test(kmalloc_random_short),
		cmocka_unit_test(kmalloc_random_long),
		cmocka_unit_test(kmalloc_bad_frees_panic),
		cmocka_unit_test(kmalloc_exhaustion_returns_null),
	};

	return cmocka_run_group_tests_name("kmalloc", tests, setup_arena, teardown_arena);
}
