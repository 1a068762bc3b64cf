/* Request accessors and response builders shared by every handler. */
#include "http/http_req.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/clock.h"
#include "base/mem.h"

const char *pf_req_header(const struct pf_req *req, const char *name)
{
    for (size_t i = 0; i < req->header_count; i++) {
        if (strcasecmp(req->headers[i].name, name) == 0)
            return req->headers[i].value;
    }
    return NULL;
}

const char *pf_req_query(const struct pf_req *req, const char *name)
{
    for (size_t i = 0; i < req->query_count; i++) {
        if (strcmp(req->query[i].name, name) == 0)
            return req->query[i].value;
    }
    return NULL;
}

const char *pf_req_cookie(struct pf_req *req, const char *name)
{
    const char *header = pf_req_header(req, "Cookie");
    if (!header)
        return NULL;
    size_t name_len = strlen(name);
    struct pf_cur cur = pf_cur_of(pf_str_from_cstr(header));
    while (!pf_cur_at_end(&cur)) {
        struct pf_str pair;
        if (!pf_cur_take_until(&cur, ';', &pair)) {
            pair = pf_str_make(cur.ptr, pf_cur_left(&cur));
            cur.ptr = cur.end;
        }
        pair = pf_str_trim(pair);
        if (pair.len > name_len && memcmp(pair.ptr, name, name_len) == 0 &&
            pair.ptr[name_len] == '=')
            return pf_arena_strdup_str(req->arena,
                                       pf_str_slice(pair, name_len + 1, pair.len - name_len - 1));
    }
    return NULL;
}

pf_id pf_req_workspace(const struct pf_req *req)
{
    return pf_user_workspace(req->user);
}

void pf_resp_init(struct pf_resp *resp, size_t max_body)
{
    memset(resp, 0, sizeof(*resp));
    pf_buf_init(&resp->body, max_body);
}

void pf_resp_fini(struct pf_resp *resp)
{
    if (resp)
        pf_buf_fini(&resp->body);
}

void pf_resp_header(struct pf_resp *resp, const char *name, const char *value)
{
    for (size_t i = 0; i < resp->header_count; i++) {
        if (strcasecmp(resp->headers[i].name, name) == 0 && strcasecmp(name, "Set-Cookie") != 0) {
            resp->headers[i].value = value;
            return;
        }
    }
    PF_ASSERT(resp->header_count < PF_HTTP_MAX_RESP_HEADERS);
    resp->headers[resp->header_count].name = name;
    resp->headers[resp->header_count].value = value;
    resp->header_count++;
}

void pf_resp_json(struct pf_resp *resp, int status, const json_t *json)
{
    pf_buf_reset(&resp->body);
    resp->file_data = NULL;
    pf_json_dump_buf(json, &resp->body);
    resp->status = status;
    resp->content_type = "application/json";
    if (pf_buf_status(&resp->body) != PF_OK) {
        pf_buf_reset(&resp->body);
        pf_resp_error(resp, PF_E_TOO_BIG, "the response is larger than the limit", NULL, NULL);
    }
}

void pf_resp_bytes(struct pf_resp *resp, int status, const char *content_type, const void *data,
                   size_t len)
{
    pf_buf_reset(&resp->body);
    resp->file_data = NULL;
    pf_buf_append(&resp->body, data, len);
    resp->status = status;
    resp->content_type = content_type;
    if (pf_buf_status(&resp->body) != PF_OK) {
        pf_buf_reset(&resp->body);
        pf_resp_error(resp, PF_E_TOO_BIG, "the response is larger than the limit", NULL, NULL);
    }
}

void pf_resp_error(struct pf_resp *resp, pf_status st, const char *message, const json_t *details,
                   const char *field)
{
    json_t *error = json_pack("{s:s,s:s}", "code", pf_status_code(st), "message",
                              message ? message : pf_status_message(st));
    if (details)
        json_object_set(error, "details", (json_t *)details);
    if (field && *field)
        json_object_set_new(error, "field", json_string(field));
    json_t *envelope = json_pack("{s:o}", "error", error);
    pf_buf_reset(&resp->body);
    resp->file_data = NULL;
    pf_json_dump_buf(envelope, &resp->body);
    json_decref(envelope);
    resp->status = pf_status_http(st);
    resp->content_type = "application/json";
}

void pf_resp_no_content(struct pf_resp *resp)
{
    pf_buf_reset(&resp->body);
    resp->file_data = NULL;
    resp->status = 204;
    resp->content_type = NULL;
}

bool pf_resp_invalid(struct pf_resp *resp, const char *where, const char *name, const char *msg,
                     const char *type)
{
    json_t *details = json_pack("[{s:[s,s],s:s,s:s}]", "loc", where, name, "msg", msg, "type",
                                type);
    pf_resp_error(resp, PF_E_VALIDATION, "the request failed validation", details, NULL);
    json_decref(details);
    return false;
}

bool pf_req_param_id_or_respond(struct pf_req *req, struct pf_resp *resp, size_t index,
                                const char *name, pf_id *out_id)
{
    if (index >= req->param_count ||
        !pf_id_parse(pf_str_from_cstr(req->params[index]), out_id))
        return pf_resp_invalid(resp, "path", name, "Input should be a valid UUID", "uuid_parsing");
    return true;
}

bool pf_req_page_or_respond(struct pf_req *req, struct pf_resp *resp, struct pf_page *out_page)
{
    out_page->limit = 50;
    out_page->after = (pf_id){{0}};
    const char *limit = pf_req_query(req, "limit");
    const char *cursor = pf_req_query(req, "cursor");
    int64_t value = 0;
    if (limit) {
        if (!pf_parse_i64(pf_str_from_cstr(limit), 1, 200, &value))
            return pf_resp_invalid(resp, "query", "limit", "Input should be between 1 and 200",
                                   "range_error");
        out_page->limit = (int)value;
    }
    if (cursor && *cursor && !pf_id_parse(pf_str_from_cstr(cursor), &out_page->after))
        return pf_resp_invalid(resp, "query", "cursor", "Input should be a cursor from a previous "
                               "page", "value_error");
    return true;
}

const char *pf_req_id_text(struct pf_req *req, pf_id id)
{
    char *text = pf_arena_alloc(req->arena, PF_ID_STR_LEN);
    pf_id_format(id, text);
    return text;
}

json_t *pf_json_id(pf_id id)
{
    char text[PF_ID_STR_LEN];
    pf_id_format(id, text);
    return json_string(text);
}

json_t *pf_json_id_or_null(pf_id id)
{
    return pf_id_is_nil(id) ? json_null() : pf_json_id(id);
}

json_t *pf_json_time(int64_t ms)
{
    char text[PF_TIME_ISO_LEN];
    pf_time_format_iso(ms, text);
    return json_string(text);
}

json_t *pf_json_list(json_t *items, pf_id next)
{
    return json_pack("{s:o,s:o}", "items", items, "next_cursor", pf_json_id_or_null(next));
}
