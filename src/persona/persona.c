/* Persona CRUD rules over the store: plan limits, base-CV checks, versions. */
#include "persona/persona.h"

#include <string.h>

#include "account/account.h"
#include "base/clock.h"
#include "persona/persona_data.h"
#include "persona/persona_merge.h"
#include "store/store_cvs.h"

static pf_status load_base_cv(struct pf_app *app, struct pf_arena *arena,
                              const struct pf_user *user, pf_id cv_id, struct pf_cv **out_cv,
                              struct pf_error *err)
{
    pf_status st = pf_store_cv_get(app->store, arena, pf_user_workspace(user), cv_id, out_cv, err);
    if (st == PF_E_NOT_FOUND)
        return pf_error_set_field(err, PF_E_VALIDATION, "base_cv_id",
                                  "no such CV in your workspace");
    return st;
}

/* Checks data against the convention and the ids of the document it will apply to (base CV
 * + confirmed KB skills). Problems go to input->problems when given. */
static pf_status check_data(struct pf_app *app, struct pf_arena *arena, pf_id workspace_id,
                            const json_t *base, const struct pf_persona_input *input,
                            struct pf_error *err)
{
    json_t *plain = NULL;
    json_t *known = NULL;
    pf_status st = PF_OK;
    if (!input->skip_reference_check) {
        struct pf_kb_row **entries = NULL;
        size_t count = 0;
        st = pf_persona_kb_confirmed(app, arena, workspace_id, &entries, &count, err);
        if (st != PF_OK)
            return st;
        struct pf_persona_merge_input merge = {
            .base = base, .kb_entries = entries, .kb_count = count, .data = NULL,
            .kb = app->kb,
        };
        plain = pf_persona_merge(&merge);
        known = pf_persona_known_ids(plain);
    }
    json_t *details = json_array();
    bool ok = pf_persona_data_check(input->data, known, details);
    if (!ok) {
        const json_t *first = json_array_get(details, 0);
        st = pf_error_set_field(err, PF_E_VALIDATION, "data", "%s",
                                pf_json_get_str(first, "msg"));
        if (input->problems)
            json_array_extend(input->problems, details);
    }
    json_decref(details);
    json_decref(known);
    json_decref(plain);
    return st;
}

pf_status pf_persona_create(struct pf_app *app, struct pf_arena *arena,
                            const struct pf_user *user, const struct pf_persona_input *input,
                            struct pf_persona **out_persona, struct pf_error *err)
{
    *out_persona = NULL;
    pf_status st = pf_account_check_limit(app, arena, user, PF_USAGE_PERSONAS, err);
    if (st != PF_OK)
        return st;
    struct pf_persona *p = pf_arena_alloc(arena, sizeof(*p));
    p->id = pf_id_new();
    p->workspace_id = pf_user_workspace(user);
    p->user_id = user->id;
    p->title = (char *)input->title;
    p->summary = (char *)input->summary;
    p->tags = input->tags ? (json_t *)input->tags : pf_json_arena(arena, json_array());
    p->data = input->data ? (json_t *)input->data : pf_json_arena(arena, json_object());
    const json_t *base = NULL;
    if (input->has_base_cv && !pf_id_is_nil(input->base_cv_id)) {
        struct pf_cv *cv = NULL;
        st = load_base_cv(app, arena, user, input->base_cv_id, &cv, err);
        if (st != PF_OK)
            return st;
        p->base_cv_id = cv->id;
        base = cv->parsed_json;
        if (!p->title) {
            struct pf_kb_row **entries = NULL;
            size_t count = 0;
            st = pf_persona_kb_confirmed(app, arena, p->workspace_id, &entries, &count, err);
            if (st != PF_OK)
                return st;
            const char *title = NULL;
            const char *summary = NULL;
            json_t *tags = NULL;
            pf_persona_derive(arena, cv->parsed_json, cv->filename, entries, count, &title,
                              &summary, &tags);
            p->title = (char *)title;
            if (!p->summary && !input->clear_summary)
                p->summary = (char *)summary;
            if (!input->tags)
                p->tags = tags;
        }
    }
    if (input->data) {
        st = check_data(app, arena, p->workspace_id, base, input, err);
        if (st != PF_OK)
            return st;
    }
    if (!p->title)
        return pf_error_set_field(err, PF_E_VALIDATION, "title",
                                  "a title is required for a persona without a base CV");
    p->version = 1;
    p->created_at = p->updated_at = pf_time_now_ms();
    st = pf_store_persona_create(app->store, p, err);
    if (st != PF_OK)
        return st;
    *out_persona = p;
    return PF_OK;
}

/* One read-apply-write of an update (see pf_persona_update). */
static pf_status update_once(struct pf_app *app, struct pf_arena *arena,
                             const struct pf_user *user, pf_id id,
                             const struct pf_persona_input *input, int expected_version,
                             struct pf_persona **out_persona, struct pf_error *err)
{
    struct pf_persona *p = NULL;
    pf_status st = pf_store_persona_get(app->store, arena, pf_user_workspace(user), id, &p, err);
    if (st != PF_OK)
        return st;
    if (expected_version > 0 && p->version != expected_version)
        return pf_error_set(err, PF_E_PRECONDITION,
                            "the persona changed since it was read (now version %d)", p->version);
    if (input->title)
        p->title = (char *)input->title;
    if (input->summary || input->clear_summary)
        p->summary = (char *)input->summary;
    if (input->tags)
        p->tags = (json_t *)input->tags;
    if (input->data)
        p->data = (json_t *)input->data;
    const json_t *base = NULL;
    bool base_loaded = false;
    if (input->has_base_cv) {
        if (!pf_id_is_nil(input->base_cv_id)) {
            struct pf_cv *cv = NULL;
            st = load_base_cv(app, arena, user, input->base_cv_id, &cv, err);
            if (st != PF_OK)
                return st;
            base = cv->parsed_json;
        }
        base_loaded = true;
        p->base_cv_id = input->base_cv_id;
    }
    if (input->data) {
        if (!input->skip_reference_check && !base_loaded && !pf_id_is_nil(p->base_cv_id)) {
            struct pf_cv *cv = NULL;
            st = pf_store_cv_get(app->store, arena, p->workspace_id, p->base_cv_id, &cv, err);
            if (st == PF_OK)
                base = cv->parsed_json;
            else if (st != PF_E_NOT_FOUND)
                return st;
        }
        st = check_data(app, arena, p->workspace_id, base, input, err);
        if (st != PF_OK)
            return st;
    }
    p->updated_at = pf_time_now_ms();
    st = pf_store_persona_update(app->store, p, p->version, user->id, err);
    if (st != PF_OK)
        return st;
    *out_persona = p;
    return PF_OK;
}

#define UPDATE_ATTEMPTS 16

pf_status pf_persona_update(struct pf_app *app, struct pf_arena *arena,
                            const struct pf_user *user, pf_id id,
                            const struct pf_persona_input *input, int expected_version,
                            struct pf_persona **out_persona, struct pf_error *err)
{
    *out_persona = NULL;
    /* Without If-Match the caller asked for no precondition: an edit that raced another one is
     * applied again on the newer version (the last writer wins, as without versions). With
     * If-Match, a race is exactly what the caller wants to hear about. */
    pf_status st = PF_E_PRECONDITION;
    for (int attempt = 0; attempt < UPDATE_ATTEMPTS && st == PF_E_PRECONDITION; attempt++) {
        st = update_once(app, arena, user, id, input, expected_version, out_persona, err);
        if (expected_version > 0)
            break;
    }
    return st;
}

pf_status pf_persona_restore(struct pf_app *app, struct pf_arena *arena,
                             const struct pf_user *user, pf_id id, int version,
                             struct pf_persona **out_persona, struct pf_error *err)
{
    *out_persona = NULL;
    struct pf_persona_version *versions = NULL;
    size_t count = 0;
    pf_status st = pf_store_persona_versions(app->store, arena, pf_user_workspace(user), id,
                                             &versions, &count, err);
    if (st != PF_OK)
        return st;
    const struct pf_persona_version *wanted = NULL;
    for (size_t i = 0; i < count; i++) {
        if (versions[i].version == version)
            wanted = &versions[i];
    }
    if (!wanted)
        return pf_error_set(err, PF_E_NOT_FOUND, "no version %d of this persona", version);
    struct pf_persona_input input = {
        .title = wanted->title,
        .summary = wanted->summary,
        .clear_summary = wanted->summary == NULL,
        .tags = wanted->tags,
        .data = wanted->data,
        .base_cv_id = wanted->base_cv_id,
        .has_base_cv = true,
        .skip_reference_check = true,
    };
    /* A base CV deleted since that version cannot come back: keep the persona detached. */
    if (!pf_id_is_nil(wanted->base_cv_id)) {
        struct pf_cv *cv = NULL;
        if (pf_store_cv_get(app->store, arena, pf_user_workspace(user), wanted->base_cv_id, &cv,
                            err) != PF_OK)
            input.base_cv_id = (pf_id){{0}};
    }
    return pf_persona_update(app, arena, user, id, &input, 0, out_persona, err);
}

pf_status pf_persona_duplicate(struct pf_app *app, struct pf_arena *arena,
                               const struct pf_user *user, pf_id id,
                               struct pf_persona **out_persona, struct pf_error *err)
{
    *out_persona = NULL;
    struct pf_persona *p = NULL;
    pf_status st = pf_store_persona_get(app->store, arena, pf_user_workspace(user), id, &p, err);
    if (st != PF_OK)
        return st;
    struct pf_persona_input input = {
        .title = pf_arena_printf(arena, "%.190s (copy)", p->title),
        .summary = p->summary,
        .tags = p->tags,
        .data = p->data,
        .base_cv_id = p->base_cv_id,
        .has_base_cv = !pf_id_is_nil(p->base_cv_id),
        .skip_reference_check = true,
    };
    return pf_persona_create(app, arena, user, &input, out_persona, err);
}
