#!/bin/bash
# "make gdb": boot the kernel in QEMU halted before its first instruction,
# with QEMU's gdbstub listening (like -s -S, on a chosen port), and attach
# gdb with the kernel's symbols.  Serial output goes to a log file, since
# gdb owns the terminal.  Quitting gdb ends QEMU.
#
#   tools/gdb.sh KERNEL INITRD "CMDLINE" SERIAL_LOG PORT [BREAK]
#
# BREAK (default kernel_main) gets a hardware breakpoint and gdb continues
# to it; pass "" to stay at the very start.
set -euo pipefail

kernel=$1 initrd=$2 cmdline=$3 log=$4 port=$5 brk=${6-kernel_main}

qemu-system-x86_64 -accel tcg -m 256 -display none -no-reboot \
	-serial "file:$log" -S -gdb "tcp::$port" \
	-kernel "$kernel" -initrd "$initrd" -append "$cmdline" &
qemu=$!
trap 'kill $qemu 2>/dev/null || true' EXIT
echo "gdb: QEMU pid $qemu waits on port $port; serial output: tail -f $log"

args=(-q "$kernel" -ex "target remote localhost:$port")
# Hardware breakpoints survive the switch from 32-bit to long mode.
[ -n "$brk" ] && args+=(-ex "hbreak $brk" -ex continue)
gdb "${args[@]}"
