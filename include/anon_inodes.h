/*
 * Anonymous-inode files: open files that live in no directory (epoll,
 * eventfd, timerfd, signalfd).  They all share one inode of an internal
 * filesystem, as on Linux, so fstat(2) shows mode 0600 with no file type;
 * each file gets its own nameless dentry called "anon_inode:<name>", which
 * is what /proc/<pid>/fd shows (readlink gives "anon_inode:[eventfd]").
 */
#ifndef ANON_INODES_H
#define ANON_INODES_H

#include <vfs.h>

/*
 * A new file named "anon_inode:" + name (Linux's names: "[eventpoll]",
 * "[eventfd]", "[timerfd]", "[signalfd]") with ops fops, private data priv
 * and open flags oflags (O_ACCMODE, O_NONBLOCK).  pread/pwrite fail
 * with -ESPIPE; lseek is fops->llseek (Linux's files use noop_llseek).  The
 * caller owns the one reference; ERR_PTR(-ENOMEM) on failure.  May sleep.
 */
struct file *anon_inode_getfile(const char *name, const struct file_operations *fops,
				void *priv, unsigned int oflags);

/*
 * The same, installed at the lowest free descriptor (O_CLOEXEC in oflags
 * sets FD_CLOEXEC).  Returns the fd, or -EMFILE/-ENOMEM; on failure priv
 * still belongs to the caller, on success to the file (its release op).
 */
int anon_inode_getfd(const char *name, const struct file_operations *fops, void *priv,
		     unsigned int oflags);

/* Is f an anonymous-inode file with these ops? */
bool anon_inode_file_is(const struct file *f, const struct file_operations *fops);

#endif
