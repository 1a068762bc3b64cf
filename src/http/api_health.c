/* Operations endpoints: liveness, readiness, Prometheus metrics and the OpenAPI document. */
#include <stdio.h>
#include <unistd.h>

#include "base/clock.h"
#include "http/http_metrics.h"
#include "http/http_openapi.h"
#include "http/http_route.h"
#include "store/store_jobs.h"

pf_status api_health_live(struct pf_req *req, struct pf_resp *resp)
{
    (void)req;
    pf_resp_bytes(resp, 200, "application/json", "{\"status\":\"ok\"}", 15);
    return PF_OK;
}

pf_status api_health_ready(struct pf_req *req, struct pf_resp *resp)
{
    struct pf_error err = PF_ERROR_INIT;
    if (pf_store_ping(req->app->store, &err) != PF_OK) {
        pf_resp_error(resp, PF_E_STORE, "the database is unreachable", NULL, NULL);
        return PF_OK;
    }
    json_t *body = json_pack("{s:s,s:s}", "status", "ready", "database",
                             pf_store_backend(req->app->store));
    pf_resp_json(resp, 200, body);
    json_decref(body);
    return PF_OK;
}

/* Resident set size in bytes, from /proc (0 where unavailable). */
static long long resident_bytes(void)
{
    FILE *f = fopen("/proc/self/statm", "r");
    long long pages = 0;
    long long resident = 0;
    if (!f)
        return 0;
    if (fscanf(f, "%lld %lld", &pages, &resident) != 2)
        resident = 0;
    fclose(f);
    return resident * sysconf(_SC_PAGESIZE);
}

pf_status api_metrics_get(struct pf_req *req, struct pf_resp *resp)
{
    struct pf_buf out = PF_BUF_INIT((size_t)4 << 20);
    if (req->app->http_metrics)
        pf_http_metrics_write(req->app->http_metrics, &out);
    int size = 0, in_use = 0;
    int64_t waits = 0, errors = 0;
    pf_store_pool_stats(req->app->store, &size, &in_use, &waits, &errors);
    pf_buf_printf(&out,
                  "# TYPE pf_db_pool_connections gauge\npf_db_pool_connections %d\n"
                  "# TYPE pf_db_pool_in_use gauge\npf_db_pool_in_use %d\n"
                  "# TYPE pf_db_pool_waits_total counter\npf_db_pool_waits_total %lld\n"
                  "# TYPE pf_db_errors_total counter\npf_db_errors_total %lld\n",
                  size, in_use, (long long)waits, (long long)errors);
    int64_t queued = 0, running = 0, failed = 0;
    struct pf_error err = PF_ERROR_INIT;
    if (pf_store_job_counts(req->app->store, &queued, &running, &failed, &err) == PF_OK)
        pf_buf_printf(&out,
                      "# TYPE pf_jobs gauge\npf_jobs{status=\"queued\"} %lld\n"
                      "pf_jobs{status=\"running\"} %lld\npf_jobs{status=\"failed\"} %lld\n",
                      (long long)queued, (long long)running, (long long)failed);
    pf_buf_printf(&out,
                  "# TYPE pf_process_resident_memory_bytes gauge\n"
                  "pf_process_resident_memory_bytes %lld\n"
                  "# TYPE pf_process_uptime_seconds gauge\npf_process_uptime_seconds %.3f\n",
                  resident_bytes(),
                  (double)(pf_time_now_ms() - req->app->started_at) / 1000.0);
    pf_resp_bytes(resp, 200, "text/plain; version=0.0.4", out.ptr, out.len);
    pf_buf_fini(&out);
    return PF_OK;
}

pf_status api_openapi_get(struct pf_req *req, struct pf_resp *resp)
{
    (void)req;
    json_t *doc = pf_openapi_document();
    pf_resp_json(resp, 200, doc);
    json_decref(doc);
    return PF_OK;
}
