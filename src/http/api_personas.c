/* /personas: CRUD with ETag/If-Match, versions, restore and duplicate. */
#include <stdlib.h>
#include <string.h>

#include "http/api_schemas.h"
#include "http/http_route.h"
#include "persona/persona.h"

static const struct pf_field pf_schema_persona_create_fields[] = {
    {"title", PF_FT_STRING, 0, 1, 200, NULL, NULL,
     "Required unless base_cv_id is given (then derived from the CV)"},
    {"summary", PF_FT_STRING, PF_F_NULLABLE, 0, 5000, NULL, NULL, NULL},
    {"tags", PF_FT_STRING_LIST, 0, 0, 50, NULL, NULL, "Up to 50 tags of up to 100 characters"},
    {"data", PF_FT_OBJECT, 0, 0, 0, NULL, NULL,
     "Overrides over the base CV: a JSON Merge Patch of the JSON Resume document, where a "
     "section may also be an object selecting, ordering and overriding entries by id "
     "(docs/internals/PERSONA.md)"},
    {"base_cv_id", PF_FT_UUID, PF_F_NULLABLE, 0, 0, NULL, NULL, "The CV this persona derives from"},
};
PF_SCHEMA(pf_schema_persona_create, false, "A new persona.");

static const struct pf_field pf_schema_persona_update_fields[] = {
    {"title", PF_FT_STRING, 0, 1, 200, NULL, NULL, NULL},
    {"summary", PF_FT_STRING, PF_F_NULLABLE, 0, 5000, NULL, NULL, NULL},
    {"tags", PF_FT_STRING_LIST, 0, 0, 50, NULL, NULL, NULL},
    {"data", PF_FT_OBJECT, 0, 0, 0, NULL, NULL, NULL},
    {"base_cv_id", PF_FT_UUID, PF_F_NULLABLE, 0, 0, NULL, NULL, "null detaches the base CV"},
};
PF_SCHEMA(pf_schema_persona_update, false, "Changes to a persona; absent fields stay as they are.");

static const struct pf_field pf_schema_persona_fields[] = {
    {"id", PF_FT_UUID, PF_F_REQUIRED, 0, 0, NULL, NULL, NULL},
    {"user_id", PF_FT_UUID, PF_F_REQUIRED, 0, 0, NULL, NULL, "Who created it"},
    {"title", PF_FT_STRING, PF_F_REQUIRED, 0, 0, NULL, NULL, NULL},
    {"summary", PF_FT_STRING, PF_F_REQUIRED | PF_F_NULLABLE, 0, 0, NULL, NULL, NULL},
    {"tags", PF_FT_STRING_LIST, PF_F_REQUIRED, 0, 0, NULL, NULL, NULL},
    {"data", PF_FT_OBJECT, PF_F_REQUIRED, 0, 0, NULL, NULL, NULL},
    {"base_cv_id", PF_FT_UUID, PF_F_REQUIRED | PF_F_NULLABLE, 0, 0, NULL, NULL, NULL},
    {"version", PF_FT_INTEGER, PF_F_REQUIRED, 0, 0, NULL, NULL, "Also the ETag"},
    {"created_at", PF_FT_DATETIME, PF_F_REQUIRED, 0, 0, NULL, NULL, NULL},
    {"updated_at", PF_FT_DATETIME, PF_F_REQUIRED, 0, 0, NULL, NULL, NULL},
};
PF_SCHEMA(pf_schema_persona, false, "A persona.");
PF_LIST_SCHEMA(pf_schema_persona_list, pf_schema_persona, "A page of personas.");

static const struct pf_field pf_schema_persona_version_fields[] = {
    {"version", PF_FT_INTEGER, PF_F_REQUIRED, 0, 0, NULL, NULL, NULL},
    {"user_id", PF_FT_UUID, PF_F_REQUIRED | PF_F_NULLABLE, 0, 0, NULL, NULL, "Who saved it"},
    {"title", PF_FT_STRING, PF_F_REQUIRED, 0, 0, NULL, NULL, NULL},
    {"summary", PF_FT_STRING, PF_F_REQUIRED | PF_F_NULLABLE, 0, 0, NULL, NULL, NULL},
    {"tags", PF_FT_STRING_LIST, PF_F_REQUIRED, 0, 0, NULL, NULL, NULL},
    {"data", PF_FT_OBJECT, PF_F_REQUIRED, 0, 0, NULL, NULL, NULL},
    {"base_cv_id", PF_FT_UUID, PF_F_REQUIRED | PF_F_NULLABLE, 0, 0, NULL, NULL, NULL},
    {"created_at", PF_FT_DATETIME, PF_F_REQUIRED, 0, 0, NULL, NULL, NULL},
};
PF_SCHEMA(pf_schema_persona_version, false, "A saved version of a persona.");
PF_LIST_SCHEMA(pf_schema_persona_version_list, pf_schema_persona_version,
               "Every version of a persona, newest first.");

static json_t *persona_json(const struct pf_persona *p)
{
    return json_pack("{s:o,s:o,s:s,s:o,s:O,s:O,s:o,s:i,s:o,s:o}", "id", pf_json_id(p->id),
                     "user_id", pf_json_id(p->user_id), "title", p->title, "summary",
                     p->summary ? json_string(p->summary) : json_null(), "tags", p->tags, "data",
                     p->data, "base_cv_id", pf_json_id_or_null(p->base_cv_id), "version",
                     p->version, "created_at", pf_json_time(p->created_at), "updated_at",
                     pf_json_time(p->updated_at));
}

static pf_status respond_persona(struct pf_req *req, struct pf_resp *resp,
                                 const struct pf_persona *p, int status)
{
    json_t *out = persona_json(p);
    pf_resp_json(resp, status, out);
    json_decref(out);
    pf_resp_header(resp, "ETag", pf_arena_printf(req->arena, "\"%d\"", p->version));
    return PF_OK;
}

/* The fields of a create/update body, already validated against its schema. */
static void input_from_body(const json_t *body, struct pf_persona_input *input)
{
    memset(input, 0, sizeof(*input));
    input->title = pf_json_get_str(body, "title");
    input->summary = pf_json_get_str(body, "summary");
    input->clear_summary = json_is_null(json_object_get(body, "summary"));
    input->tags = json_object_get(body, "tags");
    input->data = json_object_get(body, "data");
    const json_t *base = json_object_get(body, "base_cv_id");
    input->has_base_cv = base != NULL;
    if (json_is_string(base) &&
        !pf_id_parse(pf_str_from_cstr(json_string_value(base)), &input->base_cv_id))
        input->base_cv_id = (pf_id){{0}};
}

/* A persona-service validation error, as a 422 on the body field it names (or with every
 * problem of data, located). */
static pf_status respond_or_fail(struct pf_req *req, struct pf_resp *resp, pf_status st,
                                 const json_t *problems)
{
    if (st == PF_E_VALIDATION && json_array_size(problems) > 0) {
        pf_resp_error(resp, PF_E_VALIDATION, "the persona data does not follow the override "
                      "convention", problems, NULL);
        return PF_OK;
    }
    if (st == PF_E_VALIDATION) {
        pf_resp_invalid(resp, "body", req->err.field, req->err.message, "value_error");
        return PF_OK;
    }
    return st;
}

pf_status api_personas_list(struct pf_req *req, struct pf_resp *resp)
{
    struct pf_page page;
    if (!pf_req_page_or_respond(req, resp, &page))
        return PF_OK;
    struct pf_persona **items = NULL;
    size_t count = 0;
    pf_id next;
    pf_status st = pf_store_persona_list(req->app->store, req->arena, pf_req_workspace(req), page,
                                         &items, &count, &next, &req->err);
    if (st != PF_OK)
        return st;
    json_t *list = json_array();
    for (size_t i = 0; i < count; i++)
        json_array_append_new(list, persona_json(items[i]));
    json_t *out = pf_json_list(list, next);
    pf_resp_json(resp, 200, out);
    json_decref(out);
    return PF_OK;
}

pf_status api_personas_create(struct pf_req *req, struct pf_resp *resp)
{
    json_t *body = NULL;
    if (!pf_body_or_respond(req, resp, &pf_schema_persona_create, &body))
        return PF_OK;
    struct pf_persona_input input;
    input_from_body(body, &input);
    input.problems = pf_json_arena(req->arena, json_array());
    struct pf_persona *p = NULL;
    pf_status st = pf_persona_create(req->app, req->arena, req->user, &input, &p, &req->err);
    if (st != PF_OK)
        return respond_or_fail(req, resp, st, input.problems);
    return respond_persona(req, resp, p, 201);
}

pf_status api_personas_get(struct pf_req *req, struct pf_resp *resp)
{
    pf_id id;
    if (!pf_req_param_id_or_respond(req, resp, 0, "id", &id))
        return PF_OK;
    struct pf_persona *p = NULL;
    pf_status st = pf_store_persona_get(req->app->store, req->arena, pf_req_workspace(req), id, &p,
                                        &req->err);
    if (st != PF_OK)
        return st;
    return respond_persona(req, resp, p, 200);
}

/* If-Match: "N" (or W/"N") gives N; "*" or no header gives 0 (no precondition). -1: garbage. */
static int expected_version(const struct pf_req *req)
{
    const char *match = pf_req_header(req, "If-Match");
    if (!match || strcmp(match, "*") == 0)
        return 0;
    if (strncmp(match, "W/", 2) == 0)
        match += 2;
    size_t len = strlen(match);
    int64_t version = 0;
    if (len < 3 || match[0] != '"' || match[len - 1] != '"' ||
        !pf_parse_i64(pf_str_make(match + 1, len - 2), 1, 1 << 30, &version))
        return -1;
    return (int)version;
}

pf_status api_personas_update(struct pf_req *req, struct pf_resp *resp)
{
    pf_id id;
    json_t *body = NULL;
    if (!pf_req_param_id_or_respond(req, resp, 0, "id", &id) ||
        !pf_body_or_respond(req, resp, &pf_schema_persona_update, &body))
        return PF_OK;
    int expected = expected_version(req);
    if (expected < 0)
        return pf_error_set(&req->err, PF_E_PRECONDITION,
                            "If-Match must be the ETag of the persona (e.g. \"3\")");
    struct pf_persona_input input;
    input_from_body(body, &input);
    input.problems = pf_json_arena(req->arena, json_array());
    struct pf_persona *p = NULL;
    pf_status st =
        pf_persona_update(req->app, req->arena, req->user, id, &input, expected, &p, &req->err);
    if (st != PF_OK)
        return respond_or_fail(req, resp, st, input.problems);
    return respond_persona(req, resp, p, 200);
}

pf_status api_personas_delete(struct pf_req *req, struct pf_resp *resp)
{
    pf_id id;
    if (!pf_req_param_id_or_respond(req, resp, 0, "id", &id))
        return PF_OK;
    pf_status st = pf_store_persona_delete(req->app->store, pf_req_workspace(req), id, &req->err);
    if (st != PF_OK)
        return st;
    pf_resp_no_content(resp);
    return PF_OK;
}

pf_status api_personas_versions(struct pf_req *req, struct pf_resp *resp)
{
    pf_id id;
    if (!pf_req_param_id_or_respond(req, resp, 0, "id", &id))
        return PF_OK;
    struct pf_persona_version *versions = NULL;
    size_t count = 0;
    pf_status st = pf_store_persona_versions(req->app->store, req->arena, pf_req_workspace(req),
                                             id, &versions, &count, &req->err);
    if (st != PF_OK)
        return st;
    json_t *list = json_array();
    for (size_t i = 0; i < count; i++) {
        const struct pf_persona_version *v = &versions[i];
        json_array_append_new(
            list, json_pack("{s:i,s:o,s:s,s:o,s:O,s:O,s:o,s:o}", "version", v->version, "user_id",
                            pf_json_id_or_null(v->user_id), "title", v->title, "summary",
                            v->summary ? json_string(v->summary) : json_null(), "tags", v->tags,
                            "data", v->data, "base_cv_id", pf_json_id_or_null(v->base_cv_id),
                            "created_at", pf_json_time(v->created_at)));
    }
    json_t *out = pf_json_list(list, (pf_id){{0}});
    pf_resp_json(resp, 200, out);
    json_decref(out);
    return PF_OK;
}

pf_status api_personas_restore(struct pf_req *req, struct pf_resp *resp)
{
    pf_id id;
    if (!pf_req_param_id_or_respond(req, resp, 0, "id", &id))
        return PF_OK;
    int64_t version = 0;
    if (!pf_parse_i64(pf_str_from_cstr(req->params[1]), 1, 1 << 30, &version)) {
        pf_resp_invalid(resp, "path", "version", "Input should be a valid integer", "int_parsing");
        return PF_OK;
    }
    struct pf_persona *p = NULL;
    pf_status st =
        pf_persona_restore(req->app, req->arena, req->user, id, (int)version, &p, &req->err);
    if (st != PF_OK)
        return st;
    return respond_persona(req, resp, p, 200);
}

pf_status api_personas_duplicate(struct pf_req *req, struct pf_resp *resp)
{
    pf_id id;
    if (!pf_req_param_id_or_respond(req, resp, 0, "id", &id))
        return PF_OK;
    struct pf_persona *p = NULL;
    pf_status st = pf_persona_duplicate(req->app, req->arena, req->user, id, &p, &req->err);
    if (st != PF_OK)
        return respond_or_fail(req, resp, st, NULL);
    return respond_persona(req, resp, p, 201);
}

pf_status api_personas_effective(struct pf_req *req, struct pf_resp *resp)
{
    pf_id id;
    if (!pf_req_param_id_or_respond(req, resp, 0, "id", &id))
        return PF_OK;
    struct pf_persona *p = NULL;
    json_t *doc = NULL;
    pf_status st = pf_persona_effective(req->app, req->arena, req->user, id, &p, &doc, &req->err);
    if (st != PF_OK)
        return st;
    pf_resp_json(resp, 200, doc);
    pf_resp_header(resp, "ETag", pf_arena_printf(req->arena, "\"%d\"", p->version));
    return PF_OK;
}
