/* Inference: entries that follow from a CV without being written (source "ai_extraction"). */
#ifndef PF_KB_KB_INFER_H
#define PF_KB_KB_INFER_H

#include <jansson.h>

#include "base/common.h"
#include "base/status.h"
#include "kb/kb.h"
#include "kb/kb_entry.h"
#include "kb/kb_extract.h"

/* Appends to entries (which should already hold pf_kb_extract_cv's result for the same
 * resume) what can be inferred, each unconfirmed, with a lower confidence and the evidence
 * that triggered it (evidence items carry "rule"):
 *  - implied skills and tools along the taxonomy's "implies" edges (React -> JavaScript),
 *    rule "implied_by", details.implied_by, years of use inherited from the implying skills;
 *  - soft skills shown by achievements ("led a team of six" -> Leadership), rule "achievement";
 *  - domains from employer names and from what work entries describe, rule "employer" or
 *    "work_description";
 *  - one seniority entry (intern, junior, mid, senior, lead, principal, manager, director,
 *    executive) from the job titles and the total years of dated work, rule "seniority".
 * Entries already stated by the CV are not duplicated. PF_E_INVALID when resume is not an
 * object. Thread-safe for a shared kb. */
PF_MUST_CHECK pf_status pf_kb_infer(const struct pf_kb *kb, const json_t *resume,
                                    const struct pf_kb_extract_opts *opts,
                                    struct pf_kb_entries *entries, struct pf_error *err);

#endif
