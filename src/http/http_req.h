/* The request and response every handler sees: plain data, no libmicrohttpd types, so handlers
 * run in-process in tests (STYLE §12). */
#ifndef PF_HTTP_HTTP_REQ_H
#define PF_HTTP_HTTP_REQ_H

#include <stdbool.h>

#include "app/app.h"
#include "base/arena.h"
#include "base/buf.h"
#include "base/json.h"
#include "base/log.h"
#include "store/store.h"

#define PF_HTTP_MAX_PARAMS 4
#define PF_HTTP_MAX_RESP_HEADERS 16

struct pf_route;

/* A name/value pair (header, query parameter, cookie), arena-owned. */
struct pf_kv {
    const char *name;
    const char *value;
};

/* One request. Everything hangs off req->arena and dies with the request. */
struct pf_req {
    struct pf_app *app;
    struct pf_arena *arena;
    const char *method;          /* "GET", … */
    const char *path;            /* URL path, percent-decoded, without the query */
    const struct pf_route *route; /* matched route; NULL before routing */
    const char *params[PF_HTTP_MAX_PARAMS]; /* path parameters ({id}) in pattern order */
    size_t param_count;
    const struct pf_kv *query;   /* decoded query parameters, in order */
    size_t query_count;
    const struct pf_kv *headers; /* request headers (names as sent) */
    size_t header_count;
    struct pf_str body;          /* the whole body (bounded by the route's limit) */
    const char *client_ip;
    char req_id[40];             /* X-Request-Id (sanitised) or a fresh UUID */
    struct pf_log_ctx log;       /* req_id, route and user for log lines */
    struct pf_user *user;        /* the authenticated user, or NULL */
    struct pf_session *session;  /* the session behind user, or NULL */
    char *token;                 /* the bearer/cookie token used, or NULL */
    bool via_cookie;             /* authenticated by the session cookie */
    struct pf_error err;         /* detail for a failing handler's status */
};

/* One response. Handlers fill it through the helpers below. */
struct pf_resp {
    int status;                  /* HTTP status */
    const char *content_type;    /* static or arena string */
    struct pf_buf body;          /* owned; bounded */
    const char *file_data;       /* alternatively a borrowed body (arena), when not NULL */
    size_t file_len;
    struct pf_kv headers[PF_HTTP_MAX_RESP_HEADERS];
    size_t header_count;
};

/* Request accessors: NULL when absent. Header names compare case-insensitively. */
const char *pf_req_header(const struct pf_req *req, const char *name);
const char *pf_req_query(const struct pf_req *req, const char *name);
/* The value of cookie name from the Cookie header (arena copy), or NULL. */
const char *pf_req_cookie(struct pf_req *req, const char *name);
/* The workspace the authenticated user works in. */
pf_id pf_req_workspace(const struct pf_req *req);

/* Response helpers. */
void pf_resp_init(struct pf_resp *resp, size_t max_body);
void pf_resp_fini(struct pf_resp *resp);
/* Adds a header (name and value must outlive the response: static or arena). */
void pf_resp_header(struct pf_resp *resp, const char *name, const char *value);
/* Serialises json (not consumed) as the body with Content-Type application/json. */
void pf_resp_json(struct pf_resp *resp, int status, const json_t *json);
/* The body as given bytes (copied). */
void pf_resp_bytes(struct pf_resp *resp, int status, const char *content_type, const void *data,
                   size_t len);
/* The error envelope {"error":{"code","message","details"?, "field"?}} for st. details may be
 * NULL (not consumed). */
void pf_resp_error(struct pf_resp *resp, pf_status st, const char *message, const json_t *details,
                   const char *field);
/* A 204 with no body. */
void pf_resp_no_content(struct pf_resp *resp);

/* Validation-style 422 for one problem: {loc:[where, name], msg, type}. Returns false (for
 * `return pf_…_or_respond` chains). */
bool pf_resp_invalid(struct pf_resp *resp, const char *where, const char *name, const char *msg,
                     const char *type);

/* Reads path parameter index as a UUID; on failure fills a 422 (loc ["path", name]). */
bool pf_req_param_id_or_respond(struct pf_req *req, struct pf_resp *resp, size_t index,
                                const char *name, pf_id *out_id);
/* Reads ?limit= and ?cursor= into a page; on bad values fills a 422. */
bool pf_req_page_or_respond(struct pf_req *req, struct pf_resp *resp, struct pf_page *out_page);

/* Formats an id / a time into the arena. */
const char *pf_req_id_text(struct pf_req *req, pf_id id);
json_t *pf_json_id(pf_id id);
json_t *pf_json_id_or_null(pf_id id);
json_t *pf_json_time(int64_t ms);
/* {items, next_cursor}: items is consumed. */
json_t *pf_json_list(json_t *items, pf_id next);

#endif
