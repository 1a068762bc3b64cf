/* Private to src/ingest/: bounded reading of DOCX/ODT archives (entry count, total inflated
 * bytes and per-entry ratio counted while inflating, never trusted from headers). */
#ifndef PF_INGEST_INGEST_ZIP_H
#define PF_INGEST_INGEST_ZIP_H

#include <stdbool.h>

#include "base/buf.h"
#include "ingest/ingest_int.h"

struct pf_zip; /* wraps a libzip archive over borrowed bytes */

/* Opens bytes (borrowed; must outlive the archive) as a ZIP. PF_E_CORRUPT when it is not a
 * readable ZIP, PF_E_TOO_BIG (limit_zip_entries) past the entry limit. */
PF_MUST_CHECK pf_status pf_zip_open(struct pf_doc_builder *b, struct pf_str bytes,
                                    struct pf_zip **out_zip);
/* NULL-safe. */
void pf_zip_close(struct pf_zip *zip);
/* True when the archive has an entry of that exact name. */
bool pf_zip_has(struct pf_zip *zip, const char *name);
/* Inflates entry name into out (appending). *out_found is false (and PF_OK returned) when
 * there is no such entry. PF_E_TOO_BIG with limit_zip_inflated or limit_zip_ratio,
 * PF_E_ENCRYPTED for an encrypted entry, PF_E_CORRUPT for a damaged one, PF_E_TIMEOUT. */
PF_MUST_CHECK pf_status pf_zip_read(struct pf_zip *zip, const char *name, struct pf_buf *out,
                                    bool *out_found);

/* A streaming reader of one entry, with the same accounting as pf_zip_read(). */
struct pf_zip_entry;
/* Opens entry name; *out_entry is NULL (and PF_OK returned) when there is no such entry. */
PF_MUST_CHECK pf_status pf_zip_entry_open(struct pf_zip *zip, const char *name,
                                          struct pf_zip_entry **out_entry);
/* Reads up to len inflated bytes into dst: the count, 0 at the end of the entry, or -1 after
 * a failure recorded in the builder (limit, corruption, timeout). */
long pf_zip_entry_read(struct pf_zip_entry *entry, void *dst, size_t len);
/* NULL-safe. */
void pf_zip_entry_close(struct pf_zip_entry *entry);

/* Detection: PF_DOC_FORMAT_DOCX for an archive with word/document.xml, PF_DOC_FORMAT_ODT for
 * an ODF text document (mimetype entry), UNKNOWN otherwise. */
enum pf_doc_format pf_zip_detect(struct pf_str bytes);

#endif
