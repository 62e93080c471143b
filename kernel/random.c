/*
 * ChaCha20-based random generator (see include/random.h).  The block
 * function follows RFC 8439.  rng_lock protects the key and counter.
 */
#include <random.h>
#include <spinlock.h>
#include <string.h>
#include <arch/exec.h>

static DEFINE_SPINLOCK(rng_lock);
static u32 rng_key[8];		/* rng_lock */
static u64 rng_counter;		/* rng_lock */
static bool rng_seeded;		/* rng_lock */

static inline u32 rotl(u32 v, int n)
{
	return v << n | v >> (32 - n);
}

#define QUARTER(a, b, c, d)						\
	do {								\
		a += b; d ^= a; d = rotl(d, 16);			\
		c += d; b ^= c; b = rotl(b, 12);			\
		a += b; d ^= a; d = rotl(d, 8);				\
		c += d; b ^= c; b = rotl(b, 7);				\
	} while (0)

static void chacha20_block(const u32 key[8], u64 counter, u32 out[16])
{
	u32 x[16] = {
		0x61707865, 0x3320646e, 0x79622d32, 0x6b206574,
		key[0], key[1], key[2], key[3], key[4], key[5], key[6], key[7],
		(u32)counter, (u32)(counter >> 32), 0, 0,
	};
	u32 in[16];

	memcpy(in, x, sizeof(x));
	for (int i = 0; i < 10; i++) {
		QUARTER(x[0], x[4], x[8], x[12]);
		QUARTER(x[1], x[5], x[9], x[13]);
		QUARTER(x[2], x[6], x[10], x[14]);
		QUARTER(x[3], x[7], x[11], x[15]);
		QUARTER(x[0], x[5], x[10], x[15]);
		QUARTER(x[1], x[6], x[11], x[12]);
		QUARTER(x[2], x[7], x[8], x[13]);
		QUARTER(x[3], x[4], x[9], x[14]);
	}
	for (int i = 0; i < 16; i++)
		out[i] = x[i] + in[i];
}

static void reseed_locked(void)
{
	u8 entropy[32];

	arch_gather_entropy(entropy, sizeof(entropy));
	for (int i = 0; i < 8; i++) {
		u32 w;

		memcpy(&w, entropy + 4 * i, 4);
		rng_key[i] ^= w;
	}
	rng_seeded = true;
}

void random_init(void)
{
	unsigned long flags = spin_lock_irqsave(&rng_lock);

	reseed_locked();
	spin_unlock_irqrestore(&rng_lock, flags);
}

void get_random_bytes(void *buf, size_t len)
{
	unsigned long flags = spin_lock_irqsave(&rng_lock);
	u8 *out = buf;
	u32 block[16];

	if (!rng_seeded)
		reseed_locked();
	while (len > 0) {
		size_t n = MIN(len, sizeof(block));

		chacha20_block(rng_key, rng_counter++, block);
		memcpy(out, block, n);
		out += n;
		len -= n;
	}
	chacha20_block(rng_key, rng_counter++, block);	/* fresh key: forward secrecy */
	memcpy(rng_key, block, sizeof(rng_key));
	memset(block, 0, sizeof(block));
	spin_unlock_irqrestore(&rng_lock, flags);
}
