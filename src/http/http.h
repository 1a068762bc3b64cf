/* The HTTP server: starts libmicrohttpd over the app and stops it gracefully. */
#ifndef PF_HTTP_HTTP_H
#define PF_HTTP_HTTP_H

#include <stdint.h>

#include "app/app.h"

/* Opaque: the running server. */
struct pf_http_server;

/* Listens on app->config->listen with a pool of http_threads worker threads. The app must
 * outlive the server. PF_E_INVALID for a bad listen address, PF_E_IO when it cannot bind. */
PF_MUST_CHECK pf_status pf_http_server_start(struct pf_app *app,
                                             struct pf_http_server **out_server,
                                             struct pf_error *err);
/* The port actually bound (useful with port 0). */
uint16_t pf_http_server_port(const struct pf_http_server *server);
/* Stops accepting, lets in-flight requests finish for up to grace_s seconds, then closes the
 * remaining connections and frees the server. NULL-safe. */
void pf_http_server_stop(struct pf_http_server *server, int grace_s);

#endif
