/*
 * User FPU, SSE and AVX register state.
 *
 * Each user task owns one save area (t->arch.fpu).  While the task runs,
 * its registers are live in the CPU; the context switch saves them into
 * the area and loads the next task's (task.c).  The kernel itself never
 * touches these registers (-mgeneral-regs-only), so nothing else needs
 * to save them.
 *
 * Two formats, chosen once at boot:
 *   - FXSAVE (512 bytes: x87 and SSE) on CPUs without XSAVE;
 *   - XSAVE in its standard (non-compacted) layout when CPUID says so:
 *     CR4.OSXSAVE is set and XCR0 enables the user states the CPU has
 *     among x87, SSE, AVX and the three AVX-512 parts.  CPUID leaf 0xD
 *     then gives the area's size for exactly those states.  The legacy
 *     512 bytes are the FXSAVE image, followed by the 64-byte XSAVE
 *     header and the extended states.
 * Signal frames carry the same image (signal.c), so its layout is ABI.
 *
 * fpu_cfg is written once by fpu_init() on the boot CPU, before any AP
 * starts or any task exists; immutable afterwards.
 */
#include <errno.h>
#include <kmalloc.h>
#include <string.h>
#include <printk.h>
#include <asm/cpu.h>
#include <asm/features.h>
#include "fpu.h"

#define FCW_DEFAULT	0x037f	/* all x87 exceptions masked, 64-bit precision */
#define MXCSR_DEFAULT	0x1f80	/* all SSE exceptions masked, round to nearest */
#define FPU_AREA_MAX	4096	/* the initial image is static; no state we enable needs more */

static struct {
	bool xsave;		/* XSAVE/XRSTOR in use (else FXSAVE/FXRSTOR) */
	u64 xfeatures;		/* XCR0: the enabled state components */
	u32 size;		/* bytes of one save area (XSAVE's standard layout) */
} fpu_cfg = { .xsave = false, .xfeatures = XFEATURE_MASK_FPSSE, .size = FXSAVE_SIZE };

/* The registers as after reset: all exceptions masked, nearest rounding, AVX clear. */
static u8 fpu_initial[FPU_AREA_MAX] __aligned(64);

static inline void xsetbv(u32 index, u64 value)
{
	__asm__ __volatile__("xsetbv" : : "c"(index), "a"((u32)value), "d"((u32)(value >> 32)));
}

static inline void xsave(void *area, u64 mask)
{
	__asm__ __volatile__("xsave64 (%0)"
			     : : "r"(area), "a"((u32)mask), "d"((u32)(mask >> 32)) : "memory");
}

static inline void xrstor(const void *area, u64 mask)
{
	__asm__ __volatile__("xrstor64 (%0)"
			     : : "r"(area), "a"((u32)mask), "d"((u32)(mask >> 32)) : "memory");
}

static inline void fxsave(void *area)
{
	__asm__ __volatile__("fxsave64 (%0)" : : "r"(area) : "memory");
}

static inline void fxrstor(const void *area)
{
	__asm__ __volatile__("fxrstor64 (%0)" : : "r"(area) : "memory");
}

/* The user states we enable: x87, SSE, AVX, AVX-512 (all three parts or none). */
static u64 supported_user_states(void)
{
	struct cpuid_regs r = cpuid(0xd, 0);
	u64 have = r.eax | ((u64)r.edx << 32);
	u64 want = XFEATURE_MASK_FPSSE;

	if (have & XFEATURE_MASK_AVX)
		want |= XFEATURE_MASK_AVX;
	if ((want & XFEATURE_MASK_AVX) && (have & XFEATURE_MASK_AVX512) == XFEATURE_MASK_AVX512)
		want |= XFEATURE_MASK_AVX512;
	return want;
}

static void fpu_fill_initial(void)
{
	memset(fpu_initial, 0, sizeof(fpu_initial));
	*(u16 *)(fpu_initial + 0) = FCW_DEFAULT;
	*(u32 *)(fpu_initial + 24) = MXCSR_DEFAULT;
	if (fpu_cfg.xsave)	/* header: x87 and SSE from the image, the rest in init state */
		*(u64 *)(fpu_initial + XSAVE_HEADER_OFFSET) = XFEATURE_MASK_FPSSE;
}

void fpu_init(void)
{
	u32 max_leaf = cpuid(0, 0).eax;
	u64 states;
	u32 size;

	if (x86_features.xsave && max_leaf >= 0xd) {
		states = supported_user_states();
		write_cr4(read_cr4() | CR4_OSXSAVE);
		xsetbv(0, states);
		size = cpuid(0xd, 0).ebx;	/* for the states XCR0 enables now */
		if (size <= FPU_AREA_MAX) {
			fpu_cfg.xsave = true;
			fpu_cfg.xfeatures = states;
			fpu_cfg.size = size;
		} else {
			xsetbv(0, XFEATURE_MASK_FPSSE);
			write_cr4(read_cr4() & ~CR4_OSXSAVE);
		}
	}
	fpu_fill_initial();
	pr_info("fpu: %s, states 0x%llx, %u-byte area\n", fpu_cfg.xsave ? "xsave" : "fxsave",
		(unsigned long long)fpu_cfg.xfeatures, fpu_cfg.size);
}

void fpu_enable_cpu(void)
{
	if (!fpu_cfg.xsave)
		return;
	write_cr4(read_cr4() | CR4_OSXSAVE);
	xsetbv(0, fpu_cfg.xfeatures);
}

bool fpu_uses_xsave(void)
{
	return fpu_cfg.xsave;
}

u64 fpu_xfeatures(void)
{
	return fpu_cfg.xfeatures;
}

size_t fpu_area_size(void)
{
	return fpu_cfg.size;
}

void *fpu_area_alloc(void)
{
	/* kmalloc's size classes from 512 up are aligned to their size, pages to 4096. */
	u8 *area = kmalloc(fpu_cfg.size, GFP_KERNEL);

	if (area)
		memcpy(area, fpu_initial, fpu_cfg.size);
	return area;
}

void fpu_save(void *area)
{
	if (fpu_cfg.xsave)
		xsave(area, fpu_cfg.xfeatures);
	else
		fxsave(area);
}

void fpu_restore(const void *area)
{
	if (fpu_cfg.xsave)
		xrstor(area, fpu_cfg.xfeatures);
	else
		fxrstor(area);
}

void fpu_load_initial(void)
{
	fpu_restore(fpu_initial);
}

void fpu_reset_area(void *area)
{
	memcpy(area, fpu_initial, fpu_cfg.size);
}

/*
 * Load a register image from %[a]; a fault (an image the CPU refuses)
 * continues after it with %[err] = %[efault], through the exception table.
 */
#define RESTORE_OR_EFAULT(insn)						\
	"1: " insn " (%[a])\n\t"					\
	"jmp 3f\n"							\
	"2: movl %[efault], %[err]\n"					\
	"3:\n\t"							\
	".pushsection .extable, \"a\"\n\t"				\
	".balign 8\n\t"						\
	".quad 1b, 2b\n\t"						\
	".popsection"

/*
 * Load an image the user supplied.  The CPU is the judge of what it
 * accepts (reserved MXCSR bits, header fields, states XCR0 does not
 * enable): a #GP in the restore resumes at the fixup, which reports it.
 */
int fpu_restore_user_image(const void *area)
{
	u64 mask = fpu_cfg.xfeatures;
	int err = 0;

	if (fpu_cfg.xsave) {
		__asm__ __volatile__(RESTORE_OR_EFAULT("xrstor64")
				     : [err] "+r"(err)
				     : [a] "r"(area), "a"((u32)mask), "d"((u32)(mask >> 32)),
				       [efault] "i"(-EFAULT)
				     : "memory");
	} else {
		__asm__ __volatile__(RESTORE_OR_EFAULT("fxrstor64")
				     : [err] "+r"(err)
				     : [a] "r"(area), [efault] "i"(-EFAULT)
				     : "memory");
	}
	if (err)
		fpu_load_initial();
	return err;
}
