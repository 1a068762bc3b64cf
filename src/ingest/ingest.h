/* Ingestion: detect a file's format by content and read it into a struct pf_document, within
 * named limits. Pure (no database, no network); safe to call from many threads at once. */
#ifndef PF_INGEST_INGEST_H
#define PF_INGEST_INGEST_H

#include <stddef.h>
#include <stdint.h>

#include "base/common.h"
#include "base/config.h"
#include "base/status.h"
#include "base/str.h"
#include "ingest/document.h"

/* Every bound an uploaded file meets, each named after its config key. When one is passed,
 * pf_ingest() fails with the status below and the key in err->field (e.g. "limit_zip_ratio"),
 * except limit_pages, which truncates (see max_pages). */
struct pf_ingest_limits {
    size_t max_bytes;          /* limit_upload_bytes: input size -> PF_E_TOO_BIG */
    size_t max_pages;          /* limit_pages: only the first max_pages pages of a PDF are read;
                                * the document gets the warning "limit_pages" (a long CV's
                                * substance is at its start; rejecting it helps nobody) */
    size_t max_zip_entries;    /* limit_zip_entries: DOCX/ODT entries -> PF_E_TOO_BIG */
    uint64_t max_zip_inflated; /* limit_zip_inflated: total bytes inflated -> PF_E_TOO_BIG */
    uint64_t max_zip_ratio;    /* limit_zip_ratio: inflated/compressed of one entry -> TOO_BIG */
    size_t max_xml_depth;      /* limit_xml_depth: element nesting (DOCX, ODT, HTML) -> TOO_BIG */
    size_t max_json_depth;     /* limit_json_depth: JSON Resume nesting -> PF_E_TOO_BIG */
    size_t max_text_bytes;     /* limit_extracted_text: raw_text size -> PF_E_TOO_BIG */
    int64_t max_ms;            /* limit_document_ms: work budget -> PF_E_TIMEOUT */
    size_t max_memory;         /* limit_document_memory: PDF reader heap -> PF_E_TOO_BIG */
};

/* Fills limits from the config's limit_* keys. */
void pf_ingest_limits_from_config(const struct pf_config *config, struct pf_ingest_limits *out);
/* Fills limits with the config.def defaults (for tools and tests without a config). */
void pf_ingest_limits_default(struct pf_ingest_limits *out);

/* The format of bytes, judged by content only (magic bytes and structure, never a file name):
 * %PDF (within the first 1 KiB), a ZIP with word/document.xml (DOCX) or an ODF text mimetype
 * (ODT), {\rtf, a JSON object shaped like a JSON Resume, HTML by its tags, Markdown by its
 * syntax, else text when it decodes as text. PF_DOC_FORMAT_UNKNOWN for anything else (binary
 * data, other ZIPs, images). Never fails; reads at most a bounded prefix except for ZIPs. */
enum pf_doc_format pf_ingest_detect(struct pf_str bytes);

/* Detects the format and reads bytes into a new document (caller frees *out_doc with
 * pf_document_free()). bytes is only borrowed. limits may be NULL for the defaults.
 * Statuses, with err->message (and err->field for limits) filled in:
 *  PF_E_FORMAT     unknown or unsupported format ("unsupported_format")
 *  PF_E_NO_TEXT    a PDF without a text layer (scanned or image-only): never an empty document
 *  PF_E_ENCRYPTED  password-protected PDF/DOCX/ODT
 *  PF_E_CORRUPT    damaged or truncated file (also XML with a DTD: entities are never expanded)
 *  PF_E_EMPTY      a readable document without any text
 *  PF_E_TOO_BIG    a size limit was passed (err->field names it)
 *  PF_E_TIMEOUT    limit_document_ms passed (err->field = "limit_document_ms")
 *  PF_E_INVALID    a JSON document that is not a JSON Resume
 * On failure *out_doc is untouched. */
PF_MUST_CHECK pf_status pf_ingest(const struct pf_ingest_limits *limits, struct pf_str bytes,
                                  struct pf_document **out_doc, struct pf_error *err);

/* Like pf_ingest() but reads bytes as the given format without detection (for tests, fuzzers
 * and callers that already know). PF_E_FORMAT for PF_DOC_FORMAT_UNKNOWN or a format this build
 * cannot read (PDF without PF_WITH_PDF). */
PF_MUST_CHECK pf_status pf_ingest_as(const struct pf_ingest_limits *limits,
                                     enum pf_doc_format format, struct pf_str bytes,
                                     struct pf_document **out_doc, struct pf_error *err);

/* True when this build reads format (PDF needs PF_WITH_PDF). */
bool pf_ingest_supports(enum pf_doc_format format);

#endif
