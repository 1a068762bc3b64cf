/* Gap reports over the store: create (plan limit, effective persona, KB, clarifying
 * questions), compare, and tailoring proposals for a persona. */
#ifndef PF_GAP_GAP_SERVICE_H
#define PF_GAP_GAP_SERVICE_H

#include "app/app.h"
#include "gap/gap.h"
#include "store/store_gap.h"

/* Runs a report of type ("general" or "role_specific", which needs input_text) on the
 * effective persona persona_id of user's workspace, stores it and inserts its clarifying
 * questions (details.questions lists them, with created=false for ones asked before).
 * PF_E_PLAN_LIMIT past the month's reports; PF_E_NOT_FOUND for an unknown persona;
 * PF_E_VALIDATION (err->field "input_text") for a role report without a posting. The report
 * is arena-owned. */
PF_MUST_CHECK pf_status pf_gap_report_create(struct pf_app *app, struct pf_arena *arena,
                                             const struct pf_user *user, pf_id persona_id,
                                             const char *type, const char *input_text,
                                             struct pf_gap_report **out_report,
                                             struct pf_error *err);

/* Compares report id with report other_id (both in user's workspace): {older, newer,
 * resolved, new, unchanged, counts}; the earlier-created report is the older. */
PF_MUST_CHECK pf_status pf_gap_report_compare(struct pf_app *app, struct pf_arena *arena,
                                              const struct pf_user *user, pf_id id,
                                              pf_id other_id, json_t **out_comparison,
                                              struct pf_error *err);

/* A tailoring proposal for persona_id and posting (not saved): {data (the persona's data with
 * the selection merged in, ready to PATCH), selection, provenance, dropped, posting, preview
 * (the effective persona data would give)}. Arena-tied. */
PF_MUST_CHECK pf_status pf_gap_tailor_persona(struct pf_app *app, struct pf_arena *arena,
                                              const struct pf_user *user, pf_id persona_id,
                                              const char *posting, json_t **out_proposal,
                                              struct pf_error *err);

#endif
