/* The web UI's files: served at / from the copy built into the binary (or from web_dir). */
#ifndef PF_HTTP_API_WEB_H
#define PF_HTTP_API_WEB_H

#include <stdbool.h>

#include "http/http_req.h"

/* The Content-Security-Policy of every web UI response: scripts and styles only from our own
 * origin (no inline script, no eval), no framing by anyone. */
#define PF_WEB_CSP                                                                                 \
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "        \
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "                    \
    "form-action 'self'; frame-src 'none'; worker-src 'none'; frame-ancestors 'none'"

/* Answers a GET or HEAD outside /api/ that no route took: a file of the UI, or the app's
 * index.html for an app path (no extension in its last segment) so a reload of /personas/42
 * works. Sets the browser security headers, ETag (304 on If-None-Match) and serves the gzip
 * variant when the client accepts it. Returns false, leaving resp untouched, when the request
 * is not one for the UI (other method, or under /api/); true when resp is filled (200, 304,
 * or a 404 for a missing asset). */
bool pf_web_try_serve(struct pf_req *req, struct pf_resp *resp);

#endif
