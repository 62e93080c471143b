/*
 * Starting the application processors (APs).
 *
 * The MADT lists every enabled CPU by APIC ID.  The boot CPU starts the
 * others one at a time, the way the Intel SDM's MP initialization
 * protocol describes: an INIT IPI (the AP resets and waits for a SIPI),
 * 10 ms, a STARTUP IPI whose vector names the 4 KiB page the AP starts
 * at in real mode, 200 us, a second STARTUP IPI (ignored by an AP that
 * already started), 200 us.  The AP runs trampoline.S up to long mode
 * and calls ap_entry() on its own stack with its own struct cpu.
 *
 * Each AP then sets itself up as the boot CPU did in arch_cpu_init():
 * GS base (this_cpu()), its GDT, TSS and IST stacks, the shared IDT, the
 * kernel page tables, the CPU protection features, the syscall MSRs and
 * its LAPIC with the periodic tick.  It joins the TLB-shootdown set,
 * turns its running context into its idle task (sched_init_ap), says
 * "online" and enters the idle loop.  The boot CPU waits for that word
 * and only then counts it in ncpus_online, so new tasks are placed only
 * on CPUs that run a scheduler.  An AP that does not answer in time is
 * sent INIT again, which parks it for good, and is left out.
 *
 * Everything here runs on the boot CPU from kernel_main() (interrupts
 * off, before any task exists) except ap_entry(), which runs on the AP.
 * cpus[] and ncpus_online are written only here; ncpus_online with a
 * release store after cpus[id] is complete.
 */
#include <acpi.h>
#include <boot_info.h>
#include <errno.h>
#include <init.h>
#include <kmalloc.h>
#include <mm.h>
#include <percpu.h>
#include <printk.h>
#include <sched.h>
#include <string.h>
#include <time.h>
#include <vmalloc.h>
#include <arch/cpu.h>
#include <arch/mmu.h>
#include <asm/cpu.h>
#include <asm/desc.h>
#include <asm/features.h>
#include "lapic.h"
#include "mmu_internal.h"
#include "smp.h"
#include "traps.h"

#define INIT_DELAY_US		10000	/* after INIT, before the first SIPI */
#define SIPI_DELAY_US		200	/* after each SIPI */
#define AP_ONLINE_TIMEOUT_NS	(5 * NSEC_PER_SEC)	/* TCG can be slow */
#define PML4_KERNEL_FIRST	256

struct trampoline_params {
	u32 cr3;
	u32 efer;
	u64 stack_top;
	u64 entry;
	u64 cpu;
};

STATIC_ASSERT(__builtin_offsetof(struct trampoline_params, cr3) == TP_CR3);
STATIC_ASSERT(__builtin_offsetof(struct trampoline_params, efer) == TP_EFER);
STATIC_ASSERT(__builtin_offsetof(struct trampoline_params, stack_top) == TP_STACK);
STATIC_ASSERT(__builtin_offsetof(struct trampoline_params, entry) == TP_ENTRY);
STATIC_ASSERT(__builtin_offsetof(struct trampoline_params, cpu) == TP_CPU);
STATIC_ASSERT(sizeof(struct trampoline_params) == TP_SIZE);

static struct trampoline_params *params;	/* in the trampoline copy */

/* --- On the AP ----------------------------------------------------------- */

static void __noreturn ap_entry(struct cpu *c)
{
	wrmsr(MSR_GS_BASE, (u64)c);	/* this_cpu() works from here on */
	gdt_init_cpu(c, c->arch);	/* leaves the trampoline's GDT */
	idt_load();
	mmu_switch(kernel_root);	/* leaves the trampoline's page tables */
	cpu_enable_features();
	syscall_init_cpu();
	lapic_cpu_init();		/* records apic_id, starts the tick (irqs still off) */
	smp_cpu_join(c);
	sched_init_ap();
	__atomic_store_n(&c->online, true, __ATOMIC_RELEASE);
	cpu_idle_loop();
}

/* --- The trampoline ------------------------------------------------------ */

/* True when [start, end) lies in usable RAM that the direct map covers. */
static bool low_pages_usable(u64 start, u64 end)
{
	for (unsigned int i = 0; i < boot_info.memmap_count; i++) {
		const struct boot_mem_region *r = &boot_info.memmap[i];

		if (r->type == BOOT_MEM_USABLE && r->base <= start && r->base + r->size >= end)
			return mmu_translate(kernel_root, (unsigned long)phys_to_virt(start),
					     NULL, NULL);
	}
	return false;
}

/*
 * Page tables the AP can load from 32-bit code: identity for the first
 * 2 MiB (the trampoline) and the kernel half shared with kernel_root.
 */
static void build_trampoline_tables(void)
{
	u64 *pml4 = phys_to_virt(TRAMPOLINE_PML4);
	u64 *pdpt = phys_to_virt(TRAMPOLINE_PDPT);
	u64 *pd = phys_to_virt(TRAMPOLINE_PD);
	const u64 *kernel = phys_to_virt(kernel_root);

	memset(pml4, 0, PAGE_SIZE);
	memset(pdpt, 0, PAGE_SIZE);
	memset(pd, 0, PAGE_SIZE);
	pml4[0] = TRAMPOLINE_PDPT | PTE_P | PTE_W;
	pdpt[0] = TRAMPOLINE_PD | PTE_P | PTE_W;
	pd[0] = 0 | PTE_P | PTE_W | PTE_PS;
	for (int i = PML4_KERNEL_FIRST; i < 512; i++)
		pml4[i] = kernel[i];
}

static int setup_trampoline(void)
{
	size_t size = smp_trampoline_end - smp_trampoline_start;

	if (size > PAGE_SIZE || !low_pages_usable(TRAMPOLINE_PHYS, TRAMPOLINE_END)) {
		pr_err("smp: pages 0x%x-0x%x are not usable RAM; not starting other CPUs\n",
		       TRAMPOLINE_PHYS, TRAMPOLINE_END - 1);
		return -ENOMEM;
	}
	memcpy(phys_to_virt(TRAMPOLINE_PHYS), smp_trampoline_start, size);
	params = phys_to_virt(TRAMPOLINE_PHYS + (smp_trampoline_params - smp_trampoline_start));
	params->cr3 = TRAMPOLINE_PML4;
	params->efer = EFER_LME | (x86_features.nx ? EFER_NXE : 0);
	params->entry = (u64)ap_entry;
	build_trampoline_tables();
	return 0;
}

/* --- Starting one AP ----------------------------------------------------- */

/* A struct cpu with its arch part and the stack its idle task will use. */
static struct cpu *ap_alloc(unsigned int id, u32 apic_id, void **stack)
{
	struct cpu *c = kzalloc(sizeof(*c));

	if (!c)
		return NULL;
	c->arch = vmalloc(sizeof(struct arch_cpu));
	*stack = kstack_alloc(KSTACK_SIZE);
	if (!c->arch || !*stack) {
		vfree(c->arch);
		if (*stack)
			kstack_free(*stack);
		kfree(c);
		return NULL;
	}
	c->self = c;
	c->id = id;
	c->apic_id = apic_id;
	c->rq.lock = (struct spinlock)SPINLOCK_INIT("runqueue");
	return c;
}

/* INIT, then two STARTUP IPIs, with the SDM's delays. */
static void send_init_sipi_sipi(u32 apic_id)
{
	u32 vector = TRAMPOLINE_PHYS >> PAGE_SHIFT;

	__atomic_thread_fence(__ATOMIC_SEQ_CST);	/* params before the wake-up */
	lapic_send_ipi(apic_id, ICR_DELIVERY_INIT | ICR_LEVEL_ASSERT);
	udelay(INIT_DELAY_US);
	for (int i = 0; i < 2; i++) {
		lapic_send_ipi(apic_id, ICR_DELIVERY_STARTUP | vector);
		udelay(SIPI_DELAY_US);
	}
}

static bool wait_online(struct cpu *c)
{
	u64 deadline = clock_monotonic_ns() + AP_ONLINE_TIMEOUT_NS;

	while (!__atomic_load_n(&c->online, __ATOMIC_ACQUIRE)) {
		if (clock_monotonic_ns() > deadline)
			return false;
		cpu_relax();
	}
	return true;
}

/* Start the AP with this APIC ID as CPU 'id'; 0 once it runs its idle loop. */
static int start_ap(u32 apic_id, unsigned int id)
{
	void *stack;
	struct cpu *c = ap_alloc(id, apic_id, &stack);

	if (!c) {
		pr_err("smp: out of memory for CPU %u\n", id);
		return -ENOMEM;
	}
	pr_info("smpboot: Booting CPU %u, APIC 0x%x\n", id, apic_id);
	params->stack_top = (u64)stack + KSTACK_SIZE;
	params->cpu = (u64)c;
	__atomic_store_n(&cpus[id], c, __ATOMIC_RELEASE);
	send_init_sipi_sipi(apic_id);
	if (!wait_online(c)) {
		/* Park it in wait-for-SIPI; its memory stays allocated in case it ran. */
		lapic_send_ipi(apic_id, ICR_DELIVERY_INIT | ICR_LEVEL_ASSERT);
		smp_cpu_forget(id);
		__atomic_store_n(&cpus[id], NULL, __ATOMIC_RELEASE);
		pr_err("smpboot: CPU %u (APIC 0x%x) did not come online\n", id, apic_id);
		return -ETIMEDOUT;
	}
	__atomic_store_n(&ncpus_online, id + 1, __ATOMIC_RELEASE);
	return 0;
}

void arch_smp_init(void)
{
	const struct acpi_madt_info *m = acpi_madt();
	unsigned int n = 1;

	if (m && m->ncpus > 1 && lapic_timer_hz() && setup_trampoline() == 0) {
		smp_ipi_init();
		for (unsigned int i = 0; i < m->ncpus && n < MAX_CPUS; i++) {
			if (m->cpus[i].apic_id == this_cpu()->apic_id)
				continue;
			if (start_ap(m->cpus[i].apic_id, n) == 0)
				n++;
		}
	}
	pr_info("smp: Brought up %u CPU%s\n", n, n == 1 ? "" : "s");
}
