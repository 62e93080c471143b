/*
 * execve: load an ELF program (and its interpreter) into a fresh address
 * space, build the initial stack Linux-style (argc, argv, envp, auxv and
 * the strings they point to), and point the user register frame at the
 * entry.  Only when all of that succeeded is the old address space
 * dropped; before that an error leaves the caller as it was.
 *
 * A set-user-ID or set-group-ID program runs with its file's owner or
 * group as the effective id (kernel/cred.c cred_for_exec(), not on a
 * nosuid mount nor after prctl(PR_SET_NO_NEW_PRIVS)); the auxiliary vector tells libc the real and effective
 * ids and AT_SECURE when they differ.
 */
#include <cred.h>
#include <elf.h>
#include <errno.h>
#include <exec.h>
#include <kmalloc.h>
#include <random.h>
#include <proc.h>
#include <rseq.h>
#include <sched.h>
#include <signal.h>
#include <file.h>
#include <string.h>
#include <uaccess.h>
#include <uapi/mman.h>
#include <vm.h>
#include <vfs.h>
#include <vmalloc.h>
#include <arch/exec.h>
#include <arch/vdso.h>

#define ELF_ET_DYN_BASE		0x555555554000ul
#define STACK_MIN_SIZE		(128ul << 10)
#define PLATFORM		"x86_64"
#define AUXV_MAX		24
/* personality(2) flags execve clears: always, and for a set-id program (Linux). */
#define READ_IMPLIES_EXEC	0x0400000u
#define PER_CLEAR_ON_SETID	(READ_IMPLIES_EXEC | 0x0040000u | 0x0200000u | 0x0100000u)

struct loaded {
	u64 bias;
	u64 entry;
	u64 phdr;
	unsigned int phnum;
	u64 end;		/* highest mapped address: the program break starts here */
};

static unsigned int elf_prot(u32 flags)
{
	return (flags & PF_R ? PROT_READ : 0) | (flags & PF_W ? PROT_WRITE : 0) |
	       (flags & PF_X ? PROT_EXEC : 0);
}

/* Copy n bytes of f from off into mm at va, through the page cache. */
static int copy_file_bytes(struct mm *mm, u64 va, struct file *f, u64 off, size_t n)
{
	while (n > 0) {
		size_t in_page = off & (PAGE_SIZE - 1), chunk = MIN(n, PAGE_SIZE - in_page);
		struct page *p = file_get_page(f, off >> PAGE_SHIFT);
		long err;

		if (!p)
			return -EIO;	/* the file shrank under us */
		err = vm_write(mm, va, (u8 *)page_address(p) + in_page, chunk);
		put_page(p);
		if (err)
			return (int)err;
		va += chunk;
		off += chunk;
		n -= chunk;
	}
	return 0;
}

/*
 * The first page of a segment that starts on the page where the previous
 * one ends: it is already mapped, so add this segment's rights and copy
 * in its bytes (file part, then zeroes up to its memory size).
 */
static int fill_shared_page(struct mm *mm, const Elf64_Phdr *ph, struct file *f, u64 va,
			    u64 page)
{
	u64 page_end = page + PAGE_SIZE;
	u64 file_end = MIN(va + ph->p_filesz, page_end), mem_end = MIN(va + ph->p_memsz, page_end);
	struct vma *prev = vma_find(mm, page);
	long err = vm_protect(mm, page, PAGE_SIZE, (prev ? prev->prot : 0) | elf_prot(ph->p_flags));

	if (!err && file_end > va)
		err = copy_file_bytes(mm, va, f, ph->p_offset, file_end - va);
	if (!err && mem_end > MAX(file_end, va))
		err = vm_clear(mm, MAX(file_end, va), mem_end - MAX(file_end, va));
	return (int)err;
}

/*
 * Map one PT_LOAD segment: its file pages as a private file mapping, the
 * rest of its last file page zeroed in a private copy (never in the page
 * cache), and anonymous zero pages for the bss beyond.
 */
static int map_segment(struct mm *mm, const Elf64_Phdr *ph, struct file *f, u64 bias,
		       u64 *mapped_end)
{
	u64 va = bias + ph->p_vaddr, start = ALIGN_DOWN(va, PAGE_SIZE);
	u64 file_end = va + ph->p_filesz, end = ALIGN_UP(va + ph->p_memsz, PAGE_SIZE);
	u64 file_pages_end = ALIGN_UP(file_end, PAGE_SIZE), anon_start;
	unsigned int prot = elf_prot(ph->p_flags);
	long err;

	if (start < *mapped_end) {	/* shares a page with the previous segment */
		err = fill_shared_page(mm, ph, f, va, start);
		if (err)
			return (int)err;
		start += PAGE_SIZE;
	}
	*mapped_end = MAX(*mapped_end, end);
	if (start >= end)
		return 0;
	anon_start = start;
	if (ph->p_filesz && file_pages_end > start) {
		/* offset of 'start' in the file: congruent to va (elf_check) */
		u64 off = ph->p_offset + start - va;

		err = vm_map_file(mm, start, file_pages_end - start, prot,
				  MAP_PRIVATE | MAP_FIXED_NOREPLACE, f, off >> PAGE_SHIFT);
		if (err < 0)
			return (int)err;
		if (ph->p_memsz > ph->p_filesz && file_end < file_pages_end) {
			err = vm_clear(mm, file_end, file_pages_end - file_end);
			if (err)
				return (int)err;
		}
		anon_start = file_pages_end;
	}
	if (anon_start < end) {
		err = vm_map(mm, anon_start, end - anon_start, prot,
			     MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE);
		if (err < 0)
			return (int)err;
	}
	return 0;
}

static int load_elf(struct mm *mm, const struct elf_info *info, struct file *f, u64 bias,
		    struct loaded *out)
{
	u64 mapped_end = 0;

	for (unsigned int i = 0; i < info->phnum; i++) {
		const Elf64_Phdr *ph = &info->phdrs[i];
		int err;

		if (ph->p_type != PT_LOAD || ph->p_memsz == 0)
			continue;
		err = map_segment(mm, ph, f, bias, &mapped_end);
		if (err)
			return err;
	}
	out->bias = bias;
	out->entry = bias + info->ehdr->e_entry;
	out->phdr = info->phdr_vaddr ? bias + info->phdr_vaddr : 0;
	out->phnum = info->phnum;
	out->end = bias + info->hi;
	return 0;
}


/* --- the initial stack ---------------------------------------------------- */

struct stack_layout {
	u64 sp;			/* final user %rsp: points at argc */
	u64 strings;		/* user address of the string area */
	size_t strings_size;
	size_t vectors_size;
};

static size_t auxv_fill(u64 *aux, const struct loaded *prog, const struct loaded *interp,
			const struct cred *cred, u64 random_at, u64 execfn_at, u64 platform_at,
			u64 vdso_at)
{
	size_t n = 0;

#define AUX(type, val)	do { aux[n++] = (type); aux[n++] = (val); } while (0)
	if (vdso_at)
		AUX(AT_SYSINFO_EHDR, vdso_at);
	if (prog->phdr)
		AUX(AT_PHDR, prog->phdr);
	AUX(AT_PHENT, sizeof(Elf64_Phdr));
	AUX(AT_PHNUM, prog->phnum);
	AUX(AT_PAGESZ, PAGE_SIZE);
	AUX(AT_BASE, interp ? interp->bias : 0);
	AUX(AT_FLAGS, 0);
	AUX(AT_ENTRY, prog->entry);
	AUX(AT_UID, cred->uid);
	AUX(AT_EUID, cred->euid);
	AUX(AT_GID, cred->gid);
	AUX(AT_EGID, cred->egid);
	/* libc distrusts the environment of a set-id program (Linux's secureexec) */
	AUX(AT_SECURE, cred->euid != cred->uid || cred->egid != cred->gid);
	AUX(AT_RANDOM, random_at);
	AUX(AT_HWCAP, arch_elf_hwcap());
	AUX(AT_HWCAP2, 0);
	AUX(AT_MINSIGSTKSZ, arch_min_sigstack_size());
	AUX(AT_CLKTCK, 100);
	AUX(AT_EXECFN, execfn_at);
	AUX(AT_PLATFORM, platform_at);
	AUX(AT_NULL, 0);
#undef AUX
	return n;
}

/* Write argc, argv, envp and auxv at vec; returns where argv's strings end. */
static size_t fill_vectors(u64 *vec, const struct exec_args *args, u64 str_at,
			   const u64 *aux, size_t naux)
{
	size_t off = 0, argv_end;

	*vec++ = args->argc;
	for (int i = 0; i < args->argc; i++) {
		*vec++ = str_at + off;
		off += strlen(args->buf + off) + 1;
	}
	*vec++ = 0;
	argv_end = off;
	for (int i = 0; i < args->envc; i++) {
		*vec++ = str_at + off;
		off += strlen(args->buf + off) + 1;
	}
	*vec++ = 0;
	memcpy(vec, aux, naux * sizeof(u64));
	return argv_end;
}

static void *stack_image_alloc(size_t n)
{
	return n <= KMALLOC_MAX_SLAB ? kzalloc(n) : vmalloc(n);
}

static void stack_image_free(void *p, size_t n)
{
	if (n <= KMALLOC_MAX_SLAB)
		kfree(p);
	else
		vfree(p);
}

/*
 * Strings go just below the top (argv, envp, execfn, platform, 16 random
 * bytes, then 8 zero bytes); below them, 16-byte aligned, argc and the
 * argv, envp and auxv vectors.  Built in a kernel buffer, written at once.
 */
static int build_stack(struct mm *mm, const struct exec_args *args, const char *execfn,
		       const struct loaded *prog, const struct loaded *interp,
		       const struct cred *cred, u64 vdso_at, u64 *sp_out)
{
	size_t execfn_len = strlen(execfn) + 1;
	size_t strings = args->len + execfn_len + sizeof(PLATFORM) + 16 + 8;
	u64 top = USER_STACK_TOP, str_at = top - strings, aux[AUXV_MAX * 2];
	u64 execfn_at = str_at + args->len, platform_at = execfn_at + execfn_len;
	u64 random_at = platform_at + sizeof(PLATFORM), sp, reserve;
	size_t naux, total, argv_end;
	u8 *img;
	long err;

	naux = auxv_fill(aux, prog, interp, cred, random_at, execfn_at, platform_at, vdso_at);
	sp = ALIGN_DOWN(str_at - (3 + args->argc + args->envc + naux) * sizeof(u64), 16);
	total = top - sp;
	reserve = MAX(STACK_MIN_SIZE, ALIGN_UP(total, PAGE_SIZE) + PAGE_SIZE);
	err = vm_map(mm, top - reserve, reserve, PROT_READ | PROT_WRITE,
		     MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE | MAP_GROWSDOWN);
	if (err < 0)
		return (int)err;
	img = stack_image_alloc(total);
	if (!img)
		return -ENOMEM;
	memcpy(img + (str_at - sp), args->buf, args->len);
	memcpy(img + (execfn_at - sp), execfn, execfn_len);
	memcpy(img + (platform_at - sp), PLATFORM, sizeof(PLATFORM));
	get_random_bytes(img + (random_at - sp), 16);
	argv_end = fill_vectors((u64 *)img, args, str_at, aux, naux);
	err = vm_write(mm, sp, img, total);
	stack_image_free(img, total);
	mm->arg_start = str_at;
	mm->arg_end = mm->env_start = str_at + argv_end;
	mm->env_end = str_at + args->len;
	*sp_out = sp;
	return (int)err;
}

/* --- arguments -------------------------------------------------------------- */

void exec_args_init(struct exec_args *a)
{
	memset(a, 0, sizeof(*a));
}

void exec_args_free(struct exec_args *a)
{
	if (a->cap > KMALLOC_MAX_SLAB)
		vfree(a->buf);
	else
		kfree(a->buf);
	exec_args_init(a);
}

/* Make room for n more bytes, doubling the buffer up to ARG_MAX. */
static int args_reserve(struct exec_args *a, size_t n)
{
	size_t cap = a->cap ? a->cap : 4096;
	char *buf;

	if (a->len + n > ARG_MAX)
		return -E2BIG;
	if (a->len + n <= a->cap)
		return 0;
	while (cap < a->len + n)
		cap *= 2;
	buf = cap > KMALLOC_MAX_SLAB ? vmalloc(cap) : kmalloc(cap, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	if (a->buf)
		memcpy(buf, a->buf, a->len);
	if (a->cap > KMALLOC_MAX_SLAB)
		vfree(a->buf);
	else
		kfree(a->buf);
	a->buf = buf;
	a->cap = cap;
	return 0;
}

int exec_args_add(struct exec_args *a, const char *s)
{
	size_t n = strlen(s) + 1;
	int err = n > MAX_ARG_STRLEN ? -E2BIG : args_reserve(a, n);

	if (err)
		return err;
	memcpy(a->buf + a->len, s, n);
	a->len += n;
	return 0;
}

int exec_args_add_user_vector(struct exec_args *a, const char *const *uvec)
{
	int count = 0;

	if (!uvec)
		return 0;	/* Linux accepts NULL argv/envp as empty */
	for (;; count++) {
		const char *ustr;
		long len;
		int err;

		if (get_user(ustr, (const char *const __user *)&uvec[count]))
			return -EFAULT;
		if (!ustr)
			return count;
		err = args_reserve(a, MAX_ARG_STRLEN);
		if (err == -E2BIG)
			err = args_reserve(a, ARG_MAX - a->len);
		if (err)
			return err;
		len = strncpy_from_user(a->buf + a->len, (const char __user *)ustr,
					MIN(MAX_ARG_STRLEN, a->cap - a->len));
		if (len < 0)
			return len == -ENAMETOOLONG ? -E2BIG : (int)len;
		a->len += len + 1;
	}
}

/* --- putting it together ------------------------------------------------------ */

static const char *basename(const char *path)
{
	const char *slash = NULL;

	for (const char *p = path; *p; p++)
		if (*p == '/')
			slash = p;
	return slash ? slash + 1 : path;
}

/*
 * An executable being loaded: the open file, whose pages get mapped, and
 * a copy of its head (the ELF and program headers, the PT_INTERP path, or
 * a "#!" line) for the checks.
 */
struct exec_file {
	struct file *file;	/* kept open: it becomes the mm's exe_file */
	u64 size;		/* the file's size when opened */
	u8 *head;		/* kmalloc'd: the first head_len bytes */
	size_t head_len;
	struct elf_info info;	/* after exec_file_check() */
};

#define EXEC_HEAD_MIN	PAGE_SIZE	/* usually all the headers, and any "#!" line */
#define EXEC_HEAD_MAX	(64u << 10)	/* headers further in are refused */

/* Read the first len bytes of the file as its head. */
static int read_head(struct exec_file *ef, size_t len)
{
	u8 *buf = kmalloc(MAX(len, 1), GFP_KERNEL);
	ssize_t got;

	if (!buf)
		return -ENOMEM;
	got = len ? kernel_read(ef->file, buf, len, 0) : 0;
	if (got < 0) {
		kfree(buf);
		return (int)got;
	}
	kfree(ef->head);
	ef->head = buf;
	ef->head_len = (size_t)got;	/* the file may have shrunk meanwhile */
	return 0;
}

static int exec_file_open(const char *path, struct exec_file *ef)
{
	int err = vfs_open_exec(path, &ef->file);
	u64 want;

	ef->head = NULL;
	if (err) {
		ef->file = NULL;
		return err;
	}
	ef->size = READ_ONCE(ef->file->inode->size);
	err = read_head(ef, MIN(ef->size, (u64)MAX(EXEC_HEAD_MIN, sizeof(Elf64_Ehdr))));
	/* Twice at most: once for the program headers, once for PT_INTERP. */
	for (int i = 0; i < 2 && !err; i++) {
		want = MIN(MIN(elf_head_wanted(ef->head, ef->head_len), ef->size),
			   (u64)EXEC_HEAD_MAX);
		if (want <= ef->head_len)
			break;
		err = read_head(ef, want);
	}
	if (err) {
		file_put(ef->file);
		ef->file = NULL;
		kfree(ef->head);
		ef->head = NULL;
	}
	return err;
}

/* A program we can map: a valid ELF on a file system whose pages can be mapped. */
static int exec_file_check(struct exec_file *ef)
{
	if (!ef->file->ops->get_page)
		return -ENOEXEC;	/* as Linux, for a file without mmap */
	return elf_check_head(ef->head, ef->head_len, ef->size, USER_SPACE_END, &ef->info);
}

static void exec_file_close(struct exec_file *ef)
{
	kfree(ef->head);
	ef->head = NULL;
	if (ef->file)
		file_put(ef->file);
	ef->file = NULL;
}

/* Open and check the program interpreter (PT_INTERP) before mm->lock is taken. */
static int open_interpreter(const char *path, struct exec_file *ef)
{
	int err = exec_file_open(path, ef);

	if (err)
		return err;
	if (exec_file_check(ef) || !ef->info.is_dyn || ef->info.interp) {
		exec_file_close(ef);
		return -ELIBBAD;
	}
	return 0;
}

static int load_interpreter(struct mm *mm, struct exec_file *ef, struct loaded *out)
{
	long base = vma_find_free(mm, 0, ef->info.hi - ef->info.lo);

	if (base < 0)
		return (int)base;
	return load_elf(mm, &ef->info, ef->file, (u64)base - ef->info.lo, out);
}

/* Build the complete new image in mm; on success *entry and *sp start it. */
static int load_program(struct mm *mm, struct exec_file *ef, const char *path,
			const struct exec_args *args, const struct cred *cred, u64 *entry, u64 *sp)
{
	const struct elf_info *info = &ef->info;
	struct exec_file interp_file = { 0 };
	struct loaded prog, interp;
	unsigned long vdso_at = 0;
	int err = exec_file_check(ef);

	if (err)
		return err;
	if (info->interp) {
		err = open_interpreter(info->interp, &interp_file);
		if (err)
			return err;
	}
	mutex_lock(&mm->lock);
	err = load_elf(mm, info, ef->file, info->is_dyn ? ELF_ET_DYN_BASE - info->lo : 0, &prog);
	if (!err && info->interp)
		err = load_interpreter(mm, &interp_file, &interp);
	if (!err)
		err = arch_vdso_map(mm, &vdso_at);
	if (!err) {
		mm->brk_start = mm->brk = ALIGN_UP(prog.end, PAGE_SIZE);
		err = build_stack(mm, args, path, &prog, info->interp ? &interp : NULL, cred,
				  vdso_at, sp);
	}
	mutex_unlock(&mm->lock);
	if (info->interp)
		exec_file_close(&interp_file);
	*entry = info->interp ? interp.entry : prog.entry;
	return err;
}

#define SHEBANG_MAX	256	/* Linux's BINPRM_BUF_SIZE */
#define SHEBANG_DEPTH	4

/*
 * "#!interpreter [one argument]": the interpreter runs with argv
 * [interpreter, argument?, script path, original argv[1..]].  On success
 * *interp_out (kmalloc'd) names the interpreter and args is rewritten.
 */
static int parse_shebang(const struct exec_file *ef, const char *path, struct exec_args *args,
			 char **interp_out)
{
	char line[SHEBANG_MAX], *p, *interp, *arg = NULL;
	size_t n = MIN(ef->head_len, sizeof(line) - 1);
	struct exec_args fresh;
	const char *old = args->buf;
	int err;

	memcpy(line, ef->head, n);
	line[n] = '\0';
	p = strchr(line, '\n');
	if (p)
		*p = '\0';
	for (p = line + 2; *p == ' ' || *p == '\t'; p++)
		;
	interp = p;
	while (*p && *p != ' ' && *p != '\t')
		p++;
	if (*p) {
		*p++ = '\0';
		while (*p == ' ' || *p == '\t')
			p++;
		arg = *p ? p : NULL;
		for (char *e = p + strlen(p); arg && e > arg && (e[-1] == ' ' || e[-1] == '\t'); )
			*--e = '\0';
	}
	if (!*interp)
		return -ENOEXEC;
	exec_args_init(&fresh);
	err = exec_args_add(&fresh, interp);
	if (!err && arg)
		err = exec_args_add(&fresh, arg);
	if (!err)
		err = exec_args_add(&fresh, path);
	fresh.argc = arg ? 3 : 2;
	old += strlen(old) + 1;		/* drop the old argv[0] */
	for (int i = 1; i < args->argc + args->envc && !err; i++) {
		err = exec_args_add(&fresh, old);
		old += strlen(old) + 1;
	}
	fresh.argc += args->argc > 0 ? args->argc - 1 : 0;
	fresh.envc = args->envc;
	*interp_out = err ? NULL : kmalloc(strlen(interp) + 1, GFP_KERNEL);
	if (!err && !*interp_out)
		err = -ENOMEM;
	if (err) {
		exec_args_free(&fresh);
		return err;
	}
	strlcpy(*interp_out, interp, strlen(interp) + 1);
	exec_args_free(args);
	*args = fresh;
	return 0;
}

/* Open path, following "#!" interpreters; *owned is a path to kfree, if any. */
static int open_following_scripts(const char **path, struct exec_args *args,
				  struct exec_file *ef, char **owned)
{
	for (int depth = 0;; depth++) {
		char *interp;
		int err = exec_file_open(*path, ef);

		if (err)
			return err;
		if (ef->head_len < 2 || ef->head[0] != '#' || ef->head[1] != '!')
			return 0;
		if (depth == SHEBANG_DEPTH) {
			exec_file_close(ef);
			return -ELOOP;
		}
		err = parse_shebang(ef, *path, args, &interp);
		exec_file_close(ef);
		if (err)
			return err;
		kfree(*owned);
		*owned = interp;
		*path = interp;
	}
}

/* The program's credentials: set-user-ID and set-group-ID bits of its file. */
static struct cred *exec_cred(const struct file *f)
{
	struct inode *inode = f->inode;
	u32 mode, uid, gid;

	mutex_lock(&inode->lock);	/* one consistent owner and mode */
	mode = inode->mode;
	uid = inode->uid;
	gid = inode->gid;
	mutex_unlock(&inode->lock);
	return cred_for_exec(mode, uid, gid, (READ_ONCE(f->path.mnt->flags) & MNT_NOSUID) ||
			     READ_ONCE(current_task()->no_new_privs));
}

/*
 * Linux's begin_new_exec(): the new program may be dumped unless the
 * caller's effective ids differ from its real ones or it may not read the
 * program (fs.suid_dumpable is 0 then).
 */
static int exec_dumpable(struct file *exe)
{
	const struct cred *c = current_cred();

	if (c->euid != c->uid || c->egid != c->gid)
		return 0;
	return vfs_permission(c, exe->inode, MAY_READ) == 0;
}

int do_execve(const char *path, struct exec_args *args, struct trap_frame *frame)
{
	struct task *t = current_task();
	struct cred *cred = NULL;
	struct exec_file ef;
	struct mm *mm, *old;
	char *owned = NULL;
	u64 entry = 0, sp = 0;
	int err = open_following_scripts(&path, args, &ef, &owned);

	if (err)
		goto out;
	cred = exec_cred(ef.file);
	mm = cred ? mm_create() : NULL;
	err = mm ? load_program(mm, &ef, path, args, cred, &entry, &sp) : -ENOMEM;
	if (!err) {
		file_get(ef.file);
		mm->exe_file = ef.file;		/* /proc/PID/exe */
	}
	exec_file_close(&ef);
	if (err) {
		if (mm)
			mm_put(mm);
		goto out;
	}
	err = exec_kill_other_threads();	/* past it: the point of no return */
	if (err) {
		mm_put(mm);
		goto out;
	}
	mm->dumpable = exec_dumpable(mm->exe_file);	/* by the caller's ids, as Linux */
	t->personality &= ~READ_IMPLIES_EXEC;	/* a 64-bit program */
	if (cred->euid != current_cred()->euid || cred->egid != current_cred()->egid) {
		t->pdeath_signal = 0;	/* as Linux, on a change of identity */
		t->personality &= ~PER_CLEAR_ON_SETID;
		mm->dumpable = 0;	/* commit_creds(): fs.suid_dumpable, 0 */
	}
	/* commit_creds() also counts a change of fs ids: setfsuid() before exec */
	if (cred->fsuid != current_cred()->fsuid || cred->fsgid != current_cred()->fsgid) {
		t->pdeath_signal = 0;
		mm->dumpable = 0;
	}
	cred_install(cred);
	cred = NULL;
	task_lock(t);			/* /proc readers take the mm under it */
	old = t->mm;
	t->mm = mm;
	strlcpy(t->comm, basename(path), TASK_COMM_LEN);
	task_unlock(t);
	mm_activate(mm);
	if (old)
		mm_put(old);
	signal_exec_reset(t);
	rseq_exec(t);
	t->group_leader->did_exec = true;
	if (t->files)
		files_close_on_exec(t->files);
	exec_release_vfork_parent(t);
	err = arch_exec_reset(t, frame, entry, sp);
out:
	if (cred)
		cred_put(cred);
	kfree(owned);
	return err;
}

int kernel_execve(const char *path, const char *const argv[], const char *const envp[])
{
	struct exec_args args;
	int err = 0;

	exec_args_init(&args);
	for (int i = 0; argv[i] && !err; i++, args.argc++)
		err = exec_args_add(&args, argv[i]);
	for (int i = 0; envp[i] && !err; i++, args.envc++)
		err = exec_args_add(&args, envp[i]);
	if (!err)
		err = do_execve(path, &args, arch_user_frame(current_task()));
	exec_args_free(&args);
	if (!err)
		arch_enter_user(arch_user_frame(current_task()));
	return err;
}
