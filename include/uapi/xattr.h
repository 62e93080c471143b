/* Extended attributes: the ABI of <linux/xattr.h> and <linux/limits.h>. */
#ifndef UAPI_XATTR_H
#define UAPI_XATTR_H

#define XATTR_CREATE	0x1	/* fail with EEXIST if the attribute exists */
#define XATTR_REPLACE	0x2	/* fail with ENODATA if it does not */

#define XATTR_NAME_MAX	255	/* bytes of a name, without the NUL */
#define XATTR_SIZE_MAX	65536	/* bytes of one value */
#define XATTR_LIST_MAX	65536	/* bytes of a listxattr(2) answer */

#endif
