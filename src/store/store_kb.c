/* Knowledge-base entries and clarifying questions: CRUD, filters, answers. */
#include "store/store_kb.h"

#include "base/buf.h"
#include "store/store_int.h"

#define KB_COLUMNS                                                                                 \
    "id, workspace_id, user_id, type, value, normalized_value, source, confidence, evidence,"    \
    " details, confirmed, rejected, created_at, updated_at"

static struct pf_kb_row *entry_from_row(const struct pf_db_result *res, size_t row,
                                          struct pf_arena *arena)
{
    struct pf_kb_row *e = pf_arena_alloc(arena, sizeof(*e));
    e->id = pf_db_get_id(res, row, 0);
    e->workspace_id = pf_db_get_id(res, row, 1);
    e->user_id = pf_db_get_id(res, row, 2);
    e->type = pf_db_dup_text(res, row, 3, arena);
    e->value = pf_db_dup_text(res, row, 4, arena);
    e->normalized_value = pf_db_dup_text(res, row, 5, arena);
    e->source = pf_db_dup_text(res, row, 6, arena);
    e->confidence = pf_db_get_float(res, row, 7);
    e->evidence = pf_db_get_json(res, row, 8, arena);
    e->details = pf_db_get_json(res, row, 9, arena);
    e->confirmed = pf_db_get_bool(res, row, 10);
    e->rejected = pf_db_get_bool(res, row, 11);
    e->created_at = pf_db_get_time(res, row, 12);
    e->updated_at = pf_db_get_time(res, row, 13);
    return e;
}

static pf_status insert_entry(struct pf_db *db, struct pf_arena *arena,
                              const struct pf_kb_row *e, struct pf_error *err)
{
    json_t *evidence = pf_json_arena(arena, json_array());
    json_t *details = pf_json_arena(arena, json_object());
    struct pf_db_param params[] = {
        pf_db_id(arena, e->id),           pf_db_id(arena, e->workspace_id),
        pf_db_id(arena, e->user_id),      pf_db_text(e->type),
        pf_db_text(e->value),             pf_db_text(e->normalized_value),
        pf_db_text(e->source),            pf_db_float(e->confidence),
        pf_db_json(arena, e->evidence ? e->evidence : evidence),
        pf_db_json(arena, e->details ? e->details : details),
        pf_db_bool(e->confirmed),         pf_db_bool(e->rejected),
        pf_db_time(arena, e->created_at), pf_db_time(arena, e->updated_at),
    };
    return pf_db_exec(db,
                      "INSERT INTO knowledgebase_entries (" KB_COLUMNS ") VALUES"
                      " ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)",
                      params, PF_ARRAY_LEN(params), NULL, err);
}

/* PostgreSQL: one writer of a workspace's KB keys at a time, for the rest of the transaction.
 * A merge reads the stored entries for its keys, then inserts the missing ones and updates the
 * others: two CVs of one workspace parsed at once both found a new key absent and both
 * inserted it (the second failed on the unique index and its job was retried seconds later).
 * A question's answer and a manual entry take it too, so a merge never meets a key inserted
 * behind its back, and so does an edit, which reads and rewrites a whole entry: a merge landing
 * between the two would lose its evidence, or undo the edit. The lock is per workspace (two
 * 32-bit keys: a class of our own and bits of the random part of the id; a shared value only
 * makes two workspaces wait for each other).
 * SQLite already serialises writers: its transactions begin IMMEDIATE. */
static pf_status lock_kb_keys(struct pf_db *db, pf_id workspace_id, struct pf_error *err)
{
    if (pf_db_dialect(db) != PF_DB_POSTGRES)
        return PF_OK;
    enum { KB_LOCK_CLASS = 0x4B42 }; /* "KB" */
    int32_t key = (int32_t)((uint32_t)workspace_id.bytes[12] << 24 |
                            (uint32_t)workspace_id.bytes[13] << 16 |
                            (uint32_t)workspace_id.bytes[14] << 8 | workspace_id.bytes[15]);
    return pf_db_exec(db, "SELECT pg_advisory_xact_lock(CAST($1 AS integer), CAST($2 AS integer))",
                      (struct pf_db_param[]){pf_db_int(KB_LOCK_CLASS), pf_db_int(key)}, 2, NULL,
                      err);
}

pf_status pf_store_kb_create(struct pf_store *store, const struct pf_kb_row *entry,
                             struct pf_error *err)
{
    struct pf_db db;
    struct pf_arena *arena = pf_arena_new();
    pf_status st = pf_db_acquire(store, &db, err);
    if (st == PF_OK)
        st = pf_db_begin(&db, err);
    if (st == PF_OK) /* after a merge adding the same key: this one is the duplicate */
        st = lock_kb_keys(&db, entry->workspace_id, err);
    if (st == PF_OK)
        st = insert_entry(&db, arena, entry, err);
    if (st == PF_OK)
        st = pf_db_commit(&db, err);
    if (st == PF_E_CONFLICT)
        pf_error_set_field(err, st, "value", "the knowledge base already has this %s",
                           entry->type);
    pf_db_release(&db);
    pf_arena_free(arena);
    return st;
}

static pf_status select_entry(struct pf_db *db, struct pf_arena *arena, pf_id workspace_id,
                             pf_id id, struct pf_kb_row **out_entry, struct pf_error *err)
{
    struct pf_db_result *res = NULL;
    *out_entry = NULL;
    struct pf_db_param params[] = {pf_db_id(arena, id), pf_db_id(arena, workspace_id)};
    pf_status st = pf_db_exec(db,
                              "SELECT " KB_COLUMNS " FROM knowledgebase_entries"
                              " WHERE id = $1 AND workspace_id = $2",
                              params, 2, &res, err);
    if (st == PF_OK && pf_db_rows(res) == 0)
        st = pf_error_set(err, PF_E_NOT_FOUND, "no such knowledge-base entry");
    if (st == PF_OK)
        *out_entry = entry_from_row(res, 0, arena);
    pf_db_result_free(res);
    return st;
}

pf_status pf_store_kb_get(struct pf_store *store, struct pf_arena *arena, pf_id workspace_id,
                          pf_id id, struct pf_kb_row **out_entry, struct pf_error *err)
{
    struct pf_db db;
    *out_entry = NULL;
    pf_status st = pf_db_acquire(store, &db, err);
    if (st == PF_OK)
        st = select_entry(&db, arena, workspace_id, id, out_entry, err);
    pf_db_release(&db);
    return st;
}

pf_status pf_store_kb_list(struct pf_store *store, struct pf_arena *arena, pf_id workspace_id,
                           const struct pf_kb_filter *filter, struct pf_page page,
                           struct pf_kb_row ***out_items, size_t *out_count, pf_id *out_next,
                           struct pf_error *err)
{
    struct pf_db_result *res = NULL;
    pf_store_page_clamp(&page);
    *out_items = NULL;
    *out_count = 0;
    struct pf_db_param params[] = {
        pf_db_id(arena, workspace_id),
        pf_db_id_or_null(arena, page.after),
        pf_db_int(page.limit + 1),
        pf_db_text(filter->type),
        pf_db_text(filter->source),
        filter->confirmed < 0 ? pf_db_null() : pf_db_bool(filter->confirmed == 1),
        pf_db_bool(filter->with_rejected),
    };
    size_t count = 0;
    pf_status st = pf_store_page_query(
        store,
        "SELECT " KB_COLUMNS " FROM knowledgebase_entries"
        " WHERE workspace_id = $1 AND (id < $2 OR $2 IS NULL)"
        " AND (type = $4 OR $4 IS NULL) AND (source = $5 OR $5 IS NULL)"
        " AND (confirmed = $6 OR $6 IS NULL) AND ($7 OR NOT rejected)"
        " ORDER BY id DESC LIMIT $3",
        params, PF_ARRAY_LEN(params), page, &res, &count, out_next, err);
    if (st == PF_OK) {
        struct pf_kb_row **items = pf_arena_alloc(arena, (count ? count : 1) * sizeof(*items));
        for (size_t r = 0; r < count; r++)
            items[r] = entry_from_row(res, r, arena);
        *out_items = items;
        *out_count = count;
    }
    pf_db_result_free(res);
    return st;
}

static pf_status write_entry(struct pf_db *db, struct pf_arena *arena,
                            const struct pf_kb_row *e, struct pf_error *err)
{
    struct pf_db_param params[] = {
        pf_db_id(arena, e->id),          pf_db_id(arena, e->workspace_id),
        pf_db_text(e->type),             pf_db_text(e->value),
        pf_db_text(e->normalized_value), pf_db_text(e->source),
        pf_db_float(e->confidence),
        pf_db_json(arena, e->evidence ? e->evidence : pf_json_arena(arena, json_array())),
        pf_db_json(arena, e->details ? e->details : pf_json_arena(arena, json_object())),
        pf_db_bool(e->confirmed),        pf_db_bool(e->rejected),
        pf_db_time(arena, e->updated_at),
    };
    int64_t changes = 0;
    pf_status st = pf_db_exec_changes(db,
                                      "UPDATE knowledgebase_entries SET type = $3, value = $4,"
                                      " normalized_value = $5, source = $6, confidence = $7,"
                                      " evidence = $8, details = $9, confirmed = $10,"
                                      " rejected = $11, updated_at = $12"
                                      " WHERE id = $1 AND workspace_id = $2",
                                      params, PF_ARRAY_LEN(params), &changes, err);
    if (st == PF_E_CONFLICT)
        return pf_error_set_field(err, st, "value", "the knowledge base already has this %s",
                                  e->type);
    return pf_store_require_change(st, changes, "knowledge-base entry", err);
}

pf_status pf_store_kb_update(struct pf_store *store, struct pf_arena *arena, pf_id workspace_id,
                             pf_id id, pf_kb_edit_fn edit, void *ctx,
                             struct pf_kb_row **out_entry, struct pf_error *err)
{
    struct pf_db db;
    struct pf_kb_row *e = NULL;
    *out_entry = NULL;
    pf_status st = pf_db_acquire(store, &db, err);
    if (st == PF_OK)
        st = pf_db_begin(&db, err);
    if (st == PF_OK)
        st = lock_kb_keys(&db, workspace_id, err);
    if (st == PF_OK)
        st = select_entry(&db, arena, workspace_id, id, &e, err);
    if (st == PF_OK)
        st = edit(ctx, arena, e, err);
    if (st == PF_OK) {
        e->id = id; /* whatever edit did to them */
        e->workspace_id = workspace_id;
        st = write_entry(&db, arena, e, err); /* PF_E_NOT_FOUND if deleted meanwhile */
    }
    if (st == PF_OK)
        st = pf_db_commit(&db, err);
    pf_db_release(&db);
    if (st == PF_OK)
        *out_entry = e;
    return st;
}

pf_status pf_store_kb_delete(struct pf_store *store, pf_id workspace_id, pf_id id,
                             struct pf_error *err)
{
    struct pf_arena *arena = pf_arena_new();
    struct pf_db_param params[] = {pf_db_id(arena, id), pf_db_id(arena, workspace_id)};
    int64_t changes = 0;
    pf_status st = pf_store_write(
        store, "DELETE FROM knowledgebase_entries WHERE id = $1 AND workspace_id = $2", params,
        2, &changes, err);
    pf_arena_free(arena);
    return pf_store_require_change(st, changes, "knowledge-base entry", err);
}

#define QUESTION_COLUMNS                                                                           \
    "id, workspace_id, user_id, dedupe_key, kind, question, options, topic, status, answer,"     \
    " created_at, answered_at"

static struct pf_kb_question_row *question_from_row(const struct pf_db_result *res, size_t row,
                                                struct pf_arena *arena)
{
    struct pf_kb_question_row *q = pf_arena_alloc(arena, sizeof(*q));
    q->id = pf_db_get_id(res, row, 0);
    q->workspace_id = pf_db_get_id(res, row, 1);
    q->user_id = pf_db_get_id(res, row, 2);
    q->dedupe_key = pf_db_dup_text(res, row, 3, arena);
    q->kind = pf_db_dup_text(res, row, 4, arena);
    q->question = pf_db_dup_text(res, row, 5, arena);
    q->options = pf_db_get_json(res, row, 6, arena);
    q->topic = pf_db_get_json(res, row, 7, arena);
    q->status = pf_db_dup_text(res, row, 8, arena);
    q->answer = pf_db_dup_text(res, row, 9, arena);
    q->created_at = pf_db_get_time(res, row, 10);
    q->answered_at = pf_db_get_time(res, row, 11);
    return q;
}

pf_status pf_store_kb_question_add(struct pf_store *store, const struct pf_kb_question_row *q,
                                   bool *out_created, struct pf_error *err)
{
    struct pf_arena *arena = pf_arena_new();
    json_t *empty = pf_json_arena(arena, json_object());
    struct pf_db_param params[] = {
        pf_db_id(arena, q->id),       pf_db_id(arena, q->workspace_id),
        pf_db_id(arena, q->user_id),  pf_db_text(q->dedupe_key),
        pf_db_text(q->kind),          pf_db_text(q->question),
        pf_db_json(arena, q->options), pf_db_json(arena, q->topic ? q->topic : empty),
        pf_db_time(arena, q->created_at),
    };
    int64_t changes = 0;
    pf_status st = pf_store_write(store,
                                  "INSERT INTO kb_questions (id, workspace_id, user_id, dedupe_key,"
                                  " kind, question, options, topic, status, created_at)"
                                  " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'open', $9)"
                                  " ON CONFLICT (workspace_id, dedupe_key) DO NOTHING",
                                  params, PF_ARRAY_LEN(params), &changes, err);
    *out_created = st == PF_OK && changes > 0;
    pf_arena_free(arena);
    return st;
}

pf_status pf_store_kb_question_get(struct pf_store *store, struct pf_arena *arena,
                                   pf_id workspace_id, pf_id id,
                                   struct pf_kb_question_row **out_question, struct pf_error *err)
{
    struct pf_db_result *res = NULL;
    *out_question = NULL;
    struct pf_db_param params[] = {pf_db_id(arena, id), pf_db_id(arena, workspace_id)};
    pf_status st = pf_store_query(store,
                                  "SELECT " QUESTION_COLUMNS " FROM kb_questions"
                                  " WHERE id = $1 AND workspace_id = $2",
                                  params, 2, &res, err);
    if (st == PF_OK && pf_db_rows(res) == 0)
        st = pf_error_set(err, PF_E_NOT_FOUND, "no such question");
    if (st == PF_OK)
        *out_question = question_from_row(res, 0, arena);
    pf_db_result_free(res);
    return st;
}

pf_status pf_store_kb_question_list(struct pf_store *store, struct pf_arena *arena,
                                    pf_id workspace_id, const char *status, struct pf_page page,
                                    struct pf_kb_question_row ***out_items, size_t *out_count,
                                    pf_id *out_next, struct pf_error *err)
{
    struct pf_db_result *res = NULL;
    pf_store_page_clamp(&page);
    *out_items = NULL;
    *out_count = 0;
    struct pf_db_param params[] = {pf_db_id(arena, workspace_id),
                                   pf_db_id_or_null(arena, page.after), pf_db_int(page.limit + 1),
                                   pf_db_text(status ? status : "open")};
    size_t count = 0;
    pf_status st = pf_store_page_query(store,
                                       "SELECT " QUESTION_COLUMNS " FROM kb_questions"
                                       " WHERE workspace_id = $1 AND (id < $2 OR $2 IS NULL)"
                                       " AND status = $4 ORDER BY id DESC LIMIT $3",
                                       params, 4, page, &res, &count, out_next, err);
    if (st == PF_OK) {
        struct pf_kb_question_row **items =
            pf_arena_alloc(arena, (count ? count : 1) * sizeof(*items));
        for (size_t r = 0; r < count; r++)
            items[r] = question_from_row(res, r, arena);
        *out_items = items;
        *out_count = count;
    }
    pf_db_result_free(res);
    return st;
}

/* Inserts e, or turns the existing entry with the same dedupe key into the user's answer. */
static pf_status upsert_answer_entry(struct pf_db *db, struct pf_arena *arena,
                                     const struct pf_kb_row *e, struct pf_error *err)
{
    json_t *empty_array = pf_json_arena(arena, json_array());
    json_t *empty_object = pf_json_arena(arena, json_object());
    struct pf_db_param params[] = {
        pf_db_id(arena, e->id),           pf_db_id(arena, e->workspace_id),
        pf_db_id(arena, e->user_id),      pf_db_text(e->type),
        pf_db_text(e->value),             pf_db_text(e->normalized_value),
        pf_db_float(e->confidence),
        pf_db_json(arena, e->evidence ? e->evidence : empty_array),
        pf_db_json(arena, e->details ? e->details : empty_object),
        pf_db_time(arena, e->created_at),
    };
    return pf_db_exec(db,
                      "INSERT INTO knowledgebase_entries (" KB_COLUMNS ") VALUES"
                      " ($1, $2, $3, $4, $5, $6, 'user_answer', $7, $8, $9, true, false, $10, $10)"
                      " ON CONFLICT (workspace_id, type, normalized_value) DO UPDATE SET"
                      " value = excluded.value, source = 'user_answer',"
                      " confidence = excluded.confidence, details = excluded.details,"
                      " confirmed = true, rejected = false, updated_at = excluded.updated_at",
                      params, PF_ARRAY_LEN(params), NULL, err);
}

pf_status pf_store_kb_question_close(struct pf_store *store, pf_id workspace_id, pf_id id,
                                     const char *answer, struct pf_kb_row *const *entries,
                                     size_t entry_count, int64_t now, struct pf_error *err)
{
    struct pf_db db;
    struct pf_arena *arena = pf_arena_new();
    pf_status st = pf_db_acquire(store, &db, err);
    if (st != PF_OK)
        goto done;
    st = pf_db_begin(&db, err);
    if (st == PF_OK && entry_count > 0)
        st = lock_kb_keys(&db, workspace_id, err);
    if (st != PF_OK)
        goto done;
    struct pf_db_param params[] = {pf_db_id(arena, id), pf_db_id(arena, workspace_id),
                                   pf_db_text(answer ? "answered" : "dismissed"),
                                   pf_db_text(answer), pf_db_time(arena, now)};
    int64_t changes = 0;
    st = pf_db_exec_changes(&db,
                            "UPDATE kb_questions SET status = $3, answer = $4, answered_at = $5"
                            " WHERE id = $1 AND workspace_id = $2 AND status = 'open'",
                            params, PF_ARRAY_LEN(params), &changes, err);
    if (st == PF_OK && changes == 0) {
        struct pf_db_result *res = NULL;
        st = pf_db_exec(&db, "SELECT status FROM kb_questions WHERE id = $1 AND workspace_id = $2",
                        params, 2, &res, err);
        if (st == PF_OK)
            st = pf_db_rows(res) == 0
                     ? pf_error_set(err, PF_E_NOT_FOUND, "no such question")
                     : pf_error_set(err, PF_E_CONFLICT, "the question was already %s",
                                    pf_db_get_text(res, 0, 0));
        pf_db_result_free(res);
    }
    for (size_t i = 0; st == PF_OK && i < entry_count; i++)
        st = upsert_answer_entry(&db, arena, entries[i], err);
    if (st == PF_OK)
        st = pf_db_commit(&db, err);
done:
    pf_db_release(&db);
    pf_arena_free(arena);
    return st;
}

/* True when evidence already holds an item about the same place (cv_id, field, start). */
static bool has_evidence(const json_t *evidence, const json_t *item)
{
    static const char *const keys[] = {"cv_id", "field", "start"};
    size_t i;
    const json_t *old;
    json_array_foreach(evidence, i, old) {
        bool same = true;
        for (size_t k = 0; k < PF_ARRAY_LEN(keys) && same; k++)
            same = json_equal(json_object_get(old, keys[k]), json_object_get(item, keys[k])) ||
                   (!json_object_get(old, keys[k]) && !json_object_get(item, keys[k]));
        if (same)
            return true;
    }
    return false;
}

#define EVIDENCE_MAX 8

/* Folds a newly found e into the stored old: evidence added (bounded), the higher confidence,
 * and a CV confirming what was only inferred. A user's answer keeps its source and details.
 * False when nothing changed: a common skill of an agency's workspace has its EVIDENCE_MAX
 * quotes after a few CVs, and every later CV naming it would otherwise rewrite the row (and
 * its search index entries) for nothing. */
static bool merge_into(struct pf_kb_row *old, const struct pf_kb_row *e, struct pf_arena *arena)
{
    bool changed = false;
    json_t *evidence = pf_json_arena(arena, json_deep_copy(old->evidence ? old->evidence
                                                                        : json_array()));
    size_t i;
    json_t *item;
    json_array_foreach(e->evidence, i, item) {
        if (json_array_size(evidence) >= EVIDENCE_MAX)
            break;
        if (!has_evidence(evidence, item)) {
            json_array_append(evidence, item);
            changed = true;
        }
    }
    old->evidence = evidence;
    if (e->confidence > old->confidence) {
        old->confidence = e->confidence;
        changed = true;
    }
    if (strcmp(old->source, "user_answer") != 0) {
        if (strcmp(e->source, "cv") == 0 && strcmp(old->source, "ai_extraction") == 0) {
            old->source = e->source;
            old->confirmed = true;
            changed = true;
        }
        if (e->details && json_object_size(e->details) &&
            !(old->details && json_equal(old->details, e->details))) {
            old->details = e->details;
            changed = true;
        }
    }
    if (changed)
        old->updated_at = e->updated_at;
    return changed;
}

#define UPDATE_CHUNK 32 /* merged rows written back per statement */
#define UPDATE_COLUMNS 7

/* Writes the merged rows back, UPDATE_CHUNK to a statement (UPDATE … FROM VALUES, whose
 * columns both engines name column1, column2, …). PostgreSQL types a VALUES list by its first
 * row and the parameters arrive untyped, hence casts there (pg_types). */
static pf_status update_merged(struct pf_db *db, struct pf_arena *arena,
                               struct pf_kb_row *const *rows, size_t count, struct pf_error *err)
{
    static const char *const pg_types[UPDATE_COLUMNS] = {
        "uuid", NULL, "real", "jsonb", "jsonb", "boolean", "timestamptz"};
    bool pg = pf_db_dialect(db) == PF_DB_POSTGRES;
    pf_status st = PF_OK;
    for (size_t first = 0; st == PF_OK && first < count; first += UPDATE_CHUNK) {
        size_t n = count - first < UPDATE_CHUNK ? count - first : UPDATE_CHUNK;
        struct pf_db_param *params = pf_arena_alloc(arena, UPDATE_COLUMNS * n * sizeof(*params));
        struct pf_buf sql = PF_BUF_INIT(16 * 1024);
        pf_buf_puts(&sql, "UPDATE knowledgebase_entries AS k SET source = v.column2,"
                          " confidence = v.column3, evidence = v.column4, details = v.column5,"
                          " confirmed = v.column6, updated_at = v.column7 FROM (VALUES ");
        for (size_t i = 0; i < n; i++) {
            const struct pf_kb_row *old = rows[first + i];
            struct pf_db_param *p = params + UPDATE_COLUMNS * i;
            p[0] = pf_db_id(arena, old->id);
            p[1] = pf_db_text(old->source);
            p[2] = pf_db_float(old->confidence);
            p[3] = pf_db_json(arena, old->evidence);
            p[4] = pf_db_json(arena, old->details);
            p[5] = pf_db_bool(old->confirmed);
            p[6] = pf_db_time(arena, old->updated_at);
            pf_buf_puts(&sql, i ? ", (" : "(");
            for (size_t c = 0; c < UPDATE_COLUMNS; c++) {
                size_t k = UPDATE_COLUMNS * i + c + 1;
                if (i == 0 && pg && pg_types[c])
                    pf_buf_printf(&sql, "%sCAST($%zu AS %s)", c ? ", " : "", k, pg_types[c]);
                else
                    pf_buf_printf(&sql, "%s$%zu", c ? ", " : "", k);
            }
            pf_buf_putc(&sql, ')');
        }
        pf_buf_puts(&sql, ") AS v WHERE k.id = v.column1");
        st = pf_buf_status(&sql);
        if (st == PF_OK)
            st = pf_db_exec_dynamic(db, pf_buf_cstr(&sql), params, UPDATE_COLUMNS * n, NULL,
                                    err);
        pf_buf_fini(&sql);
    }
    return st;
}

#define MERGE_CHUNK 200 /* keys looked up per statement */

/* The stored entries for entries[0..count)'s keys in one statement per chunk (locked on
 * PostgreSQL until the transaction ends), appended to known. */
static pf_status load_existing(struct pf_db *db, struct pf_arena *arena, pf_id workspace_id,
                               struct pf_kb_row *const *entries, size_t count,
                               struct pf_kb_row **known, size_t *known_count,
                               struct pf_error *err)
{
    pf_status st = PF_OK;
    for (size_t first = 0; st == PF_OK && first < count; first += MERGE_CHUNK) {
        size_t n = count - first < MERGE_CHUNK ? count - first : MERGE_CHUNK;
        struct pf_db_param *params = pf_arena_alloc(arena, (1 + 2 * n) * sizeof(*params));
        struct pf_buf sql = PF_BUF_INIT(64 * 1024);
        pf_buf_puts(&sql, "SELECT " KB_COLUMNS " FROM knowledgebase_entries"
                                 " WHERE workspace_id = $1 AND (type, normalized_value) IN (");
        params[0] = pf_db_id(arena, workspace_id);
        for (size_t i = 0; i < n; i++) {
            params[1 + 2 * i] = pf_db_text(entries[first + i]->type);
            params[2 + 2 * i] = pf_db_text(entries[first + i]->normalized_value);
            pf_buf_printf(&sql, "%s($%zu, $%zu)", i ? ", " : "", 2 + 2 * i, 3 + 2 * i);
        }
        pf_buf_puts(&sql, pf_db_dialect(db) == PF_DB_POSTGRES ? ") FOR UPDATE" : ")");
        struct pf_db_result *res = NULL;
        st = pf_buf_status(&sql);
        if (st == PF_OK)
            st = pf_db_exec_dynamic(db, pf_buf_cstr(&sql), params, 1 + 2 * n, &res, err);
        for (size_t r = 0; st == PF_OK && r < pf_db_rows(res); r++)
            known[(*known_count)++] = entry_from_row(res, r, arena);
        pf_db_result_free(res);
        pf_buf_fini(&sql);
    }
    return st;
}

/* The index in known of the entry with e's key; count when there is none. */
static size_t find_known(struct pf_kb_row *const *known, size_t count, const struct pf_kb_row *e)
{
    for (size_t i = 0; i < count; i++) {
        if (strcmp(known[i]->type, e->type) == 0 &&
            strcmp(known[i]->normalized_value, e->normalized_value) == 0)
            return i;
    }
    return count;
}

pf_status pf_store_kb_merge(struct pf_store *store, pf_id workspace_id, pf_id user_id,
                            struct pf_kb_row *const *entries, size_t entry_count,
                            struct pf_kb_question_row *const *questions, size_t question_count,
                            int64_t now, struct pf_error *err)
{
    struct pf_db db;
    struct pf_arena *arena = pf_arena_new();
    pf_status st = pf_db_acquire(store, &db, err);
    if (st != PF_OK)
        goto done;
    st = pf_db_begin(&db, err);
    if (st == PF_OK)
        st = lock_kb_keys(&db, workspace_id, err);
    /* The stored rows for every key first (one round trip, not one per entry), then an
     * insert for each new key, merges in memory (a key that comes twice merges into its first
     * occurrence), and the changed rows written back together. */
    struct pf_kb_row **known = pf_arena_alloc(arena, (2 * entry_count + 1) * sizeof(*known));
    bool *changed = pf_arena_alloc(arena, (2 * entry_count + 1) * sizeof(*changed));
    struct pf_kb_row **dirty = pf_arena_alloc(arena, (2 * entry_count + 1) * sizeof(*dirty));
    size_t known_count = 0, dirty_count = 0;
    if (st == PF_OK)
        st = load_existing(&db, arena, workspace_id, entries, entry_count, known, &known_count,
                           err);
    for (size_t i = 0; st == PF_OK && i < entry_count; i++) {
        struct pf_kb_row *e = entries[i];
        e->workspace_id = workspace_id;
        e->user_id = user_id;
        e->created_at = e->updated_at = now;
        size_t k = find_known(known, known_count, e);
        if (k < known_count) {
            if (merge_into(known[k], e, arena) && !changed[k]) {
                changed[k] = true;
                dirty[dirty_count++] = known[k];
            }
        } else {
            st = insert_entry(&db, arena, e, err);
            struct pf_kb_row *copy = pf_arena_alloc(arena, sizeof(*copy));
            *copy = *e; /* merges change the copy, never the caller's row */
            if (!copy->details) /* as insert_entry stored it */
                copy->details = pf_json_arena(arena, json_object());
            if (!copy->evidence)
                copy->evidence = pf_json_arena(arena, json_array());
            known[known_count++] = copy;
        }
    }
    if (st == PF_OK)
        st = update_merged(&db, arena, dirty, dirty_count, err);
    for (size_t i = 0; st == PF_OK && i < question_count; i++) {
        struct pf_kb_question_row *q = questions[i];
        json_t *empty = pf_json_arena(arena, json_object());
        struct pf_db_param params[] = {
            pf_db_id(arena, q->id),        pf_db_id(arena, workspace_id),
            pf_db_id(arena, user_id),      pf_db_text(q->dedupe_key),
            pf_db_text(q->kind),           pf_db_text(q->question),
            pf_db_json(arena, q->options), pf_db_json(arena, q->topic ? q->topic : empty),
            pf_db_time(arena, now),
        };
        st = pf_db_exec(&db,
                        "INSERT INTO kb_questions (id, workspace_id, user_id, dedupe_key, kind,"
                        " question, options, topic, status, created_at)"
                        " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'open', $9)"
                        " ON CONFLICT (workspace_id, dedupe_key) DO NOTHING",
                        params, PF_ARRAY_LEN(params), NULL, err);
    }
    if (st == PF_OK)
        st = pf_db_commit(&db, err);
done:
    pf_db_release(&db);
    pf_arena_free(arena);
    return st;
}
