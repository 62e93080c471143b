# mm/: physical frames, kernel heap, page tables, address spaces.
KOBJS += mm/init.o mm/buddy.o mm/page_alloc.o mm/kmalloc.o mm/vmalloc.o
KOBJS += mm/mm_ktest.o mm/page_alloc_ktest.o mm/file_map_ktest.o
KOBJS += mm/uaccess_ktest.o
KOBJS += mm/vm.o mm/vma.o mm/fault.o mm/shared_anon.o mm/file_map.o
KOBJS += mm/sys_mman.o
KOBJS += mm/mremap.o mm/mlock.o
KOBJS += mm/madvise.o mm/msync.o mm/fadvise.o
KOBJS += mm/usercopy.o
