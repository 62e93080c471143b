/*
 * File descriptor tables (include/file.h).
 *
 * A table maps small integers to struct file pointers, plus one
 * close-on-exec bit per descriptor.  New descriptors take the lowest free
 * number (POSIX); next_fd remembers where the search may start.  The
 * arrays grow by doubling, never beyond the RLIMIT_NOFILE limit.
 *
 * files->lock (a spinlock) protects the arrays, their size and next_fd.
 * It is never held across anything that sleeps: a file being closed is
 * taken out of the table under the lock and file_put() runs after
 * unlocking; a larger array is allocated with the lock dropped (kmalloc
 * would not sleep, but it keeps the critical sections small), then the
 * size is re-checked.
 */
#include <kmalloc.h>
#include <proc.h>
#include <sched.h>
#include <string.h>
#include <uapi/fcntl.h>
#include "internal.h"

#define BITS_PER_LONG	64
#define RLIMIT_NOFILE	7
#define NR_OPEN_MAX	(1u << 20)	/* fs.nr_open */
/* A slot taken by an open(2) still in progress: busy, but no file yet. */
#define FD_RESERVED	((struct file *)1)

/*
 * The table fs lets go of f: its POSIX locks on the file go too, however
 * many other descriptors still refer to the file (POSIX; Linux's
 * filp_close()).  May sleep.
 */
static void close_file(struct file *f, struct files *fs)
{
	locks_remove_posix(f, fs);
	file_put(f);
}

static bool fd_has_file(const struct files *fs, unsigned int fd)
{
	return fd < fs->max_fds && fs->fd[fd] && fs->fd[fd] != FD_RESERVED;
}

unsigned int rlimit_nofile(void)
{
	u64 cur = rlimit_cur(RLIMIT_NOFILE);

	return cur > NR_OPEN_MAX ? NR_OPEN_MAX : (unsigned int)cur;
}

static bool fd_is_cloexec(const struct files *fs, unsigned int fd)
{
	return fs->cloexec[fd / BITS_PER_LONG] & (1ul << (fd % BITS_PER_LONG));
}

static void fd_mark_cloexec(struct files *fs, unsigned int fd, bool on)
{
	unsigned long bit = 1ul << (fd % BITS_PER_LONG);

	if (on)
		fs->cloexec[fd / BITS_PER_LONG] |= bit;
	else
		fs->cloexec[fd / BITS_PER_LONG] &= ~bit;
}

static size_t cloexec_bytes(unsigned int max_fds)
{
	return ALIGN_UP(max_fds, BITS_PER_LONG) / 8;
}

/* Arrays for n slots, zeroed; false on -ENOMEM. */
static bool table_alloc(unsigned int n, struct file ***fd, unsigned long **cloexec)
{
	*fd = kzalloc(n * sizeof(**fd));
	*cloexec = kzalloc(cloexec_bytes(n));
	if (*fd && *cloexec)
		return true;
	kfree(*fd);
	kfree(*cloexec);
	return false;
}

struct files *files_alloc(void)
{
	struct files *fs = kzalloc(sizeof(*fs));

	if (!fs)
		return NULL;
	if (!table_alloc(FILES_INITIAL, &fs->fd, &fs->cloexec)) {
		kfree(fs);
		return NULL;
	}
	fs->lock = (struct spinlock)SPINLOCK_INIT("files");
	fs->refcount = 1;
	fs->max_fds = FILES_INITIAL;
	return fs;
}

struct files *files_get(struct files *fs)
{
	__atomic_add_fetch(&fs->refcount, 1, __ATOMIC_RELAXED);
	return fs;
}

void files_put(struct files *fs)
{
	if (!fs || __atomic_sub_fetch(&fs->refcount, 1, __ATOMIC_ACQ_REL) != 0)
		return;
	for (unsigned int i = 0; i < fs->max_fds; i++)
		if (fd_has_file(fs, i))
			close_file(fs->fd[i], fs);	/* nobody else can see the table now */
	kfree(fs->fd);
	kfree(fs->cloexec);
	kfree(fs);
}

struct files *files_dup(struct files *old)
{
	struct files *fs = kzalloc(sizeof(*fs));
	unsigned int n;

	if (!fs)
		return NULL;
	for (;;) {
		n = READ_ONCE(old->max_fds);
		if (!table_alloc(n, &fs->fd, &fs->cloexec)) {
			kfree(fs);
			return NULL;
		}
		spin_lock(&old->lock);
		if (old->max_fds == n)
			break;		/* still the size we allocated for */
		spin_unlock(&old->lock);
		kfree(fs->fd);
		kfree(fs->cloexec);
	}
	for (unsigned int i = 0; i < n; i++) {
		if (fd_has_file(old, i)) {	/* a reserved slot stays the parent's */
			fs->fd[i] = old->fd[i];
			file_get(fs->fd[i]);
		}
	}
	memcpy(fs->cloexec, old->cloexec, cloexec_bytes(n));
	spin_unlock(&old->lock);
	fs->lock = (struct spinlock)SPINLOCK_INIT("files");
	fs->refcount = 1;
	fs->max_fds = n;
	return fs;
}

void files_close_on_exec(struct files *fs)
{
	for (unsigned int i = 0;; i++) {
		struct file *f = NULL;

		spin_lock(&fs->lock);
		if (i >= fs->max_fds) {
			spin_unlock(&fs->lock);
			return;
		}
		if (fd_has_file(fs, i) && fd_is_cloexec(fs, i)) {
			f = fs->fd[i];
			fs->fd[i] = NULL;
			fd_mark_cloexec(fs, i, false);
			if (i < fs->next_fd)
				fs->next_fd = i;
		}
		spin_unlock(&fs->lock);
		if (f)
			close_file(f, fs);
	}
}

static struct files *current_files(void)
{
	return current_task()->files;
}

static struct file *fget_mode(int fd, bool allow_path)
{
	struct files *fs = current_files();
	struct file *f = NULL;

	if (!fs || fd < 0)
		return NULL;
	spin_lock(&fs->lock);
	if (fd_has_file(fs, fd)) {
		f = fs->fd[fd];
		if (!allow_path && (f->mode & FMODE_PATH))
			f = NULL;
		else
			file_get(f);
	}
	spin_unlock(&fs->lock);
	return f;
}

struct file *files_fget_cloexec(struct files *fs, unsigned int fd, bool *cloexec)
{
	struct file *f = NULL;

	spin_lock(&fs->lock);
	if (fd_has_file(fs, fd)) {
		f = fs->fd[fd];
		file_get(f);
		*cloexec = fd_is_cloexec(fs, fd);
	}
	spin_unlock(&fs->lock);
	return f;
}

struct file *files_fget(struct files *fs, unsigned int fd)
{
	bool cloexec;

	return files_fget_cloexec(fs, fd, &cloexec);
}

int files_next_fd(struct files *fs, unsigned int from)
{
	int found = -1;

	spin_lock(&fs->lock);
	for (unsigned int fd = from; fd < fs->max_fds; fd++) {
		if (fd_has_file(fs, fd)) {
			found = (int)fd;
			break;
		}
	}
	spin_unlock(&fs->lock);
	return found;
}

struct file *fget(int fd)
{
	return fget_mode(fd, false);
}

struct file *fget_raw(int fd)
{
	return fget_mode(fd, true);
}

struct fd_ref fdget(int fd)
{
	struct files *fs = current_files();
	struct file *f;

	/*
	 * Only the tasks sharing the table change it; with one sharer that
	 * is us, busy in this call.  (/proc readers that hold a reference
	 * only read it, and they make the count 2: the locked path.)
	 */
	if (fs && __atomic_load_n(&fs->refcount, __ATOMIC_ACQUIRE) == 1) {
		if (fd < 0 || !fd_has_file(fs, (unsigned int)fd))
			return (struct fd_ref){ NULL, false };
		f = fs->fd[fd];
		return (struct fd_ref){ f->mode & FMODE_PATH ? NULL : f, false };
	}
	return (struct fd_ref){ fget(fd), true };
}

void fdput(struct fd_ref ref)
{
	if (ref.referenced)
		file_put(ref.file);
}

static bool fds_all_open_locked(const struct files *fs, unsigned int base, unsigned long bits)
{
	for (; bits; bits &= bits - 1) {
		if (!fd_has_file(fs, base + (unsigned int)__builtin_ctzl(bits)))
			return false;
	}
	return true;
}

bool fds_all_open(unsigned int base, unsigned long bits)
{
	struct files *fs = current_files();
	bool open;

	if (!fs)
		return !bits;
	if (__atomic_load_n(&fs->refcount, __ATOMIC_ACQUIRE) == 1)
		return fds_all_open_locked(fs, base, bits);	/* unshared: see fdget() */
	spin_lock(&fs->lock);
	open = fds_all_open_locked(fs, base, bits);
	spin_unlock(&fs->lock);
	return open;
}

/*
 * Make the table hold at least want slots (want <= the limit).  Called
 * and returns with fs->lock held; drops it while allocating.
 */
static int expand_table(struct files *fs, unsigned int want)
{
	while (fs->max_fds < want) {
		unsigned int n = fs->max_fds, size = n;
		struct file **fd;
		unsigned long *cloexec;

		while (size < want)
			size *= 2;
		size = MIN(size, MAX(rlimit_nofile(), want));
		spin_unlock(&fs->lock);
		if (!table_alloc(size, &fd, &cloexec)) {
			spin_lock(&fs->lock);
			return -ENOMEM;
		}
		spin_lock(&fs->lock);
		if (fs->max_fds != n) {		/* someone else grew it */
			kfree(fd);
			kfree(cloexec);
			continue;
		}
		memcpy(fd, fs->fd, n * sizeof(*fd));
		memcpy(cloexec, fs->cloexec, cloexec_bytes(n));
		kfree(fs->fd);		/* kfree never sleeps */
		kfree(fs->cloexec);
		fs->fd = fd;
		fs->cloexec = cloexec;
		fs->max_fds = size;
	}
	return 0;
}

int fd_reserve(unsigned int min, bool cloexec)
{
	struct files *fs = current_files();
	unsigned int limit = rlimit_nofile(), fd;
	int err;

	if (!fs)
		return -EMFILE;
	spin_lock(&fs->lock);
	fd = MAX(min, fs->next_fd);
	for (;;) {
		while (fd < fs->max_fds && fs->fd[fd])
			fd++;
		if (fd >= limit) {
			err = -EMFILE;
			goto out;
		}
		if (fd < fs->max_fds)
			break;
		err = expand_table(fs, fd + 1);
		if (err)
			goto out;
	}
	fs->fd[fd] = FD_RESERVED;
	fd_mark_cloexec(fs, fd, cloexec);
	if (min <= fs->next_fd)
		fs->next_fd = fd + 1;
	err = (int)fd;
out:
	spin_unlock(&fs->lock);
	return err;
}

void fd_commit(int fd, struct file *f)
{
	struct files *fs = current_files();

	spin_lock(&fs->lock);
	fs->fd[fd] = f;
	spin_unlock(&fs->lock);
}

void fd_unreserve(int fd)
{
	struct files *fs = current_files();

	spin_lock(&fs->lock);
	fs->fd[fd] = NULL;
	fd_mark_cloexec(fs, fd, false);
	if ((unsigned int)fd < fs->next_fd)
		fs->next_fd = fd;
	spin_unlock(&fs->lock);
}

int fd_install(struct file *f, unsigned int min, bool cloexec)
{
	int fd = fd_reserve(min, cloexec);

	if (fd >= 0)
		fd_commit(fd, f);
	return fd;
}

int fd_install_at(struct file *f, unsigned int fd, bool cloexec)
{
	struct files *fs = current_files();
	struct file *old;
	int err;

	if (!fs || fd >= rlimit_nofile())
		return -EBADF;
	spin_lock(&fs->lock);
	err = expand_table(fs, fd + 1);
	if (err) {
		spin_unlock(&fs->lock);
		return err;
	}
	old = fs->fd[fd];
	if (old == FD_RESERVED) {	/* Linux: dup2 onto an fd being opened */
		spin_unlock(&fs->lock);
		return -EBUSY;
	}
	fs->fd[fd] = f;
	fd_mark_cloexec(fs, fd, cloexec);
	spin_unlock(&fs->lock);
	if (old)
		close_file(old, fs);
	return (int)fd;
}

/* Take fd out of the table; the caller puts the returned file. */
static struct file *fd_remove(struct files *fs, unsigned int fd)
{
	struct file *f = NULL;

	spin_lock(&fs->lock);
	if (fd_has_file(fs, fd)) {
		f = fs->fd[fd];
		fs->fd[fd] = NULL;
		fd_mark_cloexec(fs, fd, false);
		if (fd < fs->next_fd)
			fs->next_fd = fd;
	}
	spin_unlock(&fs->lock);
	return f;
}

int fd_close(unsigned int fd)
{
	struct files *fs = current_files();
	struct file *f = fs ? fd_remove(fs, fd) : NULL;

	if (!f)
		return -EBADF;
	close_file(f, fs);
	return 0;
}

int fd_get_cloexec(unsigned int fd)
{
	struct files *fs = current_files();
	int r = -EBADF;

	if (!fs)
		return r;
	spin_lock(&fs->lock);
	if (fd_has_file(fs, fd))
		r = fd_is_cloexec(fs, fd);
	spin_unlock(&fs->lock);
	return r;
}

int fd_set_cloexec(unsigned int fd, bool on)
{
	struct files *fs = current_files();
	int r = -EBADF;

	if (!fs)
		return r;
	spin_lock(&fs->lock);
	if (fd_has_file(fs, fd)) {
		fd_mark_cloexec(fs, fd, on);
		r = 0;
	}
	spin_unlock(&fs->lock);
	return r;
}

/* close_range(2) over [first, last]: close, or only mark close-on-exec. */
int fd_close_range(unsigned int first, unsigned int last, bool cloexec_only)
{
	struct files *fs = current_files();

	if (!fs)
		return 0;
	for (unsigned int fd = first; fd <= last; fd++) {
		struct file *f;

		spin_lock(&fs->lock);
		if (fd >= fs->max_fds) {
			spin_unlock(&fs->lock);
			break;
		}
		spin_unlock(&fs->lock);
		if (cloexec_only) {
			fd_set_cloexec(fd, true);
			continue;
		}
		f = fd_remove(fs, fd);
		if (f)
			close_file(f, fs);
	}
	return 0;
}

/* Give the current task a private copy of a shared table (CLOSE_RANGE_UNSHARE). */
int files_unshare(void)
{
	struct task *t = current_task();
	struct files *old = t->files, *copy;

	if (!old || __atomic_load_n(&old->refcount, __ATOMIC_ACQUIRE) == 1)
		return 0;
	copy = files_dup(old);
	if (!copy)
		return -ENOMEM;
	task_lock(t);		/* only the task changes its pointer; /proc reads it */
	t->files = copy;
	task_unlock(t);
	files_put(old);
	return 0;
}
