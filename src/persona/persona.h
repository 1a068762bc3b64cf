/* Personas as a service: creation (blank or from a base CV), edits with versions and
 * optimistic concurrency, restore and duplicate, within the caller's workspace and plan. */
#ifndef PF_PERSONA_PERSONA_H
#define PF_PERSONA_PERSONA_H

#include "app/app.h"
#include "store/store.h"
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
};

/* Creates a persona in user's workspace. With a base CV and no title, the title (and a
 * missing summary and tags) are derived from the CV. PF_E_PLAN_LIMIT past the plan;
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
