/* /kb: knowledge-base entries (list, filter, create, edit, confirm, reject, delete) and
 * clarifying questions (list, answer, dismiss). */
#include <string.h>

#include "base/clock.h"
#include "http/api_schemas.h"
#include "http/http_route.h"
#include "kb/kb_service.h"

static const char *const entry_types[] = {"skill",      "tool",      "domain", "soft_skill",
                                          "preference", "seniority", "fact",   NULL};
static const char *const sources[] = {"cv", "user_answer", "ai_extraction", NULL};
static const char *const kinds[] = {"free_text", "yes_no", "choice", "years", "date", NULL};
static const char *const question_statuses[] = {"open", "answered", "dismissed", NULL};

static const struct pf_field pf_schema_kb_entry_fields[] = {
    {"id", PF_FT_UUID, PF_F_REQUIRED, 0, 0, NULL, NULL, NULL},
    {"user_id", PF_FT_UUID, PF_F_REQUIRED, 0, 0, NULL, NULL, NULL},
    {"type", PF_FT_ENUM, PF_F_REQUIRED, 0, 0, entry_types, NULL, NULL},
    {"value", PF_FT_STRING, PF_F_REQUIRED, 0, 0, NULL, NULL, NULL},
    {"normalized_value", PF_FT_STRING, PF_F_REQUIRED, 0, 0, NULL, NULL,
     "The dedupe key within the workspace, with type"},
    {"source", PF_FT_ENUM, PF_F_REQUIRED, 0, 0, sources, NULL,
     "cv: found in a CV; user_answer: said by the user; ai_extraction: inferred"},
    {"confidence", PF_FT_NUMBER, PF_F_REQUIRED, 0, 1, NULL, NULL, NULL},
    {"evidence", PF_FT_ARRAY, PF_F_REQUIRED, 0, 0, NULL, NULL,
     "Where it came from: {cv_id, field, start, end, snippet} items"},
    {"details", PF_FT_OBJECT, PF_F_REQUIRED, 0, 0, NULL, NULL,
     "years of use, last_used, implied_by, level …"},
    {"confirmed", PF_FT_BOOLEAN, PF_F_REQUIRED, 0, 0, NULL, NULL,
     "false for inferences the user has not confirmed"},
    {"rejected", PF_FT_BOOLEAN, PF_F_REQUIRED, 0, 0, NULL, NULL, NULL},
    {"created_at", PF_FT_DATETIME, PF_F_REQUIRED, 0, 0, NULL, NULL, NULL},
    {"updated_at", PF_FT_DATETIME, PF_F_REQUIRED, 0, 0, NULL, NULL, NULL},
};
PF_SCHEMA(pf_schema_kb_entry, false, "A knowledge-base entry.");
PF_LIST_SCHEMA(pf_schema_kb_entry_list, pf_schema_kb_entry, "A page of knowledge-base entries.");

static const struct pf_field pf_schema_kb_entry_create_fields[] = {
    {"type", PF_FT_ENUM, PF_F_REQUIRED, 0, 0, entry_types, NULL, NULL},
    {"value", PF_FT_STRING, PF_F_REQUIRED, 1, 500, NULL, NULL, NULL},
    {"details", PF_FT_OBJECT, 0, 0, 0, NULL, NULL, "e.g. {\"years\": 3}"},
};
PF_SCHEMA(pf_schema_kb_entry_create, false, "An entry stated by the user.");

static const struct pf_field pf_schema_kb_entry_update_fields[] = {
    {"type", PF_FT_ENUM, 0, 0, 0, entry_types, NULL, NULL},
    {"value", PF_FT_STRING, 0, 1, 500, NULL, NULL, NULL},
    {"details", PF_FT_OBJECT, 0, 0, 0, NULL, NULL, NULL},
    {"confirmed", PF_FT_BOOLEAN, 0, 0, 0, NULL, NULL, NULL},
    {"rejected", PF_FT_BOOLEAN, 0, 0, 0, NULL, NULL, NULL},
};
PF_SCHEMA(pf_schema_kb_entry_update, false, "Changes to an entry.");

static const struct pf_field pf_schema_kb_question_fields[] = {
    {"id", PF_FT_UUID, PF_F_REQUIRED, 0, 0, NULL, NULL, NULL},
    {"kind", PF_FT_ENUM, PF_F_REQUIRED, 0, 0, kinds, NULL, "What kind of answer it takes"},
    {"question", PF_FT_STRING, PF_F_REQUIRED, 0, 0, NULL, NULL, NULL},
    {"options", PF_FT_STRING_LIST, PF_F_REQUIRED | PF_F_NULLABLE, 0, 0, NULL, NULL,
     "The accepted answers of a choice"},
    {"topic", PF_FT_OBJECT, PF_F_REQUIRED, 0, 0, NULL, NULL,
     "What it is about: reason, field, topic, bounds"},
    {"status", PF_FT_ENUM, PF_F_REQUIRED, 0, 0, question_statuses, NULL, NULL},
    {"answer", PF_FT_STRING, PF_F_REQUIRED | PF_F_NULLABLE, 0, 0, NULL, NULL, NULL},
    {"created_at", PF_FT_DATETIME, PF_F_REQUIRED, 0, 0, NULL, NULL, NULL},
    {"answered_at", PF_FT_DATETIME, PF_F_REQUIRED | PF_F_NULLABLE, 0, 0, NULL, NULL, NULL},
};
PF_SCHEMA(pf_schema_kb_question, false, "A clarifying question.");
PF_LIST_SCHEMA(pf_schema_kb_question_list, pf_schema_kb_question, "A page of questions.");

static const struct pf_field pf_schema_kb_answered_fields[] = {
    {"question", PF_FT_OBJECT, PF_F_REQUIRED, 0, 0, NULL, &pf_schema_kb_question, NULL},
    {"entries", PF_FT_ARRAY, PF_F_REQUIRED, 0, 0, NULL, &pf_schema_kb_entry,
     "The entries the answer added or changed"},
};
PF_SCHEMA(pf_schema_kb_answered, false, "A question after its answer or dismissal.");

static const struct pf_field pf_schema_kb_answer_fields[] = {
    {"answer", PF_FT_ANY, PF_F_REQUIRED, 0, 0, NULL, NULL,
     "Of the question's kind: text, true/false, one of options, a number of years (or "
     "{years, where}), or a YYYY-MM[-DD] date"},
};
PF_SCHEMA(pf_schema_kb_answer, false, "An answer to a clarifying question.");

static json_t *entry_json(const struct pf_kb_row *e)
{
    return json_pack("{s:o,s:o,s:s,s:s,s:s,s:s,s:f,s:O,s:O,s:b,s:b,s:o,s:o}", "id",
                     pf_json_id(e->id), "user_id", pf_json_id(e->user_id), "type", e->type,
                     "value", e->value, "normalized_value", e->normalized_value, "source",
                     e->source, "confidence", e->confidence, "evidence",
                     e->evidence ? e->evidence : json_array(), "details",
                     e->details ? e->details : json_object(), "confirmed", e->confirmed,
                     "rejected", e->rejected, "created_at", pf_json_time(e->created_at),
                     "updated_at", pf_json_time(e->updated_at));
}

static json_t *question_json(const struct pf_kb_question_row *q)
{
    return json_pack("{s:o,s:s,s:s,s:O,s:O,s:s,s:o,s:o,s:o}", "id", pf_json_id(q->id), "kind",
                     q->kind, "question", q->question, "options",
                     q->options ? q->options : json_null(), "topic",
                     q->topic ? q->topic : json_object(), "status", q->status, "answer",
                     q->answer ? json_string(q->answer) : json_null(), "created_at",
                     pf_json_time(q->created_at), "answered_at",
                     q->answered_at ? pf_json_time(q->answered_at) : json_null());
}

/* A kb-service validation error becomes a 422 on the field it names. */
static pf_status respond_or_fail(struct pf_req *req, struct pf_resp *resp, pf_status st)
{
    if (st == PF_E_VALIDATION) {
        pf_resp_invalid(resp, "body", req->err.field[0] ? req->err.field : "answer",
                        req->err.message, "value_error");
        return PF_OK;
    }
    return st;
}

static bool filter_or_respond(struct pf_req *req, struct pf_resp *resp,
                              struct pf_kb_filter *filter)
{
    memset(filter, 0, sizeof(*filter));
    filter->confirmed = -1;
    filter->type = pf_req_query(req, "type");
    filter->source = pf_req_query(req, "source");
    const char *confirmed = pf_req_query(req, "confirmed");
    const char *rejected = pf_req_query(req, "include_rejected");
    struct {
        const char *value;
        const char *name;
        const char *const *choices;
    } checks[] = {{filter->type, "type", entry_types}, {filter->source, "source", sources}};
    for (size_t i = 0; i < PF_ARRAY_LEN(checks); i++) {
        if (!checks[i].value)
            continue;
        bool ok = false;
        for (const char *const *c = checks[i].choices; *c && !ok; c++)
            ok = strcmp(*c, checks[i].value) == 0;
        if (!ok)
            return pf_resp_invalid(resp, "query", checks[i].name, "Input is not an allowed value",
                                   "enum");
    }
    if (confirmed) {
        if (strcmp(confirmed, "true") != 0 && strcmp(confirmed, "false") != 0)
            return pf_resp_invalid(resp, "query", "confirmed", "Input should be true or false",
                                   "bool_parsing");
        filter->confirmed = strcmp(confirmed, "true") == 0;
    }
    filter->with_rejected = rejected && strcmp(rejected, "true") == 0;
    return true;
}

pf_status api_kb_entries_list(struct pf_req *req, struct pf_resp *resp)
{
    struct pf_page page;
    struct pf_kb_filter filter;
    if (!pf_req_page_or_respond(req, resp, &page) || !filter_or_respond(req, resp, &filter))
        return PF_OK;
    struct pf_kb_row **items = NULL;
    size_t count = 0;
    pf_id next;
    pf_status st = pf_store_kb_list(req->app->store, req->arena, pf_req_workspace(req), &filter,
                                    page, &items, &count, &next, &req->err);
    if (st != PF_OK)
        return st;
    json_t *list = json_array();
    for (size_t i = 0; i < count; i++)
        json_array_append_new(list, entry_json(items[i]));
    json_t *out = pf_json_list(list, next);
    pf_resp_json(resp, 200, out);
    json_decref(out);
    return PF_OK;
}

static pf_status respond_entry(struct pf_resp *resp, const struct pf_kb_row *e, int status)
{
    json_t *out = entry_json(e);
    pf_resp_json(resp, status, out);
    json_decref(out);
    return PF_OK;
}

pf_status api_kb_entries_create(struct pf_req *req, struct pf_resp *resp)
{
    json_t *body = NULL;
    if (!pf_body_or_respond(req, resp, &pf_schema_kb_entry_create, &body))
        return PF_OK;
    int64_t now = pf_time_now_ms();
    struct pf_kb_row row = {.id = pf_id_new(), .workspace_id = pf_req_workspace(req),
                            .user_id = req->user->id, .source = "user_answer", .confidence = 1,
                            .confirmed = true, .created_at = now, .updated_at = now};
    row.details = json_object_get(body, "details");
    pf_status st = pf_kb_service_prepare_entry(req->arena, pf_json_get_str(body, "type"),
                                               pf_json_get_str(body, "value"), &row, &req->err);
    if (st == PF_OK)
        st = pf_store_kb_create(req->app->store, &row, &req->err);
    if (st != PF_OK)
        return respond_or_fail(req, resp, st);
    return respond_entry(resp, &row, 201);
}

pf_status api_kb_entries_get(struct pf_req *req, struct pf_resp *resp)
{
    pf_id id;
    if (!pf_req_param_id_or_respond(req, resp, 0, "id", &id))
        return PF_OK;
    struct pf_kb_row *e = NULL;
    pf_status st = pf_store_kb_get(req->app->store, req->arena, pf_req_workspace(req), id, &e,
                                   &req->err);
    if (st != PF_OK)
        return st;
    return respond_entry(resp, e, 200);
}

/* A user's edit: a PATCH body, or without one a decision (confirm or reject). Whatever the
 * user touches becomes theirs. Applied to the stored entry under the store's KB lock
 * (pf_store_kb_update), so a CV's merge landing meanwhile keeps its evidence. */
struct entry_edit {
    json_t *body;
    bool confirm;
};

static pf_status apply_edit(void *ctx, struct pf_arena *arena, struct pf_kb_row *e,
                            struct pf_error *err)
{
    const struct entry_edit *edit = ctx;
    e->updated_at = pf_time_now_ms();
    if (!edit->body) {
        e->confirmed = edit->confirm;
        e->rejected = !edit->confirm;
        return PF_OK;
    }
    const char *type = pf_json_get_str(edit->body, "type");
    const char *value = pf_json_get_str(edit->body, "value");
    if (type || value) {
        pf_status st = pf_kb_service_prepare_entry(arena, type ? type : e->type,
                                                   value ? value : e->value, e, err);
        if (st != PF_OK)
            return st;
        e->source = "user_answer";
        e->confirmed = true;
    }
    if (json_object_get(edit->body, "details"))
        e->details = json_object_get(edit->body, "details");
    e->confirmed = pf_json_get_bool(edit->body, "confirmed", e->confirmed);
    e->rejected = pf_json_get_bool(edit->body, "rejected", e->rejected);
    return PF_OK;
}

/* Edits the entry named in the path; with edit->body NULL the request has no body. */
static pf_status save_edit(struct pf_req *req, struct pf_resp *resp, struct entry_edit *edit,
                           const struct pf_schema *schema)
{
    pf_id id;
    if (!pf_req_param_id_or_respond(req, resp, 0, "id", &id) ||
        (schema && !pf_body_or_respond(req, resp, schema, &edit->body)))
        return PF_OK;
    struct pf_kb_row *e = NULL;
    pf_status st = pf_store_kb_update(req->app->store, req->arena, pf_req_workspace(req), id,
                                      apply_edit, edit, &e, &req->err);
    if (st != PF_OK)
        return respond_or_fail(req, resp, st);
    return respond_entry(resp, e, 200);
}

pf_status api_kb_entries_update(struct pf_req *req, struct pf_resp *resp)
{
    return save_edit(req, resp, &(struct entry_edit){0}, &pf_schema_kb_entry_update);
}

pf_status api_kb_entries_confirm(struct pf_req *req, struct pf_resp *resp)
{
    return save_edit(req, resp, &(struct entry_edit){.confirm = true}, NULL);
}

pf_status api_kb_entries_reject(struct pf_req *req, struct pf_resp *resp)
{
    return save_edit(req, resp, &(struct entry_edit){.confirm = false}, NULL);
}

pf_status api_kb_entries_delete(struct pf_req *req, struct pf_resp *resp)
{
    pf_id id;
    if (!pf_req_param_id_or_respond(req, resp, 0, "id", &id))
        return PF_OK;
    pf_status st = pf_store_kb_delete(req->app->store, pf_req_workspace(req), id, &req->err);
    if (st != PF_OK)
        return st;
    pf_resp_no_content(resp);
    return PF_OK;
}

pf_status api_kb_questions_list(struct pf_req *req, struct pf_resp *resp)
{
    struct pf_page page;
    if (!pf_req_page_or_respond(req, resp, &page))
        return PF_OK;
    const char *status = pf_req_query(req, "status");
    bool known = !status;
    for (const char *const *s = question_statuses; status && *s && !known; s++)
        known = strcmp(*s, status) == 0;
    if (!known) {
        pf_resp_invalid(resp, "query", "status", "Input should be open, answered or dismissed",
                        "enum");
        return PF_OK;
    }
    struct pf_kb_question_row **items = NULL;
    size_t count = 0;
    pf_id next;
    pf_status st = pf_store_kb_question_list(req->app->store, req->arena, pf_req_workspace(req),
                                             status, page, &items, &count, &next, &req->err);
    if (st != PF_OK)
        return st;
    json_t *list = json_array();
    for (size_t i = 0; i < count; i++)
        json_array_append_new(list, question_json(items[i]));
    json_t *out = pf_json_list(list, next);
    pf_resp_json(resp, 200, out);
    json_decref(out);
    return PF_OK;
}

static pf_status respond_question(struct pf_req *req, struct pf_resp *resp, pf_id id,
                                  json_t *entries)
{
    struct pf_kb_question_row *q = NULL;
    pf_status st = pf_store_kb_question_get(req->app->store, req->arena, pf_req_workspace(req),
                                            id, &q, &req->err);
    if (st != PF_OK) {
        json_decref(entries);
        return st;
    }
    json_t *out = json_pack("{s:o,s:o}", "question", question_json(q), "entries", entries);
    pf_resp_json(resp, 200, out);
    json_decref(out);
    return PF_OK;
}

pf_status api_kb_questions_answer(struct pf_req *req, struct pf_resp *resp)
{
    pf_id id;
    json_t *body = NULL;
    if (!pf_req_param_id_or_respond(req, resp, 0, "id", &id) ||
        !pf_body_or_respond(req, resp, &pf_schema_kb_answer, &body))
        return PF_OK;
    struct pf_kb_row **entries = NULL;
    size_t count = 0;
    pf_status st = pf_kb_service_answer(req->app->store, req->app->kb, req->arena,
                                        pf_req_workspace(req), req->user->id, id,
                                        json_object_get(body, "answer"), &entries, &count,
                                        &req->err);
    if (st != PF_OK)
        return respond_or_fail(req, resp, st);
    json_t *list = json_array();
    for (size_t i = 0; i < count; i++)
        json_array_append_new(list, entry_json(entries[i]));
    return respond_question(req, resp, id, list);
}

pf_status api_kb_questions_dismiss(struct pf_req *req, struct pf_resp *resp)
{
    pf_id id;
    if (!pf_req_param_id_or_respond(req, resp, 0, "id", &id))
        return PF_OK;
    pf_status st = pf_store_kb_question_close(req->app->store, pf_req_workspace(req), id, NULL,
                                              NULL, 0, pf_time_now_ms(), &req->err);
    if (st != PF_OK)
        return st;
    return respond_question(req, resp, id, json_array());
}
