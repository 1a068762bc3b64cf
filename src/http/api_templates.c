/* /templates (list, create, read, edit, delete, preview) and persona export (files). */
#include <string.h>

#include "base/clock.h"
#include "http/api_schemas.h"
#include "http/http_route.h"
#include "render/render_service.h"
#include "store/store_templates.h"

static const char *const types[] = {"cv", "cover_letter", NULL};
static const char *const engines[] = {"markdown", "jinja", NULL};
static const char *const formats[] = {"pdf", "docx", "md", "html", "txt", "json", NULL};

static const struct pf_field pf_schema_template_fields[] = {
    {"id", PF_FT_UUID, PF_F_REQUIRED, 0, 0, NULL, NULL, NULL},
    {"name", PF_FT_STRING, PF_F_REQUIRED, 0, 0, NULL, NULL, "Unique in the workspace"},
    {"type", PF_FT_ENUM, PF_F_REQUIRED, 0, 0, types, NULL, NULL},
    {"engine", PF_FT_ENUM, PF_F_REQUIRED, 0, 0, engines, NULL, NULL},
    {"config", PF_FT_OBJECT, PF_F_REQUIRED, 0, 0, NULL, NULL,
     "Style: fonts, sizes, colours, page, margins, columns"},
    {"builtin", PF_FT_BOOLEAN, PF_F_REQUIRED, 0, 0, NULL, NULL, "Built-ins cannot be changed"},
    {"body", PF_FT_STRING, 0, 0, 0, NULL, NULL, "The template source (single reads only)"},
    {"created_at", PF_FT_DATETIME, PF_F_REQUIRED, 0, 0, NULL, NULL, NULL},
    {"updated_at", PF_FT_DATETIME, PF_F_REQUIRED, 0, 0, NULL, NULL, NULL},
};
PF_SCHEMA(pf_schema_template, false, "An export template.");
PF_LIST_SCHEMA(pf_schema_template_list, pf_schema_template, "Built-in templates, then yours.");

static const struct pf_field pf_schema_template_create_fields[] = {
    {"name", PF_FT_STRING, PF_F_REQUIRED, 1, 100, NULL, NULL, NULL},
    {"type", PF_FT_ENUM, PF_F_REQUIRED, 0, 0, types, NULL, NULL},
    {"engine", PF_FT_ENUM, PF_F_REQUIRED, 0, 0, engines, NULL, NULL},
    {"body", PF_FT_STRING, PF_F_REQUIRED, 1, 0, NULL, NULL,
     "Markdown with Jinja expressions (markdown) or HTML/text Jinja (jinja)"},
    {"config", PF_FT_OBJECT, 0, 0, 0, NULL, NULL, NULL},
};
PF_SCHEMA(pf_schema_template_create, false, "A new template.");

static const struct pf_field pf_schema_template_update_fields[] = {
    {"name", PF_FT_STRING, 0, 1, 100, NULL, NULL, NULL},
    {"type", PF_FT_ENUM, 0, 0, 0, types, NULL, NULL},
    {"engine", PF_FT_ENUM, 0, 0, 0, engines, NULL, NULL},
    {"body", PF_FT_STRING, 0, 1, 0, NULL, NULL, NULL},
    {"config", PF_FT_OBJECT, 0, 0, 0, NULL, NULL, NULL},
};
PF_SCHEMA(pf_schema_template_update, false, "Changes to a template.");

static const struct pf_field pf_schema_template_preview_fields[] = {
    {"body", PF_FT_STRING, PF_F_REQUIRED, 1, 0, NULL, NULL, NULL},
    {"engine", PF_FT_ENUM, PF_F_REQUIRED, 0, 0, engines, NULL, NULL},
    {"config", PF_FT_OBJECT, 0, 0, 0, NULL, NULL, NULL},
    {"format", PF_FT_ENUM, 0, 0, 0, formats, NULL, "html by default"},
    {"persona_id", PF_FT_UUID, 0, 0, 0, NULL, NULL, "Preview with this persona (else a sample)"},
};
PF_SCHEMA(pf_schema_template_preview, false, "A template to try without saving it.");

static const struct pf_field pf_schema_export_fields[] = {
    {"template", PF_FT_STRING, PF_F_REQUIRED, 1, 100, NULL, NULL, "A template's id or name"},
    {"format", PF_FT_ENUM, PF_F_REQUIRED, 0, 0, formats, NULL, NULL},
    {"job_description", PF_FT_STRING, 0, 1, 262144, NULL, NULL,
     "Required by cover-letter templates"},
    {"letter", PF_FT_OBJECT, 0, 0, 0, NULL, NULL, "{greeting?, closing?, body?}"},
};
PF_SCHEMA(pf_schema_export, false, "An export (for cover letters, with the job description).");

static json_t *template_json(const struct pf_template_row *t, bool with_body)
{
    json_t *out = json_pack("{s:o,s:s,s:s,s:s,s:O,s:b,s:o,s:o}", "id", pf_json_id(t->id), "name",
                            t->name, "type", t->type, "engine", t->engine, "config",
                            t->config ? t->config : json_object(), "builtin",
                            pf_id_is_nil(t->workspace_id), "created_at",
                            pf_json_time(t->created_at), "updated_at",
                            pf_json_time(t->updated_at));
    if (with_body)
        json_object_set_new(out, "body", json_string(t->body));
    return out;
}

/* A template error as a 422 pointing at the body, with the position Jinja reported. */
static pf_status respond_or_fail(struct pf_req *req, struct pf_resp *resp, pf_status st)
{
    if (st == PF_E_TEMPLATE) {
        json_t *details = json_pack("[{s:[s,s],s:s,s:s,s:{s:i,s:i}}]", "loc", "body", "body",
                                    "msg", req->err.message, "type", "template_error", "ctx",
                                    "line", req->err.line, "column", req->err.column);
        pf_resp_error(resp, PF_E_TEMPLATE, req->err.message, details, NULL);
        json_decref(details);
        return PF_OK;
    }
    if (st == PF_E_VALIDATION) {
        pf_resp_invalid(resp, "body", req->err.field[0] ? req->err.field : "body",
                        req->err.message, "value_error");
        return PF_OK;
    }
    return st;
}

pf_status api_templates_list(struct pf_req *req, struct pf_resp *resp)
{
    struct pf_template_row **items = NULL;
    size_t count = 0;
    pf_status st = pf_store_template_list(req->app->store, req->arena, pf_req_workspace(req),
                                          &items, &count, &req->err);
    if (st != PF_OK)
        return st;
    json_t *list = json_array();
    for (size_t i = 0; i < count; i++)
        json_array_append_new(list, template_json(items[i], false));
    json_t *out = pf_json_list(list, (pf_id){{0}});
    pf_resp_json(resp, 200, out);
    json_decref(out);
    return PF_OK;
}

static pf_status respond_template(struct pf_resp *resp, const struct pf_template_row *t,
                                  int status)
{
    json_t *out = template_json(t, true);
    pf_resp_json(resp, status, out);
    json_decref(out);
    return PF_OK;
}

pf_status api_templates_create(struct pf_req *req, struct pf_resp *resp)
{
    json_t *body = NULL;
    if (!pf_body_or_respond(req, resp, &pf_schema_template_create, &body))
        return PF_OK;
    int64_t now = pf_time_now_ms();
    struct pf_template_row t = {
        .id = pf_id_new(),
        .workspace_id = pf_req_workspace(req),
        .user_id = req->user->id,
        .name = (char *)pf_json_get_str(body, "name"),
        .type = (char *)pf_json_get_str(body, "type"),
        .engine = (char *)pf_json_get_str(body, "engine"),
        .body = (char *)pf_json_get_str(body, "body"),
        .config = json_object_get(body, "config"),
        .created_at = now,
        .updated_at = now,
    };
    if (!t.config)
        t.config = pf_json_arena(req->arena, json_object());
    pf_status st = pf_template_check(req->app, t.name, t.body, t.engine, t.config, &req->err);
    if (st == PF_OK)
        st = pf_store_template_create(req->app->store, &t, &req->err);
    if (st != PF_OK)
        return respond_or_fail(req, resp, st);
    return respond_template(resp, &t, 201);
}

/* The template in the path, from the workspace or the built-ins. */
static pf_status load_template(struct pf_req *req, struct pf_resp *resp,
                               struct pf_template_row **out, bool *out_answered)
{
    pf_id id;
    *out_answered = !pf_req_param_id_or_respond(req, resp, 0, "id", &id);
    if (*out_answered)
        return PF_OK;
    return pf_store_template_find(req->app->store, req->arena, pf_req_workspace(req),
                                  req->params[0], out, &req->err);
}

pf_status api_templates_get(struct pf_req *req, struct pf_resp *resp)
{
    struct pf_template_row *t = NULL;
    bool answered = false;
    pf_status st = load_template(req, resp, &t, &answered);
    if (st != PF_OK || answered)
        return st;
    return respond_template(resp, t, 200);
}

static pf_status refuse_builtin(struct pf_req *req)
{
    return pf_error_set(&req->err, PF_E_FORBIDDEN,
                        "built-in templates cannot be changed; create your own from its body");
}

pf_status api_templates_update(struct pf_req *req, struct pf_resp *resp)
{
    struct pf_template_row *t = NULL;
    bool answered = false;
    json_t *body = NULL;
    pf_status st = load_template(req, resp, &t, &answered);
    if (st != PF_OK || answered)
        return st;
    if (pf_id_is_nil(t->workspace_id))
        return refuse_builtin(req);
    if (!pf_body_or_respond(req, resp, &pf_schema_template_update, &body))
        return PF_OK;
    static const char *const keys[] = {"name", "type", "engine", "body"};
    char **fields[] = {&t->name, &t->type, &t->engine, &t->body};
    for (size_t i = 0; i < PF_ARRAY_LEN(keys); i++) {
        if (pf_json_get_str(body, keys[i]))
            *fields[i] = (char *)pf_json_get_str(body, keys[i]);
    }
    if (json_object_get(body, "config"))
        t->config = json_object_get(body, "config");
    t->updated_at = pf_time_now_ms();
    st = pf_template_check(req->app, t->name, t->body, t->engine, t->config, &req->err);
    if (st == PF_OK)
        st = pf_store_template_update(req->app->store, t, &req->err);
    if (st != PF_OK)
        return respond_or_fail(req, resp, st);
    return respond_template(resp, t, 200);
}

pf_status api_templates_delete(struct pf_req *req, struct pf_resp *resp)
{
    struct pf_template_row *t = NULL;
    bool answered = false;
    pf_status st = load_template(req, resp, &t, &answered);
    if (st != PF_OK || answered)
        return st;
    if (pf_id_is_nil(t->workspace_id))
        return refuse_builtin(req);
    st = pf_store_template_delete(req->app->store, pf_req_workspace(req), t->id, &req->err);
    if (st != PF_OK)
        return st;
    pf_resp_no_content(resp);
    return PF_OK;
}

/* Sends a rendered file; attachment unless it is meant to be shown (a preview). */
static void respond_file(struct pf_req *req, struct pf_resp *resp, const struct pf_export *file,
                         bool attachment)
{
    resp->status = 200;
    resp->content_type = file->content_type;
    resp->file_data = file->data;
    resp->file_len = file->len;
    if (attachment)
        pf_resp_header(resp, "Content-Disposition",
                       pf_arena_printf(req->arena, "attachment; filename=\"%s\"", file->filename));
    /* Rendered HTML holds user text: it may style itself, never run code or load anything. */
    pf_resp_header(resp, "Content-Security-Policy",
                   "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox");
}

pf_status api_templates_preview(struct pf_req *req, struct pf_resp *resp)
{
    json_t *body = NULL;
    if (!pf_body_or_respond(req, resp, &pf_schema_template_preview, &body))
        return PF_OK;
    pf_id persona_id = {{0}};
    const char *persona = pf_json_get_str(body, "persona_id");
    if (persona && !pf_id_parse(pf_str_from_cstr(persona), &persona_id))
        return pf_error_set(&req->err, PF_E_INTERNAL, "validated UUID did not parse");
    const char *format = pf_json_get_str(body, "format");
    struct pf_export file;
    pf_status st = pf_template_preview(req->app, req->arena, req->user,
                                       pf_json_get_str(body, "body"),
                                       pf_json_get_str(body, "engine"),
                                       json_object_get(body, "config"), format ? format : "html",
                                       persona_id, &file, &req->err);
    if (st != PF_OK)
        return respond_or_fail(req, resp, st);
    respond_file(req, resp, &file, false);
    return PF_OK;
}

static pf_status export(struct pf_req *req, struct pf_resp *resp, const char *template_key,
                        const char *format, const char *job, const json_t *letter,
                        const char *where)
{
    pf_id id;
    if (!pf_req_param_id_or_respond(req, resp, 0, "id", &id))
        return PF_OK;
    struct pf_export file;
    pf_status st = pf_export_persona(req->app, req->arena, req->user, id, template_key, format,
                                     job, letter, &file, &req->err);
    if (st == PF_E_VALIDATION) {
        pf_resp_invalid(resp, where, req->err.field, req->err.message, "value_error");
        return PF_OK;
    }
    if (st != PF_OK)
        return respond_or_fail(req, resp, st);
    respond_file(req, resp, &file, true);
    return PF_OK;
}

pf_status api_personas_export(struct pf_req *req, struct pf_resp *resp)
{
    return export(req, resp, pf_req_query(req, "template"), pf_req_query(req, "format"), NULL,
                  NULL, "query");
}

pf_status api_personas_export_post(struct pf_req *req, struct pf_resp *resp)
{
    json_t *body = NULL;
    if (!pf_body_or_respond(req, resp, &pf_schema_export, &body))
        return PF_OK;
    return export(req, resp, pf_json_get_str(body, "template"), pf_json_get_str(body, "format"),
                  pf_json_get_str(body, "job_description"), json_object_get(body, "letter"),
                  "body");
}
