# System information that must read the same on both kernels: uname,
# id, hostname, date, devices, uptime, free, dmesg and /dev/kmsg, stty
# without a terminal.  Mounts, df, date -s, hwclock and sysctl are in
# admin.sh.

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
