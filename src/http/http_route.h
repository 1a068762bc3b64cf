/* The route table (routes.def) and the MHD-free dispatcher that runs a request through it. */
#ifndef PF_HTTP_HTTP_ROUTE_H
#define PF_HTTP_HTTP_ROUTE_H

#include "http/http_req.h"
#include "http/http_schema.h"

enum pf_auth {
    PF_AUTH_NONE, /* anyone */
    PF_AUTH_USER, /* a valid bearer token or session cookie; 401 otherwise */
};

enum pf_body {
    PF_BODY_NONE,   /* a body is ignored (and bounded by limit_json_body) */
    PF_BODY_JSON,   /* JSON up to limit_json_body */
    PF_BODY_UPLOAD, /* a file up to limit_upload_bytes (multipart or raw) */
};

/* A handler fills resp and returns PF_OK, or returns a status with req->err filled and leaves
 * the response to the dispatcher (which writes the error envelope and logs it once). */
typedef pf_status (*pf_route_fn)(struct pf_req *req, struct pf_resp *resp);

struct pf_route {
    const char *method;
    const char *pattern;              /* "/api/v1/personas/{id}" */
    pf_route_fn handler;
    enum pf_auth auth;
    enum pf_body body;
    const struct pf_schema *request;  /* JSON body schema, or NULL */
    const struct pf_schema *response; /* success body schema, or NULL */
    int success_status;               /* documented success status */
    const char *tag;                  /* OpenAPI tag */
    const char *summary;
    const char *operation;            /* the handler's name: the OpenAPI operationId */
};

/* The table, in routes.def order, and its length. */
extern const struct pf_route pf_routes[];
extern const size_t pf_route_count;

/* Finds the route for method and path, filling req->params. *out_path_known is true when some
 * route has this path with another method (405 rather than 404). NULL when none matches. */
const struct pf_route *pf_route_find(const char *method, const char *path, struct pf_req *req,
                                     bool *out_path_known);
/* The route a request to method/path would take, for limits checked before the body arrives. */
const struct pf_route *pf_route_peek(const char *method, const char *path);

/* Runs req (with method, path, headers, query and body set) through routing, authentication,
 * CSRF checks and the handler, leaving the answer in resp (initialised by the caller). Never
 * fails: every problem becomes an HTTP error response. */
void pf_http_dispatch(struct pf_req *req, struct pf_resp *resp);

/* The handlers (api_*.c). */
#define PF_HTTP_ROUTE(method, pattern, handler, auth, body, request, response, status, tag, summary)    \
    pf_status handler(struct pf_req *req, struct pf_resp *resp);
#include "http/routes.def"
#undef PF_HTTP_ROUTE

#endif
