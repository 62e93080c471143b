/* Per-CPU descriptor tables: GDT, TSS and interrupt stacks. */
#ifndef ASM_DESC_H
#define ASM_DESC_H

#include <types.h>
#include <compiler.h>
#include <asm/segment.h>

struct tss {
	u32 reserved0;
	u64 rsp[3];		/* rsp[0]: kernel stack for traps from user mode */
	u64 reserved1;
	u64 ist[7];
	u64 reserved2;
	u16 reserved3;
	u16 iomap_base;
} __packed;

STATIC_ASSERT(sizeof(struct tss) == 104);

#define IST_STACK_SIZE	(4 * 4096)

struct arch_cpu {
	u64 gdt[GDT_ENTRIES] __aligned(16);
	struct tss tss __aligned(16);
	u8 ist_stacks[IST_COUNT][IST_STACK_SIZE] __aligned(16);
};

/* The loaded descriptor-table registers (for self-tests and reports). */
struct dtr {
	u16 limit;
	u64 base;
} __packed;

static inline u64 read_gdt_base(void)
{
	struct dtr d;

	__asm__ __volatile__("sgdt %0" : "=m"(d));
	return d.base;
}

static inline u64 read_idt_base(void)
{
	struct dtr d;

	__asm__ __volatile__("sidt %0" : "=m"(d));
	return d.base;
}

static inline u16 read_tr(void)
{
	u16 sel;

	__asm__ __volatile__("str %0" : "=r"(sel));
	return sel;
}

struct cpu;

/* Build and load this CPU's GDT, TSS and GS base. */
void gdt_init_cpu(struct cpu *cpu, struct arch_cpu *ac);
/* Build the shared IDT (boot CPU) and load it (every CPU). */
void idt_init(void);
void idt_load(void);

#endif
