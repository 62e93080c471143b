/*
 * poll self-tests ("ktest=poll_..."): what a user program cannot observe
 * directly, that a poll table's registrations keep their files alive.
 * Another thread may close the last descriptor of a file while a poller
 * sleeps on its wait queue; the file (and the queue inside it) must then
 * live until the poller takes its entries off.
 */
#include <anon_inodes.h>
#include <err.h>
#include <ktest.h>
#include <poll.h>
#include <uapi/fcntl.h>
#include <vfs.h>
#include <wait.h>

static DEFINE_WAIT_QUEUE(ktest_poll_wq);
static int ktest_poll_releases;

static unsigned int ktest_poll_poll(struct file *f, struct poll_table *pt)
{
	(void)f;
	poll_wait(pt, &ktest_poll_wq);
	poll_wait(pt, &ktest_poll_wq);		/* two entries: two references */
	return 0;
}

static void ktest_poll_release(struct inode *inode, struct file *f)
{
	(void)inode;
	(void)f;
	ktest_poll_releases++;
}

static const struct file_operations ktest_poll_fops = {
	.poll = ktest_poll_poll,
	.release = ktest_poll_release,
};

KTEST(poll_table_keeps_polled_file_alive)
{
	struct poll_table pt;
	struct file *f = anon_inode_getfile("[ktest-poll]", &ktest_poll_fops, NULL, O_RDONLY);

	KTEST_EXPECT(!IS_ERR(f));
	ktest_poll_releases = 0;
	poll_table_init(&pt);
	KTEST_EXPECT(vfs_poll(f, &pt) == 0);
	KTEST_EXPECT(pt.error == 0);
	file_put(f);			/* the "close" while the poller sleeps */
	KTEST_EXPECT(ktest_poll_releases == 0);
	KTEST_EXPECT(!list_empty(&ktest_poll_wq.waiters));
	poll_table_free(&pt);		/* entries off the queue, then the file goes */
	KTEST_EXPECT(ktest_poll_releases == 1);
	KTEST_EXPECT(list_empty(&ktest_poll_wq.waiters));

	/* Without a table (a plain readiness check) nothing is pinned. */
	f = anon_inode_getfile("[ktest-poll]", &ktest_poll_fops, NULL, O_RDONLY);
	KTEST_EXPECT(!IS_ERR(f));
	KTEST_EXPECT(vfs_poll(f, NULL) == 0);
	file_put(f);
	KTEST_EXPECT(ktest_poll_releases == 2);
	return 0;
}
