/* The CV parser: a struct pf_document (from ingest/) in, a JSON Resume v1 document out, with a
 * confidence and an evidence span of raw_text for every field it extracted. */
#ifndef PF_PARSE_PARSE_H
#define PF_PARSE_PARSE_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "base/common.h"
#include "base/status.h"
#include "ingest/document.h"

/* How to parse. Zero-initialised options (or NULL) are valid: no reference date, meta included. */
struct pf_parse_options {
    /* The day "Present" / "heute" / "to date" is resolved against when the document's metadata
     * has no date: the upload day, as days since 1970-01-01 (UTC). Used only when has_as_of. */
    int64_t as_of_days;
    bool has_as_of;
    /* Prefer as_of over the document's own modified/created date. */
    bool force_as_of;
    /* Leave out the top-level "meta" object (confidences and evidence spans). */
    bool no_meta;
};

/* Parses doc into a new JSON Resume object (*out_resume, caller json_decref()s it) and, when
 * out_diagnostics is not NULL, a new diagnostics object (sections found, low-confidence fields,
 * reader warnings; caller json_decref()s it). The result validates against the JSON Resume v1
 * schema (@jsonresume/schema 1.3.1): dates are YYYY-MM-DD, YYYY-MM or YYYY, a current position
 * has no endDate (meta.current lists it), URLs are absolute.
 *
 * Evidence lives under the top-level "meta" key (docs/internals/PARSE.md):
 *   meta.fields: { JSON Pointer: {"confidence": 0..1, "start": byte, "end": byte} }
 * where [start, end) is a byte span of pf_document_text(doc).
 *
 * A field the document does not contain is absent, never guessed. For a document read as
 * PF_DOC_FORMAT_JSON_RESUME the imported resume is returned, with dates normalised.
 *
 * Statuses: PF_E_EMPTY (no text at all), PF_E_PARSE (text, but nothing that reads as a CV: no
 * name, contact detail or section), PF_E_INVALID (doc NULL). On failure nothing is returned and
 * err says why. Pure: reads only doc and opts; safe to call from many threads at once. */
PF_MUST_CHECK pf_status pf_parse_document(const struct pf_document *doc,
                                          const struct pf_parse_options *opts,
                                          json_t **out_resume, json_t **out_diagnostics,
                                          struct pf_error *err);

#endif
