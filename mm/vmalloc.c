#include <types.h>
bool kstack_guard_hit(unsigned long addr);
bool kstack_guard_hit(unsigned long addr) { (void)addr; return false; }
