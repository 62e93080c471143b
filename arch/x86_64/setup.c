/*
 * Boot CPU bring-up after head.S: record the loader's handoff, then hand
 * over to the generic kernel_main().  arch_cpu_init() sets up this CPU's
 * descriptor tables and turns on the protection features the CPU has.
 */
#include <boot_info.h>
#include <init.h>
#include <percpu.h>
#include <printk.h>
#include <arch/cpu.h>
#include <asm/cpu.h>
#include <asm/desc.h>
#include <asm/features.h>
#include <asm/io.h>
#include "boot/bootinfo.h"
#include "fpu.h"
#include "traps.h"

void x86_boot_main(u32 protocol, u32 info_pa);

/* The boot CPU's first stack; kernel threads later get guarded stacks. */
u8 boot_stack[16384] __aligned(16);
extern u8 boot_stack_top[];
__asm__(".globl boot_stack_top\n.set boot_stack_top, boot_stack + 16384");

static struct cpu boot_cpu;
static struct arch_cpu boot_arch_cpu;
struct cpu *cpus[MAX_CPUS];
unsigned int ncpus_online = 1;

struct cpu_features x86_features;
bool x86_smap_enabled;		/* read by the user-copy helpers (uaccess.S) */

static void detect_features(void)
{
	struct cpuid_regs r = cpuid(0, 0);
	u32 max_leaf = r.eax;

	r = cpuid(1, 0);
	x86_features.x2apic = r.ecx & (1u << 21);
	x86_features.tsc_deadline = r.ecx & (1u << 24);
	x86_features.rdrand = r.ecx & (1u << 30);
	x86_features.xsave = r.ecx & (1u << 26);
	x86_features.apic = r.edx & (1u << 9);
	if (max_leaf >= 7) {
		r = cpuid(7, 0);
		x86_features.smep = r.ebx & (1u << 7);
		x86_features.smap = r.ebx & (1u << 20);
		x86_features.rdseed = r.ebx & (1u << 18);
		x86_features.umip = r.ecx & (1u << 2);
	}
	r = cpuid(0x80000001, 0);
	x86_features.nx = r.edx & (1u << 20);
	x86_features.pdpe1gb = r.edx & (1u << 26);
	r = cpuid(0x80000007, 0);
	x86_features.invariant_tsc = r.edx & (1u << 8);
}

static void print_cpu_model(void)
{
	u32 brand[13] = { 0 };

	if (cpuid(0x80000000, 0).eax >= 0x80000004) {
		for (u32 i = 0; i < 3; i++) {
			struct cpuid_regs r = cpuid(0x80000002 + i, 0);

			brand[i * 4 + 0] = r.eax;
			brand[i * 4 + 1] = r.ebx;
			brand[i * 4 + 2] = r.ecx;
			brand[i * 4 + 3] = r.edx;
		}
	}
	pr_info("CPU: %s\n", (const char *)brand);
	pr_info("CPU features:%s%s%s%s%s%s%s\n",
		x86_features.nx ? " nx" : "", x86_features.smep ? " smep" : "",
		x86_features.smap ? " smap" : "", x86_features.umip ? " umip" : "",
		x86_features.x2apic ? " x2apic" : "", x86_features.rdrand ? " rdrand" : "",
		x86_features.invariant_tsc ? " invariant_tsc" : "");
}

/*
 * Turn on WP, and SMEP/SMAP/UMIP/NX where the CPU supports them.  Every
 * CPU runs this: the boot CPU from arch_cpu_init(), each AP from its
 * bring-up (smpboot.c), after detect_features() filled x86_features.
 */
void cpu_enable_features(void)
{
	u64 cr4 = read_cr4();

	/*
	 * WP: honour read-only pages in ring 0; MP without EM: SSE for user
	 * space; NE: x87 errors raise #MF instead of the legacy FERR# line.
	 */
	write_cr0((read_cr0() | CR0_WP | CR0_MP | CR0_NE) & ~CR0_EM);
	cr4 |= CR4_OSFXSR | CR4_OSXMMEXCPT;
	if (x86_features.smep)
		cr4 |= CR4_SMEP;
	if (x86_features.smap) {
		cr4 |= CR4_SMAP;
		x86_smap_enabled = true;
	}
	if (x86_features.umip)
		cr4 |= CR4_UMIP;
	write_cr4(cr4 | CR4_PGE);
	if (x86_features.nx)
		wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_NXE);
	fpu_enable_cpu();
}

void arch_cpu_init(void)
{
	detect_features();
	gdt_init_cpu(&boot_cpu, &boot_arch_cpu);
	boot_cpu.id = 0;
	boot_cpu.online = true;
	cpus[0] = &boot_cpu;
	idt_init();
	fpu_init();
	cpu_enable_features();
	syscall_init_cpu();
	print_cpu_model();
}

void x86_boot_main(u32 protocol, u32 info_pa)
{
	int ok;

	/* this_cpu() (spinlocks, printk) works from here on. */
	boot_cpu.self = &boot_cpu;
	wrmsr(MSR_GS_BASE, (u64)&boot_cpu);
	ok = boot_info_parse(protocol, info_pa);

	kernel_main(ok == 0);
}

void arch_halt_forever(void)
{
	for (;;)
		__asm__ __volatile__("cli; hlt");
}

/*
 * isa-debug-exit (QEMU "-device isa-debug-exit,iobase=0xf4"): writing v
 * makes QEMU exit with status (v << 1) | 1.  Only used when the command
 * line says "debug_exit", so real hardware never sees the port write.
 */
void arch_debug_exit(int code)
{
	if (debug_exit_enabled)
		outl(0xf4, (u32)code);
}
