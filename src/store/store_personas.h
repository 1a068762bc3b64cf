/* Personas and their versions in the store. */
#ifndef PF_STORE_STORE_PERSONAS_H
#define PF_STORE_STORE_PERSONAS_H

#include "store/store.h"

/* A persona row. Strings and JSON are tied to the arena they were read into; on write the
 * store only reads them. */
struct pf_persona {
    pf_id id;
    pf_id workspace_id;
    pf_id user_id;    /* creator */
    pf_id base_cv_id; /* nil for a blank persona */
    char *title;
    char *summary;    /* NULL when unset */
    json_t *tags;     /* array of strings */
    json_t *data;     /* object: the overrides over the base CV */
    int version;      /* 1 on creation, +1 per update */
    int64_t created_at;
    int64_t updated_at;
};

struct pf_persona_version {
    int version;
    pf_id user_id; /* who made this version */
    char *title;
    char *summary;
    json_t *tags;
    json_t *data;
    pf_id base_cv_id;
    int64_t created_at;
};

/* Inserts persona (all fields set by the caller, version 1) and its first version row. */
PF_MUST_CHECK pf_status pf_store_persona_create(struct pf_store *store,
                                                const struct pf_persona *persona,
                                                struct pf_error *err);
/* PF_E_NOT_FOUND when absent or in another workspace. */
PF_MUST_CHECK pf_status pf_store_persona_get(struct pf_store *store, struct pf_arena *arena,
                                             pf_id workspace_id, pf_id id,
                                             struct pf_persona **out_persona,
                                             struct pf_error *err);
/* A page of the workspace's personas, newest first. *out_next is the cursor for the next page
 * (nil at the end). */
PF_MUST_CHECK pf_status pf_store_persona_list(struct pf_store *store, struct pf_arena *arena,
                                              pf_id workspace_id, struct pf_page page,
                                              struct pf_persona ***out_items, size_t *out_count,
                                              pf_id *out_next, struct pf_error *err);
/* Writes title, summary, tags, data and base_cv_id of persona as a new version, by user_id.
 * With expected_version > 0 the write only happens if the stored version still equals it,
 * else PF_E_PRECONDITION. On success persona->version and updated_at are the new values. */
PF_MUST_CHECK pf_status pf_store_persona_update(struct pf_store *store,
                                                struct pf_persona *persona, int expected_version,
                                                pf_id user_id, struct pf_error *err);
PF_MUST_CHECK pf_status pf_store_persona_delete(struct pf_store *store, pf_id workspace_id,
                                                pf_id id, struct pf_error *err);
/* Every version of a persona, newest first. */
PF_MUST_CHECK pf_status pf_store_persona_versions(struct pf_store *store, struct pf_arena *arena,
                                                  pf_id workspace_id, pf_id id,
                                                  struct pf_persona_version **out_versions,
                                                  size_t *out_count, struct pf_error *err);
/* The workspace's personas derived from cv_id (to show what a base-CV edit affects). */
PF_MUST_CHECK pf_status pf_store_persona_ids_for_cv(struct pf_store *store,
                                                    struct pf_arena *arena, pf_id workspace_id,
                                                    pf_id cv_id, pf_id **out_ids,
                                                    size_t *out_count, struct pf_error *err);

#endif
