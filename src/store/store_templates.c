/* Templates: listing with built-ins, lookup by id or name, CRUD on a workspace's own. */
#include "store/store_templates.h"

#include "store/store_int.h"

#define TEMPLATE_COLUMNS                                                                           \
    "id, workspace_id, user_id, name, type, engine, body, config, created_at, updated_at"

static struct pf_template_row *template_from_row(const struct pf_db_result *res, size_t row,
                                             struct pf_arena *arena)
{
    struct pf_template_row *t = pf_arena_alloc(arena, sizeof(*t));
    t->id = pf_db_get_id(res, row, 0);
    t->workspace_id = pf_db_get_id(res, row, 1);
    t->user_id = pf_db_get_id(res, row, 2);
    t->name = pf_db_dup_text(res, row, 3, arena);
    t->type = pf_db_dup_text(res, row, 4, arena);
    t->engine = pf_db_dup_text(res, row, 5, arena);
    t->body = pf_db_dup_text(res, row, 6, arena);
    t->config = pf_db_get_json(res, row, 7, arena);
    t->created_at = pf_db_get_time(res, row, 8);
    t->updated_at = pf_db_get_time(res, row, 9);
    return t;
}

pf_status pf_store_template_list(struct pf_store *store, struct pf_arena *arena,
                                 pf_id workspace_id, struct pf_template_row ***out_items,
                                 size_t *out_count, struct pf_error *err)
{
    struct pf_db_result *res = NULL;
    *out_items = NULL;
    *out_count = 0;
    struct pf_db_param params[] = {pf_db_id(arena, workspace_id)};
    pf_status st = pf_store_query(store,
                                  "SELECT " TEMPLATE_COLUMNS " FROM templates"
                                  " WHERE workspace_id IS NULL OR workspace_id = $1"
                                  " ORDER BY CASE WHEN workspace_id IS NULL THEN 0 ELSE 1 END,"
                                  " name LIMIT 1000",
                                  params, 1, &res, err);
    if (st == PF_OK) {
        size_t rows = pf_db_rows(res);
        struct pf_template_row **items = pf_arena_alloc(arena, (rows ? rows : 1) * sizeof(*items));
        for (size_t r = 0; r < rows; r++)
            items[r] = template_from_row(res, r, arena);
        *out_items = items;
        *out_count = rows;
    }
    pf_db_result_free(res);
    return st;
}

pf_status pf_store_template_find(struct pf_store *store, struct pf_arena *arena,
                                 pf_id workspace_id, const char *key,
                                 struct pf_template_row **out_template, struct pf_error *err)
{
    struct pf_db_result *res = NULL;
    *out_template = NULL;
    pf_id id;
    pf_status st;
    if (pf_id_parse(pf_str_from_cstr(key), &id)) {
        struct pf_db_param params[] = {pf_db_id(arena, id), pf_db_id(arena, workspace_id)};
        st = pf_store_query(store,
                            "SELECT " TEMPLATE_COLUMNS " FROM templates WHERE id = $1"
                            " AND (workspace_id IS NULL OR workspace_id = $2)",
                            params, 2, &res, err);
    } else {
        struct pf_db_param params[] = {pf_db_text(key), pf_db_id(arena, workspace_id)};
        st = pf_store_query(store,
                            "SELECT " TEMPLATE_COLUMNS " FROM templates WHERE name = $1"
                            " AND (workspace_id IS NULL OR workspace_id = $2)"
                            " ORDER BY CASE WHEN workspace_id IS NULL THEN 1 ELSE 0 END LIMIT 1",
                            params, 2, &res, err);
    }
    if (st == PF_OK && pf_db_rows(res) == 0)
        st = pf_error_set_field(err, PF_E_NOT_FOUND, "template", "no such template");
    if (st == PF_OK)
        *out_template = template_from_row(res, 0, arena);
    pf_db_result_free(res);
    return st;
}

pf_status pf_store_template_create(struct pf_store *store, const struct pf_template_row *t,
                                   struct pf_error *err)
{
    struct pf_arena *arena = pf_arena_new();
    struct pf_db_param params[] = {
        pf_db_id(arena, t->id),           pf_db_id_or_null(arena, t->workspace_id),
        pf_db_id_or_null(arena, t->user_id), pf_db_text(t->name),
        pf_db_text(t->type),              pf_db_text(t->engine),
        pf_db_text(t->body),              pf_db_json(arena, t->config),
        pf_db_time(arena, t->created_at), pf_db_time(arena, t->updated_at),
    };
    pf_status st = pf_store_write(store,
                                  "INSERT INTO templates (" TEMPLATE_COLUMNS ")"
                                  " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
                                  params, PF_ARRAY_LEN(params), NULL, err);
    if (st == PF_E_CONFLICT)
        pf_error_set_field(err, st, "name", "a template with this name exists");
    pf_arena_free(arena);
    return st;
}

pf_status pf_store_template_update(struct pf_store *store, const struct pf_template_row *t,
                                   struct pf_error *err)
{
    struct pf_arena *arena = pf_arena_new();
    struct pf_db_param params[] = {
        pf_db_id(arena, t->id),   pf_db_id(arena, t->workspace_id), pf_db_text(t->name),
        pf_db_text(t->type),      pf_db_text(t->engine),            pf_db_text(t->body),
        pf_db_json(arena, t->config), pf_db_time(arena, t->updated_at),
    };
    int64_t changes = 0;
    pf_status st = pf_store_write(store,
                                  "UPDATE templates SET name = $3, type = $4, engine = $5,"
                                  " body = $6, config = $7, updated_at = $8"
                                  " WHERE id = $1 AND workspace_id = $2",
                                  params, PF_ARRAY_LEN(params), &changes, err);
    if (st == PF_E_CONFLICT)
        pf_error_set_field(err, st, "name", "a template with this name exists");
    pf_arena_free(arena);
    return pf_store_require_change(st, changes, "template", err);
}

pf_status pf_store_template_delete(struct pf_store *store, pf_id workspace_id, pf_id id,
                                   struct pf_error *err)
{
    struct pf_arena *arena = pf_arena_new();
    struct pf_db_param params[] = {pf_db_id(arena, id), pf_db_id(arena, workspace_id)};
    int64_t changes = 0;
    pf_status st = pf_store_write(store, "DELETE FROM templates WHERE id = $1 AND workspace_id = $2",
                                  params, 2, &changes, err);
    pf_arena_free(arena);
    return pf_store_require_change(st, changes, "template", err);
}

pf_status pf_store_template_put_builtin(struct pf_store *store, const struct pf_template_row *t,
                                        struct pf_error *err)
{
    struct pf_arena *arena = pf_arena_new();
    struct pf_db_param params[] = {
        pf_db_id(arena, t->id),   pf_db_text(t->name),          pf_db_text(t->type),
        pf_db_text(t->engine),    pf_db_text(t->body),          pf_db_json(arena, t->config),
        pf_db_time(arena, t->created_at),
    };
    pf_status st = pf_store_write(store,
                                  "INSERT INTO templates (id, workspace_id, user_id, name, type,"
                                  " engine, body, config, created_at, updated_at)"
                                  " VALUES ($1, NULL, NULL, $2, $3, $4, $5, $6, $7, $7)"
                                  " ON CONFLICT (name) WHERE workspace_id IS NULL DO UPDATE SET"
                                  " type = excluded.type, engine = excluded.engine,"
                                  " body = excluded.body, config = excluded.config,"
                                  " updated_at = excluded.updated_at",
                                  params, PF_ARRAY_LEN(params), NULL, err);
    pf_arena_free(arena);
    return st;
}
