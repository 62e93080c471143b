/* struct utsname as uname(2) fills it. */
#ifndef UAPI_UTSNAME_H
#define UAPI_UTSNAME_H

#define UTS_LEN 65

struct new_utsname {
	char sysname[UTS_LEN];
	char nodename[UTS_LEN];
	char release[UTS_LEN];
	char version[UTS_LEN];
	char machine[UTS_LEN];
	char domainname[UTS_LEN];
};

_Static_assert(sizeof(struct new_utsname) == 390, "utsname layout");

#endif
