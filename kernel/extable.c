/* Exception-table lookup; the linker gathers entries into .extable. */
#include <extable.h>

extern const struct extable_entry __extable_start[], __extable_end[];

unsigned long extable_find(unsigned long rip)
{
	for (const struct extable_entry *e = __extable_start; e < __extable_end; e++) {
		if (e->insn == rip)
			return e->fixup;
	}
	return 0;
}
