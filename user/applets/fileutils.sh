# More file applets (ls -l, du, chmod, chown, chgrp, tee, link, unlink,
# fallocate, shred, dos2unix, unix2dos, uuencode, lzop, unlzma, ar,
# run-parts, fsfreeze, mkswap) and scheduling ones (ionice, linux32, linux64,
# chroot, start-stop-daemon).  taskset needs sched_setaffinity, which our
# kernel lacks; watch needs a terminal.

umask 022
printf 'hello\0world\n\001binary' > bin
echo "== files"
mkdir d; echo abc > d/a; printf '%4096s' x > d/big; ln -s a d/l
ls d; ls -1 d | wc -l
ls -l d | sed 's/  */ /g' | awk '{ print $1, $2, $3, $4, $5, $NF }'
ls -ld d | awk '{ print $1 }'
ls -la d | head -n 1
du -s d >/dev/null && echo "du runs"; du -a d | awk '{ print $2 }' | sort
chmod 4751 d/a; stat -c '%a %A' d/a
chmod u-s,g+w,o= d/a; stat -c '%a %A' d/a
chown 1234:5678 d/a; stat -c '%u %g' d/a
chgrp 42 d/a; stat -c '%u %g' d/a
chown -h 7:8 d/l; stat -c '%u %g %F' d/l; stat -L -c '%u %g' d/l
echo teed | tee t1 t2 >/dev/null; cat t1 t2
echo more | tee -a t1 >/dev/null; cat t1
link d/a hard; stat -c '%h' d/a; unlink hard; stat -c '%h' d/a
fallocate -l 10000 falloc; stat -c '%s' falloc
echo "secret data" > shredme; shred -u shredme; [ -e shredme ] || echo "shred removed it"
printf 'a\nb\n' | unix2dos | od -c | head -n 1
printf 'a\r\nb\r\n' | dos2unix | od -c | head -n 1
uuencode -m bin bin > bin.uu; head -n 1 bin.uu; uudecode -o bin2 bin.uu; cmp bin bin2 && echo "uudecode matches"
seq 1 500 > nums; lzop -c nums > nums.lzo; lzop -dc nums.lzo | tail -n 1
echo 'XQAAgAD//////////wA0GUnujekS5hQOv7l4wqGoqdmXVP//cpgAAA==' | base64 -d > hello.lzma
unlzma -c hello.lzma; lzcat hello.lzma | wc -c; lzma -d hello.lzma; cat hello
printf '!<arch>\n%-16s%-12s%-6s%-6s%-8s%-10s`\n%s' 'hello.txt/' 0 0 0 644 6 'hello
' > t.a
ar -t t.a; ar -p t.a hello.txt; ar -tv t.a; mkdir arx; (cd arx && ar -x ../t.a && cat hello.txt)
mkdir parts; printf '#!/tmp/applets/bin/sh\necho part one\n' > parts/10-one
printf '#!/tmp/applets/bin/sh\necho part two\n' > parts/20-two; chmod +x parts/*
run-parts parts; run-parts --test parts | sed "s|$PWD|PWD|"
dd if=/dev/zero of=swapfile bs=1024 count=64 2>/dev/null
fsfreeze --freeze . 2>&1; fsfreeze --unfreeze . 2>&1
mkswap swapfile 2>&1 | sed 's/UUID=.*/UUID=X/'; od -An -c -j 4086 -N 10 swapfile

echo "== scheduling"
ionice -c 3 sh -c 'ionice -p $$'
ionice -c 2 -n 5 sh -c 'ionice'
ionice 2>&1
linux32 uname -m; linux64 uname -m
mkdir -p root/bin; cp /utest-data/busybox root/bin/busybox
chroot root /bin/busybox pwd; chroot root /bin/busybox ls /bin
start-stop-daemon -S -x /tmp/applets/bin/true; echo "start-stop-daemon status $?"
start-stop-daemon -K -x /no/such/program -q; echo "nothing to stop status $?"

