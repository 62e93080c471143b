/* Shared between the files of drivers/acpi/; nobody else includes this. */
#ifndef DRIVERS_ACPI_INTERNAL_H
#define DRIVERS_ACPI_INTERNAL_H

#include <acpi.h>

/* Largest table we accept; real DSDTs are well under a megabyte. */
#define ACPI_TABLE_MAX_LEN	(16u << 20)

/*
 * Map the table at pa, bound its length, verify its checksum (and its
 * signature when expect_sig is non-NULL), log it in Linux's format and add
 * it to the index.  Returns the mapped table or NULL (reported) when it is
 * unusable.
 */
const struct acpi_table_header *acpi_table_add(phys_addr_t pa, const char *expect_sig);

/* Parsers of one table each, called by acpi_init() in this order. */
void acpi_fadt_init(void);
void acpi_madt_init(void);
void acpi_hpet_init(void);
void acpi_mcfg_init(void);
void acpi_sleep_init(void);

/*
 * Pure parsers, exposed for the self-tests: they read only the len bytes
 * they are given and fill *out (zeroed first).  Return 0 or -EINVAL.
 */
int acpi_madt_parse(const struct acpi_table_header *t, struct acpi_madt_info *out);
int acpi_aml_sleep_type(const u8 *aml, size_t len, unsigned int state,
			u8 *slp_typa, u8 *slp_typb);

/* Copy a firmware string into a printable, NUL-terminated buffer. */
void acpi_printable(char *dst, const char *src, size_t n);

#endif
