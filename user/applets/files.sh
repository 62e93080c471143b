# File tools: cp -a, mv, rm -r, ln, find, xargs, tar, gzip, bzip2, xz,
# cpio, dd, truncate, touch, stat, readlink, basename, dirname.

umask 022
mkdir -p src/sub/deeper
echo one > src/a
echo two > src/sub/b
echo three > src/sub/deeper/c
ln -s a src/link
chmod 640 src/a
chmod 750 src/sub/deeper

echo "== cp mv rm ln"
cp -a src dst
find dst | sort
readlink dst/link
stat -c '%a %F %n' dst/a dst/sub/deeper dst/link
cp src/a copy; cat copy
cp -r src/sub subcopy; find subcopy | sort
mv dst moved; [ -e dst ] || echo "dst gone"; cat moved/sub/b
mv copy moved/; ls moved
rm -r moved; [ -e moved ] || echo "moved gone"
rm -rf subcopy nothing-there; echo "rm -f status $?"
rm not-there 2>/dev/null; echo "rm missing status $?"
ln -s target-file sym; readlink sym; [ -L sym ] && echo "is a symlink"
ln src/a hard; stat -c '%h %s' src/a hard
mkdir -p a/b/c && rmdir -p a/b/c && [ ! -e a ] && echo "rmdir -p removed all"

echo "== find xargs"
find src -type f | sort
find src -name 'b'
find src -type l
find src -maxdepth 1 | sort
find src -type d -name 'd*'
find src -newer src/a -o -name nothing >/dev/null; echo "find status $?"
find src -type f | sort | xargs cat
echo a b c d e | xargs -n 2 echo
printf 'x y\n' | xargs -I{} echo "[{}]"
find src -type f -name '*' | sort | xargs wc -c | tail -n 1

echo "== tar"
tar cf t.tar src
tar tf t.tar | sort
mkdir x; tar xf t.tar -C x; find x | sort; cat x/src/sub/deeper/c
tar cf - src | tar tf - | sort | head -n 3
tar czf t.tgz src; tar tzf t.tgz | sort | tail -n 2
mkdir y; (cd y && tar xzf ../t.tgz) && stat -c '%a %n' y/src/a y/src/sub/deeper
readlink y/src/link

echo "== gzip bzip2 xz"
seq 1 2000 > numbers
gzip -c numbers > numbers.gz; gunzip -c numbers.gz | md5sum
rm numbers.gz; gzip -9 numbers; [ -e numbers ] || echo "gzip removed the original"
gunzip numbers.gz; wc -l numbers
zcat < /dev/null 2>/dev/null; echo "zcat empty status $?"
echo "not gzip" > bad.gz; gunzip -c bad.gz >/dev/null 2>&1; echo "gunzip bad status $?"
bzip2 -c numbers | bunzip2 -c | tail -n 1
bzip2 numbers; bzcat numbers.bz2 | head -n 2; bunzip2 numbers.bz2; wc -c numbers
echo '/Td6WFoAAATm1rRGAgAhARwAAAAQz1jMAQAZaGVsbG8gZnJvbSB4egpzZWNvbmQgbGluZQoAAAABABzbrxdVZgABMhogGJQwH7bzfQEAAAAABFla' | base64 -d > hello.xz
xz -d -c hello.xz
xzcat hello.xz | wc -l
unxz hello.xz; cat hello

echo "== cpio"
find src | sort | cpio -o -H newc > a.cpio 2>/dev/null
mkdir c; (cd c && cpio -i -d < ../a.cpio 2>/dev/null); find c | sort
cat c/src/sub/b
cpio -t < a.cpio 2>/dev/null | sort

echo "== dd truncate touch"
dd if=/dev/zero bs=1024 count=3 2>/dev/null | wc -c
printf 'abcdefghij' > ten; dd if=ten bs=1 skip=2 count=3 2>/dev/null; echo
dd if=ten of=part bs=4 count=1 2>/dev/null; cat part; echo
truncate -s 100 sized; stat -c '%s' sized
truncate -s 10 sized; stat -c '%s' sized
touch -d '2001-02-03 04:05:06' stamped; stat -c '%y' stamped | cut -c1-19
touch -r stamped stamped2; [ stamped2 -nt stamped ] || echo "same time"
touch newfile; [ -f newfile ] && [ ! -s newfile ] && echo "touch made an empty file"

echo "== names"
basename /usr/lib/file.tar.gz .gz; dirname /usr/lib/file.tar.gz; basename /
realpath src/sub/../a | sed "s|$PWD|PWD|"
readlink -f src/link | sed "s|$PWD|PWD|"
cmp src/a src/sub/b; echo "cmp status $?"
mkfifo fifo; stat -c '%F' fifo
