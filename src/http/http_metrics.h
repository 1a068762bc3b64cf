/* Request counters and latency histograms per route, written as Prometheus text. */
#ifndef PF_HTTP_HTTP_METRICS_H
#define PF_HTTP_HTTP_METRICS_H

#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"

struct pf_route;

/* Opaque; lock-free counters, safe to update from every worker thread. */
struct pf_http_metrics;

struct pf_http_metrics *pf_http_metrics_new(void);
void pf_http_metrics_free(struct pf_http_metrics *metrics);
/* Records one finished request (route NULL: no route matched). */
void pf_http_metrics_observe(struct pf_http_metrics *metrics, const struct pf_route *route,
                             int status, int64_t duration_us, size_t bytes_out);
/* Open client connections: +1 when one opens, -1 when it closes. */
void pf_http_metrics_connection(struct pf_http_metrics *metrics, int delta);
int pf_http_metrics_connections(const struct pf_http_metrics *metrics);
/* Appends every series in Prometheus text exposition format. */
void pf_http_metrics_write(const struct pf_http_metrics *metrics, struct pf_buf *out);

#endif
