/* Bulk loading for generated data: multi-row INSERTs (a few hundred rows per statement, fewer
 * round trips and parses than one statement per row) inside one transaction per call. */
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "store/store_int.h"
#include "store/store_search.h"
#include "store/store_seed.h"

/* PostgreSQL: up to 30,000 parameters a statement (its limit is 65,535). SQLite: about 250,
 * as preparing a statement costs it time quadratic in the number of ?NNN parameters. */
#define PG_MAX_PARAMS 30000
#define SQLITE_MAX_PARAMS 250
#define MAX_ROWS 500

/* Fills the params of row (ncols of them) for one table. */
typedef void (*row_fn)(const void *rows, size_t row, struct pf_arena *arena,
                       struct pf_db_param *out);

static pf_status insert_rows(struct pf_db *db, const char *head, int ncols, const void *rows,
                             size_t count, row_fn fill, struct pf_error *err)
{
    int max_params = pf_db_dialect(db) == PF_DB_SQLITE ? SQLITE_MAX_PARAMS : PG_MAX_PARAMS;
    size_t per_batch = (size_t)(max_params / ncols);
    if (per_batch > MAX_ROWS)
        per_batch = MAX_ROWS;
    struct pf_buf sql = PF_BUF_INIT((size_t)1 << 22);
    struct pf_db_param *params = pf_xcalloc(per_batch * (size_t)ncols, sizeof(*params));
    size_t sql_rows = 0; /* rows the SQL text in sql was built for */
    pf_status st = PF_OK;
    for (size_t first = 0; st == PF_OK && first < count; first += per_batch) {
        size_t n = count - first < per_batch ? count - first : per_batch;
        if (n != sql_rows) {
            pf_buf_reset(&sql);
            pf_buf_puts(&sql, head);
            for (size_t r = 0; r < n; r++) {
                pf_buf_puts(&sql, r ? ", (" : " VALUES (");
                for (int c = 0; c < ncols; c++)
                    pf_buf_printf(&sql, "%s$%zu", c ? ", " : "", r * (size_t)ncols + (size_t)c + 1);
                pf_buf_putc(&sql, ')');
            }
            sql_rows = n;
            st = pf_buf_status(&sql);
            if (st != PF_OK)
                break;
        }
        struct pf_arena *arena = pf_arena_new();
        for (size_t r = 0; r < n; r++)
            fill(rows, first + r, arena, params + r * (size_t)ncols);
        st = pf_db_exec_dynamic(db, pf_buf_cstr(&sql), params, n * (size_t)ncols, NULL, err);
        pf_arena_free(arena);
    }
    free(params);
    pf_buf_fini(&sql);
    return st;
}

/* insert_rows in a transaction of its own. */
static pf_status in_transaction(struct pf_store *store, const char *head, int ncols,
                                const void *rows, size_t count, row_fn fill,
                                struct pf_error *err)
{
    struct pf_db db;
    pf_status st = pf_db_acquire(store, &db, err);
    if (st != PF_OK)
        return st;
    st = pf_db_begin(&db, err);
    if (st == PF_OK)
        st = insert_rows(&db, head, ncols, rows, count, fill, err);
    if (st == PF_OK)
        st = pf_db_commit(&db, err);
    pf_db_release(&db);
    return st;
}

static void user_row(const void *rows, size_t row, struct pf_arena *arena,
                     struct pf_db_param *out)
{
    const struct pf_user *u = (const struct pf_user *)rows + row;
    out[0] = pf_db_id(arena, u->id);
    out[1] = pf_db_text(u->email);
    out[2] = pf_db_text(u->name);
    out[3] = pf_db_text(u->password_hash);
    out[4] = pf_db_text(pf_plan_name(u->plan));
    out[5] = pf_db_bool(u->is_admin);
    out[6] = pf_db_time(arena, u->created_at);
    out[7] = pf_db_time(arena, u->updated_at);
}

pf_status pf_store_seed_users(struct pf_store *store, const struct pf_user *users, size_t count,
                              struct pf_error *err)
{
    return in_transaction(store,
                          "INSERT INTO users (id, email, name, password_hash, plan, is_admin,"
                          " created_at, updated_at)",
                          8, users, count, user_row, err);
}

static void team_row(const void *rows, size_t row, struct pf_arena *arena,
                     struct pf_db_param *out)
{
    const struct pf_team *t = (const struct pf_team *)rows + row;
    out[0] = pf_db_id(arena, t->id);
    out[1] = pf_db_text(t->name);
    out[2] = pf_db_id(arena, t->owner_id);
    out[3] = pf_db_text(pf_plan_name(t->plan));
    out[4] = pf_db_time(arena, t->created_at);
    out[5] = pf_db_time(arena, t->updated_at);
}

pf_status pf_store_seed_teams(struct pf_store *store, const struct pf_team *teams, size_t count,
                              struct pf_error *err)
{
    return in_transaction(store,
                          "INSERT INTO teams (id, name, owner_id, plan, created_at, updated_at)",
                          6, teams, count, team_row, err);
}

pf_status pf_store_seed_members(struct pf_store *store, const pf_id *user_ids,
                                const pf_id *team_ids, size_t count, struct pf_error *err)
{
    struct pf_db db;
    pf_status st = pf_db_acquire(store, &db, err);
    if (st != PF_OK)
        return st;
    st = pf_db_begin(&db, err);
    struct pf_arena *arena = pf_arena_new();
    for (size_t i = 0; st == PF_OK && i < count; i++) {
        struct pf_db_param params[] = {pf_db_id(arena, team_ids[i]),
                                       pf_db_id(arena, user_ids[i])};
        st = pf_db_exec(&db, "UPDATE users SET team_id = $1 WHERE id = $2", params, 2, NULL, err);
    }
    if (st == PF_OK)
        st = pf_db_commit(&db, err);
    pf_arena_free(arena);
    pf_db_release(&db);
    return st;
}

static void persona_row(const void *rows, size_t row, struct pf_arena *arena,
                        struct pf_db_param *out)
{
    const struct pf_persona *p = (const struct pf_persona *)rows + row;
    out[0] = pf_db_id(arena, p->id);
    out[1] = pf_db_id(arena, p->workspace_id);
    out[2] = pf_db_id(arena, p->user_id);
    out[3] = pf_db_id_or_null(arena, p->base_cv_id);
    out[4] = pf_db_text(p->title);
    out[5] = pf_db_text(p->summary);
    out[6] = pf_db_json(arena, p->tags);
    out[7] = pf_db_json(arena, p->data);
    out[8] = pf_db_int(p->version);
    out[9] = pf_db_time(arena, p->created_at);
    out[10] = pf_db_time(arena, p->updated_at);
}

static void persona_version_row(const void *rows, size_t row, struct pf_arena *arena,
                                struct pf_db_param *out)
{
    const struct pf_persona *p = (const struct pf_persona *)rows + row;
    out[0] = pf_db_id(arena, p->id);
    out[1] = pf_db_int(p->version);
    out[2] = pf_db_id(arena, p->user_id);
    out[3] = pf_db_text(p->title);
    out[4] = pf_db_text(p->summary);
    out[5] = pf_db_json(arena, p->tags);
    out[6] = pf_db_json(arena, p->data);
    out[7] = pf_db_id_or_null(arena, p->base_cv_id);
    out[8] = pf_db_time(arena, p->created_at);
}

pf_status pf_store_seed_personas(struct pf_store *store, const struct pf_persona *personas,
                                 size_t count, struct pf_error *err)
{
    struct pf_db db;
    pf_status st = pf_db_acquire(store, &db, err);
    if (st != PF_OK)
        return st;
    st = pf_db_begin(&db, err);
    if (st == PF_OK)
        st = insert_rows(&db,
                         "INSERT INTO personas (id, workspace_id, user_id, base_cv_id, title,"
                         " summary, tags, data, version, created_at, updated_at)",
                         11, personas, count, persona_row, err);
    if (st == PF_OK)
        st = insert_rows(&db,
                         "INSERT INTO persona_versions (persona_id, version, user_id, title,"
                         " summary, tags, data, base_cv_id, created_at)",
                         9, personas, count, persona_version_row, err);
    if (st == PF_OK)
        st = pf_db_commit(&db, err);
    pf_db_release(&db);
    return st;
}

static void cv_row(const void *rows, size_t row, struct pf_arena *arena, struct pf_db_param *out)
{
    const struct pf_cv *cv = (const struct pf_cv *)rows + row;
    out[0] = pf_db_id(arena, cv->id);
    out[1] = pf_db_id(arena, cv->workspace_id);
    out[2] = pf_db_id(arena, cv->user_id);
    out[3] = pf_db_text(cv->filename);
    out[4] = pf_db_text(cv->content_type);
    out[5] = pf_db_int(cv->size_bytes);
    out[6] = pf_db_text(cv->sha256);
    out[7] = pf_db_text(cv->format);
    out[8] = pf_db_text(pf_cv_status_name(cv->status));
    out[9] = pf_db_text(cv->raw_text);
    out[10] = pf_db_json(arena, cv->parsed_json);
    out[11] = pf_db_time(arena, cv->created_at);
    out[12] = pf_db_time(arena, cv->updated_at);
}

pf_status pf_store_seed_cvs(struct pf_store *store, const struct pf_cv *cvs, size_t count,
                            struct pf_error *err)
{
    return in_transaction(store,
                          "INSERT INTO cvs (id, workspace_id, user_id, filename, content_type,"
                          " size_bytes, sha256, format, status, raw_text, parsed_json,"
                          " created_at, updated_at)",
                          13, cvs, count, cv_row, err);
}

static void kb_row(const void *rows, size_t row, struct pf_arena *arena, struct pf_db_param *out)
{
    const struct pf_kb_row *e = (const struct pf_kb_row *)rows + row;
    out[0] = pf_db_id(arena, e->id);
    out[1] = pf_db_id(arena, e->workspace_id);
    out[2] = pf_db_id(arena, e->user_id);
    out[3] = pf_db_text(e->type);
    out[4] = pf_db_text(e->value);
    out[5] = pf_db_text(e->normalized_value);
    out[6] = pf_db_text(e->source);
    out[7] = pf_db_float(e->confidence);
    out[8] = pf_db_json(arena, e->evidence);
    out[9] = pf_db_json(arena, e->details);
    out[10] = pf_db_bool(e->confirmed);
    out[11] = pf_db_bool(e->rejected);
    out[12] = pf_db_time(arena, e->created_at);
    out[13] = pf_db_time(arena, e->updated_at);
}

pf_status pf_store_seed_kb(struct pf_store *store, const struct pf_kb_row *rows, size_t count,
                           struct pf_error *err)
{
    return in_transaction(store,
                          "INSERT INTO knowledgebase_entries (id, workspace_id, user_id, type,"
                          " value, normalized_value, source, confidence, evidence, details,"
                          " confirmed, rejected, created_at, updated_at)",
                          14, rows, count, kb_row, err);
}

pf_status pf_store_seed_finish(struct pf_store *store, struct pf_error *err)
{
    struct pf_db db;
    pf_status st = pf_db_acquire(store, &db, err);
    if (st != PF_OK)
        return st;
    /* PostgreSQL: VACUUM also sets the visibility map, which bitmap scans consult; it cannot
     * run inside a transaction, and exec_script runs outside one. */
    st = pf_db_exec_script(&db,
                           pf_db_dialect(&db) == PF_DB_POSTGRES
                               ? "VACUUM (ANALYZE) users, teams, cvs, personas,"
                                 " persona_versions, knowledgebase_entries"
                               : "ANALYZE",
                           err);
    pf_db_release(&db);
    for (bool more = true; st == PF_OK && more;)
        st = pf_store_search_merge_step(store, 2000, true, &more, err);
    return st;
}
