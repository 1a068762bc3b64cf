/* The job kinds and their handlers, shared by the worker loop and the handlers' files. */
#ifndef PF_JOBS_JOBS_INT_H
#define PF_JOBS_JOBS_INT_H

#include "app/app.h"
#include "store/store_jobs.h"

/* A handler runs one job. PF_OK: done. Any other status: the attempt failed; the worker retries
 * later unless the handler already recorded a final outcome on the job's subject and returned
 * PF_OK. Handlers must be idempotent: a job can run again after a crash. */
typedef pf_status (*pf_job_fn)(struct pf_app *app, struct pf_arena *arena,
                               const struct pf_job *job, struct pf_error *err);

/* parse_cv: reads the CV's original file and writes its text, structure and parse result. */
pf_status pf_job_parse_cv(struct pf_app *app, struct pf_arena *arena, const struct pf_job *job,
                          struct pf_error *err);
/* Records on a parse_cv job's CV that it failed for good (every attempt died or failed). */
pf_status pf_job_parse_cv_abandon(struct pf_app *app, const struct pf_job *job,
                                  const char *reason, struct pf_error *err);

#endif
