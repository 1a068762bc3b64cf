/* Gap reports and tailoring over the store. */
#include "gap/gap_service.h"

#include <string.h>

#include "account/account.h"
#include "base/clock.h"
#include "gap/gap_tailor.h"
#include "persona/persona.h"
#include "kb/kb_question.h"
#include "kb/kb_service.h"
#include "store/store_kb.h"

static pf_status options_for(struct pf_app *app, struct pf_arena *arena, pf_id workspace_id,
                             struct pf_gap_options *opts, struct pf_error *err)
{
    memset(opts, 0, sizeof(*opts));
    struct pf_kb_row **entries = NULL;
    size_t count = 0;
    pf_status st = pf_persona_kb_confirmed(app, arena, workspace_id, &entries, &count, err);
    if (st != PF_OK)
        return st;
    opts->kb = app->kb;
    opts->kb_entries = entries;
    opts->kb_count = count;
    opts->spell_dictionary = app->config->spell_dictionary;
    opts->spellers = app->spellers;
    opts->now_ms = pf_time_now_ms();
    return PF_OK;
}

/* Inserts the report's questions through the knowledge-base service (so answers become
 * entries); returns what happened to each. */
static pf_status add_questions(struct pf_app *app, struct pf_arena *arena,
                               const struct pf_user *user, const json_t *questions, json_t *out,
                               struct pf_error *err)
{
    size_t i;
    json_t *q;
    json_array_foreach(questions, i, q) {
        const char *requirement = pf_json_get_str(q, "requirement");
        struct pf_kb_question question;
        if (!requirement ||
            pf_kb_question_for_requirement(app->kb, pf_str_from_cstr(requirement), arena,
                                           &question, err) != PF_OK)
            continue;
        bool created = false;
        pf_status st = pf_kb_service_add_question(app->store, arena, pf_user_workspace(user),
                                                  user->id, &question, &created, err);
        if (st != PF_OK)
            return st;
        json_array_append_new(out, json_pack("{s:s,s:s,s:s,s:s,s:b}", "key", question.key,
                                             "kind", pf_json_get_str(q, "kind"), "question",
                                             question.text, "requirement", requirement,
                                             "created", created));
    }
    return PF_OK;
}

pf_status pf_gap_report_create(struct pf_app *app, struct pf_arena *arena,
                               const struct pf_user *user, pf_id persona_id, const char *type,
                               const char *input_text, struct pf_gap_report **out_report,
                               struct pf_error *err)
{
    *out_report = NULL;
    bool role = strcmp(type, "role_specific") == 0;
    if (role && (!input_text || !*input_text))
        return pf_error_set_field(err, PF_E_VALIDATION, "input_text",
                                  "a role_specific report needs the job description");
    struct pf_persona *persona = NULL;
    json_t *effective = NULL;
    pf_status st = pf_persona_effective(app, arena, user, persona_id, &persona, &effective, err);
    if (st != PF_OK)
        return st;
    st = pf_account_check_limit(app, arena, user, PF_USAGE_REPORTS_MONTH, err);
    if (st != PF_OK)
        return st;
    struct pf_gap_options opts;
    st = options_for(app, arena, persona->workspace_id, &opts, err);
    if (st != PF_OK)
        return st;
    json_t *result = NULL;
    if (role)
        st = pf_gap_role(effective, input_text, strlen(input_text), &opts, &result, err);
    else
        st = pf_gap_general(effective, &opts, &result, err);
    if (st == PF_E_INVALID || st == PF_E_PARSE || st == PF_E_TOO_BIG)
        pf_error_set_field(err, st == PF_E_TOO_BIG ? st : PF_E_VALIDATION, "input_text", "%s",
                           pf_error_message(err));
    if (st == PF_E_INVALID || st == PF_E_PARSE)
        st = PF_E_VALIDATION;
    if (st != PF_OK)
        return st;
    pf_json_arena(arena, result);
    json_t *details = json_object_get(result, "details");
    json_t *asked = json_array();
    json_object_set_new(details, "questions", asked);
    st = add_questions(app, arena, user, json_object_get(result, "questions"), asked, err);
    if (st != PF_OK)
        return st;
    json_object_set_new(details, "persona_version", json_integer(persona->version));
    struct pf_gap_report *report = pf_arena_alloc(arena, sizeof(*report));
    report->id = pf_id_new();
    report->workspace_id = persona->workspace_id;
    report->user_id = user->id;
    report->persona_id = persona->id;
    report->type = role ? "role_specific" : "general";
    report->input_text = role ? (char *)input_text : NULL;
    report->issues = json_object_get(result, "issues");
    report->has_score = role;
    report->score = role ? json_number_value(json_object_get(result, "score")) : 0;
    report->details = details;
    report->created_at = pf_time_now_ms();
    st = pf_store_gap_create(app->store, report, err);
    if (st != PF_OK)
        return st;
    *out_report = report;
    return PF_OK;
}

pf_status pf_gap_report_compare(struct pf_app *app, struct pf_arena *arena,
                                const struct pf_user *user, pf_id id, pf_id other_id,
                                json_t **out_comparison, struct pf_error *err)
{
    *out_comparison = NULL;
    struct pf_gap_report *a = NULL;
    struct pf_gap_report *b = NULL;
    pf_status st = pf_store_gap_get(app->store, arena, pf_user_workspace(user), id, &a, err);
    if (st != PF_OK)
        return st;
    st = pf_store_gap_get(app->store, arena, pf_user_workspace(user), other_id, &b, err);
    if (st == PF_E_NOT_FOUND)
        return pf_error_set_field(err, PF_E_NOT_FOUND, "with", "no such gap report to compare");
    if (st != PF_OK)
        return st;
    bool a_first = a->created_at < b->created_at ||
                   (a->created_at == b->created_at && memcmp(&a->id, &b->id, sizeof(a->id)) < 0);
    const struct pf_gap_report *older = a_first ? a : b;
    const struct pf_gap_report *newer = a_first ? b : a;
    json_t *out = pf_gap_compare(older->issues, newer->issues);
    char older_id[PF_ID_STR_LEN], newer_id[PF_ID_STR_LEN];
    pf_id_format(older->id, older_id);
    pf_id_format(newer->id, newer_id);
    json_object_set_new(out, "older", json_string(older_id));
    json_object_set_new(out, "newer", json_string(newer_id));
    if (older->has_score && newer->has_score)
        json_object_set_new(out, "score_change", json_real(newer->score - older->score));
    *out_comparison = pf_json_arena(arena, out);
    return PF_OK;
}

pf_status pf_gap_tailor_persona(struct pf_app *app, struct pf_arena *arena,
                                const struct pf_user *user, pf_id persona_id,
                                const char *posting, json_t **out_proposal,
                                struct pf_error *err)
{
    *out_proposal = NULL;
    struct pf_persona *persona = NULL;
    json_t *effective = NULL;
    pf_status st = pf_persona_effective(app, arena, user, persona_id, &persona, &effective, err);
    if (st != PF_OK)
        return st;
    struct pf_gap_options opts;
    st = options_for(app, arena, persona->workspace_id, &opts, err);
    if (st != PF_OK)
        return st;
    json_t *proposal = NULL;
    st = pf_gap_tailor(effective, posting, strlen(posting), &opts, &proposal, err);
    if (st == PF_E_PARSE || st == PF_E_INVALID)
        st = pf_error_set_field(err, PF_E_VALIDATION, "job_description", "%s",
                                pf_error_message(err));
    if (st != PF_OK)
        return st;
    pf_json_arena(arena, proposal);
    json_t *data = pf_json_arena(arena, pf_gap_tailor_apply(persona->data,
                                                            json_object_get(proposal,
                                                                            "selection")));
    struct pf_persona preview_of = *persona;
    preview_of.data = data;
    json_t *preview = NULL;
    st = pf_persona_effective_of(app, arena, &preview_of, &preview, err);
    if (st != PF_OK)
        return st;
    json_object_set(proposal, "data", data);
    json_object_set(proposal, "preview", preview);
    json_object_set_new(proposal, "persona_version", json_integer(persona->version));
    *out_proposal = proposal;
    return PF_OK;
}
