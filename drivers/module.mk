# drivers/: hardware drivers, grouped by bus or class.
KOBJS += drivers/tty/serial8250.o
