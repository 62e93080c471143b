/* errno values: the Linux ABI plus kernel-internal restart codes. */
#ifndef ERRNO_H
#define ERRNO_H

#include <uapi/errno.h>

/* Kernel-internal: never returned to user space (restart machinery). */
#define ERESTARTSYS     512
#define ERESTARTNOINTR  513
#define ERESTARTNOHAND  514
#define ERESTART_RESTARTBLOCK 516

#endif
