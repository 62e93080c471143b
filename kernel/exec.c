/*
 * execve: load an ELF program (and its interpreter) into a fresh address
 * space, build the initial stack Linux-style (argc, argv, envp, auxv and
 * the strings they point to), and point the user register frame at the
 * entry.  Only when all of that succeeded is the old address space
 * dropped; before that an error leaves the caller as it was.
 */
#include <elf.h>
#include <errno.h>
#include <exec.h>
#include <kmalloc.h>
#include <random.h>
#include <proc.h>
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

static int map_segment(struct mm *mm, const Elf64_Phdr *ph, const u8 *data, u64 bias,
		       u64 *mapped_end)
{
	u64 start = ALIGN_DOWN(bias + ph->p_vaddr, PAGE_SIZE);
	u64 end = ALIGN_UP(bias + ph->p_vaddr + ph->p_memsz, PAGE_SIZE);
	unsigned int prot = elf_prot(ph->p_flags);
	long err;

	if (start < *mapped_end) {	/* shares a page with the previous segment */
		struct vma *prev = vma_find(mm, start);

		err = vm_protect(mm, start, PAGE_SIZE, (prev ? prev->prot : 0) | prot);
		if (err)
			return (int)err;
		start = *mapped_end;
	}
	if (start < end) {
		err = vm_map(mm, start, end - start, prot,
			     MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE);
		if (err < 0)
			return (int)err;
		*mapped_end = end;
	}
	return (int)vm_write(mm, bias + ph->p_vaddr, data + ph->p_offset, ph->p_filesz);
}

static int load_elf(struct mm *mm, const struct elf_info *info, const u8 *data, u64 bias,
		    struct loaded *out)
{
	u64 mapped_end = 0;

	for (unsigned int i = 0; i < info->phnum; i++) {
		const Elf64_Phdr *ph = &info->phdrs[i];
		int err;

		if (ph->p_type != PT_LOAD || ph->p_memsz == 0)
			continue;
		err = map_segment(mm, ph, data, bias, &mapped_end);
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

struct exec_file;
static int exec_file_open(const char *path, struct exec_file *ef);
static void exec_file_close(struct exec_file *ef);
static int load_interpreter_file(struct mm *mm, const u8 *data, size_t size, struct loaded *out);
static int load_interpreter(struct mm *mm, const char *path, struct loaded *out);

/* --- the initial stack ---------------------------------------------------- */

struct stack_layout {
	u64 sp;			/* final user %rsp: points at argc */
	u64 strings;		/* user address of the string area */
	size_t strings_size;
	size_t vectors_size;
};

static size_t auxv_fill(u64 *aux, const struct loaded *prog, const struct loaded *interp,
			u64 random_at, u64 execfn_at, u64 platform_at, u64 vdso_at)
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
	AUX(AT_UID, 0);
	AUX(AT_EUID, 0);
	AUX(AT_GID, 0);
	AUX(AT_EGID, 0);
	AUX(AT_SECURE, 0);
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
		       const struct loaded *prog, const struct loaded *interp, u64 vdso_at,
		       u64 *sp_out)
{
	size_t execfn_len = strlen(execfn) + 1;
	size_t strings = args->len + execfn_len + sizeof(PLATFORM) + 16 + 8;
	u64 top = USER_STACK_TOP, str_at = top - strings, aux[AUXV_MAX * 2];
	u64 execfn_at = str_at + args->len, platform_at = execfn_at + execfn_len;
	u64 random_at = platform_at + sizeof(PLATFORM), sp, reserve;
	size_t naux, total, argv_end;
	u8 *img;
	long err;

	naux = auxv_fill(aux, prog, interp, random_at, execfn_at, platform_at, vdso_at);
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
 * The executable's bytes, read whole from the file system into a kernel
 * buffer.  FIXME: map the page cache instead of copying, so exec of a big
 * binary costs only the pages it touches.
 */
struct exec_file {
	const u8 *data;
	size_t size;
	u8 *buf;
	struct file *file;	/* kept open: it becomes the mm's exe_file */
};

#define EXEC_FILE_MAX	(256ul << 20)	/* larger binaries are refused with -ENOMEM */

static int exec_file_open(const char *path, struct exec_file *ef)
{
	struct file *f;
	ssize_t got;
	int err = vfs_open_exec(path, &f);

	ef->buf = NULL;
	ef->file = NULL;
	if (err)
		return err;
	ef->size = READ_ONCE(f->inode->size);
	if (ef->size > EXEC_FILE_MAX) {
		file_put(f);
		return -ENOMEM;
	}
	ef->buf = ef->size ? vmalloc(ef->size) : NULL;
	if (ef->size && !ef->buf) {
		file_put(f);
		return -ENOMEM;
	}
	got = ef->size ? kernel_read(f, ef->buf, ef->size, 0) : 0;
	if (got < 0) {
		file_put(f);
		vfree(ef->buf);
		return (int)got;
	}
	ef->file = f;
	ef->size = (size_t)got;		/* the file may have shrunk meanwhile */
	ef->data = ef->buf;
	return 0;
}

static void exec_file_close(struct exec_file *ef)
{
	vfree(ef->buf);
	ef->buf = NULL;
	ef->data = NULL;
	if (ef->file)
		file_put(ef->file);
	ef->file = NULL;
}

static int load_interpreter_file(struct mm *mm, const u8 *data, size_t size, struct loaded *out)
{
	struct elf_info info;
	long base;
	int err = elf_check(data, size, USER_SPACE_END, &info);

	if (err)
		return -ELIBBAD;
	if (!info.is_dyn || info.interp)
		return -ELIBBAD;
	base = vma_find_free(mm, 0, info.hi - info.lo);
	if (base < 0)
		return (int)base;
	return load_elf(mm, &info, data, (u64)base - info.lo, out);
}

static int load_interpreter(struct mm *mm, const char *path, struct loaded *out)
{
	struct exec_file ef;
	int err = exec_file_open(path, &ef);

	if (err)
		return err;
	err = load_interpreter_file(mm, ef.data, ef.size, out);
	exec_file_close(&ef);
	return err;
}

/* Build the complete new image in mm; on success *entry and *sp start it. */
static int load_program(struct mm *mm, const struct exec_file *ef, const char *path,
			const struct exec_args *args, u64 *entry, u64 *sp)
{
	struct loaded prog, interp;
	struct elf_info info;
	unsigned long vdso_at = 0;
	int err = elf_check(ef->data, ef->size, USER_SPACE_END, &info);

	if (err)
		return err;
	mutex_lock(&mm->lock);
	err = load_elf(mm, &info, ef->data, info.is_dyn ? ELF_ET_DYN_BASE - info.lo : 0, &prog);
	if (!err && info.interp)
		err = load_interpreter(mm, info.interp, &interp);
	if (!err)
		err = arch_vdso_map(mm, &vdso_at);
	if (!err) {
		mm->brk_start = mm->brk = ALIGN_UP(prog.end, PAGE_SIZE);
		err = build_stack(mm, args, path, &prog, info.interp ? &interp : NULL, vdso_at, sp);
	}
	mutex_unlock(&mm->lock);
	*entry = info.interp ? interp.entry : prog.entry;
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
	size_t n = MIN(ef->size, sizeof(line) - 1);
	struct exec_args fresh;
	const char *old = args->buf;
	int err;

	memcpy(line, ef->data, n);
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
		if (ef->size < 2 || ef->data[0] != '#' || ef->data[1] != '!')
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

int do_execve(const char *path, struct exec_args *args, struct trap_frame *frame)
{
	struct task *t = current_task();
	struct exec_file ef;
	struct mm *mm, *old;
	char *owned = NULL;
	u64 entry = 0, sp = 0;
	int err = open_following_scripts(&path, args, &ef, &owned);

	if (err)
		goto out;
	mm = mm_create();
	err = mm ? load_program(mm, &ef, path, args, &entry, &sp) : -ENOMEM;
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
	exec_kill_other_threads();	/* the point of no return */
	task_lock(t);			/* /proc readers take the mm under it */
	old = t->mm;
	t->mm = mm;
	strlcpy(t->comm, basename(path), TASK_COMM_LEN);
	task_unlock(t);
	mm_activate(mm);
	if (old)
		mm_put(old);
	signal_exec_reset(t);
	t->group_leader->did_exec = true;
	if (t->files)
		files_close_on_exec(t->files);
	exec_release_vfork_parent(t);
	err = arch_exec_reset(t, frame, entry, sp);
out:
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
