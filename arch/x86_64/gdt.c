/*
 * Global descriptor table and task state segment, one of each per CPU.
 * In long mode segments are flat; the GDT matters for the privilege level
 * of %cs/%ss and for locating the TSS, whose rsp0 is the kernel stack used
 * on traps from user mode and whose IST slots give #DF, NMI and #MC known
 * good stacks even when the current one is broken.
 */
#include <percpu.h>
#include <string.h>
#include <asm/cpu.h>
#include <asm/desc.h>

/* Access byte | flags for flat code/data segments. */
#define SEG_KERNEL_CODE64	0x00af9a000000ffffull
#define SEG_KERNEL_CODE32	0x00cf9a000000ffffull
#define SEG_KERNEL_DATA		0x00cf92000000ffffull
#define SEG_USER_CODE32		0x00cffa000000ffffull
#define SEG_USER_DATA		0x00cff2000000ffffull
#define SEG_USER_CODE64		0x00affa000000ffffull

struct descriptor_ptr {
	u16 limit;
	u64 base;
} __packed;

static void set_tss_descriptor(u64 *gdt, struct tss *tss)
{
	u64 base = (u64)tss;
	u64 limit = sizeof(*tss) - 1;

	gdt[GDT_TSS] = (limit & 0xffff) | ((base & 0xffffff) << 16) |
		       (0x89ull << 40) |		/* present, 64-bit TSS (available) */
		       (((limit >> 16) & 0xf) << 48) |
		       (((base >> 24) & 0xff) << 56);
	gdt[GDT_TSS + 1] = base >> 32;
}

/*
 * A user-readable data segment that is never loaded: its limit is the
 * CPU number (node 0 above bit 12), which "lsl" reads from user mode;
 * the vDSO's getcpu() uses it, as on Linux.
 */
static u64 cpunode_descriptor(unsigned int cpu)
{
	u64 limit = cpu & 0xfff;

	return (limit & 0xffff) | (0xf1ull << 40) |	/* present, DPL 3, data, read-only */
	       (((limit >> 16) & 0xf) << 48);
}

static void load_gdt_and_segments(u64 *gdt)
{
	struct descriptor_ptr p = { .limit = GDT_ENTRIES * 8 - 1, .base = (u64)gdt };

	__asm__ __volatile__(
		"lgdt %0\n\t"
		"pushq %1\n\t"
		"leaq 1f(%%rip), %%rax\n\t"
		"pushq %%rax\n\t"
		"lretq\n"
		"1:\n\t"
		"movl %2, %%eax\n\t"
		"movl %%eax, %%ds\n\t"
		"movl %%eax, %%es\n\t"
		"movl %%eax, %%ss\n\t"
		"xorl %%eax, %%eax\n\t"
		"movl %%eax, %%fs\n\t"
		"movl %%eax, %%gs\n\t"
		"ltr %w3"
		: : "m"(p), "i"(KERNEL_CS), "i"(KERNEL_DS), "r"(TSS_SEL) : "rax", "memory");
}

void gdt_init_cpu(struct cpu *cpu, struct arch_cpu *ac)
{
	u64 *gdt = ac->gdt;

	memset(gdt, 0, sizeof(ac->gdt));
	gdt[GDT_KERNEL_CS32] = SEG_KERNEL_CODE32;
	gdt[GDT_KERNEL_CS] = SEG_KERNEL_CODE64;
	gdt[GDT_KERNEL_DS] = SEG_KERNEL_DATA;
	gdt[GDT_USER_CS32] = SEG_USER_CODE32;
	gdt[GDT_USER_DS] = SEG_USER_DATA;
	gdt[GDT_USER_CS] = SEG_USER_CODE64;
	gdt[GDT_CPUNODE] = cpunode_descriptor(cpu->id);

	memset(&ac->tss, 0, sizeof(ac->tss));
	for (int i = 0; i < IST_COUNT; i++)
		ac->tss.ist[i] = (u64)ac->ist_stacks[i] + IST_STACK_SIZE;
	ac->tss.iomap_base = sizeof(ac->tss);	/* no I/O permission bitmap */
	set_tss_descriptor(gdt, &ac->tss);

	load_gdt_and_segments(gdt);
	cpu->self = cpu;
	cpu->arch = ac;
	wrmsr(MSR_GS_BASE, (u64)cpu);
	wrmsr(MSR_KERNEL_GS_BASE, 0);
}
