/*
 * What the rseq tests share: the ABI (include/uapi/rseq.h), the syscall,
 * a stable read of the CPU number, and two hand-written critical sections
 * whose abort handlers are preceded by the signature, as glibc lays them
 * out (RSEQ_SIG is glibc's x86 value).
 *
 *   rseq_spin(&area->rseq_cs, desc)  arms desc and spins inside it for ever;
 *                                    returns 1 only through its abort_ip.
 *   rseq_sleep(&area->rseq_cs, desc, ts)
 *                                    arms desc and calls nanosleep(ts) from
 *                                    inside it; 1 through abort_ip, else 0.
 * rseq_desc_spin()/rseq_desc_sleep() fill a descriptor for each.
 */
#ifndef RSEQ_UTIL_H
#define RSEQ_UTIL_H

#define _GNU_SOURCE
#include <sched.h>
#include <stdint.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>
#include "../../include/uapi/rseq.h"
#include "utest.h"

#define RSEQ_SIG	0x53053053u

static UTEST_UNUSED long sys_rseq(volatile struct rseq *area, uint32_t len, int flags,
				  uint32_t sig)
{
	return syscall(SYS_rseq, area, len, flags, sig);
}

int rseq_spin(volatile uint64_t *rseq_cs, const struct rseq_cs *desc);
int rseq_sleep(volatile uint64_t *rseq_cs, const struct rseq_cs *desc,
	       const struct timespec *ts);
extern char rseq_spin_start[], rseq_spin_post[], rseq_spin_abort[];
extern char rseq_sleep_start[], rseq_sleep_post[], rseq_sleep_abort[];

__asm__(".text\n"
	".globl rseq_spin\n"
	".type rseq_spin, @function\n"
	"rseq_spin:\n"
	"	movq %rsi, (%rdi)\n"		/* area->rseq_cs = desc */
	".globl rseq_spin_start\n"
	"rseq_spin_start:\n"
	"	jmp rseq_spin_start\n"
	".globl rseq_spin_post\n"
	"rseq_spin_post:\n"
	"	xorl %eax, %eax\n"
	"	ret\n"
	"	.long 0x53053053\n"		/* RSEQ_SIG, just before abort_ip */
	".globl rseq_spin_abort\n"
	"rseq_spin_abort:\n"
	"	movl $1, %eax\n"
	"	ret\n"
	".globl rseq_sleep\n"
	".type rseq_sleep, @function\n"
	"rseq_sleep:\n"
	"	movq %rsi, (%rdi)\n"
	".globl rseq_sleep_start\n"
	"rseq_sleep_start:\n"
	"	movq %rdx, %rdi\n"
	"	xorl %esi, %esi\n"
	"	movl $35, %eax\n"		/* SYS_nanosleep */
	"	syscall\n"
	"	nop\n"				/* the return address is still inside */
	".globl rseq_sleep_post\n"
	"rseq_sleep_post:\n"
	"	xorl %eax, %eax\n"
	"	ret\n"
	"	.long 0x53053053\n"
	".globl rseq_sleep_abort\n"
	"rseq_sleep_abort:\n"
	"	movl $1, %eax\n"
	"	ret\n");

static UTEST_UNUSED struct rseq_cs rseq_desc_spin(void)
{
	return (struct rseq_cs){
		.start_ip = (uintptr_t)rseq_spin_start,
		.post_commit_offset = (uintptr_t)rseq_spin_post - (uintptr_t)rseq_spin_start,
		.abort_ip = (uintptr_t)rseq_spin_abort,
	};
}

static UTEST_UNUSED struct rseq_cs rseq_desc_sleep(void)
{
	return (struct rseq_cs){
		.start_ip = (uintptr_t)rseq_sleep_start,
		.post_commit_offset = (uintptr_t)rseq_sleep_post - (uintptr_t)rseq_sleep_start,
		.abort_ip = (uintptr_t)rseq_sleep_abort,
	};
}

/*
 * The area's cpu_id agrees with getcpu(2).  A thread may move between the
 * two reads on Linux, so look for a moment when both reads of the area
 * and the system call agree.
 */
static UTEST_UNUSED int rseq_cpu_matches(volatile struct rseq *area)
{
	for (int i = 0; i < 1000; i++) {
		uint32_t before = area->cpu_id, start = area->cpu_id_start;
		unsigned int cpu = ~0u;

		CHECK(syscall(SYS_getcpu, &cpu, NULL, NULL) == 0);
		if (before == cpu && start == cpu && area->cpu_id == cpu)
			return 1;
	}
	return 0;
}

/* Let the thread be switched out once: a sleep always does that. */
static UTEST_UNUSED void rseq_switch_out(void)
{
	struct timespec ts = { 0, 1000000 };

	CHECK(nanosleep(&ts, NULL) == 0);
}

#endif
