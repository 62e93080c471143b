/*
 * User address spaces.
 *
 * A struct mm is one address space: its page tables (root) and its
 * virtual memory areas, kept in a red-black tree ordered by address so
 * that the page-fault path finds an address's area in O(log n).  Areas
 * never overlap and are page aligned.  A page is mapped only when first
 * touched (demand paging): anonymous memory gets a zeroed frame, a file
 * mapping the file's page-cache page (mm/file_map.c), and a private
 * writable page shared after fork (or with the page cache) is copied on
 * its first write.  Every mapped page-table entry holds one reference on
 * its frame.
 *
 * mm->lock (a mutex: faults may sleep) protects the tree, every area,
 * brk and the user half of the page tables.  The user-copy helpers may
 * fault and take it, so never copy to or from user memory while holding
 * it.  An mm is shared by the threads of a process (refcount 'users').
 */
#ifndef VM_H
#define VM_H

#include <types.h>
#include <mutex.h>
#include <rbtree.h>
#include <list.h>

/* vma->flags, beside the PROT_* rights in vma->prot */
#define VM_SHARED	(1u << 0)	/* MAP_SHARED: writes are seen by all mappers */
#define VM_GROWSDOWN	(1u << 1)	/* the stack: grows into the gap below it */
#define VM_VDSO		(1u << 2)	/* the vDSO's code: /proc/<pid>/maps says [vdso] */
#define VM_VVAR		(1u << 3)	/* the vDSO's data page: [vvar] */
/*
 * Special areas map kernel-owned pages installed when the area is made:
 * never demand-paged, never split (a partial munmap, mprotect or mremap
 * is -EINVAL), moved by mremap only whole and at the same size.
 * The data page never becomes writable (mprotect says -EACCES); the code
 * may, as on Linux (debuggers), and a write then copies the page for
 * this process alone, like any private page.
 */
#define VM_SPECIAL	(VM_VDSO | VM_VVAR)
#define VM_MAYWRITE	(1u << 4)	/* shared file mapping: mprotect may add PROT_WRITE */
#define VM_DONTCOPY	(1u << 5)	/* MADV_DONTFORK: a forked child does not get it */
#define VM_WIPEONFORK	(1u << 6)	/* MADV_WIPEONFORK: the child's copy starts zeroed */
#define VM_LOCKED	(1u << 7)	/* mlock: pages stay in memory (mm/mlock.c) */
#define VM_LOCKONFAULT	(1u << 8)	/* with VM_LOCKED: populated by faults, not at once */
#define VM_LOCK_MASK	(VM_LOCKED | VM_LOCKONFAULT)

struct file;
struct shared_anon;

/* All fields: mm->lock of the owner; file_node also the file's page_cache lock. */
struct vma {
	struct rb_node node;		/* mm->vmas */
	unsigned long start, end;	/* [start, end), page aligned */
	unsigned int prot;		/* PROT_READ | PROT_WRITE | PROT_EXEC */
	unsigned int flags;		/* VM_* */
	struct mm *mm;			/* the owner, set by vma_insert() */
	struct shared_anon *shared;	/* VM_SHARED anonymous: the common pages */
	struct file *file;		/* file mapping: holds a reference; else NULL */
	struct list_head file_node;	/* on file->inode->pages.mappers while inserted */
	unsigned long pgoff;		/* page index of 'start' in 'shared' or 'file' */
	u64 sweep_gen;			/* file: last truncate sweep that visited it */
};

/* What /proc/<pid>/maps shows in the path column for a special area, else NULL. */
static inline const char *vma_special_name(const struct vma *v)
{
	if (v->flags & VM_VDSO)
		return "[vdso]";
	if (v->flags & VM_VVAR)
		return "[vvar]";
	return NULL;
}

struct mm {
	struct mutex lock;
	struct rb_root vmas;		/* lock */
	unsigned long nr_vmas;		/* lock */
	phys_addr_t root;		/* immutable */
	unsigned long brk_start, brk;	/* lock; heap is [brk_start, brk) */
	unsigned long mmap_base;	/* immutable: top of the mmap search range */
	unsigned long stack_top;	/* immutable after exec */
	unsigned long arg_start, arg_end, env_start, env_end;	/* for /proc */
	struct file *exe_file;		/* immutable after exec: the program, for /proc */
	unsigned int def_flags;		/* lock: VM_LOCK_MASK bits new areas get (mlockall) */
	int dumpable;			/* atomic: 1 (SUID_DUMP_USER) or 0: core dumps, /proc
					   ownership (prctl PR_SET_DUMPABLE, id changes, exec) */
	int users;			/* atomic: tasks using this mm */
};

/* Default placement, as on Linux x86_64 without randomization. */
#define USER_STACK_TOP		0x00007ffffffff000ul
#define USER_STACK_MAX		(8ul << 20)
#define USER_MMAP_BASE		0x00007ffff7fff000ul
#define USER_MIN_ADDR		0x10000ul	/* vm.mmap_min_addr */

struct mm *mm_create(void);
void mm_get(struct mm *mm);
/* mm_get() unless the last user already left (teardown under way): false then. */
bool mm_tryget(struct mm *mm);
void mm_put(struct mm *mm);
/* Pages in mm's locked areas (VmLck); mm->lock held (mm/mlock.c). */
unsigned long vm_locked_pages(struct mm *mm);
/* A copy-on-write duplicate for fork; NULL on -ENOMEM. */
struct mm *mm_fork(struct mm *old);
void mm_activate(struct mm *mm);

/*
 * Core operations on kernel values; the caller holds mm->lock.  All return
 * 0 / an address, or a negative errno, with Linux's semantics.
 */
struct vma *vma_find(struct mm *mm, unsigned long addr);	/* first with end > addr */
struct vma *vma_next(struct vma *v);				/* the next area up, or NULL */
/* Free room for len bytes: at hint if free, else top-down; address or -ENOMEM. */
long vma_find_free(struct mm *mm, unsigned long hint, unsigned long len);
long vm_map(struct mm *mm, unsigned long addr, unsigned long len, unsigned int prot,
	    unsigned int map_flags);
/*
 * Map len bytes of file f from page index pgoff (mmap's rules for the
 * address and flags; the caller checked f's access mode).  The area takes
 * its own file reference.
 */
long vm_map_file(struct mm *mm, unsigned long addr, unsigned long len, unsigned int prot,
		 unsigned int map_flags, struct file *f, unsigned long pgoff);
long vm_unmap(struct mm *mm, unsigned long addr, unsigned long len);
long vm_protect(struct mm *mm, unsigned long addr, unsigned long len, unsigned int prot);
long vm_brk(struct mm *mm, unsigned long new_brk);
struct page;
/*
 * A special area (VM_SPECIAL flags) at addr, which must be free, mapping
 * the npages given pages (each gets a reference) with prot (no
 * PROT_WRITE).  0 or a negative errno.
 */
long vm_insert_special(struct mm *mm, unsigned long addr, struct page *const *pages,
		       unsigned long npages, unsigned int prot, unsigned int vm_flags);
/*
 * Write kernel data into mm (not necessarily the active one) through the
 * direct map, whatever the areas' rights, allocating pages as needed and
 * writing private areas only in private pages (a file page is copied
 * first): for exec building a new image.
 */
long vm_write(struct mm *mm, unsigned long addr, const void *src, size_t len);
/*
 * Copy up to len bytes at addr of mm (any address space) into a kernel
 * buffer through the direct map, without faulting anything in: stops at
 * the first page not present.  Returns the bytes copied.  Takes mm->lock.
 */
size_t vm_read_remote(struct mm *mm, unsigned long addr, void *dst, size_t len);
/* The same with zeroes (exec's bss tail); private file pages get copied first. */
long vm_clear(struct mm *mm, unsigned long addr, size_t len);

/*
 * A file shrank to 'pages' pages: remove every mapping of its pages from
 * that index on, in every address space (private copies too, as Linux's
 * truncate does), so later accesses there raise SIGBUS.  Called by the
 * file system with the inode's lock held, after the new size is visible
 * and the page cache is cut; takes mm->lock of each mapper.  May sleep.
 */
struct page_cache;
void vm_truncate_mappings(struct page_cache *pc, u64 pages);
/*
 * Hole punching: pages[i] (NULL: none) was at index first + i of pc and
 * has left it; remove every page-table entry that maps it, in every
 * address space (private copies stay).  Same locking as above.
 */
struct page;
void vm_unmap_cache_pages(struct page_cache *pc, u64 first, struct page *const *pages, u64 n);

/*
 * Resolve a user page fault.  Returns 0 when the access may be retried,
 * -EFAULT for an address with no area (SEGV_MAPERR), -EACCES for an area
 * that forbids the access (SEGV_ACCERR), -EIO for a file page wholly past
 * the end of the file (SIGBUS, BUS_ADRERR), -ENOMEM when out of memory.
 */
#define FAULT_WRITE	(1u << 0)
#define FAULT_EXEC	(1u << 1)
#define FAULT_PRESENT	(1u << 2)	/* the page was mapped: a rights fault */
int vm_fault(struct mm *mm, unsigned long addr, unsigned int fault_flags);

#endif
