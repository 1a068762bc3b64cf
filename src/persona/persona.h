/* Personas as a service: creation (blank or from a base CV), edits with versions and
 * optimistic concurrency, restore and duplicate, within the caller's workspace and plan. */
#ifndef PF_PERSONA_PERSONA_H
#define PF_PERSONA_PERSONA_H

#include "app/app.h"
#include "store/store.h"
#include "store/store_kb.h"
#include "store/store_personas.h"

/* Fields of a create or an edit. NULL pointers (and a nil base_cv_id with has_base_cv false)
 * mean "not given". Borrowed for the call. */
struct pf_persona_input {
    const char *title;
    const char *summary;
    bool clear_summary; /* summary: null */
    const json_t *tags; /* array of strings */
    const json_t *data; /* object */
    pf_id base_cv_id;
    bool has_base_cv;   /* base_cv_id was given (nil: detach) */
    bool skip_reference_check; /* check only data's shape, not that its ids exist (restore,
                                  duplicate: the base may have moved on since) */
    json_t *problems;   /* when not NULL, PF_E_VALIDATION of data appends every problem here
                           ({loc, msg, type}); else only the first is in err */
};

/* Creates a persona in user's workspace. With a base CV and no title, the title (and a
 * missing summary and tags) are derived from the CV (pf_persona_derive). data is checked
 * against the override convention and the base document's ids (PF_E_VALIDATION). PF_E_PLAN_LIMIT past the plan;
 * PF_E_VALIDATION (err->field) when the title is missing without a base CV or the CV is not in
 * the workspace. */
PF_MUST_CHECK pf_status pf_persona_create(struct pf_app *app, struct pf_arena *arena,
                                          const struct pf_user *user,
                                          const struct pf_persona_input *input,
                                          struct pf_persona **out_persona, struct pf_error *err);
/* Applies the given fields as a new version. expected_version > 0: PF_E_PRECONDITION when the
 * persona moved on. */
PF_MUST_CHECK pf_status pf_persona_update(struct pf_app *app, struct pf_arena *arena,
                                          const struct pf_user *user, pf_id id,
                                          const struct pf_persona_input *input,
                                          int expected_version, struct pf_persona **out_persona,
                                          struct pf_error *err);
/* The effective persona of id (base CV + confirmed KB skills + data; pf_persona_merge) as a
 * JSON Resume document tied to arena, with meta.personaforge also naming the persona, its
 * version and base CV. *out_persona (may be NULL) receives the persona row. A base CV deleted
 * or not yet parsed counts as an empty base. */
PF_MUST_CHECK pf_status pf_persona_effective(struct pf_app *app, struct pf_arena *arena,
                                             const struct pf_user *user, pf_id id,
                                             struct pf_persona **out_persona, json_t **out_doc,
                                             struct pf_error *err);
/* The same for a persona row already read (or about to be written). */
PF_MUST_CHECK pf_status pf_persona_effective_of(struct pf_app *app, struct pf_arena *arena,
                                                const struct pf_persona *persona,
                                                json_t **out_doc, struct pf_error *err);
/* The workspace's confirmed, not rejected knowledge-base entries (at most
 * PF_PERSONA_KB_MAX), arena-owned. */
#define PF_PERSONA_KB_MAX 5000
PF_MUST_CHECK pf_status pf_persona_kb_confirmed(struct pf_app *app, struct pf_arena *arena,
                                                pf_id workspace_id,
                                                struct pf_kb_row ***out_entries,
                                                size_t *out_count, struct pf_error *err);

/* Title, summary and tags derived from a base CV: the label or the latest position; the
 * summary; the strongest skills (from kb_entries when any, else the CV's skills section,
 * ranked by level and by how many experiences mention them). Strings are arena copies;
 * *out_tags is an arena-tied array of at most 8 strings. */
void pf_persona_derive(struct pf_arena *arena, const json_t *resume, const char *filename,
                       struct pf_kb_row *const *kb_entries, size_t kb_count,
                       const char **out_title, const char **out_summary, json_t **out_tags);

/* Makes version's content current again, as a new version. */
PF_MUST_CHECK pf_status pf_persona_restore(struct pf_app *app, struct pf_arena *arena,
                                           const struct pf_user *user, pf_id id, int version,
                                           struct pf_persona **out_persona, struct pf_error *err);
/* A copy titled "<title> (copy)", subject to the plan. */
PF_MUST_CHECK pf_status pf_persona_duplicate(struct pf_app *app, struct pf_arena *arena,
                                             const struct pf_user *user, pf_id id,
                                             struct pf_persona **out_persona,
                                             struct pf_error *err);

#endif
