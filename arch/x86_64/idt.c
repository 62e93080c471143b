/*
 * Interrupt descriptor table: one 64-bit interrupt gate per vector, all
 * pointing at the entry stubs in entry.S.  Gates clear IF on entry.  #BP
 * is reachable from user mode (int3); #DF, NMI and #MC run on their own
 * IST stacks.  One IDT is shared by all CPUs.
 */
#include <asm/desc.h>
#include <asm/trap.h>

struct idt_gate {
	u16 offset_low;
	u16 selector;
	u8 ist;
	u8 type_attr;
	u16 offset_mid;
	u32 offset_high;
	u32 reserved;
} __packed;

STATIC_ASSERT(sizeof(struct idt_gate) == 16);

#define GATE_INTERRUPT	0x8e	/* present, DPL 0, 64-bit interrupt gate */
#define GATE_DPL3	0x60

static struct idt_gate idt[256] __aligned(16);

static void set_gate(int vector, u64 handler, int ist, int dpl3)
{
	struct idt_gate *g = &idt[vector];

	g->offset_low = handler & 0xffff;
	g->selector = KERNEL_CS;
	g->ist = ist;
	g->type_attr = GATE_INTERRUPT | (dpl3 ? GATE_DPL3 : 0);
	g->offset_mid = (handler >> 16) & 0xffff;
	g->offset_high = handler >> 32;
	g->reserved = 0;
}

void idt_init(void)
{
	for (int v = 0; v < 256; v++)
		set_gate(v, (u64)trap_stubs + v * TRAP_STUB_SIZE, 0, 0);
	set_gate(TRAP_DF, (u64)trap_stubs + TRAP_DF * TRAP_STUB_SIZE, IST_DOUBLE_FAULT, 0);
	set_gate(TRAP_NMI, (u64)trap_stubs + TRAP_NMI * TRAP_STUB_SIZE, IST_NMI, 0);
	set_gate(TRAP_MC, (u64)trap_stubs + TRAP_MC * TRAP_STUB_SIZE, IST_MACHINE_CHECK, 0);
	set_gate(TRAP_BP, (u64)trap_stubs + TRAP_BP * TRAP_STUB_SIZE, 0, 1);
	idt_load();
}

void idt_load(void)
{
	struct {
		u16 limit;
		u64 base;
	} __packed p = { .limit = sizeof(idt) - 1, .base = (u64)idt };

	__asm__ __volatile__("lidt %0" : : "m"(p));
}
