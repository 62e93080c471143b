/* The busybox applet suite, group "processes": user/applets/processes.sh (applets_run.h). */
#include "applets_run.h"

int main(void)
{
	return applets_run_group("processes");
}
