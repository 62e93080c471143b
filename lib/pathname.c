/*
 * Path components and their hashes (include/pathname.h).  Pure string
 * work: no allocation, no state, and every byte read lies inside the
 * NUL-terminated string the caller passed.
 */
#include <pathname.h>

static int component_type(const char *name, u32 len)
{
	if (len == 1 && name[0] == '.')
		return PATHNAME_DOT;
	if (len == 2 && name[0] == '.' && name[1] == '.')
		return PATHNAME_DOTDOT;
	return PATHNAME_NORM;
}

bool pathname_next(const char **cursor, struct pathname_component *c)
{
	const char *p = *cursor;
	u32 len = 0;

	while (*p == '/')
		p++;
	if (!*p) {
		*cursor = p;
		return false;
	}
	while (p[len] && p[len] != '/')
		len++;
	c->name = p;
	c->len = len;
	c->type = component_type(p, len);
	p += len;
	c->trailing = *p == '/';
	while (*p == '/')
		p++;
	c->last = !*p;
	*cursor = p;
	return true;
}

u32 pathname_hash(const char *name, u32 len)
{
	u32 h = 2166136261u;

	for (u32 i = 0; i < len; i++)
		h = (h ^ (u8)name[i]) * 16777619u;
	return h;
}
