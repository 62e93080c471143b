# drivers/: hardware drivers, grouped by bus or class.
KOBJS += drivers/tty/serial8250.o
KOBJS += drivers/acpi/tables.o drivers/acpi/madt.o drivers/acpi/fadt.o drivers/acpi/sleep.o \
	drivers/acpi/hpet.o drivers/acpi/mcfg.o drivers/acpi/acpi_test.o
KOBJS += drivers/tty/tty.o drivers/tty/n_tty.o
KOBJS += drivers/tty/pty.o drivers/tty/n_tty_ktest.o
KOBJS += drivers/char/rtc.o
