/* The background job queue in the database (ARCHITECTURE §7): claimed with FOR UPDATE SKIP
 * LOCKED on PostgreSQL, under SQLite's single writer lock on SQLite. */
#ifndef PF_STORE_STORE_JOBS_H
#define PF_STORE_STORE_JOBS_H

#include "store/store.h"

struct pf_job {
    pf_id id;
    char *kind;         /* e.g. "parse_cv"; arena-owned */
    pf_id workspace_id;
    pf_id subject_id;   /* the row the job works on (a CV id for parse_cv) */
    json_t *payload;    /* object */
    int attempts;       /* including the current one */
    int64_t created_at;
};

/* Claims the oldest runnable queued job for worker (its lease ends at now + lease_ms), marking
 * it running and counting the attempt. *out_job is NULL when there is nothing to do. */
PF_MUST_CHECK pf_status pf_store_job_claim(struct pf_store *store, struct pf_arena *arena,
                                           const char *worker, int64_t now, int64_t lease_ms,
                                           struct pf_job **out_job, struct pf_error *err);
/* Marks a job this worker holds done. PF_E_CONFLICT when the lease was lost meanwhile. */
PF_MUST_CHECK pf_status pf_store_job_done(struct pf_store *store, pf_id id, const char *worker,
                                          int64_t now, struct pf_error *err);
/* Releases a job after a failed attempt: queued again from retry_at, or failed for good when
 * retry_at is 0. */
PF_MUST_CHECK pf_status pf_store_job_fail(struct pf_store *store, pf_id id, const char *worker,
                                          const char *error, int64_t now, int64_t retry_at,
                                          struct pf_error *err);
/* Returns abandoned jobs (running past their lease: the worker died) to the queue, or fails
 * them when they used max_attempts. The jobs failed this way are returned (for the caller to
 * record a reason on their subject). */
PF_MUST_CHECK pf_status pf_store_job_recover(struct pf_store *store, struct pf_arena *arena,
                                             int64_t now, int max_attempts,
                                             struct pf_job ***out_failed, size_t *out_failed_count,
                                             int64_t *out_requeued, struct pf_error *err);
/* Counts by status, for /metrics: queued, running, failed. */
PF_MUST_CHECK pf_status pf_store_job_counts(struct pf_store *store, int64_t *out_queued,
                                            int64_t *out_running, int64_t *out_failed,
                                            struct pf_error *err);

#endif
