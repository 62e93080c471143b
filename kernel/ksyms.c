/*
 * Symbol lookup for backtraces.  The table is sorted by address, so a
 * lookup is a binary search for the last symbol at or below the address.
 */
#include <ksyms.h>
#include <string.h>

extern const u64 ksyms_count;
extern const u64 ksyms_addrs[];
extern const u32 ksyms_name_offsets[];
extern const char ksyms_names[];
extern const char _text[], _etext[];

const char *ksyms_lookup(unsigned long addr, unsigned long *offset)
{
	u64 lo = 0, hi = ksyms_count;

	if (addr < (unsigned long)_text || addr >= (unsigned long)_etext || hi == 0)
		return NULL;
	while (hi - lo > 1) {
		u64 mid = lo + (hi - lo) / 2;

		if (ksyms_addrs[mid] <= addr)
			lo = mid;
		else
			hi = mid;
	}
	if (ksyms_addrs[lo] > addr)
		return NULL;
	*offset = addr - ksyms_addrs[lo];
	return ksyms_names + ksyms_name_offsets[lo];
}

unsigned long ksyms_address_of(const char *name)
{
	for (u64 i = 0; i < ksyms_count; i++) {
		if (strcmp(ksyms_names + ksyms_name_offsets[i], name) == 0)
			return ksyms_addrs[i];
	}
	return 0;
}
