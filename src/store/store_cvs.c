/* CVs: the upload transaction (row, file, job), reads, corrections, reparse, results, delete. */
#include "store/store_cvs.h"

#include "store/store_int.h"

#define CV_COLUMNS                                                                                 \
    "id, workspace_id, user_id, filename, content_type, size_bytes, sha256, format, status,"     \
    " error_code, error, document_date, created_at, updated_at, diagnostics"
#define CV_COLUMN_COUNT 15

static const char *const status_names[] = {"pending", "processing", "parsed", "failed"};

const char *pf_cv_status_name(enum pf_cv_status status)
{
    return (unsigned)status < PF_ARRAY_LEN(status_names) ? status_names[status] : "failed";
}

static enum pf_cv_status status_from_text(const char *text)
{
    for (size_t i = 0; text && i < PF_ARRAY_LEN(status_names); i++) {
        if (strcmp(text, status_names[i]) == 0)
            return (enum pf_cv_status)i;
    }
    return PF_CV_FAILED;
}

static struct pf_cv *cv_from_row(const struct pf_db_result *res, size_t row,
                                 struct pf_arena *arena)
{
    struct pf_cv *cv = pf_arena_alloc(arena, sizeof(*cv));
    cv->id = pf_db_get_id(res, row, 0);
    cv->workspace_id = pf_db_get_id(res, row, 1);
    cv->user_id = pf_db_get_id(res, row, 2);
    cv->filename = pf_db_dup_text(res, row, 3, arena);
    cv->content_type = pf_db_dup_text(res, row, 4, arena);
    cv->size_bytes = pf_db_get_int(res, row, 5);
    cv->sha256 = pf_db_dup_text(res, row, 6, arena);
    cv->format = pf_db_dup_text(res, row, 7, arena);
    cv->status = status_from_text(pf_db_get_text(res, row, 8));
    cv->error_code = pf_db_dup_text(res, row, 9, arena);
    cv->error = pf_db_dup_text(res, row, 10, arena);
    cv->document_date = pf_db_get_time(res, row, 11);
    cv->created_at = pf_db_get_time(res, row, 12);
    cv->updated_at = pf_db_get_time(res, row, 13);
    cv->diagnostics = pf_db_get_json(res, row, 14, arena);
    return cv;
}

static pf_status enqueue_parse(struct pf_db *db, struct pf_arena *arena, pf_id workspace_id,
                               pf_id cv_id, int64_t now, struct pf_error *err)
{
    struct pf_db_param params[] = {pf_db_id(arena, pf_id_new()), pf_db_id(arena, workspace_id),
                                   pf_db_id(arena, cv_id), pf_db_time(arena, now)};
    return pf_db_exec(db,
                      "INSERT INTO jobs (id, kind, workspace_id, subject_id, payload, status,"
                      " attempts, run_after, created_at, updated_at)"
                      " VALUES ($1, 'parse_cv', $2, $3, '{}', 'queued', 0, $4, $4, $4)",
                      params, PF_ARRAY_LEN(params), NULL, err);
}

pf_status pf_store_cv_create(struct pf_store *store, const struct pf_cv *cv, const void *bytes,
                             size_t len, struct pf_error *err)
{
    struct pf_db db;
    struct pf_arena *arena = pf_arena_new();
    pf_status st = pf_db_acquire(store, &db, err);
    if (st != PF_OK)
        goto done;
    st = pf_db_begin(&db, err);
    if (st != PF_OK)
        goto done;
    struct pf_db_param params[] = {
        pf_db_id(arena, cv->id),         pf_db_id(arena, cv->workspace_id),
        pf_db_id(arena, cv->user_id),    pf_db_text(cv->filename),
        pf_db_text(cv->content_type),    pf_db_int(cv->size_bytes),
        pf_db_text(cv->sha256),          pf_db_time(arena, cv->created_at),
    };
    st = pf_db_exec(&db,
                    "INSERT INTO cvs (id, workspace_id, user_id, filename, content_type,"
                    " size_bytes, sha256, status, created_at, updated_at)"
                    " VALUES ($1, $2, $3, $4, $5, $6, $7, 'pending', $8, $8)",
                    params, PF_ARRAY_LEN(params), NULL, err);
    if (st != PF_OK)
        goto done;
    struct pf_db_param file[] = {pf_db_id(arena, cv->id), pf_db_blob(bytes, len)};
    st = pf_db_exec(&db, "INSERT INTO cv_files (cv_id, bytes) VALUES ($1, $2)", file, 2, NULL,
                    err);
    if (st == PF_OK)
        st = enqueue_parse(&db, arena, cv->workspace_id, cv->id, cv->created_at, err);
    if (st == PF_OK)
        st = pf_db_commit(&db, err);
done:
    pf_db_release(&db);
    pf_arena_free(arena);
    return st;
}

static pf_status get_cv(struct pf_store *store, struct pf_arena *arena, const char *sql,
                        const struct pf_db_param *params, size_t count, struct pf_cv **out_cv,
                        struct pf_error *err)
{
    struct pf_db_result *res = NULL;
    *out_cv = NULL;
    pf_status st = pf_store_query(store, sql, params, count, &res, err);
    if (st == PF_OK && pf_db_rows(res) == 0)
        st = pf_error_set(err, PF_E_NOT_FOUND, "no such CV");
    if (st == PF_OK) {
        struct pf_cv *cv = cv_from_row(res, 0, arena);
        cv->raw_text = pf_db_dup_text(res, 0, CV_COLUMN_COUNT, arena);
        cv->parsed_json = pf_db_get_json(res, 0, CV_COLUMN_COUNT + 1, arena);
        *out_cv = cv;
    }
    pf_db_result_free(res);
    return st;
}

pf_status pf_store_cv_get(struct pf_store *store, struct pf_arena *arena, pf_id workspace_id,
                          pf_id id, struct pf_cv **out_cv, struct pf_error *err)
{
    struct pf_db_param params[] = {pf_db_id(arena, id), pf_db_id(arena, workspace_id)};
    return get_cv(store, arena,
                  "SELECT " CV_COLUMNS ", raw_text, parsed_json FROM cvs"
                  " WHERE id = $1 AND workspace_id = $2",
                  params, 2, out_cv, err);
}

pf_status pf_store_cv_get_any(struct pf_store *store, struct pf_arena *arena, pf_id id,
                              struct pf_cv **out_cv, struct pf_error *err)
{
    struct pf_db_param params[] = {pf_db_id(arena, id)};
    return get_cv(store, arena,
                  "SELECT " CV_COLUMNS ", raw_text, parsed_json FROM cvs WHERE id = $1", params,
                  1, out_cv, err);
}

pf_status pf_store_cv_list(struct pf_store *store, struct pf_arena *arena, pf_id workspace_id,
                           struct pf_page page, struct pf_cv ***out_items, size_t *out_count,
                           pf_id *out_next, struct pf_error *err)
{
    struct pf_db_result *res = NULL;
    pf_store_page_clamp(&page);
    *out_items = NULL;
    *out_count = 0;
    struct pf_db_param params[] = {pf_db_id(arena, workspace_id),
                                   pf_db_id_or_null(arena, page.after), pf_db_int(page.limit + 1)};
    size_t count = 0;
    pf_status st = pf_store_page_query(store,
                                       "SELECT " CV_COLUMNS " FROM cvs"
                                       " WHERE workspace_id = $1 AND (id < $2 OR $2 IS NULL)"
                                       " ORDER BY id DESC LIMIT $3",
                                       params, 3, page, &res, &count, out_next, err);
    if (st == PF_OK) {
        struct pf_cv **items = pf_arena_alloc(arena, (count ? count : 1) * sizeof(*items));
        for (size_t r = 0; r < count; r++)
            items[r] = cv_from_row(res, r, arena);
        *out_items = items;
        *out_count = count;
    }
    pf_db_result_free(res);
    return st;
}

pf_status pf_store_cv_file(struct pf_store *store, struct pf_arena *arena, pf_id workspace_id,
                           pf_id id, const char **out_bytes, size_t *out_len,
                           struct pf_error *err)
{
    struct pf_db_result *res = NULL;
    *out_bytes = NULL;
    *out_len = 0;
    struct pf_db_param params[] = {pf_db_id(arena, id), pf_db_id_or_null(arena, workspace_id)};
    pf_status st = pf_store_query(store,
                                  "SELECT f.bytes FROM cv_files f JOIN cvs c ON c.id = f.cv_id"
                                  " WHERE f.cv_id = $1 AND (c.workspace_id = $2 OR $2 IS NULL)",
                                  params, 2, &res, err);
    if (st == PF_OK && pf_db_rows(res) == 0)
        st = pf_error_set(err, PF_E_NOT_FOUND, "no such CV");
    if (st == PF_OK) {
        *out_len = pf_db_get_len(res, 0, 0);
        *out_bytes = pf_arena_memdup(arena, pf_db_get_text(res, 0, 0), *out_len);
    }
    pf_db_result_free(res);
    return st;
}

/* Removes the CV's evidence from knowledge-base entries, then the entries it leaves without
 * evidence unless the user confirmed them by hand (source user_answer, or confirmed). */
static pf_status strip_kb_evidence(struct pf_db *db, const struct pf_db_param *params,
                                   struct pf_error *err)
{
    pf_status st;
    if (pf_db_dialect(db) == PF_DB_POSTGRES)
        st = pf_db_exec(db,
                        "UPDATE knowledgebase_entries SET evidence = (SELECT"
                        " coalesce(jsonb_agg(e), '[]'::jsonb) FROM jsonb_array_elements(evidence) e"
                        " WHERE e->>'cv_id' IS DISTINCT FROM $1)"
                        " WHERE workspace_id = $2 AND evidence @> jsonb_build_array("
                        " jsonb_build_object('cv_id', $1::text))",
                        params, 2, NULL, err);
    else
        st = pf_db_exec(db,
                        "UPDATE knowledgebase_entries SET evidence = (SELECT"
                        " coalesce(json_group_array(json(value)), '[]') FROM json_each(evidence)"
                        " WHERE json_extract(value, '$.cv_id') IS NOT $1)"
                        " WHERE workspace_id = $2 AND EXISTS (SELECT 1 FROM json_each(evidence)"
                        " WHERE json_extract(value, '$.cv_id') = $1)",
                        params, 2, NULL, err);
    if (st != PF_OK)
        return st;
    /* params[1] alone: the workspace. */
    return pf_db_exec(db,
                      "DELETE FROM knowledgebase_entries WHERE workspace_id = $1"
                      " AND source <> 'user_answer' AND evidence = '[]'",
                      params + 1, 1, NULL, err);
}

pf_status pf_store_cv_delete(struct pf_store *store, pf_id workspace_id, pf_id id,
                             struct pf_error *err)
{
    struct pf_db db;
    struct pf_arena *arena = pf_arena_new();
    pf_status st = pf_db_acquire(store, &db, err);
    if (st != PF_OK)
        goto done;
    st = pf_db_begin(&db, err);
    if (st != PF_OK)
        goto done;
    struct pf_db_param params[] = {pf_db_id(arena, id), pf_db_id(arena, workspace_id)};
    int64_t changes = 0;
    st = pf_db_exec_changes(&db, "DELETE FROM cvs WHERE id = $1 AND workspace_id = $2", params,
                            2, &changes, err);
    st = pf_store_require_change(st, changes, "CV", err);
    if (st == PF_OK)
        st = pf_db_exec(&db, "DELETE FROM jobs WHERE subject_id = $1", params, 1, NULL, err);
    if (st == PF_OK)
        st = strip_kb_evidence(&db, params, err);
    if (st == PF_OK)
        st = pf_db_commit(&db, err);
done:
    pf_db_release(&db);
    pf_arena_free(arena);
    return st;
}

pf_status pf_store_cv_set_parsed(struct pf_store *store, pf_id workspace_id, pf_id id,
                                 const json_t *parsed_json, int64_t now, struct pf_error *err)
{
    struct pf_arena *arena = pf_arena_new();
    struct pf_db_param params[] = {pf_db_id(arena, id), pf_db_id(arena, workspace_id),
                                   pf_db_json(arena, parsed_json), pf_db_time(arena, now)};
    int64_t changes = 0;
    pf_status st = pf_store_write(store,
                                  "UPDATE cvs SET parsed_json = $3, updated_at = $4"
                                  " WHERE id = $1 AND workspace_id = $2",
                                  params, 4, &changes, err);
    pf_arena_free(arena);
    return pf_store_require_change(st, changes, "CV", err);
}

pf_status pf_store_cv_reparse(struct pf_store *store, pf_id workspace_id, pf_id id, int64_t now,
                              struct pf_error *err)
{
    struct pf_db db;
    struct pf_db_result *res = NULL;
    struct pf_arena *arena = pf_arena_new();
    pf_status st = pf_db_acquire(store, &db, err);
    if (st != PF_OK)
        goto done;
    st = pf_db_begin(&db, err);
    if (st != PF_OK)
        goto done;
    struct pf_db_param params[] = {pf_db_id(arena, id), pf_db_id(arena, workspace_id),
                                   pf_db_time(arena, now)};
    int64_t changes = 0;
    st = pf_db_exec_changes(&db,
                            "UPDATE cvs SET status = 'pending', error_code = NULL, error = NULL,"
                            " updated_at = $3 WHERE id = $1 AND workspace_id = $2",
                            params, 3, &changes, err);
    st = pf_store_require_change(st, changes, "CV", err);
    if (st != PF_OK)
        goto done;
    st = pf_db_exec(&db,
                    "SELECT 1 FROM jobs WHERE subject_id = $1"
                    " AND status IN ('queued', 'running')",
                    params, 1, &res, err);
    if (st == PF_OK && pf_db_rows(res) == 0)
        st = enqueue_parse(&db, arena, workspace_id, id, now, err);
    if (st == PF_OK)
        st = pf_db_commit(&db, err);
done:
    pf_db_result_free(res);
    pf_db_release(&db);
    pf_arena_free(arena);
    return st;
}

pf_status pf_store_cv_set_processing(struct pf_store *store, pf_id id, int64_t now,
                                     struct pf_error *err)
{
    struct pf_arena *arena = pf_arena_new();
    struct pf_db_param params[] = {pf_db_id(arena, id), pf_db_time(arena, now)};
    int64_t changes = 0;
    pf_status st = pf_store_write(store,
                                  "UPDATE cvs SET status = 'processing', updated_at = $2"
                                  " WHERE id = $1",
                                  params, 2, &changes, err);
    pf_arena_free(arena);
    return pf_store_require_change(st, changes, "CV", err);
}

pf_status pf_store_cv_finish(struct pf_store *store, const struct pf_cv_result *result,
                             struct pf_error *err)
{
    struct pf_arena *arena = pf_arena_new();
    struct pf_db_param params[] = {
        pf_db_id(arena, result->id),
        pf_db_text(pf_cv_status_name(result->status)),
        pf_db_text(result->format),
        pf_db_text(result->error_code),
        pf_db_text(result->error),
        result->raw_text ? pf_db_text_len(result->raw_text, result->raw_text_len) : pf_db_null(),
        pf_db_json(arena, result->parsed_json),
        pf_db_json(arena, result->diagnostics),
        result->document_date ? pf_db_time(arena, result->document_date) : pf_db_null(),
        pf_db_time(arena, result->now),
    };
    int64_t changes = 0;
    pf_status st = pf_store_write(store,
                                  "UPDATE cvs SET status = $2, format = $3, error_code = $4,"
                                  " error = $5, raw_text = $6, parsed_json = $7, diagnostics = $8,"
                                  " document_date = $9, updated_at = $10 WHERE id = $1",
                                  params, PF_ARRAY_LEN(params), &changes, err);
    pf_arena_free(arena);
    return pf_store_require_change(st, changes, "CV", err);
}
