# lib/: freestanding helpers; every file here must also build for the host.
KOBJS += lib/string.o lib/format.o lib/cmdline.o lib/rbtree.o lib/elf.o lib/cpio.o lib/inflate.o lib/pathname.o lib/seq_buf.o
