/*
 * How fast the page allocator hands out frames: a self-test that prints
 * the rate as a figure (frames per second, single CPU, for order-0
 * alloc_page()/free_page() pairs and for allocating a batch before
 * freeing it) and checks only that every frame came back.  Speed is
 * never asserted (DESIGN.md decision 15); under "-icount" the figure is
 * exact from run to run, without it it is wall time under TCG.
 */
#include <ktest.h>
#include <mm.h>
#include <time.h>

#define RATE_BATCH	512
#define RATE_ROUNDS	64	/* frames per figure: RATE_BATCH * RATE_ROUNDS */

static u64 per_second(u64 frames, u64 ns)
{
	return ns ? frames * 1000000000ull / ns : 0;
}

KTEST(page_alloc_rate)
{
	static struct page *batch[RATE_BATCH];
	u64 before = mm_free_pages(), t0, pairs_ns, batch_ns;

	t0 = clock_monotonic_ns();
	for (unsigned int i = 0; i < RATE_BATCH * RATE_ROUNDS; i++) {
		struct page *p = alloc_page(GFP_KERNEL);

		KTEST_EXPECT(p != NULL);
		free_page(p);
	}
	pairs_ns = clock_monotonic_ns() - t0;

	t0 = clock_monotonic_ns();
	for (unsigned int r = 0; r < RATE_ROUNDS; r++) {
		for (unsigned int i = 0; i < RATE_BATCH; i++) {
			batch[i] = alloc_page(GFP_KERNEL);
			KTEST_EXPECT(batch[i] != NULL);
		}
		for (unsigned int i = 0; i < RATE_BATCH; i++)
			free_page(batch[i]);
	}
	batch_ns = clock_monotonic_ns() - t0;

	KTEST_EXPECT(mm_free_pages() == before);
	printk(KERN_INFO "ktest: page_alloc_rate: %llu frames/s alloc+free pairs, "
	       "%llu frames/s in batches of %u (alloc then free)\n",
	       (unsigned long long)per_second(RATE_BATCH * RATE_ROUNDS, pairs_ns),
	       (unsigned long long)per_second(RATE_BATCH * RATE_ROUNDS, batch_ns), RATE_BATCH);
	return 0;
}
