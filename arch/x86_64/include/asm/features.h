/* CPU features found by CPUID at boot (arch/x86_64/setup.c); immutable after. */
#ifndef ASM_FEATURES_H
#define ASM_FEATURES_H

#include <types.h>

struct cpu_features {
	bool nx, smep, smap, umip, pdpe1gb;
	bool apic, x2apic, tsc_deadline, invariant_tsc;
	bool rdrand, rdseed, xsave;
};

extern struct cpu_features x86_features;

/* Turn on this CPU's protection and FPU features (boot CPU and every AP). */
void cpu_enable_features(void);

#endif
