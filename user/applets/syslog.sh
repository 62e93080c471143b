# syslogd and logger: messages travel over /dev/log, an AF_UNIX datagram
# socket that syslogd binds and logger's libc connects to.

echo "== syslogd and logger"
syslogd -n -O messages &
pid=$!
i=0
while [ ! -S /dev/log ] && [ $i -lt 200 ]; do sleep 0.05; i=$((i + 1)); done
[ -S /dev/log ] && echo "/dev/log is a socket"
logger hello
logger -t mytag -p user.err "second message"
echo "from stdin" | logger -t piped -p local3.warning
i=0
while ! grep -q "from stdin" messages 2>/dev/null && [ $i -lt 200 ]; do sleep 0.05; i=$((i + 1)); done
kill $pid
wait $pid
echo "syslogd status $?"
# "Mmm dd hh:mm:ss host " differs between runs: keep what follows.
sed 's/^.\{15\} [^ ]* //' messages
