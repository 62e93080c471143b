# Processes: kill and exit statuses, kill -l, timeout, renice, setsid,
# background jobs and wait, env, yes, sleep, ps, pidof, killall, top in
# batch mode, time.  (Debian's busybox has no nice or nohup applet.)

echo "== kill"
sleep 10 & p=$!
kill $p; wait $p; echo "TERM status $?"
sleep 10 & p=$!
kill -9 $p; wait $p; echo "KILL status $?"
# Not "sleep 10 &": a background job of a shell without job control
# ignores SIGINT (POSIX), so its status depended on whether the kill beat
# the child's signal setup (130 on one CPU, a 10 s sleep on two).
sh -c 'kill -s INT $$; sleep 5'; echo "INT status $?"
sleep 10 & p=$!
kill -0 $p && echo "kill -0 sees it"; kill $p; wait $p
kill -0 $p 2>/dev/null; echo "kill -0 after reaping: $?"
kill -l 15; kill -l 9; kill -l HUP
# Continue it only once it has stopped: a CONT sent before its STOP (a
# slow start on a loaded host) would leave it stopped and "wait" hung.
sh -c 'kill -STOP $$; echo resumed' & p=$!
until grep -q '^State:.T' /proc/$p/status; do sleep 0.05; done
kill -CONT $p; wait $p; echo "stopped and continued: $?"

echo "== timeout"
timeout 1 sleep 5; echo "timeout status $?"
timeout 5 true; echo "timeout true status $?"
timeout -s KILL 1 sleep 5; echo "timeout KILL status $?"
timeout 5 sh -c 'exit 4'; echo "timeout passes status $?"

echo "== renice setsid"
renice -n 3 -p $$; echo "renice status $?"
sh -c 'renice -n 2 -p $$'; echo "renice child status $?"
renice -n 1 -p 999999 2>/dev/null; echo "renice missing pid status $?"
setsid sh -c 'echo "in a new session"'
sh -c 'trap "" HUP; kill -HUP $$; echo "HUP ignored"'

echo "== jobs and wait"
(sleep 0.3; echo "slow") & (echo "fast") & wait
for i in 1 2 3; do (exit $i) & done; wait; echo "waited all: $?"
sleep 0.1 & sleep 0.1 & wait; echo "wait without jobs left: $?"

echo "== env yes sleep"
env -i A=1 B=two /tmp/applets/bin/env | sort
X=exported sh -c 'echo "$X"'
yes | head -n 3
yes abc | head -n 2
sleep 0; sleep 0.05; usleep 1000; echo "slept"
sh -c 'exit 300'; echo "exit 300 -> $?"

echo "== ps pidof killall"
# Wait until the child has become sleep: before its exec it is a copy of sh.
started() { until [ "$(cat /proc/$1/comm 2>/dev/null)" = "$2" ]; do sleep 0.05; done; }
sleep 10 & p=$!
started $p sleep
ps | head -n 1
ps | awk -v p=$p '$1 == p { print "ps:", $2, $3, $4 }'
ps -o pid,ppid,stat,args | awk -v p=$p -v s=$$ '$1 == p { if ($2 == s) $2 = "SHELL"; print "ps -o:", $2, $3, $4, $5 }'
ps -o comm,nice,pgid | awk -v p=$p '$1 == "sleep" { print "ps -o comm,nice:", $1, $2 }'
pidof sleep | tr ' ' '\n' | grep -qx $p && echo "pidof finds it"
pidof no-such-program; echo "pidof missing status $?"
pidof sh >/dev/null && echo "pidof finds the shell"
killall sleep; wait $p; echo "killall status $?"
killall no-such-program; echo "killall missing status $?"
killall -q no-such-program; echo "killall -q status $?"
sleep 10 & p=$!
started $p sleep
killall -KILL sleep; wait $p; echo "killall -KILL status $?"
killall -l | head -n 2

echo "== top"
top -b -n 1 | sed -n '1,4{s/[0-9][0-9.]*/N/g;s/  */ /g;p}'
top -b -n 1 | awk -v s=$$ '$1 == s { print "top lists the shell:", $NF }'

echo "== time"
time -p sh -c 'exit 3' 2> time.err; echo "time -p status $?"
sed 's/ [0-9]*\.[0-9][0-9]$/ N/' time.err
time sh -c 'exit 5' 2> time.err; echo "time status $?"
sed 's/[0-9][0-9.]*/N/g' time.err
time -v true 2>&1 | grep -E 'Command being timed|Exit status|Voluntary context' | sed 's/switches: [0-9]*$/switches: N/'
time -o time.out -a -p true; time -o time.out -a -p true; wc -l < time.out
