# net/: the socket layer (sockfs, the socket system calls, control
# messages) and the address families in net/<family>/.  Uses include/ and
# the VFS (fs/internal.h for sockfs's internal mount, vfs_mknod_path()
# for AF_UNIX names).
KOBJS += net/sock.o net/sockfs.o net/socket.o net/msg.o net/sockopt.o net/scm.o
KOBJS += net/unix/af_unix.o net/unix/addr.o net/unix/buf.o net/unix/conn.o \
	net/unix/stream.o net/unix/dgram.o net/unix/gc.o
