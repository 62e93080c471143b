/*
 * mm/buddy.c under long randomized alloc/free sequences.  Invariants
 * checked after every step: no frame is handed out twice, the allocator's
 * free count matches what the test holds, blocks are aligned to their
 * order, and once everything is returned the free lists are exactly what
 * they were after setup (full coalescing).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "unit.h"
#include "../../mm/buddy.h"

#define FRAMES	5000

struct held {
	struct page *p;
	unsigned int order;
};

static void snapshot(const struct buddy *b, u64 out[MAX_ORDER])
{
	for (unsigned int i = 0; i < MAX_ORDER; i++)
		out[i] = b->nr_free[i];
}

/* Usable frames: everything but a few holes, as a memory map would leave. */
static u64 setup(struct buddy *b, struct page *pages, u64 base)
{
	buddy_init(b, pages, base, FRAMES);
	buddy_add_range(b, base + 1, 639);		/* a low-memory-like island */
	buddy_add_range(b, base + 700, 2000);
	buddy_add_range(b, base + 2700, FRAMES - 2700 - 3);
	buddy_add_range(b, base + 2800, 10);		/* overlap: must be ignored */
	return 639 + 2000 + (FRAMES - 2700 - 3);
}

static void run_random(u64 base, uint64_t seed)
{
	struct page *pages = calloc(FRAMES, sizeof(*pages));
	unsigned char *owned = calloc(FRAMES, 1);
	struct held *held = calloc(FRAMES, sizeof(*held));
	struct buddy b;
	u64 initial[MAX_ORDER], after[MAX_ORDER], total = setup(&b, pages, base), out = 0;
	unsigned int nheld = 0;

	assert_int_equal(b.free_pages, total);
	snapshot(&b, initial);
	for (int step = 0; step < 20000; step++) {
		bool do_alloc = nheld == 0 || (unit_rand(&seed) % 100) < 55;

		if (do_alloc) {
			unsigned int order = unit_rand(&seed) % 100 < 80 ? 0 : unit_rand(&seed) % 6;
			struct page *p = buddy_alloc(&b, order);
			u64 pfn;

			if (!p)
				continue;	/* exhausted at that order: fine */
			pfn = base + (u64)(p - pages);
			assert_int_equal(pfn % (1u << order), 0);
			for (u64 i = 0; i < (1u << order); i++) {
				assert_int_equal(owned[pfn - base + i], 0);
				owned[pfn - base + i] = 1;
			}
			held[nheld++] = (struct held){ p, order };
			out += 1u << order;
		} else {
			unsigned int i = unit_rand(&seed) % nheld;
			u64 pfn = base + (u64)(held[i].p - pages);

			for (u64 k = 0; k < (1u << held[i].order); k++)
				owned[pfn - base + k] = 0;
			assert_int_equal(buddy_free(&b, held[i].p, held[i].order), 0);
			out -= 1u << held[i].order;
			held[i] = held[--nheld];
		}
		assert_int_equal(b.free_pages + out, total);
	}
	while (nheld > 0) {
		nheld--;
		assert_int_equal(buddy_free(&b, held[nheld].p, held[nheld].order), 0);
	}
	snapshot(&b, after);
	assert_memory_equal(initial, after, sizeof(initial));
	assert_int_equal(b.free_pages, total);
	free(held);
	free(owned);
	free(pages);
}

static void buddy_random_base0(void **state)
{
	run_random(0, 0x1234);
}

static void buddy_random_odd_base(void **state)
{
	run_random(3, 0xbeef);	/* alignment is by absolute frame number */
}

static void buddy_rejects_double_and_foreign_free(void **state)
{
	struct page *pages = calloc(FRAMES, sizeof(*pages));
	struct buddy b;
	struct page *p;

	setup(&b, pages, 0);
	p = buddy_alloc(&b, 2);
	assert_non_null(p);
	assert_int_equal(buddy_free(&b, p, 1), -EINVAL);	/* wrong order */
	assert_int_equal(buddy_free(&b, p, 2), 0);
	assert_int_equal(buddy_free(&b, p, 2), -EINVAL);	/* double free */
	assert_int_equal(buddy_free(&b, &pages[0], 0), -EINVAL);	/* reserved frame */
	free(pages);
}

static void buddy_exhaustion_returns_null(void **state)
{
	struct page *pages = calloc(FRAMES, sizeof(*pages));
	struct buddy b;
	u64 total = setup(&b, pages, 0), got = 0;

	while (buddy_alloc(&b, 0))
		got++;
	assert_int_equal(got, total);
	assert_null(buddy_alloc(&b, 0));
	assert_null(buddy_alloc(&b, MAX_ORDER));	/* beyond the largest order */
	free(pages);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(buddy_random_base0),
		cmocka_unit_test(buddy_random_odd_base),
		cmocka_unit_test(buddy_rejects_double_and_foreign_free),
		cmocka_unit_test(buddy_exhaustion_returns_null),
	};

	return cmocka_run_group_tests_name("buddy", tests, NULL, NULL);
}
