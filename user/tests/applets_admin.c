/* The busybox applet suite, group "admin": user/applets/admin.sh (applets_run.h). */
#include "applets_run.h"

int main(void)
{
	return applets_run_group("admin");
}
