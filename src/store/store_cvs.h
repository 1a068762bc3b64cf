/* CVs, their original files and their parse results in the store. */
#ifndef PF_STORE_STORE_CVS_H
#define PF_STORE_STORE_CVS_H

#include "store/store.h"

enum pf_cv_status { PF_CV_PENDING, PF_CV_PROCESSING, PF_CV_PARSED, PF_CV_FAILED };

const char *pf_cv_status_name(enum pf_cv_status status);

struct pf_cv {
    pf_id id;
    pf_id workspace_id;
    pf_id user_id;
    char *filename;     /* sanitised display name */
    char *content_type; /* as uploaded */
    int64_t size_bytes;
    char *sha256;       /* hex of the original bytes */
    char *format;       /* detected format, NULL until parsed */
    enum pf_cv_status status;
    char *error_code;   /* machine code of a failure (e.g. "no_text_layer"), else NULL */
    char *error;        /* readable reason of a failure, else NULL */
    char *raw_text;     /* extracted text in reading order; NULL in lists and until parsed */
    json_t *parsed_json; /* JSON Resume; NULL in lists and until parsed */
    json_t *diagnostics; /* NULL until processed */
    int64_t document_date; /* ms; 0 when unknown */
    int64_t created_at;
    int64_t updated_at;
};

/* What a finished parse writes back. */
struct pf_cv_result {
    pf_id id;
    enum pf_cv_status status;    /* PF_CV_PARSED or PF_CV_FAILED */
    const char *format;
    const char *error_code;
    const char *error;
    const char *raw_text;
    size_t raw_text_len;
    const json_t *parsed_json;
    const json_t *diagnostics;
    int64_t document_date;
    int64_t now;
};

/* Stores cv (status pending), its original bytes and a parse_cv job, atomically: either the
 * upload is acknowledged with all three, or nothing is written. */
PF_MUST_CHECK pf_status pf_store_cv_create(struct pf_store *store, const struct pf_cv *cv,
                                           const void *bytes, size_t len, struct pf_error *err);
/* The whole CV (with raw_text and parsed_json). PF_E_NOT_FOUND outside the workspace. */
PF_MUST_CHECK pf_status pf_store_cv_get(struct pf_store *store, struct pf_arena *arena,
                                        pf_id workspace_id, pf_id id, struct pf_cv **out_cv,
                                        struct pf_error *err);
/* The same without the workspace check, for background jobs. */
PF_MUST_CHECK pf_status pf_store_cv_get_any(struct pf_store *store, struct pf_arena *arena,
                                            pf_id id, struct pf_cv **out_cv,
                                            struct pf_error *err);
/* A page of CVs, newest first, without raw_text and parsed_json. */
PF_MUST_CHECK pf_status pf_store_cv_list(struct pf_store *store, struct pf_arena *arena,
                                         pf_id workspace_id, struct pf_page page,
                                         struct pf_cv ***out_items, size_t *out_count,
                                         pf_id *out_next, struct pf_error *err);
/* The original bytes (arena copy). workspace nil: any workspace (jobs). */
PF_MUST_CHECK pf_status pf_store_cv_file(struct pf_store *store, struct pf_arena *arena,
                                         pf_id workspace_id, pf_id id, const char **out_bytes,
                                         size_t *out_len, struct pf_error *err);
/* Deletes the CV and every trace: its file, jobs, and its evidence in knowledge-base entries
 * (entries left without evidence and not confirmed by the user go too). */
PF_MUST_CHECK pf_status pf_store_cv_delete(struct pf_store *store, pf_id workspace_id, pf_id id,
                                           struct pf_error *err);
/* Replaces parsed_json (a user's correction of the base CV). */
PF_MUST_CHECK pf_status pf_store_cv_set_parsed(struct pf_store *store, pf_id workspace_id,
                                               pf_id id, const json_t *parsed_json, int64_t now,
                                               struct pf_error *err);
/* Queues a new parse unless one is already queued or running; status goes back to pending. */
PF_MUST_CHECK pf_status pf_store_cv_reparse(struct pf_store *store, pf_id workspace_id,
                                            pf_id id, int64_t now, struct pf_error *err);
/* Marks the CV processing (a worker picked up its job). */
PF_MUST_CHECK pf_status pf_store_cv_set_processing(struct pf_store *store, pf_id id, int64_t now,
                                                   struct pf_error *err);
/* Writes a parse result. */
PF_MUST_CHECK pf_status pf_store_cv_finish(struct pf_store *store,
                                           const struct pf_cv_result *result,
                                           struct pf_error *err);

#endif
