# More applets: calculators (bc, dc, factor, cal), dumps and checksums
# (hexdump, xxd, strings, sha1sum, sha512sum, sha3sum, crc32) and small
# ones (getopt, ed, shuf, hostid, whoami, mkpasswd, ts, ipcalc, more,
# lsmod, setpriv).  File tools and scheduling applets are in fileutils.sh.

umask 022
echo "== bc dc factor cal"
echo '2^64; scale=5; 22/7; sqrt(2)' | bc
echo '3 4 + 5 * p' | dc
factor 360 1001 65537
cal 2 2024
cal -j 1 2000 | tail -n +3 | head -n 1 | sed 's/  */ /g'

echo "== dumps and sums"
printf 'hello\0world\n\001binary' > bin
hexdump -C bin
xxd bin | head -n 1
xxd -p bin; xxd -p bin | xxd -r -p | cmp - bin && echo "xxd round trip"
strings bin
sha1sum bin; sha512sum bin | cut -c1-32; sha3sum bin | cut -c1-32
crc32 bin

echo "== small ones"
getopt -o ab:c -- -a -b x -c rest
printf 'line one\nline two\n' > edfile; printf '2s/two/2/\nw\nq\n' | ed edfile; cat edfile
shuf -i 1-5 | sort -n | tr '\n' ' '; echo
shuf -n 2 -e a b c d | wc -l
hostid | grep -qE '^[0-9a-f]{8}$' && echo "hostid prints 8 hex digits"
whoami 2>&1
mkpasswd -m sha512 -S saltsalt secret
mkpasswd -m md5 -S salt secret
echo stamped | ts '%Y' | grep -qE '^[0-9]{4} stamped$' && echo "ts prefixes a time"
ipcalc -n -b 192.168.1.77/24
echo "paged" | more
lsmod >/dev/null 2>&1; echo "lsmod status $?"
setpriv -d
setpriv --nnp grep NoNewPrivs /proc/self/status
