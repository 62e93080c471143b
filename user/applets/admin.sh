# System administration as root: mount and umount of a small tmpfs with
# df, setting the clock (date -s) and the hardware clock (hwclock),
# sysctl.

old=$(hostname)
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
