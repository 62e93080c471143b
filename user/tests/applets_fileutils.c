/* The busybox applet suite, group "fileutils": user/applets/fileutils.sh (applets_run.h). */
#include "applets_run.h"

int main(void)
{
	return applets_run_group("fileutils");
}
