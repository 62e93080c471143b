/*
 * Sleep types (SLP_TYPa/SLP_TYPb) without an AML interpreter.
 *
 * To enter sleep state Sx the OS writes a chipset-specific "sleep type"
 * into the PM1 control registers together with SLP_EN.  The values live
 * in the AML namespace as \_Sx_, almost always a plain named package in
 * the DSDT:
 *
 *     08 [5C] 5F 53 35 5F   NameOp, optional root prefix '\', "_S5_"
 *     12 <PkgLength> <n>    PackageOp, its length, element count
 *     <int> <int> ...       SLP_TYPa, SLP_TYPb, reserved...
 *
 * where each integer is ZeroOp (00), OneOp (01), OnesOp (FF) or a
 * prefixed constant: BytePrefix 0A bb, WordPrefix 0B, DWordPrefix 0C,
 * QWordPrefix 0E.  PkgLength is 1 to 4 bytes: the top two bits of the
 * first byte say how many bytes follow; with none, the low six bits are
 * the length, otherwise the low four bits are its least significant
 * nibble.  The length counts itself and the rest of the package.
 *
 * We scan the DSDT, then each SSDT, for a NameOp-prefixed "_Sx_" and read
 * the package with strict bounds.  A \_Sx_ defined as a method, or built
 * any other way, is not found (-ENOENT) and callers fall back.
 */
#include <acpi.h>
#include <errno.h>
#include <printk.h>
#include <string.h>
#include "acpi_internal.h"

#define AML_ZERO_OP		0x00
#define AML_ONE_OP		0x01
#define AML_NAME_OP		0x08
#define AML_BYTE_PREFIX		0x0a
#define AML_WORD_PREFIX		0x0b
#define AML_DWORD_PREFIX	0x0c
#define AML_QWORD_PREFIX	0x0e
#define AML_PACKAGE_OP		0x12
#define AML_ROOT_CHAR		0x5c
#define AML_ONES_OP		0xff
#define SLP_TYP_MASK		0x7	/* SLP_TYPx is a 3-bit field */

/*
 * Decode the PkgLength at p.  Returns how many bytes it occupies (1-4)
 * and stores the length in *value, or returns 0 when malformed.
 */
static size_t aml_pkg_length(const u8 *p, const u8 *end, u32 *value)
{
	size_t follow;
	u32 v;

	if (p >= end)
		return 0;
	follow = p[0] >> 6;
	if ((size_t)(end - p) < follow + 1)
		return 0;
	if (follow == 0) {
		*value = p[0] & 0x3f;
		return 1;
	}
	if (p[0] & 0x30)
		return 0;	/* bits 4-5 must be zero in multi-byte form */
	v = p[0] & 0x0f;
	for (size_t i = 0; i < follow; i++)
		v |= (u32)p[1 + i] << (4 + 8 * i);
	*value = v;
	return follow + 1;
}

/* Decode one integer constant; returns the bytes used, or 0 when p is not one. */
static size_t aml_integer(const u8 *p, const u8 *end, u64 *value)
{
	size_t size;

	if (p >= end)
		return 0;
	switch (p[0]) {
	case AML_ZERO_OP:	*value = 0; return 1;
	case AML_ONE_OP:	*value = 1; return 1;
	case AML_ONES_OP:	*value = ~0ull; return 1;
	case AML_BYTE_PREFIX:	size = 1; break;
	case AML_WORD_PREFIX:	size = 2; break;
	case AML_DWORD_PREFIX:	size = 4; break;
	case AML_QWORD_PREFIX:	size = 8; break;
	default:		return 0;
	}
	if ((size_t)(end - p) < size + 1)
		return 0;
	*value = 0;
	memcpy(value, p + 1, size);	/* AML is little-endian, as is x86 */
	return size + 1;
}

/* Read the sleep package starting at PackageOp p. */
static int parse_sleep_package(const u8 *p, const u8 *end, u8 *a, u8 *b)
{
	u32 plen;
	size_t n, used;
	const u8 *pkg_end;
	u8 count;
	u64 va, vb;

	if (p >= end || *p++ != AML_PACKAGE_OP)
		return -ENOENT;
	n = aml_pkg_length(p, end, &plen);
	if (n == 0 || plen < n + 1 || plen > (size_t)(end - p))
		return -ENOENT;
	pkg_end = p + plen;
	p += n;
	count = *p++;
	used = aml_integer(p, pkg_end, &va);
	if (count < 1 || used == 0)
		return -ENOENT;
	p += used;
	vb = va;	/* a one-element package gives both registers one value */
	if (count >= 2 && aml_integer(p, pkg_end, &vb) == 0)
		return -ENOENT;
	*a = va & SLP_TYP_MASK;
	*b = vb & SLP_TYP_MASK;
	return 0;
}

/* True when the name at aml[i] is the object of a NameOp. */
static bool preceded_by_name_op(const u8 *aml, size_t i)
{
	if (i >= 1 && aml[i - 1] == AML_NAME_OP)
		return true;
	return i >= 2 && aml[i - 1] == AML_ROOT_CHAR && aml[i - 2] == AML_NAME_OP;
}

int acpi_aml_sleep_type(const u8 *aml, size_t len, unsigned int state,
			u8 *slp_typa, u8 *slp_typb)
{
	char name[4] = { '_', 'S', (char)('0' + state), '_' };

	if (state > 5)
		return -EINVAL;
	for (size_t i = 0; i + 4 <= len; i++) {
		if (memcmp(aml + i, name, 4) != 0 || !preceded_by_name_op(aml, i))
			continue;
		if (parse_sleep_package(aml + i + 4, aml + len, slp_typa, slp_typb) == 0)
			return 0;
	}
	return -ENOENT;
}

/* Search one definition block's AML (after its header). */
static int search_table(const struct acpi_table_header *t, unsigned int state,
			u8 *a, u8 *b)
{
	const u8 *aml = (const u8 *)t + sizeof(*t);

	return acpi_aml_sleep_type(aml, t->length - sizeof(*t), state, a, b);
}

int acpi_sleep_type(unsigned int state, u8 *slp_typa, u8 *slp_typb)
{
	const struct acpi_table_header *t = acpi_find_table("DSDT", 0);

	if (t && search_table(t, state, slp_typa, slp_typb) == 0)
		return 0;
	for (unsigned int i = 0; (t = acpi_find_table("SSDT", i)); i++) {
		if (search_table(t, state, slp_typa, slp_typb) == 0)
			return 0;
	}
	return -ENOENT;
}

/* Log which sleep states the firmware describes, as Linux does. */
void acpi_sleep_init(void)
{
	char states[32] = "";
	size_t n = 0;
	u8 a, b;

	for (unsigned int s = 0; s <= 5; s++) {
		if (acpi_sleep_type(s, &a, &b) == 0 && n + 4 < sizeof(states)) {
			states[n++] = ' ';
			states[n++] = 'S';
			states[n++] = (char)('0' + s);
			states[n] = '\0';
		}
	}
	pr_info("ACPI: PM: (supports%s)\n", n ? states : " nothing we can read");
	if (acpi_sleep_type(5, &a, &b) == 0)
		pr_info("ACPI: \\_S5_ SLP_TYPa=%u SLP_TYPb=%u\n", a, b);
}
