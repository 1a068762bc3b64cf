/* /cvs: upload (multipart or raw), status and results, the original file, corrections,
 * reparse, delete. Parsing itself runs in the background (jobs/). */
#include <string.h>
#include <strings.h>

#include "account/account.h"
#include "base/clock.h"
#include "base/hash.h"
#include "http/api_schemas.h"
#include "http/http_multipart.h"
#include "http/http_route.h"
#include "ingest/ingest.h"
#include "store/store_cvs.h"

static const char *const statuses[] = {"pending", "processing", "parsed", "failed", NULL};

static const struct pf_field pf_schema_cv_fields[] = {
    {"id", PF_FT_UUID, PF_F_REQUIRED, 0, 0, NULL, NULL, NULL},
    {"user_id", PF_FT_UUID, PF_F_REQUIRED, 0, 0, NULL, NULL, "Who uploaded it"},
    {"filename", PF_FT_STRING, PF_F_REQUIRED, 0, 0, NULL, NULL, NULL},
    {"content_type", PF_FT_STRING, PF_F_REQUIRED, 0, 0, NULL, NULL, "As uploaded"},
    {"size_bytes", PF_FT_INTEGER, PF_F_REQUIRED, 0, 0, NULL, NULL, NULL},
    {"sha256", PF_FT_STRING, PF_F_REQUIRED, 0, 0, NULL, NULL, NULL},
    {"format", PF_FT_STRING, PF_F_REQUIRED | PF_F_NULLABLE, 0, 0, NULL, NULL,
     "Detected from the content once processed"},
    {"status", PF_FT_ENUM, PF_F_REQUIRED, 0, 0, statuses, NULL, NULL},
    {"error", PF_FT_STRING, PF_F_REQUIRED | PF_F_NULLABLE, 0, 0, NULL, NULL,
     "Why it failed, in plain words"},
    {"error_code", PF_FT_STRING, PF_F_REQUIRED | PF_F_NULLABLE, 0, 0, NULL, NULL,
     "Machine code of the failure, e.g. no_text_layer"},
    {"raw_text", PF_FT_STRING, PF_F_NULLABLE, 0, 0, NULL, NULL, "Text in reading order"},
    {"parsed_json", PF_FT_OBJECT, PF_F_NULLABLE, 0, 0, NULL, NULL, "JSON Resume"},
    {"diagnostics", PF_FT_OBJECT, PF_F_REQUIRED | PF_F_NULLABLE, 0, 0, NULL, NULL,
     "format, pages, columns, characters, warnings"},
    {"document_date", PF_FT_DATETIME, PF_F_REQUIRED | PF_F_NULLABLE, 0, 0, NULL, NULL, NULL},
    {"status_url", PF_FT_STRING, PF_F_REQUIRED, 0, 0, NULL, NULL, NULL},
    {"created_at", PF_FT_DATETIME, PF_F_REQUIRED, 0, 0, NULL, NULL, NULL},
    {"updated_at", PF_FT_DATETIME, PF_F_REQUIRED, 0, 0, NULL, NULL, NULL},
};
PF_SCHEMA(pf_schema_cv, false, "An uploaded CV and what was read from it.");
PF_LIST_SCHEMA(pf_schema_cv_list, pf_schema_cv, "A page of CVs (without raw_text and parsed_json).");

static const struct pf_field pf_schema_cv_update_fields[] = {
    {"parsed_json", PF_FT_OBJECT, PF_F_REQUIRED, 0, 0, NULL, NULL,
     "The corrected JSON Resume document (replaces the parsed one)"},
};
PF_SCHEMA(pf_schema_cv_update, false, "A correction of what was read from a CV.");

static json_t *cv_json(struct pf_req *req, const struct pf_cv *cv, bool full)
{
    json_t *out = json_pack(
        "{s:o,s:o,s:s,s:s,s:I,s:s,s:o,s:s,s:o,s:o,s:O,s:o,s:o,s:o,s:o}", "id", pf_json_id(cv->id),
        "user_id", pf_json_id(cv->user_id), "filename", cv->filename, "content_type",
        cv->content_type, "size_bytes", (json_int_t)cv->size_bytes, "sha256", cv->sha256,
        "format", cv->format ? json_string(cv->format) : json_null(), "status",
        pf_cv_status_name(cv->status), "error", cv->error ? json_string(cv->error) : json_null(),
        "error_code", cv->error_code ? json_string(cv->error_code) : json_null(), "diagnostics",
        cv->diagnostics ? cv->diagnostics : json_null(), "document_date",
        cv->document_date ? pf_json_time(cv->document_date) : json_null(), "status_url",
        json_string(pf_arena_printf(req->arena, "/api/v1/cvs/%s", pf_req_id_text(req, cv->id))),
        "created_at", pf_json_time(cv->created_at), "updated_at", pf_json_time(cv->updated_at));
    if (full) {
        json_object_set_new(out, "raw_text", cv->raw_text ? json_string(cv->raw_text) : json_null());
        json_object_set(out, "parsed_json", cv->parsed_json ? cv->parsed_json : json_null());
    }
    return out;
}

/* A display name safe in JSON, logs and Content-Disposition: the last path component, without
 * control characters or quotes, at most 255 bytes of whole UTF-8 characters. */
static char *sanitize_filename(struct pf_arena *arena, struct pf_str given)
{
    for (size_t i = given.len; i > 0; i--) {
        if (given.ptr[i - 1] == '/' || given.ptr[i - 1] == '\\') {
            given = pf_str_slice(given, i, given.len);
            break;
        }
    }
    char *out = pf_arena_alloc(arena, given.len + 1);
    size_t n = 0;
    const char *p = given.ptr;
    const char *end = given.ptr + given.len;
    while (p < end) {
        const char *start = p;
        int32_t cp = pf_utf8_decode(&p, end);
        if (cp < 0) {
            p = start + 1;
            continue;
        }
        if (cp < 0x20 || cp == 0x7f || cp == '"' || (cp >= 0x80 && cp < 0xa0) ||
            cp == 0x2028 || cp == 0x2029)
            continue;
        size_t len = (size_t)(p - start);
        if (n + len > 255)
            break;
        memcpy(out + n, start, len);
        n += len;
    }
    out[n] = '\0';
    struct pf_str trimmed = pf_str_trim(pf_str_make(out, n));
    while (trimmed.len && trimmed.ptr[0] == '.') {
        trimmed.ptr++;
        trimmed.len--;
    }
    return trimmed.len ? pf_arena_strdup_str(arena, trimmed) : pf_arena_strdup(arena, "cv");
}

pf_status api_cvs_upload(struct pf_req *req, struct pf_resp *resp)
{
    const char *content_type = pf_req_header(req, "Content-Type");
    struct pf_str bytes = req->body;
    struct pf_str filename = pf_str_from_cstr(pf_req_query(req, "filename"));
    struct pf_str type = pf_str_from_cstr(content_type ? content_type : "application/octet-stream");
    struct pf_str boundary;
    if (pf_multipart_boundary(type, &boundary)) {
        struct pf_multipart_part part;
        pf_status st = pf_multipart_find(boundary, req->body, "file", &part, &req->err);
        if (st == PF_E_NOT_FOUND) {
            pf_resp_invalid(resp, "body", "file", "Field required", "missing");
            return PF_OK;
        }
        if (st != PF_OK)
            return st;
        bytes = part.body;
        if (part.filename.len)
            filename = part.filename;
        type = part.content_type.len ? part.content_type : PF_STR("application/octet-stream");
    }
    if (bytes.len == 0) {
        pf_resp_invalid(resp, "body", "file", "The file is empty", "value_error");
        return PF_OK;
    }
    if (bytes.len > (size_t)req->app->config->limit_upload_bytes)
        return pf_error_set_field(&req->err, PF_E_TOO_BIG, "limit_upload_bytes",
                                  "the file is larger than the limit of %lld bytes",
                                  (long long)req->app->config->limit_upload_bytes);
    /* Formats are judged by content, never by name; refuse what no reader handles at once. */
    enum pf_doc_format format = pf_ingest_detect(bytes);
    if (format == PF_DOC_FORMAT_UNKNOWN || !pf_ingest_supports(format))
        return pf_error_set_field(&req->err, PF_E_FORMAT, "file",
                                  "unsupported file: upload a PDF, DOCX, ODT, RTF, HTML, text, "
                                  "Markdown or JSON Resume file");
    pf_status st = pf_account_check_limit(req->app, req->arena, req->user, PF_USAGE_CVS, &req->err);
    if (st != PF_OK)
        return st;
    char sha[PF_SHA256_HEX_LEN];
    pf_sha256_hex(bytes.ptr, bytes.len, sha);
    struct pf_cv cv = {
        .id = pf_id_new(),
        .workspace_id = pf_req_workspace(req),
        .user_id = req->user->id,
        .filename = sanitize_filename(req->arena, filename),
        .content_type = pf_arena_strndup(req->arena, type.ptr, type.len > 200 ? 200 : type.len),
        .size_bytes = (int64_t)bytes.len,
        .sha256 = sha,
        .status = PF_CV_PENDING,
        .created_at = pf_time_now_ms(),
    };
    cv.updated_at = cv.created_at;
    st = pf_store_cv_create(req->app->store, &cv, bytes.ptr, bytes.len, &req->err);
    if (st != PF_OK)
        return st;
    json_t *out = cv_json(req, &cv, false);
    pf_resp_json(resp, 202, out);
    pf_resp_header(resp, "Location",
                   pf_arena_strdup(req->arena, json_string_value(json_object_get(out, "status_url"))));
    json_decref(out);
    return PF_OK;
}

pf_status api_cvs_list(struct pf_req *req, struct pf_resp *resp)
{
    struct pf_page page;
    if (!pf_req_page_or_respond(req, resp, &page))
        return PF_OK;
    struct pf_cv **items = NULL;
    size_t count = 0;
    pf_id next;
    pf_status st = pf_store_cv_list(req->app->store, req->arena, pf_req_workspace(req), page,
                                    &items, &count, &next, &req->err);
    if (st != PF_OK)
        return st;
    json_t *list = json_array();
    for (size_t i = 0; i < count; i++)
        json_array_append_new(list, cv_json(req, items[i], false));
    json_t *out = pf_json_list(list, next);
    pf_resp_json(resp, 200, out);
    json_decref(out);
    return PF_OK;
}

static pf_status load_cv(struct pf_req *req, struct pf_resp *resp, struct pf_cv **out_cv,
                         bool *out_answered)
{
    pf_id id;
    *out_answered = false;
    if (!pf_req_param_id_or_respond(req, resp, 0, "id", &id)) {
        *out_answered = true;
        return PF_OK;
    }
    return pf_store_cv_get(req->app->store, req->arena, pf_req_workspace(req), id, out_cv,
                           &req->err);
}

pf_status api_cvs_get(struct pf_req *req, struct pf_resp *resp)
{
    struct pf_cv *cv = NULL;
    bool answered = false;
    pf_status st = load_cv(req, resp, &cv, &answered);
    if (st != PF_OK || answered)
        return st;
    json_t *out = cv_json(req, cv, true);
    pf_resp_json(resp, 200, out);
    json_decref(out);
    return PF_OK;
}

/* RFC 6266: an ASCII fallback plus the UTF-8 name percent-encoded (RFC 8187). */
static const char *content_disposition(struct pf_arena *arena, const char *filename)
{
    size_t len = strlen(filename);
    char *ascii = pf_arena_alloc(arena, len + 1);
    char *encoded = pf_arena_alloc(arena, len * 3 + 1);
    size_t a = 0;
    size_t e = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char ch = (unsigned char)filename[i];
        bool plain = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
                     (ch >= '0' && ch <= '9') || ch == '.' || ch == '-' || ch == '_';
        ascii[a++] = plain || ch == ' ' ? (char)ch : '_';
        if (plain) {
            encoded[e++] = (char)ch;
        } else {
            static const char hex[] = "0123456789ABCDEF";
            encoded[e++] = '%';
            encoded[e++] = hex[ch >> 4];
            encoded[e++] = hex[ch & 15];
        }
    }
    ascii[a] = '\0';
    encoded[e] = '\0';
    return pf_arena_printf(arena, "attachment; filename=\"%s\"; filename*=UTF-8''%s", ascii,
                           encoded);
}

pf_status api_cvs_file(struct pf_req *req, struct pf_resp *resp)
{
    struct pf_cv *cv = NULL;
    bool answered = false;
    pf_status st = load_cv(req, resp, &cv, &answered);
    if (st != PF_OK || answered)
        return st;
    const char *bytes = NULL;
    size_t len = 0;
    st = pf_store_cv_file(req->app->store, req->arena, cv->workspace_id, cv->id, &bytes, &len,
                          &req->err);
    if (st != PF_OK)
        return st;
    /* The stored type came from the client: serve it only as an opaque download. */
    resp->status = 200;
    resp->content_type = "application/octet-stream";
    resp->file_data = bytes;
    resp->file_len = len;
    pf_resp_header(resp, "Content-Disposition", content_disposition(req->arena, cv->filename));
    pf_resp_header(resp, "Content-Security-Policy", "default-src 'none'; sandbox");
    return PF_OK;
}

pf_status api_cvs_update(struct pf_req *req, struct pf_resp *resp)
{
    pf_id id;
    json_t *body = NULL;
    if (!pf_req_param_id_or_respond(req, resp, 0, "id", &id) ||
        !pf_body_or_respond(req, resp, &pf_schema_cv_update, &body))
        return PF_OK;
    pf_status st = pf_store_cv_set_parsed(req->app->store, pf_req_workspace(req), id,
                                          json_object_get(body, "parsed_json"), pf_time_now_ms(),
                                          &req->err);
    if (st != PF_OK)
        return st;
    return api_cvs_get(req, resp);
}

pf_status api_cvs_delete(struct pf_req *req, struct pf_resp *resp)
{
    pf_id id;
    if (!pf_req_param_id_or_respond(req, resp, 0, "id", &id))
        return PF_OK;
    pf_status st = pf_store_cv_delete(req->app->store, pf_req_workspace(req), id, &req->err);
    if (st != PF_OK)
        return st;
    pf_resp_no_content(resp);
    return PF_OK;
}

pf_status api_cvs_reparse(struct pf_req *req, struct pf_resp *resp)
{
    pf_id id;
    if (!pf_req_param_id_or_respond(req, resp, 0, "id", &id))
        return PF_OK;
    pf_status st = pf_store_cv_reparse(req->app->store, pf_req_workspace(req), id,
                                       pf_time_now_ms(), &req->err);
    if (st != PF_OK)
        return st;
    struct pf_cv *cv = NULL;
    st = pf_store_cv_get(req->app->store, req->arena, pf_req_workspace(req), id, &cv, &req->err);
    if (st != PF_OK)
        return st;
    json_t *out = cv_json(req, cv, false);
    pf_resp_json(resp, 202, out);
    json_decref(out);
    return PF_OK;
}
