/*
 * User FPU/SSE/AVX state save areas (fpu.c): FXSAVE or XSAVE format,
 * chosen at boot.  Used by the context switch, exec, fork and signals.
 */
#ifndef X86_FPU_H
#define X86_FPU_H

#include <types.h>

#define FXSAVE_SIZE		512
#define XSAVE_HEADER_OFFSET	512	/* the 64-byte XSAVE header follows the legacy area */
#define XSAVE_HEADER_SIZE	64
#define FX_SW_BYTES_OFFSET	464	/* bytes 464..511 of the legacy area are for software */

/* State components (XCR0 bits), Linux's XFEATURE_MASK_* names. */
#define XFEATURE_MASK_FP	(1ull << 0)
#define XFEATURE_MASK_SSE	(1ull << 1)
#define XFEATURE_MASK_YMM	(1ull << 2)
#define XFEATURE_MASK_OPMASK	(1ull << 5)
#define XFEATURE_MASK_ZMM_HI256	(1ull << 6)
#define XFEATURE_MASK_HI16_ZMM	(1ull << 7)
#define XFEATURE_MASK_FPSSE	(XFEATURE_MASK_FP | XFEATURE_MASK_SSE)
#define XFEATURE_MASK_AVX	XFEATURE_MASK_YMM
#define XFEATURE_MASK_AVX512	(XFEATURE_MASK_OPMASK | XFEATURE_MASK_ZMM_HI256 | \
				 XFEATURE_MASK_HI16_ZMM)

/* Boot CPU, before any task: pick the format and the states, enable them here. */
void fpu_init(void);
/* Every CPU (APs too): enable the chosen states (CR4.OSXSAVE, XCR0). */
void fpu_enable_cpu(void);

bool fpu_uses_xsave(void);
/* The enabled state components (XCR0); x87|SSE without XSAVE. */
u64 fpu_xfeatures(void);
/* Bytes of a save area: 512 for FXSAVE, CPUID 0xD's size for XSAVE. */
size_t fpu_area_size(void);

/* A new area (64-byte aligned) holding the initial state; NULL on -ENOMEM. */
void *fpu_area_alloc(void);
void fpu_reset_area(void *area);
/* Live registers to area / area to live registers (trusted kernel images). */
void fpu_save(void *area);
void fpu_restore(const void *area);
void fpu_load_initial(void);
/*
 * Load an untrusted image (from a signal frame, already in kernel memory,
 * 64-byte aligned).  0, or -EFAULT when the CPU refused it; the registers
 * then hold the initial state.
 */
int fpu_restore_user_image(const void *area);

#endif
