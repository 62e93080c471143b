/*
 * ELF validation.  Rejects anything the loader could trip over: a short
 * or foreign header, program headers outside the file, PT_LOAD segments
 * whose file part lies outside the file, whose memory size is smaller than
 * their file size, that wrap or leave the user range, that overlap one
 * another, or whose offset and address disagree modulo the page size; and
 * a PT_INTERP that is not a NUL-terminated path inside the file.
 */
#include <elf.h>
#include <errno.h>
#include <string.h>

#define PAGE	4096ull

static int check_header(const Elf64_Ehdr *eh, size_t size)
{
	if (size < sizeof(*eh) || memcmp(eh->e_ident, ELFMAG, 4) != 0)
		return -ENOEXEC;
	if (eh->e_ident[4] != ELFCLASS64 || eh->e_ident[5] != ELFDATA2LSB ||
	    eh->e_machine != EM_X86_64 || (eh->e_type != ET_EXEC && eh->e_type != ET_DYN))
		return -ENOEXEC;
	if (eh->e_phentsize != sizeof(Elf64_Phdr) || eh->e_phnum == 0 ||
	    eh->e_phnum > ELF_MAX_PHDRS)
		return -ENOEXEC;
	if (eh->e_phoff > size || size - eh->e_phoff < (u64)eh->e_phnum * sizeof(Elf64_Phdr) ||
	    eh->e_phoff % 8)
		return -ENOEXEC;
	return 0;
}

static int check_load(const Elf64_Phdr *ph, size_t size, u64 limit)
{
	if (ph->p_filesz > ph->p_memsz)
		return -EINVAL;
	if (ph->p_offset > size || size - ph->p_offset < ph->p_filesz)
		return -EINVAL;
	if (ph->p_vaddr > limit || limit - ph->p_vaddr < ph->p_memsz)
		return -EINVAL;
	if ((ph->p_vaddr - ph->p_offset) % PAGE)
		return -EINVAL;
	return 0;
}

static int check_interp(const Elf64_Phdr *ph, const u8 *data, size_t size,
			struct elf_info *info)
{
	if (info->interp || ph->p_filesz < 2 || ph->p_filesz > ELF_INTERP_MAX ||
	    ph->p_offset > size || size - ph->p_offset < ph->p_filesz)
		return -EINVAL;	/* size: what we hold of the file, which has the path */
	if (data[ph->p_offset + ph->p_filesz - 1] != '\0')
		return -EINVAL;
	info->interp = (const char *)data + ph->p_offset;
	return 0;
}

/*
 * PT_LOAD segments must come in address order and not overlap (the ELF
 * specification's rule).  Two segments may share a page, as when a data
 * segment starts on the page where text ends; the loader merges those.
 */
static int check_no_overlap(const struct elf_info *info)
{
	u64 prev_end = 0;

	for (unsigned int i = 0; i < info->phnum; i++) {
		const Elf64_Phdr *ph = &info->phdrs[i];

		if (ph->p_type != PT_LOAD || ph->p_memsz == 0)
			continue;
		if (ph->p_vaddr < prev_end)
			return -EINVAL;
		prev_end = ph->p_vaddr + ph->p_memsz;
	}
	return 0;
}

int elf_check(const void *data, size_t size, u64 limit, struct elf_info *info)
{
	return elf_check_head(data, size, size, limit, info);
}

int elf_check_head(const void *data, size_t head_len, u64 size, u64 limit,
		   struct elf_info *info)
{
	const Elf64_Ehdr *eh = data;
	bool any_load = false;
	int err = check_header(eh, head_len);

	if (err)
		return err;
	memset(info, 0, sizeof(*info));
	info->ehdr = eh;
	info->phdrs = (const Elf64_Phdr *)((const u8 *)data + eh->e_phoff);
	info->phnum = eh->e_phnum;
	info->is_dyn = eh->e_type == ET_DYN;
	info->lo = ~0ull;
	for (unsigned int i = 0; i < info->phnum; i++) {
		const Elf64_Phdr *ph = &info->phdrs[i];

		if (ph->p_type == PT_LOAD && ph->p_memsz) {
			err = check_load(ph, size, limit);
			if (err)
				return err;
			any_load = true;
			if ((ph->p_vaddr & ~(PAGE - 1)) < info->lo)
				info->lo = ph->p_vaddr & ~(PAGE - 1);
			if (((ph->p_vaddr + ph->p_memsz + PAGE - 1) & ~(PAGE - 1)) > info->hi)
				info->hi = (ph->p_vaddr + ph->p_memsz + PAGE - 1) & ~(PAGE - 1);
			if (ph->p_offset <= eh->e_phoff &&
			    eh->e_phoff + eh->e_phnum * sizeof(Elf64_Phdr) <= ph->p_offset + ph->p_filesz)
				info->phdr_vaddr = ph->p_vaddr + (eh->e_phoff - ph->p_offset);
		} else if (ph->p_type == PT_INTERP) {
			err = check_interp(ph, data, head_len, info);
			if (err)
				return err;
		} else if (ph->p_type == PT_GNU_STACK) {
			info->exec_stack = ph->p_flags & PF_X;
		}
	}
	if (!any_load || info->hi > limit)
		return -ENOEXEC;
	return check_no_overlap(info);
}

#define HEAD_OFFSET_MAX	(1ull << 40)	/* beyond any file we load: stops overflow */

u64 elf_head_wanted(const void *data, size_t head_len)
{
	const Elf64_Ehdr *eh = data;
	const Elf64_Phdr *ph;
	u64 want;

	if (head_len < sizeof(*eh))
		return sizeof(*eh);
	if (eh->e_phentsize != sizeof(Elf64_Phdr) || eh->e_phnum > ELF_MAX_PHDRS ||
	    eh->e_phoff > HEAD_OFFSET_MAX || eh->e_phoff % 8)
		return head_len;	/* elf_check_head() will refuse it */
	want = eh->e_phoff + (u64)eh->e_phnum * sizeof(Elf64_Phdr);
	if (want > head_len)
		return want;
	ph = (const Elf64_Phdr *)((const u8 *)data + eh->e_phoff);
	for (unsigned int i = 0; i < eh->e_phnum; i++) {
		if (ph[i].p_type == PT_INTERP && ph[i].p_offset < HEAD_OFFSET_MAX &&
		    ph[i].p_filesz <= ELF_INTERP_MAX && ph[i].p_offset + ph[i].p_filesz > want)
			want = ph[i].p_offset + ph[i].p_filesz;
	}
	return want > head_len ? want : head_len;
}
