/* Constants shared between the 32-bit entry code and C. */
#ifndef ASM_BOOT_H
#define ASM_BOOT_H

#define BOOT_PROTO_PVH		1
#define BOOT_PROTO_MULTIBOOT2	2

#endif
