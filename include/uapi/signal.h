/* Linux signal numbers and si_code values (x86_64). */
#ifndef UAPI_SIGNAL_H
#define UAPI_SIGNAL_H

#define SIGHUP		1
#define SIGINT		2
#define SIGQUIT		3
#define SIGILL		4
#define SIGTRAP		5
#define SIGABRT		6
#define SIGBUS		7
#define SIGFPE		8
#define SIGKILL		9
#define SIGUSR1		10
#define SIGSEGV		11
#define SIGUSR2		12
#define SIGPIPE		13
#define SIGALRM		14
#define SIGTERM		15
#define SIGSTKFLT	16
#define SIGCHLD		17
#define SIGCONT		18
#define SIGSTOP		19
#define SIGTSTP		20
#define SIGTTIN		21
#define SIGTTOU		22
#define SIGURG		23
#define SIGXCPU		24
#define SIGXFSZ		25
#define SIGVTALRM	26
#define SIGPROF		27
#define SIGWINCH	28
#define SIGIO		29
#define SIGPWR		30
#define SIGSYS		31
#define SIGRTMIN	32
#define _NSIG		64

/* si_code values */
#define SI_USER		0
#define SI_KERNEL	0x80
#define SI_QUEUE	(-1)
#define SI_TIMER	(-2)
#define SI_TKILL	(-6)
#define CLD_EXITED	1
#define CLD_KILLED	2
#define CLD_DUMPED	3
#define CLD_TRAPPED	4
#define CLD_STOPPED	5
#define CLD_CONTINUED	6
#define SEGV_MAPERR	1
#define SEGV_ACCERR	2
#define BUS_ADRERR	2
#define ILL_ILLOPN	2
#define ILL_PRVOPC	5
#define FPE_INTDIV	1
#define TRAP_BRKPT	1


#define SIG_DFL		((void *)0)
#define SIG_IGN		((void *)1)

#define SA_NOCLDSTOP	0x00000001
#define SA_NOCLDWAIT	0x00000002
#define SA_SIGINFO	0x00000004
#define SA_RESTORER	0x04000000
#define SA_ONSTACK	0x08000000
#define SA_RESTART	0x10000000
#define SA_NODEFER	0x40000000
#define SA_RESETHAND	0x80000000

#define SIG_BLOCK	0
#define SIG_UNBLOCK	1
#define SIG_SETMASK	2

#define SS_ONSTACK	1
#define SS_DISABLE	2
#define MINSIGSTKSZ	2048

#include <stdint.h>

typedef uint64_t sigset_t_k;	/* the kernel's 64-signal set */

/* struct sigaction as rt_sigaction(2) passes it on x86_64. */
struct k_sigaction_abi {
	void *handler;
	uint64_t flags;
	void *restorer;
	sigset_t_k mask;
};
_Static_assert(sizeof(struct k_sigaction_abi) == 32, "sigaction layout");

typedef struct {
	void *ss_sp;
	int ss_flags;
	int pad;
	uint64_t ss_size;
} stack_t_abi;
_Static_assert(sizeof(stack_t_abi) == 24, "stack_t layout");

/* siginfo_t: 128 bytes; the fields the kernel fills. */
struct siginfo_abi {
	int si_signo;
	int si_errno;
	int si_code;
	int pad0;
	union {
		struct { int pid; unsigned int uid; } kill;
		struct { int pid; unsigned int uid; int status; int pad; long utime, stime; } chld;
		struct { void *addr; } fault;
		struct { int tid; int overrun; uint64_t value; } timer;
		char bytes[112];
	} u;
};
_Static_assert(sizeof(struct siginfo_abi) == 128, "siginfo layout");
_Static_assert(__builtin_offsetof(struct siginfo_abi, u) == 16, "siginfo layout");

#endif
