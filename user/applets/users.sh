# An unprivileged user (uid 1000, made with su) against root's files,
# processes and system settings: each refusal with Linux's message.
# Messages name pids and the directory: both are replaced by words.
# The test image has no /etc/passwd: the script writes one for su and
# removes it at the end.

umask 022
mkdir -p /etc /tmp/applets/home
printf 'root:x:0:0:root:/:%s\nuser:x:1000:1000:User:/tmp/applets/home:%s\n' \
	/tmp/applets/bin/sh /tmp/applets/bin/sh > /etc/passwd
printf 'root:x:0:\nuser:x:1000:\n' > /etc/group
trap 'rm -f /etc/passwd /etc/group' EXIT
# Run the shell command $1 as user, in this directory.
as_user() { su user -c "cd $PWD && $1"; }
names() { sed "s|$PWD|PWD|g; s/pid $1\b/pid ROOTS/g"; }
echo secret > secret; chmod 600 secret
echo public > public
mkdir rootdir mnt
mkdir own; chown 1000:1000 own
echo mine > /tmp/applets-root-file

echo "== ids"
as_user id
as_user 'echo "$(id -u) $(id -g) $(id -G) $HOME $USER"'


echo "== files"
as_user 'cat secret' 2>&1; echo "cat secret status $?"
as_user 'cat public'
as_user 'echo x >> public' 2>&1; echo "append status $?"
as_user 'touch rootdir/new' 2>&1; echo "touch status $?"
as_user 'rm -f public' 2>&1; echo "rm status $?"
as_user 'chown 1000 public' 2>&1; echo "chown status $?"
as_user 'chmod 666 public' 2>&1; echo "chmod status $?"
as_user 'rm -f /tmp/applets-root-file' 2>&1; echo "rm in sticky /tmp status $?"
as_user 'echo hers > own/f && chmod 600 own/f && cat own/f && stat -c "%u %g %a" own/f'
as_user 'chown 0 own/f' 2>&1; echo "give away status $?"
as_user 'mknod own/null c 1 3' 2>&1; echo "mknod status $?"
as_user 'mkfifo own/fifo' && stat -c '%F %u' own/fifo
cat own/f && echo "root reads it anyway"

echo "== processes"
sleep 10 & p=$!
as_user "kill $p" 2>&1 | names $p; as_user "kill $p" 2>/dev/null; echo "kill status $?"
as_user 'kill -0 1' 2>&1; echo "kill -0 init status $?"
kill -0 $p && echo "still alive"; kill $p; wait $p
as_user "renice -n 5 -p $$" 2>&1 | names $$
as_user 'renice -n 5 -p $$ && echo "own process niced"; renice -n -1 -p $$ 2>&1 | sed "s/$$/SELF/"'
as_user 'cat /proc/1/environ' 2>&1; echo "environ status $?"
as_user 'ls /proc/1/fd' 2>&1; echo "fd dir status $?"
as_user 'readlink /proc/1/exe'; echo "exe link status $?"
as_user 'grep -E "^(Uid|Gid|Groups):" /proc/self/status'
as_user 'ulimit -n 100000' 2>&1; echo "raise hard limit status $?"
as_user 'ulimit -Sn 10; ulimit -n'

echo "== system"
as_user 'hostname intruder' 2>&1; echo "hostname status $?"
as_user 'echo x > /proc/sys/kernel/hostname' 2>&1; echo "proc write status $?"
as_user 'sysctl -w kernel.domainname=x' 2>&1; echo "sysctl status $?"
as_user "date -s '2030-01-01 00:00'" 2>&1; echo "date -s status $?"
as_user 'mount -t tmpfs tmpfs mnt' 2>&1; echo "mount status $?"
as_user 'umount /proc' 2>&1; echo "umount status $?"
as_user 'dmesg' 2>&1; echo "dmesg status $?"
as_user 'chroot / true' 2>&1; echo "chroot status $?"
as_user 'echo x > /dev/kmsg' 2>&1; echo "kmsg write status $?"
hostname | grep -qv intruder && echo "hostname unchanged"
rm /tmp/applets-root-file
