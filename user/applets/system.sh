# System information that must read the same on both kernels: uname,
# id, hostname, date (and date -s), devices, uptime, free, mount and
# umount of a small tmpfs with df, dmesg and /dev/kmsg, stty without a
# terminal, hwclock, sysctl.

echo "== uname arch"
uname -s
uname -m
uname -o
arch

echo "== ids"
id
id -u
id -g
id -G

echo "== hostname"
old=$(hostname)
hostname applet-test
hostname
uname -n
hostname "$old"

echo "== date"
date -d @0 -u
date -u -d @1234567890 '+%Y-%m-%d %H:%M:%S %a %j'
date -u -d '2020-02-29 12:34:56' '+%s %A %B %U'
[ "$(date +%s)" -gt 1600000000 ] && echo "the clock is past 2020"
date -u -d @86399 +%T

echo "== devices"
[ -c /dev/null ] && echo "/dev/null is a character device"
echo "gone" > /dev/null; cat /dev/null | wc -c
head -c 16 /dev/zero | od -An -tx1
head -c 32 /dev/urandom | wc -c
tty < /dev/null; echo "tty status $?"

echo "== misc"
[ "$(nproc)" -ge 1 ] && echo "nproc counts at least one CPU"
test -d / && echo "root is a directory"
pwd -P | sed "s|$PWD|PWD|"
d=$(mktemp -d) && [ -d "$d" ] && echo "mktemp -d made a directory" && rmdir "$d"
f=$(mktemp) && [ -f "$f" ] && [ ! -s "$f" ] && echo "mktemp made an empty file" && rm "$f"
which sh | sed 's|.*/||'
printf '%s\n' "$HOME" "$LC_ALL"
sync && echo "synced"

echo "== uptime free"
uptime | sed -n 's/^ [0-9][0-9]:[0-9][0-9]:[0-9][0-9] up .*,  load average: [0-9]*\.[0-9][0-9], [0-9]*\.[0-9][0-9], [0-9]*\.[0-9][0-9]$/uptime: time, up, load average/p'
free | sed -n '1s/  */ /gp'
free | awk '$1 == "Mem:" { print "Mem adds up:", $2 == $3 + $4 + $6, "shared <= total:", $5 <= $2 }'
free | awk '$1 == "Swap:" { print $1, $2, $3, $4 }'
free -m | awk '$1 == "Mem:" { m = $2 } END { print "free -m in MiB:", m > 50 && m < 1024 }'

echo "== mount df"
mkdir mnt
mount -t tmpfs -o size=1m,mode=0750 tmpfs mnt; echo "mount status $?"
stat -c '%a' mnt
grep " $PWD/mnt " /proc/mounts | sed "s|$PWD|PWD|"
mount | grep " $PWD/mnt " | sed "s|$PWD|PWD|"
df -k mnt | sed "s|$PWD|PWD|; s/  */ /g"
dd if=/dev/zero of=mnt/f bs=4096 count=25 2>/dev/null
df -P mnt | sed "s|$PWD|PWD|; s/  */ /g"
df -T mnt | tail -n 1 | sed "s|$PWD|PWD|; s/  */ /g"
df -h mnt | tail -n 1 | sed "s|$PWD|PWD|; s/  */ /g"
dd if=/dev/zero of=mnt/g bs=4096 count=1000 2>/dev/null; echo "dd past the size status $?"
df -k mnt | tail -n 1 | sed "s|$PWD|PWD|; s/  */ /g"
mount -o remount,ro mnt; echo "remount ro status $?"
touch mnt/h 2>&1 | sed "s|$PWD|PWD|"
grep " $PWD/mnt " /proc/mounts | sed "s|$PWD|PWD|"
mount -o remount,rw mnt; touch mnt/h && echo "rw again"
mkdir bind; mount --bind mnt bind; ls bind; umount bind
umount mnt; echo "umount status $?"
umount mnt 2>&1 | sed "s|$PWD|PWD|"
umount mnt 2>/dev/null; echo "umount again status $?"
mount -t no-such-fs none mnt 2>&1; mount -t no-such-fs none mnt 2>/dev/null; echo "mount bad type status $?"
[ -e mnt/f ] || echo "mnt is empty again"

echo "== dmesg"
echo "applets: hello from /dev/kmsg" > /dev/kmsg
dmesg | grep 'applets: hello' | sed 's/^\[ *[0-9]*\.[0-9]*\] /[T] /'
dmesg -r | grep 'applets: hello' | sed 's/\[ *[0-9]*\.[0-9]*\] /[T] /'
echo "<3>applets: an error" > /dev/kmsg
dmesg -r | grep 'applets: an error' | sed 's/\[ *[0-9]*\.[0-9]*\] /[T] /'
dmesg -c > /dev/null; echo "applets: after the clear" > /dev/kmsg
dmesg | grep -c applets:
dmesg -s 100 >/dev/null; echo "dmesg -s status $?"

echo "== stty"
stty 2>&1; echo "stty status $?"
stty -a < /dev/null 2>&1; echo "stty -a status $?"

echo "== date -s"
now=$(date +%s)
date -u -s '2030-06-15 12:00:00' >/dev/null; echo "date -s status $?"
date -u '+%Y-%m-%d %H'
date -s "@$((now + 1))" >/dev/null
[ "$(date +%s)" -ge "$now" ] && echo "clock put back"

echo "== hwclock"
hwclock -r -u | sed 's/^[A-Z][a-z][a-z] [A-Z][a-z][a-z] [ 0-9][0-9] [0-9][0-9]:[0-9][0-9]:[0-9][0-9] [0-9]\{4\}  0\.000000 seconds$/hwclock: a date and time/'
hwclock -w -u; echo "hwclock -w status $?"
hwclock -r -u | awk '{ if ($5 >= 2020) print "the hardware clock is past 2020"; else print $5 }'

echo "== sysctl"
sysctl kernel.ostype
sysctl -n kernel.osrelease | sed 's/^[0-9]*\.[0-9]*\..*/release ok/'
sysctl -w kernel.hostname=via-sysctl; hostname
sysctl -w kernel.hostname="$old" >/dev/null
sysctl no.such.key 2>&1; echo "sysctl missing status $?"
