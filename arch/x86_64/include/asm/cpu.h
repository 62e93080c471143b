/* Tiny wrappers around privileged x86 instructions and control registers. */
#ifndef ASM_CPU_H
#define ASM_CPU_H

#include <types.h>

#define CR0_MP		(1ul << 1)
#define CR0_EM		(1ul << 2)
#define CR0_NE		(1ul << 5)
#define CR0_WP		(1ul << 16)
#define CR4_PGE		(1ul << 7)
#define CR4_OSFXSR	(1ul << 9)
#define CR4_OSXMMEXCPT	(1ul << 10)
#define CR4_UMIP	(1ul << 11)
#define CR4_FSGSBASE	(1ul << 16)
#define CR4_OSXSAVE	(1ul << 18)
#define CR4_SMEP	(1ul << 20)
#define CR4_SMAP	(1ul << 21)

#define MSR_EFER		0xc0000080
#define MSR_STAR		0xc0000081
#define MSR_LSTAR		0xc0000082
#define MSR_SFMASK		0xc0000084
#define MSR_FS_BASE		0xc0000100
#define MSR_GS_BASE		0xc0000101
#define MSR_KERNEL_GS_BASE	0xc0000102
#define MSR_APIC_BASE		0x0000001b
#define EFER_SCE		(1ul << 0)
#define EFER_LME		(1ul << 8)
#define EFER_NXE		(1ul << 11)

#define X86_EFLAGS_IF		(1ul << 9)
#define X86_EFLAGS_AC		(1ul << 18)

struct cpuid_regs {
	u32 eax, ebx, ecx, edx;
};

static inline struct cpuid_regs cpuid(u32 leaf, u32 subleaf)
{
	struct cpuid_regs r;

	__asm__ __volatile__("cpuid"
			     : "=a"(r.eax), "=b"(r.ebx), "=c"(r.ecx), "=d"(r.edx)
			     : "a"(leaf), "c"(subleaf));
	return r;
}

static inline u64 rdmsr(u32 msr)
{
	u32 lo, hi;

	__asm__ __volatile__("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
	return ((u64)hi << 32) | lo;
}

static inline void wrmsr(u32 msr, u64 v)
{
	__asm__ __volatile__("wrmsr" : : "c"(msr), "a"((u32)v), "d"((u32)(v >> 32)));
}

static inline u64 rdtsc(void)
{
	u32 lo, hi;

	__asm__ __volatile__("rdtsc" : "=a"(lo), "=d"(hi));
	return ((u64)hi << 32) | lo;
}

#define DEFINE_CR_ACCESSORS(n)						\
	static inline u64 read_cr##n(void)				\
	{								\
		u64 v;							\
		__asm__ __volatile__("mov %%cr" #n ", %0" : "=r"(v));	\
		return v;						\
	}								\
	static inline void write_cr##n(u64 v)				\
	{								\
		__asm__ __volatile__("mov %0, %%cr" #n : : "r"(v) : "memory"); \
	}
DEFINE_CR_ACCESSORS(0)
DEFINE_CR_ACCESSORS(2)
DEFINE_CR_ACCESSORS(3)
DEFINE_CR_ACCESSORS(4)
#undef DEFINE_CR_ACCESSORS

static inline void cpu_relax(void)
{
	__asm__ __volatile__("pause" ::: "memory");
}

static inline void invlpg(unsigned long va)
{
	__asm__ __volatile__("invlpg (%0)" : : "r"(va) : "memory");
}

static inline unsigned long read_rflags(void)
{
	unsigned long f;

	__asm__ __volatile__("pushfq; popq %0" : "=r"(f));
	return f;
}

static inline unsigned long read_rbp(void)
{
	unsigned long v;

	__asm__ __volatile__("movq %%rbp, %0" : "=r"(v));
	return v;
}

#endif
