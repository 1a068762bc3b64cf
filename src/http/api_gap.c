/* /personas/{id}/gap-reports, /gap-reports/{id} (with compare) and /personas/{id}/tailor. */
#include <string.h>

#include "gap/gap_service.h"
#include "http/api_schemas.h"
#include "http/http_route.h"
#include "store/store_personas.h"

static const char *const report_types[] = {"general", "role_specific", NULL};
static const char *const severities[] = {"info", "low", "medium", "high", NULL};

static const struct pf_field pf_schema_gap_create_fields[] = {
    {"type", PF_FT_ENUM, PF_F_REQUIRED, 0, 0, report_types, NULL,
     "general: the rule catalogue (docs/gap-rules.md); role_specific: against input_text"},
    {"input_text", PF_FT_STRING, PF_F_NULLABLE, 0, 200000, NULL, NULL,
     "The job posting (required for role_specific)"},
};
PF_SCHEMA(pf_schema_gap_create, false, "A gap report to run.");

static const struct pf_field pf_schema_gap_issue_fields[] = {
    {"rule", PF_FT_STRING, PF_F_REQUIRED, 0, 0, NULL, NULL, "Rule id (docs/gap-rules.md)"},
    {"severity", PF_FT_ENUM, PF_F_REQUIRED, 0, 0, severities, NULL, NULL},
    {"field", PF_FT_STRING, PF_F_REQUIRED, 0, 0, NULL, NULL,
     "JSON Pointer (RFC 6901) into the effective persona; always resolves"},
    {"suggestion", PF_FT_STRING, PF_F_REQUIRED, 0, 0, NULL, NULL, "What to change"},
    {"message", PF_FT_STRING, PF_F_REQUIRED, 0, 0, NULL, NULL, "The rule's title"},
    {"key", PF_FT_STRING, PF_F_REQUIRED, 0, 0, NULL, NULL,
     "Stable identity of the issue across reports (for compare)"},
};
PF_SCHEMA(pf_schema_gap_issue, false, "One issue of a gap report.");

static const struct pf_field pf_schema_gap_report_fields[] = {
    {"id", PF_FT_UUID, PF_F_REQUIRED, 0, 0, NULL, NULL, NULL},
    {"persona_id", PF_FT_UUID, PF_F_REQUIRED, 0, 0, NULL, NULL, NULL},
    {"user_id", PF_FT_UUID, PF_F_REQUIRED, 0, 0, NULL, NULL, "Who ran it"},
    {"type", PF_FT_ENUM, PF_F_REQUIRED, 0, 0, report_types, NULL, NULL},
    {"input_text", PF_FT_STRING, PF_F_REQUIRED | PF_F_NULLABLE, 0, 0, NULL, NULL, NULL},
    {"issues", PF_FT_ARRAY, PF_F_REQUIRED, 0, 0, NULL, &pf_schema_gap_issue,
     "Most severe first"},
    {"score", PF_FT_NUMBER, PF_F_REQUIRED | PF_F_NULLABLE, 0, 100, NULL, NULL,
     "0..100 for role_specific reports (details.score has the components), else null"},
    {"details", PF_FT_OBJECT, PF_F_REQUIRED, 0, 0, NULL, NULL,
     "Measurements, score components, the parsed posting, questions asked"},
    {"created_at", PF_FT_DATETIME, PF_F_REQUIRED, 0, 0, NULL, NULL, NULL},
};
PF_SCHEMA(pf_schema_gap_report, false, "A gap report.");
PF_LIST_SCHEMA(pf_schema_gap_report_list, pf_schema_gap_report, "A page of gap reports.");

static const struct pf_field pf_schema_gap_compare_fields[] = {
    {"older", PF_FT_UUID, PF_F_REQUIRED, 0, 0, NULL, NULL, "The report created first"},
    {"newer", PF_FT_UUID, PF_F_REQUIRED, 0, 0, NULL, NULL, NULL},
    {"resolved", PF_FT_ARRAY, PF_F_REQUIRED, 0, 0, NULL, &pf_schema_gap_issue,
     "Issues of the older report that the newer one no longer has"},
    {"new", PF_FT_ARRAY, PF_F_REQUIRED, 0, 0, NULL, &pf_schema_gap_issue,
     "Issues only the newer report has"},
    {"unchanged", PF_FT_ARRAY, PF_F_REQUIRED, 0, 0, NULL, &pf_schema_gap_issue,
     "Issues both have (as the newer report words them)"},
    {"counts", PF_FT_OBJECT, PF_F_REQUIRED, 0, 0, NULL, NULL, "{resolved, new, unchanged}"},
    {"score_change", PF_FT_NUMBER, 0, 0, 0, NULL, NULL,
     "newer - older, when both are role_specific"},
};
PF_SCHEMA(pf_schema_gap_compare, false, "Two reports compared by issue key.");

static const struct pf_field pf_schema_tailor_fields[] = {
    {"job_description", PF_FT_STRING, PF_F_REQUIRED, 1, 200000, NULL, NULL,
     "The job posting to tailor the persona for"},
};
PF_SCHEMA(pf_schema_tailor, false, "A tailoring request.");

static const struct pf_field pf_schema_tailor_result_fields[] = {
    {"data", PF_FT_OBJECT, PF_F_REQUIRED, 0, 0, NULL, NULL,
     "The persona's data with the selection merged in: PATCH it to save"},
    {"selection", PF_FT_OBJECT, PF_F_REQUIRED, 0, 0, NULL, NULL,
     "$order of entries, bullets and skills by id (docs/internals/PERSONA.md)"},
    {"provenance", PF_FT_ARRAY, PF_F_REQUIRED, 0, 0, NULL, NULL,
     "Every kept item: {id, pointer, origin (cv:…, kb:…, persona), relevance, matched}"},
    {"dropped", PF_FT_ARRAY, PF_F_REQUIRED, 0, 0, NULL, NULL, "Left-out items with a reason"},
    {"posting", PF_FT_OBJECT, PF_F_REQUIRED, 0, 0, NULL, NULL, "The parsed posting"},
    {"preview", PF_FT_OBJECT, PF_F_REQUIRED, 0, 0, NULL, NULL,
     "The effective persona the data would give"},
    {"persona_version", PF_FT_INTEGER, PF_F_REQUIRED, 0, 0, NULL, NULL,
     "The version the proposal was made from (use it as If-Match)"},
};
PF_SCHEMA(pf_schema_tailor_result, false, "A tailoring proposal (not saved).");

static json_t *report_json(const struct pf_gap_report *r)
{
    return json_pack("{s:o,s:o,s:o,s:s,s:o,s:O,s:o,s:O,s:o}", "id", pf_json_id(r->id),
                     "persona_id", pf_json_id(r->persona_id), "user_id",
                     pf_json_id_or_null(r->user_id), "type", r->type, "input_text",
                     r->input_text ? json_string(r->input_text) : json_null(), "issues",
                     r->issues, "score", r->has_score ? json_real(r->score) : json_null(),
                     "details", r->details, "created_at", pf_json_time(r->created_at));
}

static pf_status respond_report(struct pf_resp *resp, const struct pf_gap_report *r, int status)
{
    json_t *out = report_json(r);
    pf_resp_json(resp, status, out);
    json_decref(out);
    return PF_OK;
}

/* A service validation error as a 422 on the body field it names. */
static pf_status respond_or_fail(struct pf_req *req, struct pf_resp *resp, pf_status st)
{
    if (st == PF_E_VALIDATION) {
        pf_resp_invalid(resp, "body", req->err.field[0] ? req->err.field : "input_text",
                        req->err.message, "value_error");
        return PF_OK;
    }
    return st;
}

pf_status api_gap_reports_create(struct pf_req *req, struct pf_resp *resp)
{
    pf_id persona_id;
    json_t *body = NULL;
    if (!pf_req_param_id_or_respond(req, resp, 0, "id", &persona_id) ||
        !pf_body_or_respond(req, resp, &pf_schema_gap_create, &body))
        return PF_OK;
    struct pf_gap_report *report = NULL;
    pf_status st = pf_gap_report_create(req->app, req->arena, req->user, persona_id,
                                        pf_json_get_str(body, "type"),
                                        pf_json_get_str(body, "input_text"), &report, &req->err);
    if (st != PF_OK)
        return respond_or_fail(req, resp, st);
    return respond_report(resp, report, 201);
}

pf_status api_gap_reports_list(struct pf_req *req, struct pf_resp *resp)
{
    pf_id persona_id;
    struct pf_page page;
    if (!pf_req_param_id_or_respond(req, resp, 0, "id", &persona_id) ||
        !pf_req_page_or_respond(req, resp, &page))
        return PF_OK;
    struct pf_persona *persona = NULL;
    pf_status st = pf_store_persona_get(req->app->store, req->arena, pf_req_workspace(req),
                                        persona_id, &persona, &req->err);
    if (st != PF_OK)
        return st;
    struct pf_gap_report **items = NULL;
    size_t count = 0;
    pf_id next;
    st = pf_store_gap_list(req->app->store, req->arena, pf_req_workspace(req), persona_id, page,
                           &items, &count, &next, &req->err);
    if (st != PF_OK)
        return st;
    json_t *list = json_array();
    for (size_t i = 0; i < count; i++)
        json_array_append_new(list, report_json(items[i]));
    json_t *out = pf_json_list(list, next);
    pf_resp_json(resp, 200, out);
    json_decref(out);
    return PF_OK;
}

pf_status api_gap_reports_get(struct pf_req *req, struct pf_resp *resp)
{
    pf_id id;
    if (!pf_req_param_id_or_respond(req, resp, 0, "id", &id))
        return PF_OK;
    struct pf_gap_report *report = NULL;
    pf_status st = pf_store_gap_get(req->app->store, req->arena, pf_req_workspace(req), id,
                                    &report, &req->err);
    if (st != PF_OK)
        return st;
    return respond_report(resp, report, 200);
}

pf_status api_gap_reports_delete(struct pf_req *req, struct pf_resp *resp)
{
    pf_id id;
    if (!pf_req_param_id_or_respond(req, resp, 0, "id", &id))
        return PF_OK;
    pf_status st = pf_store_gap_delete(req->app->store, pf_req_workspace(req), id, &req->err);
    if (st != PF_OK)
        return st;
    pf_resp_no_content(resp);
    return PF_OK;
}

pf_status api_gap_reports_compare(struct pf_req *req, struct pf_resp *resp)
{
    pf_id id;
    if (!pf_req_param_id_or_respond(req, resp, 0, "id", &id))
        return PF_OK;
    /* The report itself first: someone else's report is a 404 whatever the query says. */
    struct pf_gap_report *report = NULL;
    pf_status st = pf_store_gap_get(req->app->store, req->arena, pf_req_workspace(req), id,
                                    &report, &req->err);
    if (st != PF_OK)
        return st;
    const char *with = pf_req_query(req, "with");
    pf_id other;
    if (!with || !pf_id_parse(pf_str_from_cstr(with), &other)) {
        pf_resp_invalid(resp, "query", "with", "Input should be the id of another gap report",
                        "uuid_parsing");
        return PF_OK;
    }
    json_t *out = NULL;
    st = pf_gap_report_compare(req->app, req->arena, req->user, id, other, &out, &req->err);
    if (st != PF_OK)
        return st;
    pf_resp_json(resp, 200, out);
    return PF_OK;
}

pf_status api_personas_tailor(struct pf_req *req, struct pf_resp *resp)
{
    pf_id id;
    json_t *body = NULL;
    if (!pf_req_param_id_or_respond(req, resp, 0, "id", &id) ||
        !pf_body_or_respond(req, resp, &pf_schema_tailor, &body))
        return PF_OK;
    json_t *out = NULL;
    pf_status st = pf_gap_tailor_persona(req->app, req->arena, req->user, id,
                                         pf_json_get_str(body, "job_description"), &out,
                                         &req->err);
    if (st != PF_OK)
        return respond_or_fail(req, resp, st);
    pf_resp_json(resp, 200, out);
    return PF_OK;
}
