/*
 * Core dumps: when a process dies of a core-dumping signal and its
 * RLIMIT_CORE allows, write an ELF core file named "core" in its working
 * directory (Linux's default core_pattern): a PT_NOTE with the dying
 * thread's NT_PRSTATUS (signal, ids, registers), then one PT_LOAD per
 * readable mapping with its contents (untouched pages read as zeroes).
 * gdb reads it.  The wait status then carries the core flag.
 */
#include <cred.h>
#include <elf.h>
#include <errno.h>
#include <kmalloc.h>
#include <proc.h>
#include <signal.h>
#include <string.h>
#include <vfs.h>
#include <vm.h>
#include <uapi/fcntl.h>
#include <uapi/mman.h>
#include <uapi/resource.h>
#include <arch/exec.h>
#include <arch/mmu.h>

#define ET_CORE		4
#define NT_PRSTATUS	1
#define CORE_MAX_SEGS	256

struct elf_prstatus_abi {
	int si_signo, si_code, si_errno;
	short cursig;
	short pad0;
	u64 sigpend, sighold;
	int pid, ppid, pgrp, sid;
	struct { s64 sec, usec; } utime, stime, cutime, cstime;
	u64 regs[ARCH_CORE_NREGS];
	int fpvalid;
	int pad1;
};

struct core_note {
	u32 namesz, descsz, type;
	char name[8];			/* "CORE\0" padded to 4 */
	struct elf_prstatus_abi status;
};

struct core_writer {
	struct file *f;
	u64 off;
	u64 limit;
	int err;
};

static void put_bytes(struct core_writer *w, const void *buf, size_t len)
{
	ssize_t n;

	if (w->err)
		return;
	if (w->off + len > w->limit) {
		w->err = -EFBIG;
		return;
	}
	n = kernel_write(w->f, buf, len, w->off);
	if (n != (ssize_t)len)
		w->err = n < 0 ? (int)n : -EIO;
	w->off += len;
}

static void fill_note(struct core_note *note, struct task *t, int sig)
{
	memset(note, 0, sizeof(*note));
	note->namesz = 5;
	note->descsz = sizeof(note->status);
	note->type = NT_PRSTATUS;
	memcpy(note->name, "CORE", 5);
	note->status.si_signo = sig;
	note->status.cursig = (short)sig;
	note->status.sighold = t->blocked;
	note->status.pid = t->tid;
	note->status.ppid = t->group_leader->parent ? t->group_leader->parent->tgid : 0;
	note->status.pgrp = t->group_leader->pgid;
	note->status.sid = t->group_leader->sid;
	note->status.utime.sec = (s64)(t->utime_ns / 1000000000ull);
	note->status.stime.sec = (s64)(t->stime_ns / 1000000000ull);
	arch_core_regs(t, note->status.regs);
	note->status.fpvalid = 0;
}

/* The readable areas of mm (mm->lock held), at most CORE_MAX_SEGS. */
static unsigned int collect_areas(struct mm *mm, struct vma **out)
{
	unsigned int n = 0;

	for (struct vma *v = vma_find(mm, 0); v && n < CORE_MAX_SEGS; v = vma_next(v)) {
		if (v->prot & PROT_READ)
			out[n++] = v;
	}
	return n;
}

static void write_area(struct core_writer *w, struct mm *mm, const struct vma *v, void *zero)
{
	for (unsigned long va = v->start; va < v->end && !w->err; va += PAGE_SIZE) {
		phys_addr_t pa;

		if (mmu_translate(mm->root, va, &pa, NULL))
			put_bytes(w, phys_to_virt(pa & PAGE_MASK), PAGE_SIZE);
		else
			put_bytes(w, zero, PAGE_SIZE);
	}
}

static void write_core(struct core_writer *w, struct task *t, int sig)
{
	struct mm *mm = t->mm;
	struct vma **areas = kmalloc(CORE_MAX_SEGS * sizeof(*areas), GFP_KERNEL);
	void *zero = kzalloc(PAGE_SIZE);
	struct core_note *note = kmalloc(sizeof(*note), GFP_KERNEL);
	Elf64_Ehdr eh = { 0 };
	Elf64_Phdr ph;
	unsigned int n;
	u64 data_off;

	if (!areas || !zero || !note) {
		w->err = -ENOMEM;
		goto out;
	}
	mutex_lock(&mm->lock);
	n = collect_areas(mm, areas);
	memcpy(eh.e_ident, ELFMAG, 4);
	eh.e_ident[4] = ELFCLASS64;
	eh.e_ident[5] = ELFDATA2LSB;
	eh.e_ident[6] = EV_CURRENT;
	eh.e_type = ET_CORE;
	eh.e_machine = EM_X86_64;
	eh.e_version = EV_CURRENT;
	eh.e_phoff = sizeof(eh);
	eh.e_ehsize = sizeof(eh);
	eh.e_phentsize = sizeof(ph);
	eh.e_phnum = (u16)(n + 1);
	put_bytes(w, &eh, sizeof(eh));
	data_off = sizeof(eh) + (u64)(n + 1) * sizeof(ph);
	ph = (Elf64_Phdr){ .p_type = PT_NOTE, .p_offset = data_off, .p_filesz = sizeof(*note) };
	put_bytes(w, &ph, sizeof(ph));
	data_off = ALIGN_UP(data_off + sizeof(*note), PAGE_SIZE);
	for (unsigned int i = 0; i < n; i++) {
		u64 size = areas[i]->end - areas[i]->start;

		ph = (Elf64_Phdr){ .p_type = PT_LOAD, .p_offset = data_off,
				   .p_vaddr = areas[i]->start, .p_filesz = size, .p_memsz = size,
				   .p_align = PAGE_SIZE,
				   .p_flags = (areas[i]->prot & PROT_READ ? PF_R : 0) |
					      (areas[i]->prot & PROT_WRITE ? PF_W : 0) |
					      (areas[i]->prot & PROT_EXEC ? PF_X : 0) };
		put_bytes(w, &ph, sizeof(ph));
		data_off += size;
	}
	fill_note(note, t, sig);
	put_bytes(w, note, sizeof(*note));
	w->off = ALIGN_UP(w->off, PAGE_SIZE);
	for (unsigned int i = 0; i < n && !w->err; i++)
		write_area(w, mm, areas[i], zero);
	mutex_unlock(&mm->lock);
out:
	kfree(note);
	kfree(zero);
	kfree(areas);
}

bool do_coredump(int sig)
{
	struct task *t = current_task();
	struct core_writer w = { .limit = rlimit_cur(RLIMIT_CORE) };

	if (w.limit == 0 || !t->mm || !t->fs || !READ_ONCE(t->mm->dumpable))
		return false;
	if (vfs_open(AT_FDCWD, "core", O_CREAT | O_WRONLY | O_TRUNC | O_NOFOLLOW, 0600, &w.f))
		return false;
	write_core(&w, t, sig);
	file_put(w.f);
	return w.err == 0;
}
