#ifndef X86_PIC_H
#define X86_PIC_H

/* Remap the 8259 PICs off the exception vectors and mask all lines. */
void pic_disable(void);

#endif
