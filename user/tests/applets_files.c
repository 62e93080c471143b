/* The busybox applet suite, group "files": user/applets/files.sh (applets_run.h). */
#include "applets_run.h"

int main(void)
{
	return applets_run_group("files");
}
