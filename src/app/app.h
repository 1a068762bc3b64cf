/* The process-wide context every request, job and command hangs off (STYLE §18). */
#ifndef PF_APP_APP_H
#define PF_APP_APP_H

#include "base/config.h"
#include "base/status.h"
#include "store/store.h"

struct pf_http_metrics;
struct pf_kb;
struct pf_gap_spellers;

/* Shared, read-mostly state. Thread-safe to read; built once by pf_app_new. */
struct pf_app {
    const struct pf_config *config; /* owned by the app */
    struct pf_store *store;         /* owned */
    char *database_url;             /* owned; the effective URL */
    struct pf_kb *kb;               /* owned; the taxonomy index, built once, read-only after */
    struct pf_http_metrics *http_metrics; /* owned by the HTTP server while it runs, else NULL */
    struct pf_gap_spellers *spellers; /* owned by `serve` while it runs (shared dictionaries for
                                         gap reports), else NULL: each report loads its own */
    int64_t started_at;             /* ms */
};

/* Builds the app for config (the app takes ownership of config, even on failure): opens the
 * store (creating data_dir for SQLite), builds the knowledge-base index and, with migrate,
 * applies pending migrations and refreshes the built-in data the database holds. Caller frees
 * with pf_app_free(). */
PF_MUST_CHECK pf_status pf_app_new(struct pf_config *config, bool migrate,
                                   struct pf_app **out_app, struct pf_error *err);
/* NULL-safe. */
void pf_app_free(struct pf_app *app);

/* Refreshes the data the database holds that ships with the binary (the built-in templates):
 * run after migrations by pf_app_new(…, migrate = true) and `personaforge migrate`. */
PF_MUST_CHECK pf_status pf_app_seed(struct pf_app *app, struct pf_error *err);

#endif
