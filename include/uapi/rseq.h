/*
 * Restartable sequences, as Linux 6.1's include/uapi/linux/rseq.h defines
 * them: the per-thread area a thread registers with rseq(2), and the
 * descriptor of one critical section it points rseq_cs at.
 */
#ifndef UAPI_RSEQ_H
#define UAPI_RSEQ_H

#include <stdint.h>
#include <stddef.h>

#define RSEQ_FLAG_UNREGISTER			1

#define RSEQ_CPU_ID_UNINITIALIZED		-1
#define RSEQ_CPU_ID_REGISTRATION_FAILED		-2

/* Deprecated since Linux 6.0: a section or area using them is killed. */
#define RSEQ_CS_FLAG_NO_RESTART_ON_PREEMPT	1
#define RSEQ_CS_FLAG_NO_RESTART_ON_SIGNAL	2
#define RSEQ_CS_FLAG_NO_RESTART_ON_MIGRATE	4

/* One critical section: [start_ip, start_ip + post_commit_offset), abort_ip outside. */
struct rseq_cs {
	uint32_t version;		/* 0 */
	uint32_t flags;
	uint64_t start_ip;
	uint64_t post_commit_offset;
	uint64_t abort_ip;		/* the 4 bytes before it hold the registered signature */
} __attribute__((aligned(32)));

/* The registered per-thread area (Linux 6.1: 32 bytes, no node_id or mm_cid yet). */
struct rseq {
	uint32_t cpu_id_start;		/* kernel: the current CPU, always valid */
	uint32_t cpu_id;		/* kernel: the current CPU, or RSEQ_CPU_ID_* */
	uint64_t rseq_cs;		/* user: the struct rseq_cs in progress, or 0 */
	uint32_t flags;			/* user: RSEQ_CS_FLAG_* (deprecated, must be 0) */
} __attribute__((aligned(32)));

_Static_assert(sizeof(struct rseq_cs) == 32, "rseq_cs");
_Static_assert(offsetof(struct rseq_cs, abort_ip) == 24, "rseq_cs.abort_ip");
_Static_assert(sizeof(struct rseq) == 32, "rseq");
_Static_assert(offsetof(struct rseq, rseq_cs) == 8, "rseq.rseq_cs");
_Static_assert(offsetof(struct rseq, flags) == 16, "rseq.flags");

#endif
