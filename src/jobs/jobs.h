/* Background workers: threads that claim jobs from the database queue and run them
 * (ARCHITECTURE §7). Any number of processes may run workers on one database. */
#ifndef PF_JOBS_JOBS_H
#define PF_JOBS_JOBS_H

#include <stdbool.h>

#include "app/app.h"

/* Opaque: the running worker threads. */
struct pf_jobs;

/* Starts count worker threads over app (count 0 starts none and returns a valid handle).
 * Each worker names itself "<host>:<pid>:<n>" in the queue, so leases show who held a job. */
PF_MUST_CHECK pf_status pf_jobs_start(struct pf_app *app, int count, struct pf_jobs **out_jobs,
                                      struct pf_error *err);
/* Asks the workers to stop, lets running jobs finish (each is bounded by its own work limit,
 * limit_document_ms for a parse) and joins the threads; grace_s bounds the wait before the
 * stop is logged as slow. A job interrupted by a crash instead is left to lease expiry.
 * NULL-safe. */
void pf_jobs_stop(struct pf_jobs *jobs, int grace_s);

/* Claims and runs at most one job as worker; *out_ran says whether there was one. Also runs
 * lease recovery first. For tests and single-shot tools. */
PF_MUST_CHECK pf_status pf_jobs_run_once(struct pf_app *app, const char *worker, bool *out_ran,
                                         struct pf_error *err);

#endif
