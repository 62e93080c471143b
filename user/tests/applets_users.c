/* The busybox applet suite, group "users": user/applets/users.sh (applets_run.h). */
#include "applets_run.h"

int main(void)
{
	return applets_run_group("users");
}
