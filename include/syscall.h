/*
 * System-call dispatch.  Handlers are defined with SYSCALL_DEFINEn, which
 * gives every handler the table's one signature (six unsigned longs) and
 * converts the arguments to the declared types in one place.  Handlers
 * return a value or a negative errno, exactly what user space receives.
 */
#ifndef SYSCALL_H
#define SYSCALL_H

#include <types.h>
#include <uapi/unistd.h>

typedef long (*syscall_fn)(unsigned long, unsigned long, unsigned long, unsigned long,
			   unsigned long, unsigned long);

extern const char *const syscall_names[NR_SYSCALLS];

/* Run system call nr with its six raw arguments (arch entry calls this). */
long syscall_dispatch(unsigned long nr, const unsigned long args[6]);

#define SYSCALL_ARGS_DECL	unsigned long x1, unsigned long x2, unsigned long x3, \
				unsigned long x4, unsigned long x5, unsigned long x6
#define SYSCALL_UNUSED_ARGS(...) ((void)x1, (void)x2, (void)x3, (void)x4, (void)x5, (void)x6)

#define SYSCALL_DEFINE0(name)						\
	long sys_##name(SYSCALL_ARGS_DECL);				\
	static long do_sys_##name(void);				\
	long sys_##name(SYSCALL_ARGS_DECL)				\
	{ SYSCALL_UNUSED_ARGS(); return do_sys_##name(); }		\
	static long do_sys_##name(void)

#define SYSCALL_DEFINE1(name, t1, a1)					\
	long sys_##name(SYSCALL_ARGS_DECL);				\
	static long do_sys_##name(t1 a1);				\
	long sys_##name(SYSCALL_ARGS_DECL)				\
	{ SYSCALL_UNUSED_ARGS(); return do_sys_##name((t1)x1); }	\
	static long do_sys_##name(t1 a1)

#define SYSCALL_DEFINE2(name, t1, a1, t2, a2)				\
	long sys_##name(SYSCALL_ARGS_DECL);				\
	static long do_sys_##name(t1 a1, t2 a2);			\
	long sys_##name(SYSCALL_ARGS_DECL)				\
	{ SYSCALL_UNUSED_ARGS(); return do_sys_##name((t1)x1, (t2)x2); } \
	static long do_sys_##name(t1 a1, t2 a2)

#define SYSCALL_DEFINE3(name, t1, a1, t2, a2, t3, a3)			\
	long sys_##name(SYSCALL_ARGS_DECL);				\
	static long do_sys_##name(t1 a1, t2 a2, t3 a3);			\
	long sys_##name(SYSCALL_ARGS_DECL)				\
	{ SYSCALL_UNUSED_ARGS(); return do_sys_##name((t1)x1, (t2)x2, (t3)x3); } \
	static long do_sys_##name(t1 a1, t2 a2, t3 a3)

#define SYSCALL_DEFINE4(name, t1, a1, t2, a2, t3, a3, t4, a4)		\
	long sys_##name(SYSCALL_ARGS_DECL);				\
	static long do_sys_##name(t1 a1, t2 a2, t3 a3, t4 a4);		\
	long sys_##name(SYSCALL_ARGS_DECL)				\
	{ SYSCALL_UNUSED_ARGS();					\
	  return do_sys_##name((t1)x1, (t2)x2, (t3)x3, (t4)x4); }	\
	static long do_sys_##name(t1 a1, t2 a2, t3 a3, t4 a4)

#define SYSCALL_DEFINE5(name, t1, a1, t2, a2, t3, a3, t4, a4, t5, a5)	\
	long sys_##name(SYSCALL_ARGS_DECL);				\
	static long do_sys_##name(t1 a1, t2 a2, t3 a3, t4 a4, t5 a5);	\
	long sys_##name(SYSCALL_ARGS_DECL)				\
	{ SYSCALL_UNUSED_ARGS();					\
	  return do_sys_##name((t1)x1, (t2)x2, (t3)x3, (t4)x4, (t5)x5); } \
	static long do_sys_##name(t1 a1, t2 a2, t3 a3, t4 a4, t5 a5)

#define SYSCALL_DEFINE6(name, t1, a1, t2, a2, t3, a3, t4, a4, t5, a5, t6, a6) \
	long sys_##name(SYSCALL_ARGS_DECL);				\
	static long do_sys_##name(t1 a1, t2 a2, t3 a3, t4 a4, t5 a5, t6 a6); \
	long sys_##name(SYSCALL_ARGS_DECL)				\
	{ return do_sys_##name((t1)x1, (t2)x2, (t3)x3, (t4)x4, (t5)x5, (t6)x6); } \
	static long do_sys_##name(t1 a1, t2 a2, t3 a3, t4 a4, t5 a5, t6 a6)

#endif
