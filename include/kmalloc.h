/*
 * Kernel heap.  kmalloc() serves small objects from size-class slab caches
 * and larger ones straight from the page allocator; kfree() tells them
 * apart from the object's struct page.  Memory is 16-byte aligned (and
 * page-aligned for sizes above KMALLOC_MAX_SLAB).  kfree() of a pointer
 * that kmalloc() did not return, or of an already freed one, is a kernel
 * bug and panics with a backtrace.  Safe with interrupts off; never sleeps.
 */
#ifndef KMALLOC_H
#define KMALLOC_H

#include <types.h>
#include <mm.h>

#define KMALLOC_MAX_SLAB	2048

void *kmalloc(size_t size, unsigned int gfp);
void kfree(const void *p);

static inline void *kzalloc(size_t size)
{
	return kmalloc(size, GFP_ZERO);
}

/* Bytes usable at p (at least what was asked for). */
size_t ksize(const void *p);

#endif
