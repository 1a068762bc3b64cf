/* Gap reports: create, read, list per persona, delete. */
#include "store/store_gap.h"

#include "store/store_int.h"

#define GAP_COLUMNS                                                                                \
    "id, workspace_id, user_id, persona_id, type, input_text, issues, score, details, created_at"

static struct pf_gap_report *report_from_row(const struct pf_db_result *res, size_t row,
                                             struct pf_arena *arena)
{
    struct pf_gap_report *r = pf_arena_alloc(arena, sizeof(*r));
    r->id = pf_db_get_id(res, row, 0);
    r->workspace_id = pf_db_get_id(res, row, 1);
    r->user_id = pf_db_get_id(res, row, 2);
    r->persona_id = pf_db_get_id(res, row, 3);
    r->type = pf_db_dup_text(res, row, 4, arena);
    r->input_text = pf_db_dup_text(res, row, 5, arena);
    r->issues = pf_db_get_json(res, row, 6, arena);
    r->has_score = !pf_db_is_null(res, row, 7);
    r->score = pf_db_get_float(res, row, 7);
    r->details = pf_db_get_json(res, row, 8, arena);
    r->created_at = pf_db_get_time(res, row, 9);
    return r;
}

pf_status pf_store_gap_create(struct pf_store *store, const struct pf_gap_report *r,
                              struct pf_error *err)
{
    struct pf_arena *arena = pf_arena_new();
    json_t *empty = pf_json_arena(arena, json_object());
    struct pf_db_param params[] = {
        pf_db_id(arena, r->id),          pf_db_id(arena, r->workspace_id),
        pf_db_id(arena, r->user_id),     pf_db_id(arena, r->persona_id),
        pf_db_text(r->type),             pf_db_text(r->input_text),
        pf_db_json(arena, r->issues),    r->has_score ? pf_db_float(r->score) : pf_db_null(),
        pf_db_json(arena, r->details ? r->details : empty),
        pf_db_time(arena, r->created_at),
    };
    pf_status st = pf_store_write(store,
                                  "INSERT INTO gap_reports (" GAP_COLUMNS ")"
                                  " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
                                  params, PF_ARRAY_LEN(params), NULL, err);
    pf_arena_free(arena);
    return st;
}

pf_status pf_store_gap_get(struct pf_store *store, struct pf_arena *arena, pf_id workspace_id,
                           pf_id id, struct pf_gap_report **out_report, struct pf_error *err)
{
    struct pf_db_result *res = NULL;
    *out_report = NULL;
    struct pf_db_param params[] = {pf_db_id(arena, id), pf_db_id(arena, workspace_id)};
    pf_status st = pf_store_query(store,
                                  "SELECT " GAP_COLUMNS " FROM gap_reports"
                                  " WHERE id = $1 AND workspace_id = $2",
                                  params, 2, &res, err);
    if (st == PF_OK && pf_db_rows(res) == 0)
        st = pf_error_set(err, PF_E_NOT_FOUND, "no such gap report");
    if (st == PF_OK)
        *out_report = report_from_row(res, 0, arena);
    pf_db_result_free(res);
    return st;
}

pf_status pf_store_gap_list(struct pf_store *store, struct pf_arena *arena, pf_id workspace_id,
                            pf_id persona_id, struct pf_page page,
                            struct pf_gap_report ***out_items, size_t *out_count,
                            pf_id *out_next, struct pf_error *err)
{
    struct pf_db_result *res = NULL;
    pf_store_page_clamp(&page);
    *out_items = NULL;
    *out_count = 0;
    struct pf_db_param params[] = {pf_db_id(arena, workspace_id), pf_db_id(arena, persona_id),
                                   pf_db_id_or_null(arena, page.after), pf_db_int(page.limit + 1)};
    size_t count = 0;
    pf_status st = pf_store_page_query(store,
                                       "SELECT " GAP_COLUMNS " FROM gap_reports"
                                       " WHERE workspace_id = $1 AND persona_id = $2"
                                       " AND (id < $3 OR $3 IS NULL) ORDER BY id DESC LIMIT $4",
                                       params, 4, page, &res, &count, out_next, err);
    if (st == PF_OK) {
        struct pf_gap_report **items =
            pf_arena_alloc(arena, (count ? count : 1) * sizeof(*items));
        for (size_t r = 0; r < count; r++)
            items[r] = report_from_row(res, r, arena);
        *out_items = items;
        *out_count = count;
    }
    pf_db_result_free(res);
    return st;
}

pf_status pf_store_gap_delete(struct pf_store *store, pf_id workspace_id, pf_id id,
                              struct pf_error *err)
{
    struct pf_arena *arena = pf_arena_new();
    struct pf_db_param params[] = {pf_db_id(arena, id), pf_db_id(arena, workspace_id)};
    int64_t changes = 0;
    pf_status st = pf_store_write(
        store, "DELETE FROM gap_reports WHERE id = $1 AND workspace_id = $2", params, 2,
        &changes, err);
    pf_arena_free(arena);
    return pf_store_require_change(st, changes, "gap report", err);
}
