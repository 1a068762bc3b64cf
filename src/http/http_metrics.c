/* Per-route request metrics with atomic counters. */
#include "http/http_metrics.h"

#include <stdatomic.h>
#include <stdlib.h>

#include "base/mem.h"
#include "http/http_route.h"

static const double bucket_ms[] = {1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 10000};
#define BUCKETS (sizeof(bucket_ms) / sizeof(bucket_ms[0]))
#define CLASSES 5 /* 1xx..5xx */

struct route_series {
    atomic_uint_fast64_t by_class[CLASSES];
    atomic_uint_fast64_t buckets[BUCKETS + 1]; /* the last is +Inf */
    atomic_uint_fast64_t sum_us;
    atomic_uint_fast64_t bytes_out;
};

struct pf_http_metrics {
    size_t count;                 /* pf_route_count + 1 (the last: unmatched) */
    struct route_series *series;  /* heap */
    atomic_int connections;       /* open client connections */
};

struct pf_http_metrics *pf_http_metrics_new(void)
{
    struct pf_http_metrics *m = pf_xcalloc(1, sizeof(*m));
    m->count = pf_route_count + 1;
    m->series = pf_xcalloc(m->count, sizeof(*m->series));
    return m;
}

void pf_http_metrics_free(struct pf_http_metrics *metrics)
{
    if (!metrics)
        return;
    free(metrics->series);
    free(metrics);
}

void pf_http_metrics_observe(struct pf_http_metrics *metrics, const struct pf_route *route,
                             int status, int64_t duration_us, size_t bytes_out)
{
    size_t index = route ? (size_t)(route - pf_routes) : metrics->count - 1;
    struct route_series *s = &metrics->series[index];
    int cls = status / 100 - 1;
    if (cls < 0 || cls >= CLASSES)
        cls = CLASSES - 1;
    atomic_fetch_add_explicit(&s->by_class[cls], 1, memory_order_relaxed);
    double ms = (double)duration_us / 1000.0;
    size_t b = 0;
    while (b < BUCKETS && ms > bucket_ms[b])
        b++;
    atomic_fetch_add_explicit(&s->buckets[b], 1, memory_order_relaxed);
    atomic_fetch_add_explicit(&s->sum_us, (uint_fast64_t)(duration_us > 0 ? duration_us : 0),
                              memory_order_relaxed);
    atomic_fetch_add_explicit(&s->bytes_out, bytes_out, memory_order_relaxed);
}

static void route_label(size_t index, char *out, size_t cap)
{
    if (index < pf_route_count)
        snprintf(out, cap, "method=\"%s\",route=\"%s\"", pf_routes[index].method,
                 pf_routes[index].pattern);
    else
        snprintf(out, cap, "method=\"\",route=\"unmatched\"");
}

void pf_http_metrics_connection(struct pf_http_metrics *metrics, int delta)
{
    atomic_fetch_add_explicit(&metrics->connections, delta, memory_order_relaxed);
}

int pf_http_metrics_connections(const struct pf_http_metrics *metrics)
{
    return atomic_load_explicit(&metrics->connections, memory_order_relaxed);
}

void pf_http_metrics_write(const struct pf_http_metrics *metrics, struct pf_buf *out)
{
    char label[256];
    pf_buf_printf(out, "# HELP pf_http_connections Open client connections.\n"
                       "# TYPE pf_http_connections gauge\npf_http_connections %d\n",
                  pf_http_metrics_connections(metrics));
    pf_buf_puts(out, "# HELP pf_http_requests_total HTTP requests by route and status class.\n"
                     "# TYPE pf_http_requests_total counter\n");
    for (size_t i = 0; i < metrics->count; i++) {
        route_label(i, label, sizeof(label));
        for (int c = 0; c < CLASSES; c++) {
            uint_fast64_t n = atomic_load(&metrics->series[i].by_class[c]);
            if (n)
                pf_buf_printf(out, "pf_http_requests_total{%s,status=\"%dxx\"} %llu\n", label,
                              c + 1, (unsigned long long)n);
        }
    }
    pf_buf_puts(out, "# HELP pf_http_request_duration_seconds Time to answer, by route.\n"
                     "# TYPE pf_http_request_duration_seconds histogram\n");
    for (size_t i = 0; i < metrics->count; i++) {
        const struct route_series *s = &metrics->series[i];
        uint_fast64_t total = 0;
        for (size_t b = 0; b <= BUCKETS; b++)
            total += atomic_load(&s->buckets[b]);
        if (!total)
            continue;
        route_label(i, label, sizeof(label));
        uint_fast64_t cumulative = 0;
        for (size_t b = 0; b < BUCKETS; b++) {
            cumulative += atomic_load(&s->buckets[b]);
            pf_buf_printf(out, "pf_http_request_duration_seconds_bucket{%s,le=\"%g\"} %llu\n",
                          label, bucket_ms[b] / 1000.0, (unsigned long long)cumulative);
        }
        pf_buf_printf(out, "pf_http_request_duration_seconds_bucket{%s,le=\"+Inf\"} %llu\n",
                      label, (unsigned long long)total);
        pf_buf_printf(out, "pf_http_request_duration_seconds_sum{%s} %.6f\n", label,
                      (double)atomic_load(&s->sum_us) / 1e6);
        pf_buf_printf(out, "pf_http_request_duration_seconds_count{%s} %llu\n", label,
                      (unsigned long long)total);
    }
}
