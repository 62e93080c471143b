/*
 * What a process holds in the file world: its descriptor table (struct
 * files) and its place in the tree (struct fs_context: root, working
 * directory, umask).
 *
 * Both are reference counted and may be shared between tasks: clone(2)
 * with CLONE_FILES shares the table, CLONE_FS the context; otherwise
 * fork copies them.  The process code calls exactly these:
 *
 *   fork/clone:  t->files = flags & CLONE_FILES ? files_get(p->files)
 *                                               : files_dup(p->files);
 *                t->fs = flags & CLONE_FS ? fs_context_get(p->fs)
 *                                         : fs_context_dup(p->fs);
 *                (either dup returns NULL on -ENOMEM)
 *   execve:      files_close_on_exec(t->files) once the new image is
 *                committed (after unsharing a shared table, as Linux does)
 *   exit:        files_put(t->files); fs_context_put(t->fs); set both NULL
 *
 * Kernel threads may have neither (NULL): they see the global root as "/"
 * and as working directory, and every descriptor is -EBADF.
 *
 * The descriptor table is an array of struct file pointers that grows by
 * doubling up to the RLIMIT_NOFILE limit (1024 for now: -EMFILE beyond).
 */
#ifndef FILE_H
#define FILE_H

#include <types.h>
#include <spinlock.h>
#include <vfs.h>

#define NR_OPEN_DEFAULT		1024	/* RLIMIT_NOFILE soft and hard default */
#define FILES_INITIAL		64	/* slots in a new table */

struct files {
	struct spinlock lock;		/* protects every field below but refcount */
	int refcount;			/* atomic: tasks sharing the table */
	unsigned int max_fds;		/* slots in fd[] and bits in cloexec[] */
	struct file **fd;		/* NULL: free slot */
	unsigned long *cloexec;		/* bit per slot: FD_CLOEXEC */
	unsigned int next_fd;		/* no free slot below this */
};

/* A new, empty table; NULL on -ENOMEM. */
struct files *files_alloc(void);
/* Take a reference; returns fs. */
struct files *files_get(struct files *fs);
/* Drop a reference; the last one closes every descriptor.  May sleep. */
void files_put(struct files *fs);
/* A copy for fork: same open files (new references), same flags.  NULL on -ENOMEM. */
struct files *files_dup(struct files *old);
/* Close every descriptor marked FD_CLOEXEC (execve).  May sleep. */
void files_close_on_exec(struct files *fs);

/* Another task's table (/proc/PID/fd): the file at fd with a reference, or NULL. */
struct file *files_fget(struct files *fs, unsigned int fd);
/* The same, and whether fd is FD_CLOEXEC (/proc/PID/fdinfo). */
struct file *files_fget_cloexec(struct files *fs, unsigned int fd, bool *cloexec);
/* The lowest fd >= from with an open file in fs, or -1. */
int files_next_fd(struct files *fs, unsigned int from);

/* The current task's RLIMIT_NOFILE. */
unsigned int rlimit_nofile(void);

/* Descriptor operations on the current task's table. */
/* The file at fd with a reference, or NULL; fget() refuses O_PATH files. */
struct file *fget(int fd);
struct file *fget_raw(int fd);
/*
 * fget() for the length of one system call, made cheap when the table is
 * not shared: no other task can close fd before the call returns, so the
 * table is read without its lock and no reference is taken (Linux's
 * fdget).  Pair with fdput(); keep the file beyond the call with file_get().
 */
struct fd_ref {
	struct file *file;	/* NULL: fd not open (or O_PATH) */
	bool referenced;	/* fdput() must drop a reference */
};
struct fd_ref fdget(int fd);
void fdput(struct fd_ref ref);
/*
 * Are the descriptors base + i, for every bit i set in bits, all open in
 * the current task's table (O_PATH files too)?  select(2)'s check, a word
 * of its set at a time.
 */
bool fds_all_open(unsigned int base, unsigned long bits);
/* Install f (its reference moves to the table) at the lowest free fd >= min. */
int fd_install(struct file *f, unsigned int min, bool cloexec);
/*
 * The same in two steps, so open(2) fails with -EMFILE before it creates
 * anything: reserve the lowest free fd >= min, then commit a file to it
 * or give it back.
 */
int fd_reserve(unsigned int min, bool cloexec);
void fd_commit(int fd, struct file *f);
void fd_unreserve(int fd);
/* Install f at exactly fd, closing what was there (dup2/dup3). */
int fd_install_at(struct file *f, unsigned int fd, bool cloexec);
int fd_close(unsigned int fd);
/* FD_CLOEXEC of fd: 0/1, or -EBADF */
int fd_get_cloexec(unsigned int fd);
int fd_set_cloexec(unsigned int fd, bool on);
/* close_range(2): close [first, last], or only set FD_CLOEXEC on them. */
int fd_close_range(unsigned int first, unsigned int last, bool cloexec_only);
/* Replace a shared table by a private copy (close_range CLOSE_RANGE_UNSHARE). */
int files_unshare(void);

struct fs_context {
	struct spinlock lock;		/* protects root, cwd, umask */
	int refcount;			/* atomic */
	struct path root, cwd;
	u32 umask;
};

/* Root and cwd at the top of the mount tree, umask 022; NULL on -ENOMEM. */
struct fs_context *fs_context_alloc(void);
/* Take a reference; returns fs. */
struct fs_context *fs_context_get(struct fs_context *fs);
void fs_context_put(struct fs_context *fs);
struct fs_context *fs_context_dup(struct fs_context *old);

/* The current task's root and cwd, with references. */
void fs_get_root(struct path *out);
void fs_get_cwd(struct path *out);
u32 fs_umask(void);

#endif
