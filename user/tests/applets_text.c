/* The busybox applet suite, group "text": user/applets/text.sh (applets_run.h). */
#include "applets_run.h"

int main(void)
{
	return applets_run_group("text");
}
