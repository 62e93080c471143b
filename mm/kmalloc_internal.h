#ifndef MM_KMALLOC_INTERNAL_H
#define MM_KMALLOC_INTERNAL_H

/* Set up the size-class caches; called once by mm_init(). */
void kmalloc_init(void);

#endif
