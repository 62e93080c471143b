# Processes: kill and exit statuses, kill -l, timeout, renice, setsid,
# background jobs and wait, env, yes, sleep.  (Debian's busybox has no
# nice or nohup applet.)

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
