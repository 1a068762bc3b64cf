/* CV extraction: a JSON Resume document (plus its raw text) -> KB entries with evidence. */
#ifndef PF_KB_KB_EXTRACT_H
#define PF_KB_KB_EXTRACT_H

#include <jansson.h>
#include <stdbool.h>

#include "base/common.h"
#include "base/status.h"
#include "base/str.h"
#include "kb/kb.h"
#include "kb/kb_entry.h"

/* The most entries one extraction produces; past it, further mentions are dropped. */
#define PF_KB_LIMIT_ENTRIES 5000

/* What the caller knows besides the document. All fields are optional (zero = absent). */
struct pf_kb_extract_opts {
    const char *cv_id;      /* copied into every evidence item as "cv_id" */
    struct pf_str raw_text; /* the CV's text: evidence spans are byte offsets into it */
    int as_of_year;         /* the date "Present" and open end dates stand for; */
    int as_of_month;        /* 0 = the current UTC month */
};

/* Extracts the entries the CV states (source "cv"): skills, tools, domains, soft skills and
 * preferences named in its text, the skills section's keywords (kept even when the taxonomy
 * does not know them, with a lower confidence) and spoken languages, deduplicated by
 * (type, normalised value). Every skill and tool carries details.years (merged periods of the
 * dated work entries that mention it; null when none) and details.last_used ("YYYY-MM").
 * Evidence: {cv_id, field (JSON Pointer into resume), start, end (bytes in raw_text), snippet}.
 * Spans come from a field's `meta` (see kb_extract.c for the accepted forms) or are located in
 * raw_text; without raw_text they are omitted. Appends to out. PF_E_INVALID when resume is not
 * an object. Thread-safe for a shared kb. */
PF_MUST_CHECK pf_status pf_kb_extract_cv(const struct pf_kb *kb, const json_t *resume,
                                         const struct pf_kb_extract_opts *opts,
                                         struct pf_kb_entries *out, struct pf_error *err);

/* Parses a JSON Resume date ("2019", "2019-03", "2019-03-15", "03/2019", "Mar 2019",
 * "Present", "current", "") into a month index (year * 12 + month - 1). is_end makes a bare
 * year mean December. Empty or "present"-like text gives the as-of month with *out_present set.
 * False on anything else. */
PF_MUST_CHECK bool pf_kb_parse_date(const char *text, bool is_end, int as_of_month_index,
                                    int *out_month_index, bool *out_present);

#endif
