/* The route table, path matching, and the dispatcher: auth, CSRF, handler, error envelope. */
#include <string.h>
#include <strings.h>

#include "account/account.h"
#include "base/clock.h"
#include "http/api_schemas.h"
#include "http/api_web.h"
#include "http/http_metrics.h"
#include "http/http_route.h"

#define PF_LOG_MODULE "http"

const struct pf_route pf_routes[] = {
#define PF_HTTP_ROUTE(method, pattern, handler, auth, body, request, response, status, tag, summary)    \
    {#method, pattern,  handler, PF_AUTH_##auth, PF_BODY_##body, request,                          \
     response, status,  tag,     summary,        #handler},
#include "http/routes.def"
#undef PF_HTTP_ROUTE
};
const size_t pf_route_count = PF_ARRAY_LEN(pf_routes);

/* Matches path against pattern segment by segment; {name} captures one non-empty segment. */
static bool match(const char *pattern, const char *path, const char **params, size_t *count,
                  struct pf_arena *arena)
{
    size_t n = 0;
    const char *p = pattern;
    const char *s = path;
    while (*p && *s) {
        if (*p == '{') {
            const char *close = strchr(p, '}');
            const char *end = strchr(s, '/');
            size_t len = end ? (size_t)(end - s) : strlen(s);
            if (!close || len == 0 || n >= PF_HTTP_MAX_PARAMS)
                return false;
            if (arena)
                params[n] = pf_arena_strndup(arena, s, len);
            n++;
            p = close + 1;
            s += len;
            continue;
        }
        if (*p != *s)
            return false;
        p++;
        s++;
    }
    if (*p || *s)
        return false;
    if (count)
        *count = n;
    return true;
}

static bool same_method(const char *route_method, const char *method)
{
    /* HEAD is served by the GET route; libmicrohttpd drops the body. */
    return strcmp(route_method, method) == 0 ||
           (strcmp(method, "HEAD") == 0 && strcmp(route_method, "GET") == 0);
}

const struct pf_route *pf_route_find(const char *method, const char *path, struct pf_req *req,
                                     bool *out_path_known)
{
    *out_path_known = false;
    for (size_t i = 0; i < pf_route_count; i++) {
        const struct pf_route *route = &pf_routes[i];
        if (!match(route->pattern, path, NULL, NULL, NULL))
            continue;
        if (!same_method(route->method, method)) {
            *out_path_known = true;
            continue;
        }
        match(route->pattern, path, req->params, &req->param_count, req->arena);
        return route;
    }
    return NULL;
}

const struct pf_route *pf_route_peek(const char *method, const char *path)
{
    for (size_t i = 0; i < pf_route_count; i++) {
        if (same_method(pf_routes[i].method, method) &&
            match(pf_routes[i].pattern, path, NULL, NULL, NULL))
            return &pf_routes[i];
    }
    return NULL;
}

static void set_allow_header(struct pf_req *req, struct pf_resp *resp)
{
    char allow[128] = "";
    size_t used = 0;
    for (size_t i = 0; i < pf_route_count; i++) {
        if (match(pf_routes[i].pattern, req->path, NULL, NULL, NULL) && used < sizeof(allow))
            used += (size_t)snprintf(allow + used, sizeof(allow) - used, "%s%s",
                                     used ? ", " : "", pf_routes[i].method);
    }
    pf_resp_header(resp, "Allow", pf_arena_strdup(req->arena, allow));
}

/* The token from "Authorization: Bearer …", else the session cookie. */
static const char *find_token(struct pf_req *req, bool *out_cookie)
{
    *out_cookie = false;
    const char *auth = pf_req_header(req, "Authorization");
    if (auth) {
        if (strncasecmp(auth, "Bearer ", 7) != 0)
            return "";
        return auth + 7;
    }
    const char *cookie = pf_req_cookie(req, "pf_session");
    if (cookie)
        *out_cookie = true;
    return cookie;
}

static bool is_safe_method(const char *method)
{
    return strcmp(method, "GET") == 0 || strcmp(method, "HEAD") == 0 ||
           strcmp(method, "OPTIONS") == 0;
}

/* Authenticates req when its route needs it. False when the response (401/403/503) is set. */
static bool authenticate_or_respond(struct pf_req *req, struct pf_resp *resp)
{
    if (req->route->auth == PF_AUTH_NONE)
        return true;
    bool via_cookie = false;
    const char *token = find_token(req, &via_cookie);
    if (!token) {
        pf_resp_header(resp, "WWW-Authenticate", "Bearer");
        pf_resp_error(resp, PF_E_UNAUTHORIZED, "authentication required: log in first", NULL,
                      NULL);
        return false;
    }
    pf_status st = pf_account_authenticate(req->app, req->arena, token, &req->session, &req->user,
                                           &req->err);
    if (st != PF_OK) {
        if (st == PF_E_UNAUTHORIZED)
            pf_resp_header(resp, "WWW-Authenticate", "Bearer error=\"invalid_token\"");
        pf_resp_error(resp, st,
                      st == PF_E_UNAUTHORIZED ? "the token is invalid, expired or revoked"
                                              : pf_error_message(&req->err),
                      NULL, NULL);
        return false;
    }
    req->token = pf_arena_strdup(req->arena, token);
    req->via_cookie = via_cookie;
    char *user_id = pf_arena_alloc(req->arena, PF_ID_STR_LEN);
    pf_id_format(req->user->id, user_id);
    req->log.user = user_id;
    /* A cookie rides along on cross-site requests; a header a foreign page cannot read or set
     * proves the request came from our own UI. Bearer tokens are never sent implicitly. */
    if (via_cookie && !is_safe_method(req->method)) {
        const char *csrf = pf_req_header(req, "X-CSRF-Token");
        if (!csrf || !pf_account_secret_eq(csrf, req->session->csrf_token)) {
            pf_resp_error(resp, PF_E_CSRF,
                          "cookie-authenticated writes need the X-CSRF-Token header from login",
                          NULL, NULL);
            return false;
        }
    }
    return true;
}

static void log_failure(struct pf_req *req, pf_status st)
{
    int http = pf_status_http(st);
    if (http >= 500)
        pf_log_error(&req->log, "%s: %s", pf_status_code(st), pf_error_message(&req->err));
    else
        pf_log_debug(&req->log, "%s: %s", pf_status_code(st), pf_error_message(&req->err));
}

static void add_common_headers(struct pf_req *req, struct pf_resp *resp)
{
    pf_resp_header(resp, "X-Request-Id", req->req_id);
    pf_resp_header(resp, "X-Content-Type-Options", "nosniff");
    pf_resp_header(resp, "Referrer-Policy", "no-referrer");
    pf_resp_header(resp, "X-Frame-Options", "DENY");
    if (strncmp(req->path, "/api/", 5) == 0 || resp->status >= 400)
        pf_resp_header(resp, "Cache-Control", "no-store");
    if (resp->status == 503)
        pf_resp_header(resp, "Retry-After", "5");
}

void pf_http_dispatch(struct pf_req *req, struct pf_resp *resp)
{
    bool path_known = false;
    req->route = pf_route_find(req->method, req->path, req, &path_known);
    if (!req->route) {
        if (path_known) {
            set_allow_header(req, resp);
            pf_resp_error(resp, PF_E_METHOD, "method not allowed on this resource", NULL, NULL);
        } else if (!pf_web_try_serve(req, resp)) {
            pf_resp_error(resp, PF_E_NOT_FOUND, "no such resource", NULL, NULL);
        }
        add_common_headers(req, resp);
        return;
    }
    req->log.route = pf_arena_printf(req->arena, "%s %s", req->route->method, req->route->pattern);
    if (authenticate_or_respond(req, resp)) {
        pf_status st = req->route->handler(req, resp);
        if (st != PF_OK) {
            log_failure(req, st);
            if (resp->status == 0) {
                const char *message = pf_status_http(st) >= 500 && st != PF_E_STORE &&
                                              st != PF_E_DISK_FULL && st != PF_E_READ_ONLY
                                          ? pf_status_message(st)
                                          : pf_error_message(&req->err);
                pf_resp_error(resp, st, message, NULL, req->err.field[0] ? req->err.field : NULL);
            }
        }
    }
    if (resp->status == 0)
        pf_resp_error(resp, PF_E_INTERNAL, "the handler produced no response", NULL, NULL);
    add_common_headers(req, resp);
}
