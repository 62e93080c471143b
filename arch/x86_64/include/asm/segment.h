/*
 * GDT layout, the same selectors as Linux so that anything that inspects
 * %cs/%ss (signal frames, ptrace later) sees familiar values.  SYSRET
 * requires user data = STAR base + 8 and user code = STAR base + 16.
 */
#ifndef ASM_SEGMENT_H
#define ASM_SEGMENT_H

#define GDT_KERNEL_CS32	1
#define GDT_KERNEL_CS	2
#define GDT_KERNEL_DS	3
#define GDT_USER_CS32	4
#define GDT_USER_DS	5
#define GDT_USER_CS	6
#define GDT_TSS		8	/* takes two slots */
#define GDT_CPUNODE	15	/* limit = CPU number, read by the vDSO's getcpu with lsl */
#define GDT_ENTRIES	16

#define KERNEL_CS	(GDT_KERNEL_CS * 8)		/* 0x10 */
#define KERNEL_DS	(GDT_KERNEL_DS * 8)		/* 0x18 */
#define USER32_CS	(GDT_USER_CS32 * 8 + 3)		/* 0x23 */
#define USER_DS		(GDT_USER_DS * 8 + 3)		/* 0x2b */
#define USER_CS		(GDT_USER_CS * 8 + 3)		/* 0x33 */
#define TSS_SEL		(GDT_TSS * 8)			/* 0x40 */
#define CPUNODE_SEL	(GDT_CPUNODE * 8 + 3)		/* 0x7b */

/* Interrupt stack table slots (1-based, as the IDT encodes them). */
#define IST_DOUBLE_FAULT	1
#define IST_NMI			2
#define IST_MACHINE_CHECK	3
#define IST_COUNT		3

#endif
