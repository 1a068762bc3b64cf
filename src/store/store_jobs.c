/* The job queue: claim, finish, fail, and recovery of jobs whose worker died. */
#include "store/store_jobs.h"

#include "store/store_int.h"

#define JOB_COLUMNS "id, kind, workspace_id, subject_id, payload, attempts, created_at"

static struct pf_job *job_from_row(const struct pf_db_result *res, size_t row,
                                   struct pf_arena *arena)
{
    struct pf_job *job = pf_arena_alloc(arena, sizeof(*job));
    job->id = pf_db_get_id(res, row, 0);
    job->kind = pf_db_dup_text(res, row, 1, arena);
    job->workspace_id = pf_db_get_id(res, row, 2);
    job->subject_id = pf_db_get_id(res, row, 3);
    job->payload = pf_db_get_json(res, row, 4, arena);
    job->attempts = (int)pf_db_get_int(res, row, 5);
    job->created_at = pf_db_get_time(res, row, 6);
    return job;
}

pf_status pf_store_job_claim(struct pf_store *store, struct pf_arena *arena, const char *worker,
                             int64_t now, int64_t lease_ms, struct pf_job **out_job,
                             struct pf_error *err)
{
    struct pf_db db;
    struct pf_db_result *res = NULL;
    *out_job = NULL;
    pf_status st = pf_db_acquire(store, &db, err);
    if (st != PF_OK)
        return st;
    struct pf_db_param params[] = {pf_db_text(worker), pf_db_time(arena, now + lease_ms),
                                   pf_db_time(arena, now)};
    /* PostgreSQL: SKIP LOCKED lets any number of workers on any number of machines claim
     * different jobs without waiting on each other. SQLite has one writer at a time, so the
     * plain sub-select is already exclusive. */
    if (pf_db_dialect(&db) == PF_DB_POSTGRES)
        st = pf_db_exec(&db,
                        "UPDATE jobs SET status = 'running', attempts = attempts + 1,"
                        " locked_by = $1, locked_until = $2, updated_at = $3"
                        " WHERE id = (SELECT id FROM jobs WHERE status = 'queued'"
                        " AND run_after <= $3 ORDER BY run_after, id"
                        " FOR UPDATE SKIP LOCKED LIMIT 1) RETURNING " JOB_COLUMNS,
                        params, 3, &res, err);
    else
        st = pf_db_exec(&db,
                        "UPDATE jobs SET status = 'running', attempts = attempts + 1,"
                        " locked_by = $1, locked_until = $2, updated_at = $3"
                        " WHERE id = (SELECT id FROM jobs WHERE status = 'queued'"
                        " AND run_after <= $3 ORDER BY run_after, id LIMIT 1)"
                        " RETURNING " JOB_COLUMNS,
                        params, 3, &res, err);
    if (st == PF_OK && pf_db_rows(res) == 1)
        *out_job = job_from_row(res, 0, arena);
    pf_db_result_free(res);
    pf_db_release(&db);
    return st;
}

pf_status pf_store_job_done(struct pf_store *store, pf_id id, const char *worker, int64_t now,
                            struct pf_error *err)
{
    struct pf_arena *arena = pf_arena_new();
    struct pf_db_param params[] = {pf_db_id(arena, id), pf_db_text(worker),
                                   pf_db_time(arena, now)};
    int64_t changes = 0;
    pf_status st = pf_store_write(store,
                                  "UPDATE jobs SET status = 'done', locked_by = NULL,"
                                  " locked_until = NULL, error = NULL, updated_at = $3"
                                  " WHERE id = $1 AND status = 'running' AND locked_by = $2",
                                  params, 3, &changes, err);
    if (st == PF_OK && changes == 0)
        st = pf_error_set(err, PF_E_CONFLICT, "the job's lease was lost");
    pf_arena_free(arena);
    return st;
}

pf_status pf_store_job_fail(struct pf_store *store, pf_id id, const char *worker,
                            const char *error, int64_t now, int64_t retry_at, struct pf_error *err)
{
    struct pf_arena *arena = pf_arena_new();
    struct pf_db_param params[] = {pf_db_id(arena, id),
                                   pf_db_text(worker),
                                   pf_db_text(error),
                                   pf_db_time(arena, now),
                                   pf_db_text(retry_at > 0 ? "queued" : "failed"),
                                   pf_db_time(arena, retry_at > 0 ? retry_at : now)};
    int64_t changes = 0;
    pf_status st = pf_store_write(store,
                                  "UPDATE jobs SET status = $5, run_after = $6, locked_by = NULL,"
                                  " locked_until = NULL, error = $3, updated_at = $4"
                                  " WHERE id = $1 AND status = 'running' AND locked_by = $2",
                                  params, PF_ARRAY_LEN(params), &changes, err);
    if (st == PF_OK && changes == 0)
        st = pf_error_set(err, PF_E_CONFLICT, "the job's lease was lost");
    pf_arena_free(arena);
    return st;
}

pf_status pf_store_job_recover(struct pf_store *store, struct pf_arena *arena, int64_t now,
                               int max_attempts, struct pf_job ***out_failed,
                               size_t *out_failed_count, int64_t *out_requeued,
                               struct pf_error *err)
{
    struct pf_db db;
    struct pf_db_result *res = NULL;
    *out_failed = NULL;
    *out_failed_count = 0;
    *out_requeued = 0;
    pf_status st = pf_db_acquire(store, &db, err);
    if (st != PF_OK)
        return st;
    st = pf_db_begin(&db, err);
    if (st != PF_OK)
        goto done;
    struct pf_db_param params[] = {pf_db_time(arena, now), pf_db_int(max_attempts)};
    st = pf_db_exec(&db,
                    "UPDATE jobs SET status = 'failed', locked_by = NULL, locked_until = NULL,"
                    " error = 'the worker stopped before finishing', updated_at = $1"
                    " WHERE status = 'running' AND locked_until < $1 AND attempts >= $2"
                    " RETURNING " JOB_COLUMNS,
                    params, 2, &res, err);
    if (st != PF_OK)
        goto done;
    st = pf_db_exec_changes(&db,
                            "UPDATE jobs SET status = 'queued', run_after = $1, locked_by = NULL,"
                            " locked_until = NULL, updated_at = $1"
                            " WHERE status = 'running' AND locked_until < $1 AND attempts < $2",
                            params, 2, out_requeued, err);
    if (st != PF_OK)
        goto done;
    st = pf_db_commit(&db, err);
    if (st != PF_OK)
        goto done;
    size_t rows = pf_db_rows(res);
    struct pf_job **failed = pf_arena_alloc(arena, (rows ? rows : 1) * sizeof(*failed));
    for (size_t r = 0; r < rows; r++)
        failed[r] = job_from_row(res, r, arena);
    *out_failed = failed;
    *out_failed_count = rows;
done:
    pf_db_result_free(res);
    pf_db_release(&db);
    return st;
}

pf_status pf_store_job_counts(struct pf_store *store, int64_t *out_queued, int64_t *out_running,
                              int64_t *out_failed, struct pf_error *err)
{
    struct pf_db_result *res = NULL;
    pf_status st = pf_store_query(store,
                                  "SELECT"
                                  " (SELECT count(*) FROM jobs WHERE status = 'queued'),"
                                  " (SELECT count(*) FROM jobs WHERE status = 'running'),"
                                  " (SELECT count(*) FROM jobs WHERE status = 'failed')",
                                  NULL, 0, &res, err);
    *out_queued = st == PF_OK ? pf_db_get_int(res, 0, 0) : 0;
    *out_running = st == PF_OK ? pf_db_get_int(res, 0, 1) : 0;
    *out_failed = st == PF_OK ? pf_db_get_int(res, 0, 2) : 0;
    pf_db_result_free(res);
    return st;
}
