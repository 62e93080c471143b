/*
 * First instructions: both boot protocols enter here in 32-bit protected
 * mode with paging off.
 *
 *   PVH (QEMU -kernel, Firecracker, cloud-hypervisor): the ELF note
 *   XEN_ELFNOTE_PHYS32_ENTRY names pvh_entry; %ebx = hvm_start_info.
 *   Multiboot2 (GRUB, BIOS or UEFI): the header's entry tag names
 *   mb2_entry; %eax = 0x36d76289, %ebx = multiboot information.
 *
 * Both paths load the boot page tables (identity map and direct map of
 * the first 4 GiB, the kernel image at -2 GiB, all with 2 MiB pages),
 * enter long mode, and call x86_boot_main(protocol, info_phys) on the
 * boot stack in the higher half.  Everything here is linked at its
 * physical address (see kernel.ld).
 */
#include <asm/boot.h>

#define MB2_HEADER_MAGIC	0xe85250d6
#define MB2_BOOT_MAGIC		0x36d76289
#define XEN_ELFNOTE_PHYS32_ENTRY 18

#define CR0_PE		(1 << 0)
#define CR0_WP		(1 << 16)
#define CR0_PG		(1 << 31)
#define CR4_PAE		(1 << 5)
#define MSR_EFER	0xc0000080
#define EFER_LME	(1 << 8)
#define EFER_NXE	(1 << 11)

	.section .note.Xen, "a", @note
	.balign 4
	.long 4				/* name size: "Xen\0" */
	.long 8				/* descriptor size */
	.long XEN_ELFNOTE_PHYS32_ENTRY
	.asciz "Xen"
	.quad pvh_entry

	.section .multiboot2, "a"
	.balign 8
mb2_header:
	.long MB2_HEADER_MAGIC
	.long 0				/* architecture: i386 protected mode */
	.long mb2_header_end - mb2_header
	.long 0x100000000 - (MB2_HEADER_MAGIC + (mb2_header_end - mb2_header))
	.balign 8			/* entry address tag */
	.short 3, 0
	.long 12
	.long mb2_entry
	.balign 8			/* end tag */
	.short 0, 0
	.long 8
mb2_header_end:

	.section .boot.text, "ax"
	.code32
	.globl boot_entry_phys
boot_entry_phys:
mb2_entry:
	cmpl $MB2_BOOT_MAGIC, %eax
	jne no_boot_protocol
	movl $BOOT_PROTO_MULTIBOOT2, %edi
	movl %ebx, %esi
	jmp start32

pvh_entry:
	movl $BOOT_PROTO_PVH, %edi
	movl %ebx, %esi

start32:
	cli
	cld
	movl $boot32_stack_top, %esp

	/* Long mode is required; without it print a message and stop. */
	movl $0x80000000, %eax
	cpuid
	cmpl $0x80000001, %eax
	jb no_long_mode
	movl $0x80000001, %eax
	cpuid
	testl $(1 << 29), %edx
	jz no_long_mode
	movl %edx, %ebp			/* keep: bit 20 is NX */

	movl %cr4, %eax
	orl $CR4_PAE, %eax
	movl %eax, %cr4
	movl $boot_pml4, %eax
	movl %eax, %cr3

	movl $MSR_EFER, %ecx
	rdmsr
	orl $EFER_LME, %eax
	testl $(1 << 20), %ebp
	jz 1f
	orl $EFER_NXE, %eax
1:	wrmsr

	movl %cr0, %eax
	orl $(CR0_PE | CR0_PG | CR0_WP), %eax
	movl %eax, %cr0

	lgdt boot_gdt_ptr
	ljmp $0x08, $start64

no_long_mode:
	movl $msg_no_long_mode, %esi
	jmp die32
no_boot_protocol:
	movl $msg_no_protocol, %esi
die32:	/* Print %esi on COM1 (polled) and halt forever. */
	movw $0x3fd, %dx
2:	inb %dx, %al
	testb $0x20, %al
	jz 2b
	movw $0x3f8, %dx
	lodsb
	testb %al, %al
	jz 3f
	outb %al, %dx
	jmp die32
3:	hlt
	jmp 3b

	.code64
start64:
	xorl %eax, %eax
	movl %eax, %ds
	movl %eax, %es
	movl %eax, %ss
	movl %eax, %fs
	movl %eax, %gs
	/* The upper halves of registers are undefined after the switch. */
	movl %edi, %edi
	movl %esi, %esi
	movabsq $boot_stack_top, %rsp
	xorl %ebp, %ebp
	movabsq $x86_boot_main, %rax
	call *%rax
4:	hlt
	jmp 4b

	.section .boot.data, "aw"
msg_no_long_mode:
	.asciz "boot: this CPU has no long mode (x86_64); cannot boot\r\n"
msg_no_protocol:
	.asciz "boot: entered without a Multiboot2 or PVH handoff; cannot boot\r\n"

	.balign 16
boot_gdt:
	.quad 0
	.quad 0x00af9a000000ffff	/* 0x08: 64-bit code */
	.quad 0x00cf92000000ffff	/* 0x10: data */
boot_gdt_end:
boot_gdt_ptr:
	.short boot_gdt_end - boot_gdt - 1
	.long boot_gdt

	.balign 16
boot32_stack:
	.skip 256
boot32_stack_top:

/*
 * Boot page tables.  PML4[0] (identity) and PML4[256] (direct map at
 * DIRECT_MAP_BASE) share one PDPT covering 0-4 GiB; PML4[511] maps the
 * kernel window -2 GiB .. -1 GiB onto physical 0-1 GiB by reusing the first
 * page directory.  mm/ replaces all of this with the final tables.
 */
	.balign 4096
	.globl boot_pml4
boot_pml4:
	.quad boot_pdpt_low + 3
	.fill 255, 8, 0
	.quad boot_pdpt_low + 3
	.fill 254, 8, 0
	.quad boot_pdpt_high + 3
boot_pdpt_low:
	.quad boot_pd + 0x0000 + 3
	.quad boot_pd + 0x1000 + 3
	.quad boot_pd + 0x2000 + 3
	.quad boot_pd + 0x3000 + 3
	.fill 508, 8, 0
boot_pdpt_high:
	.fill 510, 8, 0
	.quad boot_pd + 3
	.quad 0
boot_pd:
	.set page, 0
	.rept 2048
	.quad (page << 21) | 0x83	/* present, writable, 2 MiB */
	.set page, page + 1
	.endr
