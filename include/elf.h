/*
 * Checking an ELF executable before loading it (lib/elf.c, host-tested).
 * The file is untrusted: elf_check() validates the header and every
 * program header against the file size and the user address range, so
 * the loader can then use them without further checks.
 */
#ifndef ELF_H
#define ELF_H

#include <types.h>
#include <uapi/elf.h>

#define ELF_MAX_PHDRS		64
#define ELF_INTERP_MAX		256

struct elf_info {
	const Elf64_Ehdr *ehdr;
	const Elf64_Phdr *phdrs;	/* ehdr->e_phnum entries, inside the file */
	unsigned int phnum;
	bool is_dyn;			/* ET_DYN: position independent */
	u64 lo, hi;			/* page-aligned span of the PT_LOAD segments */
	const char *interp;		/* PT_INTERP path (NUL-terminated) or NULL */
	u64 phdr_vaddr;			/* where the program headers are mapped, or 0 */
	bool exec_stack;		/* PT_GNU_STACK asks for an executable stack */
};

/*
 * Validate the ELF image at data[0..size).  Returns 0 and fills *info, or
 * -ENOEXEC (not an x86_64 executable we can run) / -EINVAL (malformed).
 * user_limit is the end of the user address range (exclusive).
 */
int elf_check(const void *data, size_t size, u64 user_limit, struct elf_info *info);
/*
 * The same when only the file's first head_len bytes are at data (the
 * loader maps the rest from the file): the program headers and the
 * PT_INTERP path must lie in them; segments are checked against the
 * file's size.  elf_head_wanted() says how many bytes that takes, judged
 * from what is at hand (0 when the header is unusable).
 */
int elf_check_head(const void *data, size_t head_len, u64 size, u64 user_limit,
		   struct elf_info *info);
u64 elf_head_wanted(const void *data, size_t head_len);

#endif
