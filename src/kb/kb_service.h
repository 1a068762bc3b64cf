/* The knowledge base as a service: what the pure kb module finds, kept in the store. */
#ifndef PF_KB_KB_SERVICE_H
#define PF_KB_KB_SERVICE_H

#include "base/arena.h"
#include "base/json.h"
#include "base/status.h"
#include "kb/kb.h"
#include "kb/kb_question.h"
#include "store/store.h"
#include "store/store_kb.h"

/* What one CV contributed to its workspace's knowledge base. */
struct pf_kb_ingest_stats {
    size_t entries;   /* found in the CV and inferred */
    size_t questions; /* clarifying questions raised */
};

/* Extracts (source cv), infers (source ai_extraction, unconfirmed) and raises questions for one
 * parsed CV, and merges them into the workspace's knowledge base. raw_text is the CV's text
 * (evidence spans point into it); as_of_ms resolves "Present". Idempotent. */
PF_MUST_CHECK pf_status pf_kb_service_ingest_cv(struct pf_store *store, const struct pf_kb *kb,
                                                pf_id workspace_id, pf_id user_id, pf_id cv_id,
                                                const json_t *resume, struct pf_str raw_text,
                                                int64_t as_of_ms,
                                                struct pf_kb_ingest_stats *out_stats,
                                                struct pf_error *err);

/* Validates a hand-made entry (type, value up to 500 characters) and fills row's type, value
 * and normalized_value. PF_E_VALIDATION with err->field on bad input. */
PF_MUST_CHECK pf_status pf_kb_service_prepare_entry(struct pf_arena *arena, const char *type,
                                                    const char *value, struct pf_kb_row *row,
                                                    struct pf_error *err);

/* Answers an open question: validates answer against its kind, turns it into user_answer
 * entries, records it and stores them atomically. The entries are returned (arena).
 * PF_E_VALIDATION for an answer of the wrong kind, PF_E_CONFLICT when no longer open. */
PF_MUST_CHECK pf_status pf_kb_service_answer(struct pf_store *store, const struct pf_kb *kb,
                                             struct pf_arena *arena, pf_id workspace_id,
                                             pf_id user_id, pf_id question_id,
                                             const json_t *answer,
                                             struct pf_kb_row ***out_entries,
                                             size_t *out_count, struct pf_error *err);

/* Adds one question (e.g. for a job requirement the KB cannot answer) unless its key exists. */
PF_MUST_CHECK pf_status pf_kb_service_add_question(struct pf_store *store,
                                                   struct pf_arena *arena, pf_id workspace_id,
                                                   pf_id user_id,
                                                   const struct pf_kb_question *question,
                                                   bool *out_created, struct pf_error *err);

#endif
