/*
 * Control messages at SOL_SOCKET (Linux's net/core/scm.c):
 * SCM_RIGHTS passes open files, SCM_CREDENTIALS a pid, uid and gid.
 *
 * Sending: scm_send() parses a kernel copy of the control buffer into a
 * struct scm_cookie, taking a reference on every file named (fget_raw:
 * O_PATH descriptors may travel too) and checking supplied credentials
 * (a process may only claim its own pid and one of its own ids unless it
 * is root: -EPERM).  The family attaches the files to the message and
 * charges them to the sender's in-flight count (scm_fp_charge), which is
 * bounded by RLIMIT_NOFILE for non-root users (-ETOOMANYREFS, Linux's
 * too_many_unix_fds()); it also bounds what unreachable cycles of
 * sockets can hold until net/unix/gc.c collects them (docs/decisions.md).
 *
 * Receiving: scm_recv() writes SCM_CREDENTIALS (when the receiver has
 * SO_PASSCRED) and then SCM_RIGHTS, installing one new descriptor per
 * file that fits; what does not fit is closed and MSG_CTRUNC set.
 *
 * inflight_lock protects the per-user in-flight counts (innermost).
 */
#include <cred.h>
#include <file.h>
#include <kmalloc.h>
#include <net.h>
#include <proc.h>
#include <sched.h>
#include <string.h>
#include <uapi/fcntl.h>
#include "internal.h"

struct inflight_user {
	struct list_head node;		/* inflight_lock */
	u32 uid;			/* immutable */
	unsigned long count;		/* inflight_lock: files in flight */
};

static DEFINE_SPINLOCK(inflight_lock);
static LIST_HEAD(inflight_users);	/* inflight_lock */

static struct inflight_user *inflight_find(u32 uid)
{
	struct inflight_user *u;

	list_for_each_entry(u, &inflight_users, node)
		if (u->uid == uid)
			return u;
	return NULL;
}

int scm_fp_charge(struct scm_fp *fp)
{
	const struct cred *cred = current_cred();
	struct inflight_user *u, *fresh = kzalloc(sizeof(*fresh));
	int err = 0;

	spin_lock(&inflight_lock);
	u = inflight_find(cred->uid);
	if (!u && fresh) {
		u = fresh;
		fresh = NULL;
		u->uid = cred->uid;
		list_add(&u->node, &inflight_users);
	}
	if (!u)
		err = -ENOMEM;
	else if (u->count > rlimit_nofile() && !cred_is_root(cred))
		err = -ETOOMANYREFS;
	else
		u->count += (unsigned long)fp->count;
	spin_unlock(&inflight_lock);
	kfree(fresh);
	if (!err) {
		fp->charged = true;
		fp->uid = cred->uid;
	}
	return err;
}

static void scm_fp_uncharge(struct scm_fp *fp)
{
	struct inflight_user *u;

	spin_lock(&inflight_lock);
	u = inflight_find(fp->uid);
	if (u) {
		u->count -= (unsigned long)fp->count;
		if (!u->count)
			list_del(&u->node);
		else
			u = NULL;
	}
	spin_unlock(&inflight_lock);
	kfree(u);
	fp->charged = false;
}

static struct scm_fp *scm_fp_alloc(int max)
{
	struct scm_fp *fp = kmalloc(sizeof(*fp) + (size_t)max * sizeof(fp->files[0]), GFP_KERNEL);

	if (fp) {
		fp->count = 0;
		fp->charged = false;
		fp->uid = 0;
	}
	return fp;
}

void scm_fp_free(struct scm_fp *fp)
{
	if (!fp)
		return;
	if (fp->charged)
		scm_fp_uncharge(fp);
	for (int i = 0; i < fp->count; i++)
		file_put(fp->files[i]);
	kfree(fp);
}

struct scm_fp *scm_fp_dup(const struct scm_fp *fp)
{
	struct scm_fp *dup = scm_fp_alloc(fp->count);

	if (!dup)
		return NULL;
	for (int i = 0; i < fp->count; i++) {
		file_get(fp->files[i]);
		dup->files[i] = fp->files[i];
	}
	dup->count = fp->count;
	return dup;
}

void scm_destroy(struct scm_cookie *scm)
{
	scm_fp_free(scm->fp);
	scm->fp = NULL;
}

/* SCM_RIGHTS: reference the files named by ndata bytes of descriptors. */
static int scm_fp_copy(struct scm_cookie *scm, const int *fds, size_t ndata)
{
	int num = (int)(ndata / sizeof(int));

	if (num <= 0)
		return 0;
	if (num > SCM_MAX_FD)
		return -EINVAL;
	if (!scm->fp) {
		scm->fp = scm_fp_alloc(SCM_MAX_FD);
		if (!scm->fp)
			return -ENOMEM;
	}
	if (scm->fp->count + num > SCM_MAX_FD)
		return -EINVAL;
	for (int i = 0; i < num; i++) {
		struct file *f = fds[i] < 0 ? NULL : fget_raw(fds[i]);

		if (!f)
			return -EBADF;
		scm->fp->files[scm->fp->count++] = f;
	}
	return 0;
}

/* Does pid name a live process?  (root may claim any pid that exists) */
static bool pid_alive(int pid)
{
	unsigned long flags = spin_lock_irqsave(&tasklist_lock);
	struct task *t = pid > 0 ? pid_lookup(pid) : NULL;
	bool alive = t && !t->exit_state;

	spin_unlock_irqrestore(&tasklist_lock, flags);
	return alive;
}

static bool id_is_own(u32 id, u32 real, u32 effective, u32 saved)
{
	return id == real || id == effective || id == saved;
}

/* SCM_CREDENTIALS as sent: Linux's scm_check_creds(), then the pid and ids. */
static int scm_creds_copy(struct scm_cookie *scm, const struct ucred *uc)
{
	const struct cred *cred = current_cred();
	bool root = cred_is_root(cred);

	if (((int)uc->pid != current_task()->tgid && !root) ||
	    (!id_is_own(uc->uid, cred->uid, cred->euid, cred->suid) && !root) ||
	    (!id_is_own(uc->gid, cred->gid, cred->egid, cred->sgid) && !root))
		return -EPERM;
	if (!pid_alive((int)uc->pid))
		return -ESRCH;
	if (uc->uid == ~0u || uc->gid == ~0u)
		return -EINVAL;
	scm->creds.pid = (int)uc->pid;
	scm->creds.uid = uc->uid;
	scm->creds.gid = uc->gid;
	scm->creds_given = true;
	return 0;
}

int scm_send(struct socket *sock, const void *ctl, size_t len, struct scm_cookie *scm)
{
	size_t off = 0;
	int err;

	while (off + sizeof(struct cmsghdr) <= len) {
		struct cmsghdr cm;
		const char *data = (const char *)ctl + off + CMSG_DATA_OFF;
		struct ucred uc;

		memcpy(&cm, (const char *)ctl + off, sizeof(cm));
		if (cm.cmsg_len < sizeof(cm) || cm.cmsg_len > len - off)
			return -EINVAL;
		if (cm.cmsg_level == SOL_SOCKET) {
			switch (cm.cmsg_type) {
			case SCM_RIGHTS:
				if (sock->sk->family != AF_UNIX)
					return -EINVAL;
				err = scm_fp_copy(scm, (const int *)data, cm.cmsg_len - CMSG_DATA_OFF);
				break;
			case SCM_CREDENTIALS:
				if (cm.cmsg_len != CMSG_LEN(sizeof(uc)))
					return -EINVAL;
				memcpy(&uc, data, sizeof(uc));
				err = scm_creds_copy(scm, &uc);
				break;
			default:
				err = -EINVAL;
				break;
			}
			if (err)
				return err;
		}
		off += CMSG_ALIGN(cm.cmsg_len);
	}
	if (scm->fp && !scm->fp->count)
		scm_destroy(scm);
	return 0;
}

/* Where the next control message goes in the receiver's buffer. */
struct cmsg_out {
	char __user *ptr;
	size_t left;
	unsigned int *flags;
};

/* Linux's put_cmsg(): a message cut to what fits, MSG_CTRUNC when cut. */
static void put_cmsg(struct cmsg_out *out, int type, const void *data, size_t len)
{
	struct cmsghdr cm = { .cmsg_len = CMSG_LEN(len), .cmsg_level = SOL_SOCKET,
			      .cmsg_type = type };
	size_t step;

	if (!out->ptr || out->left < sizeof(cm)) {
		*out->flags |= MSG_CTRUNC;
		return;
	}
	if (out->left < cm.cmsg_len) {
		*out->flags |= MSG_CTRUNC;
		cm.cmsg_len = out->left;
	}
	if (copy_to_user(out->ptr, &cm, sizeof(cm)) ||
	    copy_to_user(out->ptr + CMSG_DATA_OFF, data, cm.cmsg_len - sizeof(cm)))
		return;
	step = MIN(CMSG_SPACE(len), out->left);
	out->ptr += step;
	out->left -= step;
}

/* Install one new descriptor for f, stored at *ufd: 0 or -EMFILE/-EFAULT. */
static int receive_fd_user(struct file *f, int __user *ufd, bool cloexec)
{
	int fd = fd_reserve(0, cloexec);

	if (fd < 0)
		return fd;
	if (put_user(fd, ufd)) {
		fd_unreserve(fd);
		return -EFAULT;
	}
	file_get(f);
	fd_commit(fd, f);
	return 0;
}

/* Linux's scm_detach_fds(): as many descriptors as fit; the rest are closed. */
static void scm_detach_fds(struct cmsg_out *out, struct scm_fp *fp, bool cloexec)
{
	int __user *ufds = (int __user *)(out->ptr + CMSG_DATA_OFF);
	int fdmax = out->left <= sizeof(struct cmsghdr) ? 0 :
		    (int)((out->left - sizeof(struct cmsghdr)) / sizeof(int));
	struct cmsghdr cm = { .cmsg_level = SOL_SOCKET, .cmsg_type = SCM_RIGHTS };
	int i;

	fdmax = MIN(fdmax, fp->count);
	for (i = 0; i < fdmax; i++)
		if (receive_fd_user(fp->files[i], ufds + i, cloexec))
			break;
	if (i > 0) {
		cm.cmsg_len = CMSG_LEN((size_t)i * sizeof(int));
		if (!copy_to_user(out->ptr, &cm, sizeof(cm))) {
			size_t step = MIN(CMSG_SPACE((size_t)i * sizeof(int)), out->left);

			out->ptr += step;
			out->left -= step;
		}
	}
	if (i < fp->count)
		*out->flags |= MSG_CTRUNC;
}

size_t scm_recv(struct scm_cookie *scm, void __user *ctl, size_t ctl_len,
		unsigned int *flags, unsigned int recv_flags, bool want_creds)
{
	struct cmsg_out out = { .ptr = ctl, .left = ctl_len, .flags = flags };
	struct ucred uc;

	if (!ctl) {
		if (want_creds || scm->fp)
			*flags |= MSG_CTRUNC;
		scm_destroy(scm);
		return 0;
	}
	if (want_creds) {
		uc.pid = (u32)scm->creds.pid;
		uc.uid = scm->creds.uid;
		uc.gid = scm->creds.gid;
		put_cmsg(&out, SCM_CREDENTIALS, &uc, sizeof(uc));
	}
	if (scm->fp)
		scm_detach_fds(&out, scm->fp, recv_flags & MSG_CMSG_CLOEXEC);
	scm_destroy(scm);
	return ctl_len - out.left;
}
