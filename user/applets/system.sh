# System information that must read the same on both kernels.

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
