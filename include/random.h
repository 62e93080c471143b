/*
 * The kernel's random numbers: a ChaCha20 keystream generator keyed from
 * hardware entropy (RDSEED/RDRAND when the CPU has them, TSC jitter
 * always) and rekeyed from its own output after every request, so earlier
 * output cannot be recovered from a later state (forward secrecy).
 * Serves AT_RANDOM, getrandom(2) and /dev/urandom.
 */
#ifndef RANDOM_H
#define RANDOM_H

#include <types.h>

void get_random_bytes(void *buf, size_t len);
void random_init(void);

#endif
