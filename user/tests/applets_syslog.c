/* The busybox applet suite, group "syslog": user/applets/syslog.sh (applets_run.h). */
#include "applets_run.h"

int main(void)
{
	return applets_run_group("syslog");
}
