/*
 * /proc/cpuinfo for x86_64: what CPUID says about each CPU, in the
 * layout of Linux's arch/x86/kernel/cpu/proc.c (tools such as lscpu and
 * nproc fallbacks parse "processor", "model name" and "flags").  Every
 * CPU is assumed to report the same CPUID as the one reading the file.
 */
#include <percpu.h>
#include <seq_buf.h>
#include <string.h>
#include <arch/cpu.h>
#include <asm/cpu.h>
#include "tsc.h"

/* CPUID.1 EDX and ECX bits with their Linux names, in Linux's order. */
static const char *const edx1_names[32] = {
	"fpu", "vme", "de", "pse", "tsc", "msr", "pae", "mce", "cx8", "apic", NULL, "sep",
	"mtrr", "pge", "mca", "cmov", "pat", "pse36", NULL, "clflush", NULL, NULL, "acpi",
	"mmx", "fxsr", "sse", "sse2", "ss", "ht", NULL, NULL, NULL,
};
static const char *const ecx1_names[32] = {
	"pni", "pclmulqdq", NULL, "monitor", NULL, NULL, NULL, NULL, NULL, "ssse3", NULL,
	NULL, "fma", "cx16", NULL, NULL, NULL, "pcid", NULL, "sse4_1", "sse4_2", "x2apic",
	"movbe", "popcnt", "tsc_deadline_timer", "aes", "xsave", NULL, "avx", "f16c",
	"rdrand", "hypervisor",
};
static const char *const edx81_names[32] = {
	[11] = "syscall", [20] = "nx", [26] = "pdpe1gb", [27] = "rdtscp", [29] = "lm",
};

static void show_flags(struct seq_buf *s, u32 bits, const char *const names[32])
{
	for (int i = 0; i < 32; i++)
		if ((bits & (1u << i)) && names[i])
			seq_printf(s, " %s", names[i]);
}

/* The 48-byte brand string of CPUID 0x80000002-4, leading spaces dropped. */
static void brand_string(char out[49])
{
	u32 *w = (u32 *)out;
	const char *p;

	memset(out, 0, 49);
	if (cpuid(0x80000000, 0).eax < 0x80000004)
		return;
	for (u32 i = 0; i < 3; i++) {
		struct cpuid_regs r = cpuid(0x80000002 + i, 0);

		w[i * 4] = r.eax;
		w[i * 4 + 1] = r.ebx;
		w[i * 4 + 2] = r.ecx;
		w[i * 4 + 3] = r.edx;
	}
	for (p = out; *p == ' '; p++)
		;
	memmove(out, p, strlen(p) + 1);
}

void arch_show_cpuinfo(struct seq_buf *s, unsigned int cpu)
{
	struct cpuid_regs r0 = cpuid(0, 0), r1 = cpuid(1, 0), r81 = cpuid(0x80000001, 0);
	u32 family = (r1.eax >> 8) & 0xf, model = (r1.eax >> 4) & 0xf;
	u64 khz = tsc_frequency_khz();
	char vendor[13], brand[49];

	memcpy(vendor, &r0.ebx, 4);
	memcpy(vendor + 4, &r0.edx, 4);
	memcpy(vendor + 8, &r0.ecx, 4);
	vendor[12] = '\0';
	if (family == 0xf)
		family += (r1.eax >> 20) & 0xff;
	if (family >= 6)
		model += ((r1.eax >> 16) & 0xf) << 4;
	brand_string(brand);
	seq_printf(s, "processor\t: %u\nvendor_id\t: %s\ncpu family\t: %u\nmodel\t\t: %u\n",
		   cpu, vendor, family, model);
	seq_printf(s, "model name\t: %s\nstepping\t: %u\n", brand[0] ? brand : "unknown",
		   r1.eax & 0xf);
	seq_printf(s, "cpu MHz\t\t: %llu.%03llu\n", (unsigned long long)(khz / 1000),
		   (unsigned long long)(khz % 1000));
	seq_printf(s, "physical id\t: 0\nsiblings\t: %u\ncore id\t\t: %u\ncpu cores\t: %u\n",
		   ncpus_online, cpu, ncpus_online);
	seq_printf(s, "apicid\t\t: %u\ninitial apicid\t: %u\n", cpus[cpu]->apic_id,
		   cpus[cpu]->apic_id);
	seq_printf(s, "fpu\t\t: yes\nfpu_exception\t: yes\ncpuid level\t: %u\nwp\t\t: yes\nflags\t\t:",
		   r0.eax);
	show_flags(s, r1.edx, edx1_names);
	show_flags(s, r81.edx, edx81_names);
	show_flags(s, r1.ecx, ecx1_names);
	seq_printf(s, "\nbogomips\t: %llu.%02llu\n", (unsigned long long)(khz / 500),
		   (unsigned long long)((khz / 5) % 100));
	seq_puts(s, "clflush size\t: 64\ncache_alignment\t: 64\n");
	seq_printf(s, "address sizes\t: %u bits physical, %u bits virtual\npower management:\n\n",
		   cpuid(0x80000008, 0).eax & 0xff, (cpuid(0x80000008, 0).eax >> 8) & 0xff);
}
