# Text tools: sort, uniq, cut, tr, wc, head, tail, grep, sed, awk, diff,
# patch, and a few smaller ones (nl, rev, tac, paste, fold, seq, od,
# md5sum, sha256sum, base64).

printf 'banana 3\napple 10\ncherry 2\napple 10\ndate 25\n' > fruits
printf 'root:x:0:0:root:/root:/bin/sh\nbin:x:1:1:bin:/bin:/sbin/nologin\nuser:x:1000:1000:A User:/home/user:/bin/ash\n' > passwd

echo "== sort"
sort fruits
sort -r fruits
sort -u fruits
sort -k2 -n fruits
sort -t: -k3 -n -r passwd | cut -d: -f1
printf '10\n9\n100\n-1\n' | sort -n
printf 'b\nA\na\nB\n' | sort
printf 'b\nA\na\nB\n' | sort -f

echo "== uniq"
sort fruits | uniq
sort fruits | uniq -c
sort fruits | uniq -d
printf 'x\nx\ny\nx\n' | uniq

echo "== cut"
cut -d: -f1,3 passwd
cut -d: -f5- passwd
cut -c2-4 fruits
echo "a,b,c" | cut -d, -f2

echo "== tr"
echo "Hello World" | tr a-z A-Z
echo "Hello World" | tr -d lo
echo "aaabbbccc" | tr -s ab
echo "a-b-c" | tr - '\n'

echo "== wc"
wc -l fruits
wc -w < fruits
wc -c < passwd
printf 'no newline' | wc -l

echo "== head tail"
head -n 2 fruits
tail -n 2 fruits
tail -n +4 fruits
head -c 5 fruits; echo
tail -c 4 fruits
seq 1 100 | tail -n 3
seq 1 100 | head -n -97

echo "== grep"
grep -n apple fruits
grep -v apple fruits
grep -c apple fruits
grep -i APPLE fruits | head -n 1
grep -E '^(b|c)' fruits
grep -o '[0-9][0-9]*' fruits
grep -w 'date' fruits
grep -l root passwd fruits
grep -q nothing fruits; echo "grep -q miss: $?"
grep -e bin -e user passwd | cut -d: -f1
grep -A1 cherry fruits
grep -B1 cherry fruits

echo "== sed"
sed 's/apple/APPLE/' fruits
sed -n '2,3p' fruits
sed '/apple/d' fruits
sed -e 's/a/A/g' -e 's/ .*//' fruits
sed -n '$p' fruits
sed 's/\([a-z]*\) \([0-9]*\)/\2 \1/' fruits
sed '1i\
first line' fruits | head -n 2
sed = fruits | head -n 4
cp fruits inplace; sed -i 's/banana/BANANA/' inplace; head -n 1 inplace
echo "path/to/file.txt" | sed 's|/|_|g'
printf 'one\ntwo\nthree\n' | sed -n '/two/{p;q}'
printf 'a\nb\nc\n' | sed '$!N;s/\n/+/'

echo "== awk"
awk '{ print $2, $1 }' fruits
awk '{ s += $2 } END { print "sum", s, "rows", NR }' fruits
awk -F: '$3 >= 1000 { print $1 }' passwd
awk 'BEGIN { printf "%05.2f|%-5s|%x\n", 3.14159, "ab", 255 }'
awk '{ c[$1]++ } END { n = 0; for (k in c) n++; print n, c["apple"] }' fruits
awk 'NR % 2 == 0' fruits
awk '{ print length($1), toupper($1), substr($1, 2, 3) }' fruits
awk 'BEGIN { s = "a,b,c"; n = split(s, parts, ","); print n, parts[3] }'
awk 'BEGIN { x = "foo bar foo"; gsub(/foo/, "baz", x); print x; print index("hello", "ll") }'
awk 'BEGIN { for (i = 1; i <= 3; i++) printf "%d ", i * i; print "" }'
echo "3 4" | awk '{ print $1 * $2, $1 / $2, $1 % 2, int(7 / 2) }'

echo "== diff patch"
printf 'line one\nline two\nline three\nline four\n' > old
printf 'line one\nline 2\nline three\nline four\nline five\n' > new
diff old new; echo "diff status $?"
diff old old; echo "same status $?"
diff -u old new | tail -n +3
cat > change.patch <<'EOT'
--- old
+++ old
@@ -1,4 +1,5 @@
 line one
-line two
+line 2
 line three
 line four
+line five
EOT
cp old patched
patch patched change.patch >/dev/null; echo "patch status $?"
cmp patched new && echo "patched equals new"
patch -R patched change.patch >/dev/null
cmp patched old && echo "reversed equals old"

echo "== small tools"
printf 'a\nb\nc\n' | nl
echo "stressed" | rev
printf '1\n2\n3\n' | tac
printf '1\n2\n3\n' > p1; printf 'a\nb\nc\n' > p2; paste p1 p2; paste -d, -s p1
echo "abcdefghij" | fold -w 4
seq 5; seq 2 3 11; seq -s, 3
printf 'AB\n' | od -c
printf 'AB\n' | od -An -tx1
md5sum fruits
sha256sum passwd | cut -c1-16
echo "hello base64" | base64
echo "aGVsbG8gYmFzZTY0Cg==" | base64 -d
printf 'x\ty\n' | expand -t 4
expr 6 \* 7; expr length "hello"; expr "abc" : 'a\(.*\)'
printf '%s-%d-%05.1f-%x\n' str 42 2.5 255
