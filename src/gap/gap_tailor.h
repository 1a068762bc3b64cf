/* Tailoring: a proposed selection and order of a persona's entries, bullets and skills for a
 * job posting, using only what the effective persona already holds (nothing is rewritten or
 * invented), with the provenance of every kept item. */
#ifndef PF_GAP_GAP_TAILOR_H
#define PF_GAP_GAP_TAILOR_H

#include "gap/gap.h"

/* From an effective persona (with meta.personaforge ids and origins) and a posting, a new
 * reference to {selection, provenance, dropped, posting}: selection is persona data in the
 * override convention ($order of entry and item ids per section), provenance lists every kept
 * item {id, pointer, origin, relevance, matched}, dropped every left-out one with a reason.
 * Errors as pf_gap_role. */
PF_MUST_CHECK pf_status pf_gap_tailor(const json_t *effective, const char *posting, size_t len,
                                      const struct pf_gap_options *opts, json_t **out_proposal,
                                      struct pf_error *err);

/* Merges a selection into a persona's current data: per section, $order replaces the order
 * and per-entry list orders join the entry's existing patch; sections the data replaces
 * wholesale (arrays) are left as they are. A new reference. */
json_t *pf_gap_tailor_apply(const json_t *data, const json_t *selection);

#endif
