/* Personas: CRUD, optimistic concurrency on version, and the version history. */
#include "store/store_personas.h"

#include "store/store_int.h"

#define PERSONA_COLUMNS                                                                            \
    "id, workspace_id, user_id, base_cv_id, title, summary, tags, data, version, created_at,"     \
    " updated_at"

static struct pf_persona *persona_from_row(const struct pf_db_result *res, size_t row,
                                           struct pf_arena *arena)
{
    struct pf_persona *p = pf_arena_alloc(arena, sizeof(*p));
    p->id = pf_db_get_id(res, row, 0);
    p->workspace_id = pf_db_get_id(res, row, 1);
    p->user_id = pf_db_get_id(res, row, 2);
    p->base_cv_id = pf_db_get_id(res, row, 3);
    p->title = pf_db_dup_text(res, row, 4, arena);
    p->summary = pf_db_dup_text(res, row, 5, arena);
    p->tags = pf_db_get_json(res, row, 6, arena);
    p->data = pf_db_get_json(res, row, 7, arena);
    p->version = (int)pf_db_get_int(res, row, 8);
    p->created_at = pf_db_get_time(res, row, 9);
    p->updated_at = pf_db_get_time(res, row, 10);
    return p;
}

static pf_status insert_version(struct pf_db *db, struct pf_arena *arena,
                                const struct pf_persona *persona, pf_id user_id,
                                struct pf_error *err)
{
    struct pf_db_param params[] = {
        pf_db_id(arena, persona->id),        pf_db_int(persona->version),
        pf_db_id_or_null(arena, user_id),    pf_db_text(persona->title),
        pf_db_text(persona->summary),        pf_db_json(arena, persona->tags),
        pf_db_json(arena, persona->data),    pf_db_id_or_null(arena, persona->base_cv_id),
        pf_db_time(arena, persona->updated_at),
    };
    return pf_db_exec(db,
                      "INSERT INTO persona_versions (persona_id, version, user_id, title, summary,"
                      " tags, data, base_cv_id, created_at)"
                      " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
                      params, PF_ARRAY_LEN(params), NULL, err);
}

pf_status pf_store_persona_create(struct pf_store *store, const struct pf_persona *persona,
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
    struct pf_db_param params[] = {
        pf_db_id(arena, persona->id),         pf_db_id(arena, persona->workspace_id),
        pf_db_id(arena, persona->user_id),    pf_db_id_or_null(arena, persona->base_cv_id),
        pf_db_text(persona->title),           pf_db_text(persona->summary),
        pf_db_json(arena, persona->tags),     pf_db_json(arena, persona->data),
        pf_db_int(persona->version),          pf_db_time(arena, persona->created_at),
        pf_db_time(arena, persona->updated_at),
    };
    st = pf_db_exec(&db,
                    "INSERT INTO personas (" PERSONA_COLUMNS ")"
                    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
                    params, PF_ARRAY_LEN(params), NULL, err);
    if (st == PF_OK)
        st = insert_version(&db, arena, persona, persona->user_id, err);
    if (st == PF_OK)
        st = pf_db_commit(&db, err);
done:
    pf_db_release(&db);
    pf_arena_free(arena);
    return st;
}

pf_status pf_store_persona_get(struct pf_store *store, struct pf_arena *arena,
                               pf_id workspace_id, pf_id id, struct pf_persona **out_persona,
                               struct pf_error *err)
{
    struct pf_db_result *res = NULL;
    *out_persona = NULL;
    struct pf_db_param params[] = {pf_db_id(arena, id), pf_db_id(arena, workspace_id)};
    pf_status st = pf_store_query(store,
                                  "SELECT " PERSONA_COLUMNS " FROM personas"
                                  " WHERE id = $1 AND workspace_id = $2",
                                  params, 2, &res, err);
    if (st == PF_OK && pf_db_rows(res) == 0)
        st = pf_error_set(err, PF_E_NOT_FOUND, "no such persona");
    if (st == PF_OK)
        *out_persona = persona_from_row(res, 0, arena);
    pf_db_result_free(res);
    return st;
}

pf_status pf_store_persona_list(struct pf_store *store, struct pf_arena *arena,
                                pf_id workspace_id, struct pf_page page,
                                struct pf_persona ***out_items, size_t *out_count,
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
                                       "SELECT " PERSONA_COLUMNS " FROM personas"
                                       " WHERE workspace_id = $1 AND (id < $2 OR $2 IS NULL)"
                                       " ORDER BY id DESC LIMIT $3",
                                       params, 3, page, &res, &count, out_next, err);
    if (st == PF_OK) {
        struct pf_persona **items = pf_arena_alloc(arena, (count ? count : 1) * sizeof(*items));
        for (size_t r = 0; r < count; r++)
            items[r] = persona_from_row(res, r, arena);
        *out_items = items;
        *out_count = count;
    }
    pf_db_result_free(res);
    return st;
}

pf_status pf_store_persona_update(struct pf_store *store, struct pf_persona *persona,
                                  int expected_version, pf_id user_id, struct pf_error *err)
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
    struct pf_db_param key[] = {pf_db_id(arena, persona->id),
                                pf_db_id(arena, persona->workspace_id)};
    st = pf_db_exec(&db, "SELECT version FROM personas WHERE id = $1 AND workspace_id = $2", key,
                    2, &res, err);
    if (st != PF_OK)
        goto done;
    if (pf_db_rows(res) == 0) {
        st = pf_error_set(err, PF_E_NOT_FOUND, "no such persona");
        goto done;
    }
    int current = (int)pf_db_get_int(res, 0, 0);
    if (expected_version > 0 && current != expected_version) {
        st = pf_error_set(err, PF_E_PRECONDITION,
                          "the persona changed since it was read (version %d, now %d)",
                          expected_version, current);
        goto done;
    }
    persona->version = current + 1;
    struct pf_db_param params[] = {
        pf_db_id(arena, persona->id),      pf_db_text(persona->title),
        pf_db_text(persona->summary),      pf_db_json(arena, persona->tags),
        pf_db_json(arena, persona->data),  pf_db_id_or_null(arena, persona->base_cv_id),
        pf_db_int(persona->version),       pf_db_time(arena, persona->updated_at),
        pf_db_int(current),
    };
    int64_t changes = 0;
    st = pf_db_exec_changes(&db,
                            "UPDATE personas SET title = $2, summary = $3, tags = $4, data = $5,"
                            " base_cv_id = $6, version = $7, updated_at = $8"
                            " WHERE id = $1 AND version = $9",
                            params, PF_ARRAY_LEN(params), &changes, err);
    if (st == PF_OK && changes == 0)
        st = pf_error_set(err, PF_E_PRECONDITION, "the persona changed concurrently");
    if (st == PF_OK)
        st = insert_version(&db, arena, persona, user_id, err);
    if (st == PF_OK)
        st = pf_db_commit(&db, err);
done:
    pf_db_result_free(res);
    pf_db_release(&db);
    pf_arena_free(arena);
    return st;
}

pf_status pf_store_persona_delete(struct pf_store *store, pf_id workspace_id, pf_id id,
                                  struct pf_error *err)
{
    struct pf_arena *arena = pf_arena_new();
    struct pf_db_param params[] = {pf_db_id(arena, id), pf_db_id(arena, workspace_id)};
    int64_t changes = 0;
    pf_status st = pf_store_write(store,
                                  "DELETE FROM personas WHERE id = $1 AND workspace_id = $2",
                                  params, 2, &changes, err);
    pf_arena_free(arena);
    return pf_store_require_change(st, changes, "persona", err);
}

pf_status pf_store_persona_versions(struct pf_store *store, struct pf_arena *arena,
                                    pf_id workspace_id, pf_id id,
                                    struct pf_persona_version **out_versions, size_t *out_count,
                                    struct pf_error *err)
{
    struct pf_db_result *res = NULL;
    *out_versions = NULL;
    *out_count = 0;
    struct pf_db_param params[] = {pf_db_id(arena, id), pf_db_id(arena, workspace_id)};
    pf_status st = pf_store_query(
        store,
        "SELECT v.version, v.user_id, v.title, v.summary, v.tags, v.data, v.base_cv_id,"
        " v.created_at FROM persona_versions v JOIN personas p ON p.id = v.persona_id"
        " WHERE v.persona_id = $1 AND p.workspace_id = $2 ORDER BY v.version DESC",
        params, 2, &res, err);
    if (st == PF_OK && pf_db_rows(res) == 0)
        st = pf_error_set(err, PF_E_NOT_FOUND, "no such persona");
    if (st == PF_OK) {
        size_t rows = pf_db_rows(res);
        struct pf_persona_version *versions = pf_arena_alloc(arena, rows * sizeof(*versions));
        for (size_t r = 0; r < rows; r++) {
            versions[r].version = (int)pf_db_get_int(res, r, 0);
            versions[r].user_id = pf_db_get_id(res, r, 1);
            versions[r].title = pf_db_dup_text(res, r, 2, arena);
            versions[r].summary = pf_db_dup_text(res, r, 3, arena);
            versions[r].tags = pf_db_get_json(res, r, 4, arena);
            versions[r].data = pf_db_get_json(res, r, 5, arena);
            versions[r].base_cv_id = pf_db_get_id(res, r, 6);
            versions[r].created_at = pf_db_get_time(res, r, 7);
        }
        *out_versions = versions;
        *out_count = rows;
    }
    pf_db_result_free(res);
    return st;
}

pf_status pf_store_persona_ids_for_cv(struct pf_store *store, struct pf_arena *arena,
                                      pf_id workspace_id, pf_id cv_id, pf_id **out_ids,
                                      size_t *out_count, struct pf_error *err)
{
    struct pf_db_result *res = NULL;
    struct pf_db_param params[] = {pf_db_id(arena, cv_id), pf_db_id(arena, workspace_id)};
    pf_status st = pf_store_query(store,
                                  "SELECT id FROM personas WHERE base_cv_id = $1"
                                  " AND workspace_id = $2 ORDER BY id",
                                  params, 2, &res, err);
    size_t rows = st == PF_OK ? pf_db_rows(res) : 0;
    pf_id *ids = pf_arena_alloc(arena, (rows ? rows : 1) * sizeof(*ids));
    for (size_t r = 0; r < rows; r++)
        ids[r] = pf_db_get_id(res, r, 0);
    *out_ids = ids;
    *out_count = rows;
    pf_db_result_free(res);
    return st;
}
