/*
 * lib/elf.c: a well-formed image is accepted with the right summary, and
 * each kind of malformed image (truncated anywhere, foreign headers,
 * program headers or segments outside the file, inverted sizes, segments
 * out of order or overlapping, beyond the user range, a bad PT_INTERP) is
 * rejected with -ENOEXEC or -EINVAL, never read out of bounds (ASan).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "unit.h"
#include "klib.h"
#include "../../include/elf.h"

#define LIMIT	0x00007ffffffff000ull
#define IMAGE	8192

struct image {
	unsigned char bytes[IMAGE];
	Elf64_Ehdr *eh;
	Elf64_Phdr *ph;
};

static void build(struct image *im, bool interp)
{
	memset(im->bytes, 0, sizeof(im->bytes));
	im->eh = (Elf64_Ehdr *)im->bytes;
	im->ph = (Elf64_Phdr *)(im->bytes + 64);
	memcpy(im->eh->e_ident, ELFMAG, 4);
	im->eh->e_ident[4] = ELFCLASS64;
	im->eh->e_ident[5] = ELFDATA2LSB;
	im->eh->e_ident[6] = EV_CURRENT;
	im->eh->e_type = ET_EXEC;
	im->eh->e_machine = EM_X86_64;
	im->eh->e_entry = 0x401000;
	im->eh->e_phoff = 64;
	im->eh->e_phentsize = sizeof(Elf64_Phdr);
	im->eh->e_phnum = interp ? 3 : 2;
	im->ph[0] = (Elf64_Phdr){ .p_type = PT_LOAD, .p_flags = PF_R | PF_X, .p_offset = 0,
				  .p_vaddr = 0x400000, .p_filesz = 4096, .p_memsz = 4096 };
	im->ph[1] = (Elf64_Phdr){ .p_type = PT_LOAD, .p_flags = PF_R | PF_W, .p_offset = 4096,
				  .p_vaddr = 0x401000, .p_filesz = 100, .p_memsz = 9000 };
	if (interp) {
		im->ph[2] = (Elf64_Phdr){ .p_type = PT_INTERP, .p_offset = 4200, .p_filesz = 12 };
		memcpy(im->bytes + 4200, "/lib/ld.so.1", 12);
		im->bytes[4211] = '\0';
	}
}

static int check(struct image *im, size_t size, struct elf_info *info)
{
	unsigned char *copy = unit_exact_copy(im->bytes, size);
	int r = elf_check(copy, size, LIMIT, info);

	free(copy);
	return r;
}

static void elf_accepts_valid_image(void **state)
{
	struct image im;
	struct elf_info info;

	build(&im, true);
	assert_int_equal(check(&im, IMAGE, &info), 0);
	assert_int_equal(info.lo, 0x400000);
	assert_int_equal(info.hi, 0x404000);	/* 0x401000 + 9000, page-rounded */
	assert_int_equal(info.phdr_vaddr, 0x400040);
	assert_false(info.is_dyn);
}

static void elf_rejects_every_truncation(void **state)
{
	struct image im;
	struct elf_info info;

	build(&im, false);
	for (size_t size = 0; size < 4096 + 100; size += (size < 200 ? 1 : 97))
		assert_true(check(&im, size, &info) < 0);
}

static void elf_rejects_malformed_headers(void **state)
{
	struct image im;
	struct elf_info info;

	build(&im, false); im.eh->e_ident[0] = 0;
	assert_int_equal(check(&im, IMAGE, &info), -ENOEXEC);
	build(&im, false); im.eh->e_machine = 3;	/* i386 */
	assert_int_equal(check(&im, IMAGE, &info), -ENOEXEC);
	build(&im, false); im.eh->e_phoff = IMAGE - 10;
	assert_int_equal(check(&im, IMAGE, &info), -ENOEXEC);
	build(&im, false); im.eh->e_phnum = 0;
	assert_int_equal(check(&im, IMAGE, &info), -ENOEXEC);
	build(&im, false); im.eh->e_phentsize = 32;
	assert_int_equal(check(&im, IMAGE, &info), -ENOEXEC);
}

static void elf_rejects_bad_segments(void **state)
{
	struct image im;
	struct elf_info info;

	build(&im, false); im.ph[1].p_filesz = 10000;		/* filesz > memsz */
	assert_int_equal(check(&im, IMAGE, &info), -EINVAL);
	build(&im, false); im.ph[1].p_offset = IMAGE;		/* data past the end */
	assert_int_equal(check(&im, IMAGE, &info), -EINVAL);
	build(&im, false); im.ph[1].p_vaddr = LIMIT - 10;	/* past the user range */
	assert_int_equal(check(&im, IMAGE, &info), -EINVAL);
	build(&im, false); im.ph[1].p_memsz = ~0ull - 0x1000;	/* wraps */
	assert_int_equal(check(&im, IMAGE, &info), -EINVAL);
	build(&im, false); im.ph[1].p_vaddr = 0x400800;	/* overlaps segment 0 */
	im.ph[1].p_offset = 0x800;
	assert_int_equal(check(&im, IMAGE, &info), -EINVAL);
	build(&im, false); im.ph[1].p_vaddr = 0x401010;	/* offset/address disagree */
	assert_int_equal(check(&im, IMAGE, &info), -EINVAL);
}

static void elf_rejects_bad_interp(void **state)
{
	struct image im;
	struct elf_info info;

	build(&im, true); im.bytes[4211] = 'x';		/* not NUL-terminated */
	assert_int_equal(check(&im, IMAGE, &info), -EINVAL);
	build(&im, true); im.ph[2].p_filesz = 5000;		/* too long */
	assert_int_equal(check(&im, IMAGE, &info), -EINVAL);
}

static void elf_random_corruption_never_crashes(void **state)
{
	struct image im;
	struct elf_info info;
	uint64_t seed = 7;

	for (int i = 0; i < 20000; i++) {
		build(&im, true);
		for (int k = 0; k < 4; k++)
			im.bytes[unit_rand(&seed) % 300] ^= (unsigned char)unit_rand(&seed);
		(void)check(&im, IMAGE, &info);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(elf_accepts_valid_image),
		cmocka_unit_test(elf_rejects_every_truncation),
		cmocka_unit_test(elf_rejects_malformed_headers),
		cmocka_unit_test(elf_rejects_bad_segments),
		cmocka_unit_test(elf_rejects_bad_interp),
		cmocka_unit_test(elf_random_corruption_never_crashes),
	};

	return cmocka_run_group_tests_name("elf", tests, NULL, NULL);
}
