/*
 * Address-space operations with Linux's semantics: mmap of anonymous
 * memory and of files (private and shared, MAP_FIXED, MAP_FIXED_NOREPLACE,
 * hints; file areas fault through mm/file_map.c),
 * munmap and mprotect over any range (splitting areas as needed), brk,
 * and the whole-space operations: create, fork (copy-on-write), release.
 */
#include <errno.h>
#include <kmalloc.h>
#include <mm.h>
#include <string.h>
#include <uapi/mman.h>
#include <vfs.h>
#include <vm.h>
#include <arch/mmu.h>
#include "vm_internal.h"

struct mm *mm_create(void)
{
	struct mm *mm = kzalloc(sizeof(*mm));

	if (!mm)
		return NULL;
	mm->root = mmu_new_root();
	if (!mm->root) {
		kfree(mm);
		return NULL;
	}
	mutex_init(&mm->lock);
	mm->mmap_base = USER_MMAP_BASE;
	mm->stack_top = USER_STACK_TOP;
	mm->users = 1;
	mm->dumpable = 1;
	return mm;
}

void mm_get(struct mm *mm)
{
	__atomic_add_fetch(&mm->users, 1, __ATOMIC_RELAXED);
}

bool mm_tryget(struct mm *mm)
{
	int users = __atomic_load_n(&mm->users, __ATOMIC_RELAXED);

	while (users > 0) {
		if (__atomic_compare_exchange_n(&mm->users, &users, users + 1, false,
						__ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
			return true;
	}
	return false;
}

void mm_put(struct mm *mm)
{
	struct rb_node *n;

	if (__atomic_sub_fetch(&mm->users, 1, __ATOMIC_ACQ_REL) != 0)
		return;
	while ((n = rb_first(&mm->vmas))) {
		struct vma *v = rb_entry(n, struct vma, node);

		mmu_unmap_put(mm->root, v->start, v->end);
		vma_remove(mm, v);
		vma_free(v);
	}
	mmu_free_root(mm->root);
	if (mm->exe_file)
		file_put(mm->exe_file);
	kfree(mm);
}

void mm_activate(struct mm *mm)
{
	mmu_switch(mm ? mm->root : kernel_root);
}

/* The child's copy of v: none (MADV_DONTFORK), empty (MADV_WIPEONFORK), or COW. */
static int fork_vma(struct mm *new, struct mm *old, struct vma *v)
{
	struct vma *copy;
	bool cow = !(v->flags & VM_SHARED);

	if (v->flags & VM_DONTCOPY)
		return 0;
	copy = vma_alloc(v->start, v->end, v->prot, v->flags & ~VM_LOCK_MASK);	/* not inherited */
	if (!copy)
		return -ENOMEM;
	vma_share_backing(copy, v, 0);
	vma_insert(new, copy);
	if (v->flags & VM_WIPEONFORK)
		return 0;	/* private anonymous: the child demand-zeroes it */
	return mmu_copy_range(new->root, old->root, v->start, v->end, cow);
}

struct mm *mm_fork(struct mm *old)
{
	struct mm *new = mm_create();
	struct rb_node *n;
	int err = 0;

	if (!new)
		return NULL;
	mutex_lock(&old->lock);
	/*
	 * The child's areas of files become visible to truncate (through the
	 * files' mapper lists) as they are inserted, so build its page tables
	 * under its own lock too.  Nothing else can hold it: no deadlock.
	 */
	mutex_lock(&new->lock);
	for (n = rb_first(&old->vmas); n && !err; n = rb_next(n))
		err = fork_vma(new, old, rb_entry(n, struct vma, node));
	new->brk_start = old->brk_start;
	new->brk = old->brk;
	new->stack_top = old->stack_top;
	new->arg_start = old->arg_start;
	new->arg_end = old->arg_end;
	new->env_start = old->env_start;
	new->env_end = old->env_end;
	new->dumpable = READ_ONCE(old->dumpable);
	new->exe_file = old->exe_file;
	if (new->exe_file)
		file_get(new->exe_file);
	mutex_unlock(&new->lock);
	mutex_unlock(&old->lock);
	if (err) {
		mm_put(new);
		return NULL;
	}
	return new;
}

/* Cut areas so that none straddles addr; special areas are never cut (Linux: EINVAL). */
static int split_at(struct mm *mm, unsigned long addr)
{
	struct vma *v = vma_find(mm, addr);

	if (v && v->start < addr)
		return (v->flags & VM_SPECIAL) ? -EINVAL : vma_split(mm, v, addr);
	return 0;
}

int vma_isolate(struct mm *mm, unsigned long start, unsigned long end)
{
	int err = split_at(mm, start);

	return err ? err : split_at(mm, end);
}

long vm_unmap(struct mm *mm, unsigned long addr, unsigned long len)
{
	unsigned long end;
	struct vma *v;
	int err;

	if (!IS_ALIGNED(addr, PAGE_SIZE) || len == 0)
		return -EINVAL;
	len = ALIGN_UP(len, PAGE_SIZE);
	if (addr >= USER_SPACE_END || len > USER_SPACE_END - addr)
		return -EINVAL;
	end = addr + len;
	err = split_at(mm, addr);
	if (!err)
		err = split_at(mm, end);
	if (err)
		return err;
	while ((v = vma_find(mm, addr)) && v->start < end) {
		mmu_unmap_put(mm->root, v->start, v->end);
		vma_remove(mm, v);
		vma_free(v);
	}
	return 0;
}

/* mmap(2) does not check prot (Linux ignores bits other than rwx). */
static long check_map_args(unsigned long addr, unsigned long len, unsigned int flags)
{
	unsigned int type = flags & MAP_TYPE;

	if (len == 0)
		return -EINVAL;
	if (len > USER_SPACE_END)
		return -ENOMEM;		/* as Linux: no room that big, whatever the flags */
	if (type != MAP_PRIVATE && type != MAP_SHARED && type != MAP_SHARED_VALIDATE)
		return -EINVAL;
	if ((flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)) && !IS_ALIGNED(addr, PAGE_SIZE))
		return -EINVAL;
	return 0;
}

/* Where a new mapping goes: an address, or a negative errno. */
static long place_mapping(struct mm *mm, unsigned long addr, unsigned long len,
			  unsigned int flags)
{
	long err;

	if (!(flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)))
		return vma_find_free(mm, ALIGN_DOWN(addr, PAGE_SIZE), len);
	if (addr > USER_SPACE_END - len)
		return -ENOMEM;
	if (addr < USER_MIN_ADDR)
		return -EPERM;	/* below vm.mmap_min_addr */
	if (!range_is_free(mm, addr, len)) {
		if (flags & MAP_FIXED_NOREPLACE)
			return -EEXIST;
		err = vm_unmap(mm, addr, len);
		if (err)
			return err;
	}
	return (long)addr;
}

/* The area for [addr, addr+len): anonymous, shared anonymous, or of file f. */
static struct vma *new_area(unsigned long addr, unsigned long len, unsigned int prot,
			    unsigned int flags, struct file *f, unsigned long pgoff)
{
	unsigned int vflags = 0;
	struct vma *v;

	if ((flags & MAP_TYPE) != MAP_PRIVATE)
		vflags |= VM_SHARED;
	if ((vflags & VM_SHARED) && f && (f->mode & FMODE_WRITE))
		vflags |= VM_MAYWRITE;
	if (flags & MAP_GROWSDOWN)
		vflags |= VM_GROWSDOWN;
	v = vma_alloc(addr, addr + len, prot, vflags);
	if (!v)
		return NULL;
	if (f) {
		v->file = f;
		v->pgoff = pgoff;
		file_get(f);
	} else if (vflags & VM_SHARED) {
		v->shared = shared_anon_create(len >> PAGE_SHIFT);
		if (!v->shared) {
			vma_free(v);
			return NULL;
		}
	}
	return v;
}

/*
 * MAP_POPULATE: fault the new area in now, as Linux's mm_populate() does,
 * writing into private writable areas so they get their own pages; a
 * failure (past the end of a file, out of memory) is not an error of mmap.
 */
static void populate_area(struct mm *mm, struct vma *v)
{
	bool write = (v->prot & PROT_WRITE) && !(v->flags & VM_SHARED);

	vm_populate(mm, v, v->start, v->end, write);
}

static long map_range(struct mm *mm, unsigned long addr, unsigned long len, unsigned int prot,
		      unsigned int flags, struct file *f, unsigned long pgoff)
{
	struct vma *v;
	long err = check_map_args(addr, len, flags);

	if (err)
		return err;
	prot &= PROT_READ | PROT_WRITE | PROT_EXEC;
	len = ALIGN_UP(len, PAGE_SIZE);
	if (f && pgoff + (len >> PAGE_SHIFT) < pgoff)
		return -EOVERFLOW;
	err = vm_lock_new_area(mm, flags & MAP_LOCKED, len);
	if (err)
		return err;
	err = place_mapping(mm, addr, len, flags);
	if (err < 0)
		return err;
	addr = (unsigned long)err;
	v = new_area(addr, len, prot, flags, f, pgoff);
	if (!v)
		return -ENOMEM;
	v->flags |= mm->def_flags | ((flags & MAP_LOCKED) ? VM_LOCKED : 0);
	vma_insert(mm, v);
	if ((v->flags & VM_LOCK_MASK) == VM_LOCKED)
		vm_populate_locked(mm, v->start, v->end);	/* errors ignored, as Linux */
	else if ((flags & (MAP_POPULATE | MAP_NONBLOCK)) == MAP_POPULATE && prot != PROT_NONE)
		populate_area(mm, v);
	return (long)addr;
}

long vm_insert_special(struct mm *mm, unsigned long addr, struct page *const *pages,
		       unsigned long npages, unsigned int prot, unsigned int vm_flags)
{
	unsigned long len = npages << PAGE_SHIFT;
	struct vma *v;
	int err = 0;

	if ((prot & PROT_WRITE) || !(vm_flags & VM_SPECIAL) || (vm_flags & VM_SHARED) ||
	    !range_is_free(mm, addr, len))
		return -EINVAL;
	v = vma_alloc(addr, addr + len, prot, vm_flags);
	if (!v)
		return -ENOMEM;
	vma_insert(mm, v);
	for (unsigned long i = 0; i < npages && !err; i++) {
		get_page(pages[i]);
		err = mmu_set(mm->root, addr + (i << PAGE_SHIFT), page_to_phys(pages[i]),
			      vma_mmu_prot(v, false));
		if (err)
			put_page(pages[i]);
	}
	if (err)
		vm_unmap(mm, addr, len);	/* drops the references taken so far */
	return err;
}

/* Whether mprotect may give v the rights prot. */
static bool protect_allowed(const struct vma *v, unsigned int prot)
{
	if (!(prot & PROT_WRITE))
		return true;
	/* A shared mapping of a file opened read-only stays read-only. */
	if ((v->flags & VM_SHARED) && v->file && !(v->flags & VM_MAYWRITE))
		return false;
	return !(v->flags & VM_VVAR);
}

long vm_map(struct mm *mm, unsigned long addr, unsigned long len, unsigned int prot,
	    unsigned int flags)
{
	return map_range(mm, addr, len, prot, flags, NULL, 0);
}

long vm_map_file(struct mm *mm, unsigned long addr, unsigned long len, unsigned int prot,
		 unsigned int flags, struct file *f, unsigned long pgoff)
{
	return map_range(mm, addr, len, prot, flags, f, pgoff);
}

#define PROT_SEM	0x8	/* accepted by mprotect on x86, and meaningless */

/*
 * PROT_GROWSDOWN extends the range down to the start of the area that
 * holds addr, which must grow down (else -EINVAL, as Linux); there are no
 * areas that grow up, so PROT_GROWSUP is always -EINVAL.  Sets *addr.
 */
static long apply_grows(struct mm *mm, unsigned long *addr, unsigned long end,
			unsigned int grows)
{
	struct vma *v = vma_find(mm, *addr);

	if (!v)
		return -ENOMEM;
	if (grows & PROT_GROWSDOWN) {
		if (v->start >= end)
			return -ENOMEM;
		*addr = v->start;
		return (v->flags & VM_GROWSDOWN) ? 0 : -EINVAL;
	}
	if (v->start > *addr)
		return -ENOMEM;
	return grows ? -EINVAL : 0;
}

long vm_protect(struct mm *mm, unsigned long addr, unsigned long len, unsigned int prot)
{
	unsigned int grows = prot & (PROT_GROWSDOWN | PROT_GROWSUP);
	unsigned long end, cur;
	struct vma *v;
	long err;

	prot &= ~grows;
	if (grows == (PROT_GROWSDOWN | PROT_GROWSUP) || !IS_ALIGNED(addr, PAGE_SIZE))
		return -EINVAL;
	if (len == 0)
		return 0;
	len = ALIGN_UP(len, PAGE_SIZE);
	if (len == 0 || addr >= USER_SPACE_END || len > USER_SPACE_END - addr)
		return -ENOMEM;
	end = addr + len;
	if (prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC | PROT_SEM))
		return -EINVAL;
	err = apply_grows(mm, &addr, end, grows);
	if (err)
		return err;
	/* The whole range must be mapped, without holes (else ENOMEM, as Linux). */
	for (cur = addr, v = vma_find(mm, addr); cur < end; v = vma_next(v)) {
		if (!v || v->start > cur)
			return -ENOMEM;
		if (!protect_allowed(v, prot))
			return -EACCES;
		cur = v->end;
	}
	err = vma_isolate(mm, addr, end);
	if (err)
		return err;
	prot &= PROT_READ | PROT_WRITE | PROT_EXEC;
	for (v = vma_find(mm, addr); v && v->start < end; v = vma_next(v)) {
		v->prot = prot;
		mmu_protect_range(mm->root, v->start, v->end, vma_mmu_prot(v, false));
	}
	return 0;
}

long vm_brk(struct mm *mm, unsigned long new_brk)
{
	unsigned long old_end = ALIGN_UP(mm->brk, PAGE_SIZE);
	unsigned long new_end = ALIGN_UP(new_brk, PAGE_SIZE);

	if (new_brk < mm->brk_start || new_brk > USER_SPACE_END)
		return (long)mm->brk;
	if (new_end < old_end) {
		if (vm_unmap(mm, new_end, old_end - new_end))
			return (long)mm->brk;
	} else if (new_end > old_end) {
		long r = vm_map(mm, old_end, new_end - old_end, PROT_READ | PROT_WRITE,
				MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE);
		if (r < 0)
			return (long)mm->brk;
	}
	mm->brk = new_brk;
	return (long)new_brk;
}

/*
 * The page mapped at page_va, made private and writable by the kernel
 * whatever the area's rights: faulted in for writing (a private copy of
 * a file page, a zeroed page, or the shared page), copy-on-write broken.
 * NULL when out of memory or past the end of a mapped file.
 */
static struct page *populate_page(struct mm *mm, struct vma *v, unsigned long page_va)
{
	phys_addr_t pa;
	int err;

	if (!mmu_translate(mm->root, page_va, &pa, NULL))
		err = fault_resolve(mm, v, page_va, FAULT_WRITE);
	else if (!(v->flags & VM_SHARED))
		err = break_cow(mm, v, page_va);
	else
		err = 0;
	if (err || !mmu_translate(mm->root, page_va, &pa, NULL))
		return NULL;
	return pfn_to_page(pa >> PAGE_SHIFT);
}

size_t vm_read_remote(struct mm *mm, unsigned long addr, void *dst, size_t len)
{
	size_t done = 0;

	mutex_lock(&mm->lock);		/* keeps the frames mapped while we copy */
	while (done < len) {
		unsigned long va = addr + done;
		size_t n = MIN(len - done, PAGE_SIZE - (va & (PAGE_SIZE - 1)));
		unsigned int prot;
		phys_addr_t pa;

		if (va < addr || !mmu_translate(mm->root, va, &pa, &prot) || !(prot & MMU_USER))
			break;
		memcpy((u8 *)dst + done, phys_to_virt(pa), n);
		done += n;
	}
	mutex_unlock(&mm->lock);
	return done;
}

/* Copy src (or zeroes when src is NULL) into mm at addr. */
static long write_pages(struct mm *mm, unsigned long addr, const void *src, size_t len)
{
	const u8 *s = src;

	while (len > 0) {
		unsigned long page_va = ALIGN_DOWN(addr, PAGE_SIZE);
		size_t off = addr - page_va, n = MIN(len, PAGE_SIZE - off);
		struct vma *v = vma_find(mm, addr);
		struct page *p;

		if (!v || v->start > addr)
			return -EFAULT;
		p = populate_page(mm, v, page_va);
		if (!p)
			return -ENOMEM;
		if (s) {
			memcpy((u8 *)page_address(p) + off, s, n);
			s += n;
		} else {
			memset((u8 *)page_address(p) + off, 0, n);
		}
		addr += n;
		len -= n;
	}
	return 0;
}

long vm_write(struct mm *mm, unsigned long addr, const void *src, size_t len)
{
	return write_pages(mm, addr, src, len);
}

long vm_clear(struct mm *mm, unsigned long addr, size_t len)
{
	return write_pages(mm, addr, NULL, len);
}
