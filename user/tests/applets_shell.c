/* The busybox applet suite, group "shell": user/applets/shell.sh (applets_run.h). */
#include "applets_run.h"

int main(void)
{
	return applets_run_group("shell");
}
