/* Worker threads: claim, run, finish or retry; recover jobs whose worker died. */
#include "jobs/jobs.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/clock.h"
#include "base/log.h"
#include "base/mem.h"
#include "jobs/jobs_int.h"
#include "store/store_search.h"

#define PF_LOG_MODULE "jobs"

#define IDLE_SLEEP_MS 100      /* poll interval when the queue is empty */
#define RECOVER_EVERY_MS 5000  /* how often a worker looks for abandoned leases */
#define MERGE_STEP_PAGES 64    /* FTS5 pages merged per table and step: a few ms of write lock */
#define MAX_WORKERS 64

struct job_kind {
    const char *name;
    pf_job_fn run;
};

static const struct job_kind kinds[] = {
    {"parse_cv", pf_job_parse_cv},
};

struct worker {
    struct pf_jobs *jobs;
    pthread_t thread;
    char name[96];
};

struct pf_jobs {
    struct pf_app *app;
    atomic_bool stopping;
    atomic_int running;   /* jobs being run right now */
    atomic_flag merging;  /* a worker is taking a merge step */
    /* The search indexes' merging (merge_search_indexes); the pass fields belong to whoever
     * holds merging. */
    _Atomic int64_t next_merge_ms;
    int64_t pass_started_ns;
    int pass_steps;
    int count;
    struct worker workers[MAX_WORKERS];
};

static const struct job_kind *kind_of(const char *name)
{
    for (size_t i = 0; i < PF_ARRAY_LEN(kinds); i++) {
        if (strcmp(kinds[i].name, name) == 0)
            return &kinds[i];
    }
    return NULL;
}

/* Retries back off: 5 s, 20 s, 45 s … so a transient outage can pass. */
static int64_t retry_delay_ms(int attempts)
{
    return (int64_t)attempts * attempts * 5000;
}

static void recover(struct pf_app *app, struct pf_log_ctx *log)
{
    struct pf_arena *arena = pf_arena_new();
    struct pf_error err = PF_ERROR_INIT;
    struct pf_job **failed = NULL;
    size_t failed_count = 0;
    int64_t requeued = 0;
    pf_status st = pf_store_job_recover(app->store, arena, pf_time_now_ms(),
                                        (int)app->config->job_max_attempts, &failed,
                                        &failed_count, &requeued, &err);
    if (st != PF_OK) {
        pf_log_warn(log, "lease recovery failed: %s", pf_error_message(&err));
    } else {
        if (requeued)
            pf_log_info(log, "requeued %lld job(s) whose worker stopped", (long long)requeued);
        for (size_t i = 0; i < failed_count; i++) {
            if (strcmp(failed[i]->kind, "parse_cv") == 0 &&
                pf_job_parse_cv_abandon(app, failed[i],
                                        "reading this file stopped the parser repeatedly",
                                        &err) != PF_OK)
                pf_log_warn(log, "could not mark an abandoned CV failed: %s",
                            pf_error_message(&err));
        }
    }
    pf_arena_free(arena);
}

/* Runs one claimed job to an outcome in the queue. */
static void run_job(struct pf_app *app, const char *worker, struct pf_job *job,
                    struct pf_arena *arena)
{
    char job_id[PF_ID_STR_LEN];
    pf_id_format(job->id, job_id);
    struct pf_log_ctx log = {.job = job_id};
    struct pf_error err = PF_ERROR_INIT;
    const struct job_kind *kind = kind_of(job->kind);
    int64_t started = pf_monotonic_ns();
    pf_status st = kind ? kind->run(app, arena, job, &err)
                        : pf_error_set(&err, PF_E_INTERNAL, "unknown job kind '%s'", job->kind);
    int64_t now = pf_time_now_ms();
    struct pf_error queue_err = PF_ERROR_INIT;
    if (st == PF_OK) {
        pf_log_info(&log, "%s done in %lld ms (attempt %d)", job->kind,
                    (long long)((pf_monotonic_ns() - started) / 1000000), job->attempts);
        if (pf_store_job_done(app->store, job->id, worker, now, &queue_err) != PF_OK)
            pf_log_warn(&log, "could not mark job done: %s", pf_error_message(&queue_err));
        return;
    }
    bool final = !kind || job->attempts >= app->config->job_max_attempts;
    pf_log_warn(&log, "%s attempt %d failed: %s: %s%s", job->kind, job->attempts,
                pf_status_code(st), pf_error_message(&err), final ? " (giving up)" : "");
    if (final && kind && strcmp(job->kind, "parse_cv") == 0 &&
        pf_job_parse_cv_abandon(app, job, pf_error_message(&err), &queue_err) != PF_OK)
        pf_log_warn(&log, "could not mark the CV failed: %s", pf_error_message(&queue_err));
    if (pf_store_job_fail(app->store, job->id, worker, pf_error_message(&err), now,
                          final ? 0 : now + retry_delay_ms(job->attempts), &queue_err) != PF_OK)
        pf_log_warn(&log, "could not release job: %s", pf_error_message(&queue_err));
}

pf_status pf_jobs_run_once(struct pf_app *app, const char *worker, bool *out_ran,
                           struct pf_error *err)
{
    *out_ran = false;
    recover(app, NULL);
    struct pf_arena *arena = pf_arena_new();
    struct pf_job *job = NULL;
    pf_status st = pf_store_job_claim(app->store, arena, worker, pf_time_now_ms(),
                                      app->config->job_lease * 1000, &job, err);
    if (st == PF_OK && job) {
        run_job(app, worker, job, arena);
        *out_ran = true;
    }
    pf_arena_free(arena);
    return st;
}

/* SQLite's full-text indexes: an idle worker merges their segments one step at a time
 * (pf_store_search_merge_step), claiming jobs again between steps, so an upload waits one step
 * at most; one worker at a time. After a step that found nothing to merge, the next look is
 * search_merge_interval later. True when there is more to merge now. */
static bool merge_search_indexes(struct pf_jobs *jobs, struct pf_log_ctx *log)
{
    struct pf_app *app = jobs->app;
    int64_t interval_ms = app->config->search_merge_interval * 1000;
    int64_t now = pf_time_now_ms();
    if (interval_ms == 0 || now < atomic_load(&jobs->next_merge_ms) ||
        atomic_flag_test_and_set(&jobs->merging))
        return false;
    bool more = false;
    struct pf_error err = PF_ERROR_INIT;
    if (pf_store_search_merge_step(app->store, MERGE_STEP_PAGES, false, &more, &err) != PF_OK)
        pf_log_warn(log, "merging the search indexes failed: %s", pf_error_message(&err));
    if (more && jobs->pass_steps++ == 0)
        jobs->pass_started_ns = pf_monotonic_ns();
    if (!more) {
        if (jobs->pass_steps > 0)
            pf_log_info(log, "search indexes merged: %d steps in %lld ms", jobs->pass_steps,
                        (long long)((pf_monotonic_ns() - jobs->pass_started_ns) / 1000000));
        jobs->pass_steps = 0;
        atomic_store(&jobs->next_merge_ms, now + interval_ms);
    }
    atomic_flag_clear(&jobs->merging);
    return more;
}

static void sleep_ms(int ms)
{
    struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

static void *worker_main(void *arg)
{
    struct worker *w = arg;
    struct pf_jobs *jobs = w->jobs;
    struct pf_app *app = jobs->app;
    struct pf_log_ctx log = {.job = w->name};
    int64_t next_recover = 0;
    while (!atomic_load(&jobs->stopping)) {
        int64_t now = pf_time_now_ms();
        if (now >= next_recover) {
            recover(app, &log);
            next_recover = now + RECOVER_EVERY_MS;
        }
        struct pf_arena *arena = pf_arena_new();
        struct pf_job *job = NULL;
        struct pf_error err = PF_ERROR_INIT;
        pf_status st = pf_store_job_claim(app->store, arena, w->name, now,
                                          app->config->job_lease * 1000, &job, &err);
        if (st == PF_OK && job) {
            atomic_fetch_add(&jobs->running, 1);
            run_job(app, w->name, job, arena);
            atomic_fetch_sub(&jobs->running, 1);
        }
        pf_arena_free(arena);
        if (st != PF_OK)
            pf_log_debug(&log, "claim failed: %s", pf_error_message(&err));
        if ((st != PF_OK || !job) && !merge_search_indexes(jobs, &log))
            sleep_ms(IDLE_SLEEP_MS);
    }
    return NULL;
}

pf_status pf_jobs_start(struct pf_app *app, int count, struct pf_jobs **out_jobs,
                        struct pf_error *err)
{
    if (count < 0 || count > MAX_WORKERS)
        return pf_error_set(err, PF_E_INVALID, "jobs_workers must be 0..%d", MAX_WORKERS);
    struct pf_jobs *jobs = pf_xcalloc(1, sizeof(*jobs));
    jobs->app = app;
    atomic_flag_clear(&jobs->merging);
    char host[64] = "host";
    gethostname(host, sizeof(host) - 1);
    for (int i = 0; i < count; i++) {
        struct worker *w = &jobs->workers[i];
        w->jobs = jobs;
        snprintf(w->name, sizeof(w->name), "%s:%d:%d", host, (int)getpid(), i);
        if (pthread_create(&w->thread, NULL, worker_main, w) != 0) {
            jobs->count = i;
            pf_jobs_stop(jobs, 0);
            return pf_error_set(err, PF_E_INTERNAL, "cannot start worker thread %d", i);
        }
        jobs->count = i + 1;
    }
    *out_jobs = jobs;
    return PF_OK;
}

void pf_jobs_stop(struct pf_jobs *jobs, int grace_s)
{
    if (!jobs)
        return;
    atomic_store(&jobs->stopping, true);
    int64_t deadline = pf_monotonic_ns() + (int64_t)grace_s * 1000000000;
    while (atomic_load(&jobs->running) > 0 && pf_monotonic_ns() < deadline)
        sleep_ms(20);
    if (atomic_load(&jobs->running) > 0)
        pf_log_warn(NULL, "%d job(s) still running after %d s; waiting for them",
                    atomic_load(&jobs->running), grace_s);
    for (int i = 0; i < jobs->count; i++)
        pthread_join(jobs->workers[i].thread, NULL);
    free(jobs);
}
