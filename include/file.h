/*
 * Per-process file state shared or copied by clone(2):
 *   struct files       the descriptor table (CLONE_FILES shares it)
 *   struct fs_context  root, working directory and umask (CLONE_FS shares it)
 * Both are reference counted.  Implemented in fs/.
 */
#ifndef FILE_H
#define FILE_H

struct files;
struct fs_context;

/*
 * The process code (fork, exec, exit) calls these.  They are weak until
 * fs/ provides them, so the process code links on its own; a task's
 * files/fs pointers stay NULL until then and the calls are never made.
 */
#define FILE_API_WEAK __attribute__((weak))

FILE_API_WEAK struct files *files_get(struct files *f);		/* returns f */
FILE_API_WEAK struct files *files_dup(struct files *f);		/* NULL on -ENOMEM */
FILE_API_WEAK void files_put(struct files *f);
FILE_API_WEAK void files_close_on_exec(struct files *f);
FILE_API_WEAK struct fs_context *fs_context_get(struct fs_context *c);
FILE_API_WEAK struct fs_context *fs_context_dup(struct fs_context *c);
FILE_API_WEAK void fs_context_put(struct fs_context *c);

#endif
