/*
 * reboot(2): power off, restart or halt, with Linux's magic numbers.
 * Only root may (CAP_SYS_BOOT), and that is checked before the magic.
 */
#include <cred.h>
#include <errno.h>
#include <init.h>
#include <printk.h>
#include <syscall.h>
#include <arch/cpu.h>

#define LINUX_REBOOT_MAGIC1		0xfee1dead
#define LINUX_REBOOT_MAGIC2		672274793
#define LINUX_REBOOT_MAGIC2A		85072278
#define LINUX_REBOOT_MAGIC2B		369367448
#define LINUX_REBOOT_MAGIC2C		537993216
#define LINUX_REBOOT_CMD_RESTART	0x01234567
#define LINUX_REBOOT_CMD_HALT		0xcdef0123
#define LINUX_REBOOT_CMD_CAD_ON		0x89abcdef
#define LINUX_REBOOT_CMD_CAD_OFF	0x00000000
#define LINUX_REBOOT_CMD_POWER_OFF	0x4321fedc

SYSCALL_DEFINE4(reboot, int, magic1, int, magic2, unsigned int, cmd, void *, arg)
{
	(void)arg;
	if (!cred_is_root(current_cred()))
		return -EPERM;
	if ((unsigned int)magic1 != LINUX_REBOOT_MAGIC1 ||
	    (magic2 != LINUX_REBOOT_MAGIC2 && magic2 != LINUX_REBOOT_MAGIC2A &&
	     magic2 != LINUX_REBOOT_MAGIC2B && magic2 != LINUX_REBOOT_MAGIC2C))
		return -EINVAL;
	switch (cmd) {
	case LINUX_REBOOT_CMD_POWER_OFF:
		kernel_power_off();
	case LINUX_REBOOT_CMD_RESTART:
		pr_emerg("reboot: Restarting system\n");
		arch_reboot();
		return -EIO;
	case LINUX_REBOOT_CMD_HALT:
		pr_emerg("reboot: System halted\n");
		arch_halt_forever();
	case LINUX_REBOOT_CMD_CAD_ON:
	case LINUX_REBOOT_CMD_CAD_OFF:
		return 0;	/* Ctrl-Alt-Del comes from a PC keyboard we do not drive */
	default:
		return -EINVAL;
	}
}
