/* Gap reports in the store. */
#ifndef PF_STORE_STORE_GAP_H
#define PF_STORE_STORE_GAP_H

#include "store/store.h"

struct pf_gap_report {
    pf_id id;
    pf_id workspace_id;
    pf_id user_id;
    pf_id persona_id;
    char *type;       /* general | role_specific */
    char *input_text; /* the job description, or NULL */
    json_t *issues;   /* array of {field, suggestion, severity, rule, ...} */
    bool has_score;
    double score;     /* 0..100 when has_score */
    json_t *details;  /* object: score components, parsed posting, ... */
    int64_t created_at;
};

PF_MUST_CHECK pf_status pf_store_gap_create(struct pf_store *store,
                                            const struct pf_gap_report *report,
                                            struct pf_error *err);
PF_MUST_CHECK pf_status pf_store_gap_get(struct pf_store *store, struct pf_arena *arena,
                                         pf_id workspace_id, pf_id id,
                                         struct pf_gap_report **out_report, struct pf_error *err);
/* A persona's reports, newest first. */
PF_MUST_CHECK pf_status pf_store_gap_list(struct pf_store *store, struct pf_arena *arena,
                                          pf_id workspace_id, pf_id persona_id,
                                          struct pf_page page,
                                          struct pf_gap_report ***out_items, size_t *out_count,
                                          pf_id *out_next, struct pf_error *err);
PF_MUST_CHECK pf_status pf_store_gap_delete(struct pf_store *store, pf_id workspace_id, pf_id id,
                                            struct pf_error *err);

#endif
