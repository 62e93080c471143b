# mm/: physical frames, kernel heap, page tables, address spaces.
KOBJS += mm/vmalloc.o
