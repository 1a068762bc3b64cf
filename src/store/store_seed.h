/* Bulk loading of generated data (`personaforge dev seed`, benchmarks): many rows per
 * statement, one transaction per call. Rows go in as given: no plan limits, no invites, no
 * history beyond a persona's first version. Not for user requests. */
#ifndef PF_STORE_STORE_SEED_H
#define PF_STORE_STORE_SEED_H

#include "store/store.h"
#include "store/store_cvs.h"
#include "store/store_kb.h"
#include "store/store_personas.h"

/* Users without a team (team_id is ignored; see pf_store_seed_members). */
PF_MUST_CHECK pf_status pf_store_seed_users(struct pf_store *store, const struct pf_user *users,
                                            size_t count, struct pf_error *err);
/* Teams, whose owners must exist. */
PF_MUST_CHECK pf_status pf_store_seed_teams(struct pf_store *store, const struct pf_team *teams,
                                            size_t count, struct pf_error *err);
/* Puts user_ids[i] into team_ids[i] (both must exist). */
PF_MUST_CHECK pf_status pf_store_seed_members(struct pf_store *store, const pf_id *user_ids,
                                              const pf_id *team_ids, size_t count,
                                              struct pf_error *err);
/* Personas, each with its version 1. */
PF_MUST_CHECK pf_status pf_store_seed_personas(struct pf_store *store,
                                               const struct pf_persona *personas, size_t count,
                                               struct pf_error *err);
/* CVs as parsed (status, format, raw_text, parsed_json taken from each), without files. */
PF_MUST_CHECK pf_status pf_store_seed_cvs(struct pf_store *store, const struct pf_cv *cvs,
                                          size_t count, struct pf_error *err);
/* Knowledge-base entries; (workspace, type, normalized_value) must be new. */
PF_MUST_CHECK pf_status pf_store_seed_kb(struct pf_store *store, const struct pf_kb_row *rows,
                                         size_t count, struct pf_error *err);
/* After a bulk load: the planner's statistics refreshed (and PostgreSQL's visibility map set),
 * as autovacuum would eventually do, so what runs next is planned for the data loaded; SQLite's
 * full-text indexes merged into one segment each (pf_store_search_merge_step). */
PF_MUST_CHECK pf_status pf_store_seed_finish(struct pf_store *store, struct pf_error *err);

#endif
