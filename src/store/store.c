/* Opening the store, migrations, health, and the small shared helpers of store.h. */
#include "store/store.h"

#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/clock.h"
#include "base/embed.h"
#include "base/log.h"
#include "base/mem.h"
#include "store/store_int.h"

#define PF_LOG_MODULE "store"

extern const struct pf_embedded_file pf_migrations_sqlite[];
extern const size_t pf_migrations_sqlite_count;
#ifdef PF_HAVE_POSTGRES
extern const struct pf_embedded_file pf_migrations_pg[];
extern const size_t pf_migrations_pg_count;
#endif

static const char *const plan_names[] = {"free", "pro", "team"};

const char *pf_plan_name(enum pf_plan plan)
{
    return (unsigned)plan < PF_ARRAY_LEN(plan_names) ? plan_names[plan] : "free";
}

bool pf_plan_parse(const char *name, enum pf_plan *out_plan)
{
    for (size_t i = 0; name && i < PF_ARRAY_LEN(plan_names); i++) {
        if (strcmp(name, plan_names[i]) == 0) {
            *out_plan = (enum pf_plan)i;
            return true;
        }
    }
    return false;
}

pf_id pf_user_workspace(const struct pf_user *user)
{
    return pf_id_is_nil(user->team_id) ? user->id : user->team_id;
}

void pf_store_page_clamp(struct pf_page *page)
{
    if (page->limit < 1)
        page->limit = 50;
    if (page->limit > 200)
        page->limit = 200;
}

pf_status pf_store_page_query(struct pf_store *store, const char *sql,
                              const struct pf_db_param *params, size_t count, struct pf_page page,
                              struct pf_db_result **out_result, size_t *out_rows, pf_id *out_next,
                              struct pf_error *err)
{
    *out_rows = 0;
    *out_next = (pf_id){{0}};
    pf_status st = pf_store_query(store, sql, params, count, out_result, err);
    if (st != PF_OK)
        return st;
    size_t rows = pf_db_rows(*out_result);
    *out_rows = rows > (size_t)page.limit ? (size_t)page.limit : rows;
    if (rows > *out_rows)
        *out_next = pf_db_get_id(*out_result, *out_rows - 1, 0);
    return PF_OK;
}

pf_status pf_store_query(struct pf_store *store, const char *sql,
                         const struct pf_db_param *params, size_t count,
                         struct pf_db_result **out_result, struct pf_error *err)
{
    struct pf_db db;
    if (out_result)
        *out_result = NULL;
    pf_status st = pf_db_acquire(store, &db, err);
    if (st != PF_OK)
        return st;
    st = pf_db_exec(&db, sql, params, count, out_result, err);
    pf_db_release(&db);
    return st;
}

pf_status pf_store_write(struct pf_store *store, const char *sql,
                         const struct pf_db_param *params, size_t count, int64_t *out_changes,
                         struct pf_error *err)
{
    struct pf_db db;
    int64_t changes = 0;
    pf_status st = pf_db_acquire(store, &db, err);
    if (st != PF_OK)
        return st;
    st = pf_db_exec_changes(&db, sql, params, count, &changes, err);
    pf_db_release(&db);
    if (out_changes)
        *out_changes = changes;
    return st;
}

pf_status pf_store_require_change(pf_status st, int64_t changes, const char *what,
                                  struct pf_error *err)
{
    if (st == PF_OK && changes == 0)
        return pf_error_set(err, PF_E_NOT_FOUND, "no such %s", what);
    return st;
}

pf_status pf_store_open(const char *url, const struct pf_store_options *options,
                        struct pf_store **out_store, struct pf_error *err)
{
    const struct pf_db_driver *driver = NULL;
    const char *driver_url = NULL;
    if (strncmp(url, "sqlite:", 7) == 0) {
        driver = &pf_db_sqlite_driver;
        driver_url = url + 7;
        if (strncmp(driver_url, "//", 2) == 0)
            driver_url += 2;
    } else if (strncmp(url, "postgresql://", 13) == 0 || strncmp(url, "postgres://", 11) == 0) {
#ifdef PF_HAVE_POSTGRES
        driver = &pf_db_pg_driver;
        driver_url = url;
#else
        return pf_error_set(err, PF_E_INVALID, "this build has no PostgreSQL support");
#endif
    } else {
        return pf_error_set_field(err, PF_E_INVALID, "database_url",
                                  "database_url must start with sqlite: or postgresql://");
    }
    if (!driver_url[0])
        return pf_error_set_field(err, PF_E_INVALID, "database_url", "database_url has no path");

    struct pf_store *store = pf_xcalloc(1, sizeof(*store));
    store->driver = driver;
    store->url = pf_xstrdup(driver_url);
    store->pool_size = options && options->pool_size > 0 ? options->pool_size : 4;
    store->timeout_s = options && options->timeout_s > 0 ? options->timeout_s : 5;
    store->slots = pf_xcalloc((size_t)store->pool_size, sizeof(struct pool_slot));
    pthread_mutex_init(&store->mutex, NULL);
    pthread_cond_init(&store->released, NULL);
    *out_store = store;
    return PF_OK;
}

void pf_store_close(struct pf_store *store)
{
    if (!store)
        return;
    for (int i = 0; i < store->pool_size; i++) {
        PF_ASSERT(!store->slots[i].busy);
        if (store->slots[i].conn)
            store->driver->close(store->slots[i].conn);
    }
    pthread_cond_destroy(&store->released);
    pthread_mutex_destroy(&store->mutex);
    free(store->slots);
    free(store->url);
    free(store);
}

const char *pf_store_backend(const struct pf_store *store)
{
    return store->driver->name;
}

void pf_store_pool_stats(struct pf_store *store, int *out_size, int *out_in_use,
                         int64_t *out_waits, int64_t *out_errors)
{
    pthread_mutex_lock(&store->mutex);
    *out_size = store->pool_size;
    *out_in_use = store->in_use;
    *out_waits = store->waits;
    *out_errors = store->errors;
    pthread_mutex_unlock(&store->mutex);
}

pf_status pf_store_ping(struct pf_store *store, struct pf_error *err)
{
    struct pf_db db;
    pf_status st = pf_db_acquire(store, &db, err);
    if (st != PF_OK)
        return st;
    st = pf_db_exec(&db, "SELECT 1", NULL, 0, NULL, err);
    pf_db_release(&db);
    return st == PF_OK ? PF_OK : PF_E_STORE;
}

/* "007_add_things.sql" → 7; 0 when the name does not start with a number. */
static int migration_version(const char *path)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    int version = 0;
    while (*base >= '0' && *base <= '9')
        version = version * 10 + (*base++ - '0');
    return version;
}

static bool is_applied(const struct pf_db_result *applied, int version)
{
    for (size_t r = 0; r < pf_db_rows(applied); r++) {
        if (pf_db_get_int(applied, r, 0) == version)
            return true;
    }
    return false;
}

static pf_status apply_one(struct pf_db *db, const struct pf_embedded_file *file, int version,
                           struct pf_error *err)
{
    struct pf_arena *arena = pf_arena_new();
    pf_status st = pf_db_begin(db, err);
    if (st != PF_OK)
        goto done;
    st = pf_db_exec_script(db, file->data, err);
    if (st != PF_OK) {
        pf_error_prefix(err, "migration %s failed", file->path);
        goto done;
    }
    struct pf_db_param params[] = {pf_db_int(version), pf_db_text(file->path),
                                   pf_db_time(arena, pf_time_now_ms())};
    st = pf_db_exec(db,
                    "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)",
                    params, 3, NULL, err);
    if (st != PF_OK)
        goto done;
    st = pf_db_commit(db, err);
done:
    pf_db_rollback(db);
    pf_arena_free(arena);
    return st;
}

pf_status pf_store_migrate(struct pf_store *store, int *out_applied, struct pf_error *err)
{
    struct pf_db db;
    struct pf_db_result *applied = NULL;
    int count = 0;
    const struct pf_embedded_file *files = pf_migrations_sqlite;
#ifdef PF_HAVE_POSTGRES
    if (store->driver->dialect == PF_DB_POSTGRES)
        files = pf_migrations_pg;
#endif
    pf_status st = pf_db_acquire(store, &db, err);
    if (st != PF_OK)
        return st;
    bool locked = false;
    if (pf_db_dialect(&db) == PF_DB_POSTGRES) {
        /* Several servers may start at once: one migrates, the others wait for it. */
        st = pf_db_exec(&db, "SELECT pg_advisory_lock(7412301)", NULL, 0, NULL, err);
        if (st != PF_OK)
            goto done;
        locked = true;
    }
    st = pf_db_exec(&db,
                    "CREATE TABLE IF NOT EXISTS schema_migrations ("
                    " version integer PRIMARY KEY, name text NOT NULL, applied_at text NOT NULL)",
                    NULL, 0, NULL, err);
    if (st != PF_OK)
        goto done;
    for (const struct pf_embedded_file *file = files; file->path; file++) {
        int version = migration_version(file->path);
        PF_ASSERT(version > 0);
        pf_db_result_free(applied);
        applied = NULL;
        /* Re-read each time: on SQLite another process may have migrated meanwhile (the
         * BEGIN IMMEDIATE in apply_one serialises the writers). */
        st = pf_db_exec(&db, "SELECT version FROM schema_migrations", NULL, 0, &applied, err);
        if (st != PF_OK)
            goto done;
        if (is_applied(applied, version))
            continue;
        st = apply_one(&db, file, version, err);
        if (st != PF_OK)
            goto done;
        pf_log_info(NULL, "applied migration %s", file->path);
        count++;
    }
done:
    if (locked) {
        struct pf_error ignored = PF_ERROR_INIT;
        if (pf_db_exec(&db, "SELECT pg_advisory_unlock(7412301)", NULL, 0, NULL, &ignored) !=
            PF_OK)
            db.broken = true;
    }
    pf_db_result_free(applied);
    pf_db_release(&db);
    if (out_applied)
        *out_applied = count;
    return st;
}
