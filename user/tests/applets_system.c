/* The busybox applet suite, group "system": user/applets/system.sh (applets_run.h). */
#include "applets_run.h"

int main(void)
{
	return applets_run_group("system");
}
