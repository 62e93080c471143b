#ifndef X86_BOOTINFO_H
#define X86_BOOTINFO_H

#include <types.h>

/* Fill boot_info from the loader's handoff; returns 0 or -1 if unusable. */
int boot_info_parse(int protocol, u64 info_pa);

#endif
