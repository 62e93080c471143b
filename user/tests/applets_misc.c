/* The busybox applet suite, group "misc": user/applets/misc.sh (applets_run.h). */
#include "applets_run.h"

int main(void)
{
	return applets_run_group("misc");
}
