# Shell language: functions, locals, arithmetic, here-documents, command
# substitution, read, case, loops, traps, wait and exit statuses,
# positional parameters, parameter expansion, redirections.

fact() {
	if [ "$1" -le 1 ]; then echo 1; else echo $(( $1 * $(fact $(( $1 - 1 ))) )); fi
}
echo "fact 10 = $(fact 10)"
f() { local x=inner; echo "in f: $x"; return 3; }
x=outer; f; echo "f returned $?, x=$x"

echo "arith: $(( 7 / 2 )) $(( 7 % 3 )) $(( 1 << 10 )) $(( (3 + 4) * 5 )) $(( 0x1f )) $(( -7 / 2 )) $(( 2 > 1 )) $(( 5 == 4 ? 10 : 20 ))"
i=0; while [ $i -lt 5 ]; do i=$((i + 1)); done; echo "i=$i"
: $(( j = 3, j *= 4 )); echo "j=$j"

cat <<EOT
expanded $x and $((2 + 2))
EOT
cat <<'EOT'
literal $x $(not run) `neither`
EOT
cat <<-EOT
	leading tabs stripped
		only the leading ones
	EOT

echo "nested: $(echo "$(echo deep)")"
echo "backticks: `echo old style`"
lines=$(printf 'a\nb\n\n\n'); echo "trailing newlines dropped: [$lines]"

printf 'a b c\nline two\n' | { read x y; echo "x=$x y=$y"; read z; echo "z=$z"; }
IFS=: read a b c <<EOT
one:two:three:four
EOT
echo "$a|$b|$c"
printf 'back\\slash\n' | { read -r r; echo "raw: $r"; }
printf 'no newline' | { read v; echo "read status $? v=$v"; }

for w in apple banana cherry 42 ""; do
	case "$w" in
	a*) echo "$w: a-word" ;;
	*an*) echo "$w: has an" ;;
	[0-9]*) echo "$w: number" ;;
	"") echo "empty" ;;
	*) echo "$w: other" ;;
	esac
done

for i in 1 2 3 4 5 6; do
	[ $i -eq 2 ] && continue
	[ $i -eq 5 ] && break
	echo "loop $i"
done
n=0; until [ $n -ge 3 ]; do n=$((n + 1)); echo "until $n"; done
for i in 1 2; do for j in a b; do [ $j = b ] && continue 2; echo "$i$j"; done; done

trap 'echo caught USR1' USR1
kill -USR1 $$
echo "after USR1"
(trap 'echo exit trap in subshell' EXIT; echo "in subshell")
trap - USR1
sh -c 'trap "echo got TERM; exit 9" TERM; kill -TERM $$; echo not reached'; echo "child status $?"

sleep 0.1 & p=$!
wait $p; echo "wait status $?"
(exit 7) & wait $!; echo "wait status $?"
sh -c 'exit 3'; echo "status $?"
false || echo "or-branch"
true && echo "and-branch"
! false; echo "negated $?"
(set -e; false; echo "not reached"); echo "set -e subshell status $?"
sh -c 'kill -9 $$'; echo "killed by 9: $?"

set -- one "two words" three
echo "count $#"; for a in "$@"; do echo "arg <$a>"; done
shift; echo "after shift: $1, count $#"
echo "star: $*"

v=hello.tar.gz
echo "${v%.gz} ${v%%.*} ${v#*.} ${v##*.} ${#v} ${unset:-default} ${v:0:5}"
unset u; echo "${u:=assigned} $u"
echo "${v/l/L} ${v//l/L}"

[ "abc" = "abc" ] && echo "equal"
[ -z "" ] && echo "zero length"
[ 10 -gt 9 ] && echo "numeric gt"
[ abc \< abd ] && echo "string lt"

echo "to file" > out.txt; echo "append" >> out.txt; cat out.txt; wc -l < out.txt
exec 3> fd3.txt; echo "via fd 3" >&3; exec 3>&-; cat fd3.txt
{ echo "to stderr" >&2; } 2>&1 | sed 's/^/piped: /'
echo "grouped" | (read g; echo "subshell read $g")
eval 'echo "eval $((6 * 7))"'
cmd=echo; $cmd "indirect command"
echo "one two three" | tr ' ' '\n' | sort -r | head -n 1
