/* Knowledge-base entries and clarifying questions in the store. */
#ifndef PF_STORE_STORE_KB_H
#define PF_STORE_STORE_KB_H

#include "store/store.h"

struct pf_kb_question_row;

struct pf_kb_row {
    pf_id id;
    pf_id workspace_id;
    pf_id user_id;
    char *type;             /* skill | tool | domain | soft_skill | preference */
    char *value;            /* display form */
    char *normalized_value; /* dedupe key within (workspace, type) */
    char *source;           /* cv | user_answer | ai_extraction */
    double confidence;      /* 0..1 */
    json_t *evidence;       /* array of {cv_id?, start?, end?, text?, ...} */
    json_t *details;        /* object: years, last_used, ... */
    bool confirmed;         /* inferred entries start unconfirmed */
    bool rejected;          /* the user rejected an inference; kept so it is not re-inferred */
    int64_t created_at;
    int64_t updated_at;
};

/* Merges entries found or inferred from one CV into the workspace's knowledge base, and adds
 * the questions it raised, in one transaction. An entry already there (same type and
 * normalised value) keeps its id, user decisions (confirmed, rejected, a user_answer source)
 * and gains the new evidence (deduplicated by cv_id, field and start; at most 8 items); its
 * confidence becomes the higher of the two, and an inference later found in a CV becomes a
 * confirmed "cv" entry. Questions with a dedupe key already in the workspace are skipped.
 * Idempotent: merging the same CV again changes nothing. */
PF_MUST_CHECK pf_status pf_store_kb_merge(struct pf_store *store, pf_id workspace_id,
                                          pf_id user_id, struct pf_kb_row *const *entries,
                                          size_t entry_count,
                                          struct pf_kb_question_row *const *questions,
                                          size_t question_count, int64_t now,
                                          struct pf_error *err);

struct pf_kb_filter {
    const char *type;   /* NULL: any */
    const char *source; /* NULL: any */
    int confirmed;      /* -1 any, 0 unconfirmed only, 1 confirmed only */
    bool with_rejected; /* include rejected entries */
};

/* Inserts a new entry. PF_E_CONFLICT when (workspace, type, normalized_value) exists. */
PF_MUST_CHECK pf_status pf_store_kb_create(struct pf_store *store,
                                           const struct pf_kb_row *entry,
                                           struct pf_error *err);
PF_MUST_CHECK pf_status pf_store_kb_get(struct pf_store *store, struct pf_arena *arena,
                                        pf_id workspace_id, pf_id id,
                                        struct pf_kb_row **out_entry, struct pf_error *err);
PF_MUST_CHECK pf_status pf_store_kb_list(struct pf_store *store, struct pf_arena *arena,
                                         pf_id workspace_id, const struct pf_kb_filter *filter,
                                         struct pf_page page, struct pf_kb_row ***out_items,
                                         size_t *out_count, pf_id *out_next,
                                         struct pf_error *err);
/* A change to one entry: gets the stored row and changes it in place; an error status leaves
 * the stored row as it was. id and workspace_id cannot change. */
typedef pf_status (*pf_kb_edit_fn)(void *ctx, struct pf_arena *arena, struct pf_kb_row *entry,
                                   struct pf_error *err);

/* Reads the entry, applies edit and writes it back in one transaction, with the workspace's
 * KB lock that merges and answers take (SQLite: its write lock), so a merge landing meanwhile
 * is neither lost nor undone. *out_entry is the row as written. PF_E_NOT_FOUND, PF_E_CONFLICT
 * on a dedupe clash, or edit's error. */
PF_MUST_CHECK pf_status pf_store_kb_update(struct pf_store *store, struct pf_arena *arena,
                                           pf_id workspace_id, pf_id id, pf_kb_edit_fn edit,
                                           void *ctx, struct pf_kb_row **out_entry,
                                           struct pf_error *err);
PF_MUST_CHECK pf_status pf_store_kb_delete(struct pf_store *store, pf_id workspace_id, pf_id id,
                                           struct pf_error *err);

struct pf_kb_question_row {
    pf_id id;
    pf_id workspace_id;
    pf_id user_id;
    char *dedupe_key; /* stable key: a question is never asked twice */
    char *kind;       /* free_text | yes_no | choice | years | date */
    char *question;
    json_t *options;  /* array for choice, else NULL */
    json_t *topic;    /* object describing what it is about */
    char *status;     /* open | answered | dismissed */
    char *answer;     /* NULL until answered */
    int64_t created_at;
    int64_t answered_at; /* 0 until answered */
};

/* Inserts question unless one with its dedupe key exists in the workspace (then nothing
 * happens and *out_created is false). */
PF_MUST_CHECK pf_status pf_store_kb_question_add(struct pf_store *store,
                                                 const struct pf_kb_question_row *question,
                                                 bool *out_created, struct pf_error *err);
PF_MUST_CHECK pf_status pf_store_kb_question_get(struct pf_store *store, struct pf_arena *arena,
                                                 pf_id workspace_id, pf_id id,
                                                 struct pf_kb_question_row **out_question,
                                                 struct pf_error *err);
/* Questions with the given status (NULL: open), newest first. */
PF_MUST_CHECK pf_status pf_store_kb_question_list(struct pf_store *store, struct pf_arena *arena,
                                                  pf_id workspace_id, const char *status,
                                                  struct pf_page page,
                                                  struct pf_kb_question_row ***out_items,
                                                  size_t *out_count, pf_id *out_next,
                                                  struct pf_error *err);
/* Records the answer (or, with answer NULL, the dismissal) of an open question and inserts the
 * entries the answer produced, atomically. Entries that already exist (same dedupe key) are
 * updated to the answer's value and marked confirmed with source user_answer.
 * PF_E_CONFLICT when the question is no longer open. */
PF_MUST_CHECK pf_status pf_store_kb_question_close(struct pf_store *store, pf_id workspace_id,
                                                   pf_id id, const char *answer,
                                                   struct pf_kb_row *const *entries,
                                                   size_t entry_count, int64_t now,
                                                   struct pf_error *err);

#endif
