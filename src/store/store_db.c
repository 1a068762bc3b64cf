/* The connection pool, transactions, parameters and materialised results over the drivers. */
#include "store/store_db.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/clock.h"
#include "base/log.h"
#include "base/mem.h"
#include "store/store_int.h"

#define PF_LOG_MODULE "store"

struct cell {
    const char *ptr; /* NUL-terminated copy in the result's arena; NULL for SQL NULL */
    size_t len;
};

struct pf_db_result {
    size_t cols;
    size_t rows;
    size_t cap_rows;
    struct cell *cells; /* rows * cols, heap */
    struct pf_arena *arena; /* cell bytes */
};

struct pf_db_param pf_db_id(struct pf_arena *arena, pf_id id)
{
    char *text = pf_arena_alloc(arena, PF_ID_STR_LEN);
    pf_id_format(id, text);
    return pf_db_text(text);
}

struct pf_db_param pf_db_id_or_null(struct pf_arena *arena, pf_id id)
{
    return pf_id_is_nil(id) ? pf_db_null() : pf_db_id(arena, id);
}

struct pf_db_param pf_db_time(struct pf_arena *arena, int64_t ms)
{
    char *text = pf_arena_alloc(arena, PF_TIME_ISO_LEN);
    pf_time_format_iso(ms, text);
    return pf_db_text(text);
}

struct pf_db_param pf_db_json(struct pf_arena *arena, const json_t *json)
{
    if (!json)
        return pf_db_null();
    char *text = pf_json_dump(json);
    char *copy = pf_arena_strdup(arena, text);
    free(text);
    return pf_db_text(copy);
}

/* ---- results ---- */

struct pf_db_result *pf_db_result_new(size_t cols)
{
    struct pf_db_result *result = pf_xcalloc(1, sizeof(*result));
    result->cols = cols;
    result->arena = pf_arena_new();
    return result;
}

void pf_db_result_free(struct pf_db_result *result)
{
    if (!result)
        return;
    free(result->cells);
    pf_arena_free(result->arena);
    free(result);
}

void pf_db_result_add_row(struct pf_db_result *result)
{
    if (result->rows == result->cap_rows) {
        result->cap_rows = result->cap_rows ? result->cap_rows * 2 : 8;
        result->cells = pf_xrealloc(result->cells,
                                    result->cap_rows * (result->cols ? result->cols : 1) *
                                        sizeof(struct cell));
    }
    memset(result->cells + result->rows * result->cols, 0, result->cols * sizeof(struct cell));
    result->rows++;
}

void pf_db_result_set(struct pf_db_result *result, size_t col, const char *data, size_t len,
                      bool is_null)
{
    PF_ASSERT(result->rows > 0 && col < result->cols);
    struct cell *cell = &result->cells[(result->rows - 1) * result->cols + col];
    if (is_null) {
        cell->ptr = NULL;
        cell->len = 0;
        return;
    }
    cell->ptr = pf_arena_strndup(result->arena, data ? data : "", len);
    cell->len = len;
}

static const struct cell *cell_at(const struct pf_db_result *result, size_t row, size_t col)
{
    PF_ASSERT(row < result->rows && col < result->cols);
    return &result->cells[row * result->cols + col];
}

size_t pf_db_rows(const struct pf_db_result *result)
{
    return result ? result->rows : 0;
}

size_t pf_db_cols(const struct pf_db_result *result)
{
    return result ? result->cols : 0;
}

bool pf_db_is_null(const struct pf_db_result *result, size_t row, size_t col)
{
    return cell_at(result, row, col)->ptr == NULL;
}

const char *pf_db_get_text(const struct pf_db_result *result, size_t row, size_t col)
{
    return cell_at(result, row, col)->ptr;
}

size_t pf_db_get_len(const struct pf_db_result *result, size_t row, size_t col)
{
    return cell_at(result, row, col)->len;
}

char *pf_db_dup_text(const struct pf_db_result *result, size_t row, size_t col,
                     struct pf_arena *arena)
{
    const struct cell *cell = cell_at(result, row, col);
    return cell->ptr ? pf_arena_strndup(arena, cell->ptr, cell->len) : NULL;
}

int64_t pf_db_get_int(const struct pf_db_result *result, size_t row, size_t col)
{
    const struct cell *cell = cell_at(result, row, col);
    int64_t value = 0;
    if (cell->ptr && !pf_parse_i64(pf_str_make(cell->ptr, cell->len), INT64_MIN, INT64_MAX, &value))
        return (int64_t)strtod(cell->ptr, NULL);
    return value;
}

double pf_db_get_float(const struct pf_db_result *result, size_t row, size_t col)
{
    const struct cell *cell = cell_at(result, row, col);
    return cell->ptr ? strtod(cell->ptr, NULL) : 0.0;
}

bool pf_db_get_bool(const struct pf_db_result *result, size_t row, size_t col)
{
    const char *text = cell_at(result, row, col)->ptr;
    return text && (text[0] == 't' || text[0] == '1' || text[0] == 'T');
}

pf_id pf_db_get_id(const struct pf_db_result *result, size_t row, size_t col)
{
    const struct cell *cell = cell_at(result, row, col);
    pf_id id = {{0}};
    if (cell->ptr && !pf_id_parse(pf_str_make(cell->ptr, cell->len), &id))
        memset(&id, 0, sizeof(id));
    return id;
}

int64_t pf_db_get_time(const struct pf_db_result *result, size_t row, size_t col)
{
    const struct cell *cell = cell_at(result, row, col);
    int64_t ms = 0;
    if (cell->ptr && !pf_time_parse_iso(pf_str_make(cell->ptr, cell->len), &ms))
        ms = 0;
    return ms;
}

json_t *pf_db_get_json(const struct pf_db_result *result, size_t row, size_t col,
                       struct pf_arena *arena)
{
    const struct cell *cell = cell_at(result, row, col);
    if (!cell->ptr)
        return NULL;
    json_t *json = json_loadb(cell->ptr, cell->len, JSON_DECODE_ANY, NULL);
    return pf_json_arena(arena, json);
}

/* ---- SQL text ---- */

char *pf_db_sql_for_sqlite(const char *sql)
{
    size_t len = strlen(sql);
    char *out = pf_xmalloc(len + 1);
    size_t o = 0;
    char quote = 0;
    for (size_t i = 0; i < len; i++) {
        char ch = sql[i];
        if (quote) {
            if (ch == quote)
                quote = 0;
        } else if (ch == '\'' || ch == '"') {
            quote = ch;
        } else if (ch == '$' && i + 1 < len && sql[i + 1] >= '0' && sql[i + 1] <= '9') {
            ch = '?';
        }
        out[o++] = ch;
    }
    out[o] = '\0';
    return out;
}

/* ---- pool ---- */

static void deadline_after(struct timespec *ts, int seconds)
{
    clock_gettime(CLOCK_REALTIME, ts);
    ts->tv_sec += seconds;
}

pf_status pf_db_acquire(struct pf_store *store, struct pf_db *out_db, struct pf_error *err)
{
    memset(out_db, 0, sizeof(*out_db));
    struct timespec deadline;
    deadline_after(&deadline, store->timeout_s);
    int slot = -1;

    pthread_mutex_lock(&store->mutex);
    bool waited = false;
    for (;;) {
        for (int i = 0; i < store->pool_size; i++) {
            if (!store->slots[i].busy) {
                slot = i;
                break;
            }
        }
        if (slot >= 0)
            break;
        waited = true;
        if (pthread_cond_timedwait(&store->released, &store->mutex, &deadline) == ETIMEDOUT)
            break;
    }
    if (waited)
        store->waits++;
    if (slot < 0) {
        pthread_mutex_unlock(&store->mutex);
        return pf_error_set(err, PF_E_STORE, "no free database connection within %d s",
                            store->timeout_s);
    }
    store->slots[slot].busy = true;
    store->in_use++;
    pthread_mutex_unlock(&store->mutex);

    /* Connecting happens outside the lock: a slow or dead server must not block the pool. */
    struct pool_slot *s = &store->slots[slot];
    pf_status st = PF_OK;
    if (!s->conn) {
        st = store->driver->open(store->url, store->timeout_s, &s->conn, err);
    } else if (!store->driver->is_healthy(s->conn)) {
        st = store->driver->reset(s->conn, err);
    }
    if (st != PF_OK) {
        if (s->conn && !store->driver->is_healthy(s->conn)) {
            store->driver->close(s->conn);
            s->conn = NULL;
        }
        pthread_mutex_lock(&store->mutex);
        s->busy = false;
        store->in_use--;
        store->errors++;
        pthread_cond_signal(&store->released);
        pthread_mutex_unlock(&store->mutex);
        if (err && err->status != PF_E_READ_ONLY && err->status != PF_E_DISK_FULL)
            err->status = PF_E_STORE;
        return err ? err->status : PF_E_STORE;
    }
    out_db->store = store;
    out_db->conn = s->conn;
    out_db->driver = store->driver;
    out_db->slot = slot;
    return PF_OK;
}

void pf_db_release(struct pf_db *db)
{
    if (!db || !db->store)
        return;
    struct pf_store *store = db->store;
    if (db->in_tx)
        pf_db_rollback(db);
    int slot = db->slot;
    PF_ASSERT(slot >= 0 && slot < store->pool_size && store->slots[slot].conn == db->conn);
    if (db->broken || !store->driver->is_healthy(db->conn)) {
        store->driver->close(db->conn);
        store->slots[slot].conn = NULL;
    }
    pthread_mutex_lock(&store->mutex);
    store->slots[slot].busy = false;
    store->in_use--;
    pthread_cond_signal(&store->released);
    pthread_mutex_unlock(&store->mutex);
    db->store = NULL;
    db->conn = NULL;
}

enum pf_db_dialect pf_db_dialect(const struct pf_db *db)
{
    return db->driver->dialect;
}

/* Reads are safe to retry once on a fresh connection when the pooled one turns out dead
 * (PostgreSQL restarted while it sat idle); writes are not, since the server may have
 * committed before the connection dropped. */
static bool is_read_only(const char *sql)
{
    while (*sql == ' ' || *sql == '\n' || *sql == '\t')
        sql++;
    return strncmp(sql, "SELECT", 6) == 0;
}

static pf_status run(struct pf_db *db, const char *sql, bool cacheable,
                     const struct pf_db_param *params, size_t count,
                     struct pf_db_result **out_result, int64_t *out_changes, struct pf_error *err)
{
    if (out_result)
        *out_result = NULL;
    pf_status st = db->driver->exec(db->conn, sql, cacheable, params, count, out_result,
                                    out_changes, err);
    if (st == PF_E_STORE && !db->driver->is_healthy(db->conn)) {
        if (!db->in_tx && is_read_only(sql) && db->driver->reset(db->conn, NULL) == PF_OK) {
            pf_error_clear(err);
            st = db->driver->exec(db->conn, sql, cacheable, params, count, out_result,
                                  out_changes, err);
            if (st == PF_OK)
                return st;
        }
        db->broken = !db->driver->is_healthy(db->conn);
        pthread_mutex_lock(&db->store->mutex);
        db->store->errors++;
        pthread_mutex_unlock(&db->store->mutex);
    }
    return st;
}

pf_status pf_db_exec(struct pf_db *db, const char *sql, const struct pf_db_param *params,
                     size_t param_count, struct pf_db_result **out_result, struct pf_error *err)
{
    return run(db, sql, true, params, param_count, out_result, NULL, err);
}

pf_status pf_db_exec_dynamic(struct pf_db *db, const char *sql, const struct pf_db_param *params,
                             size_t param_count, struct pf_db_result **out_result,
                             struct pf_error *err)
{
    return run(db, sql, false, params, param_count, out_result, NULL, err);
}

pf_status pf_db_exec_changes(struct pf_db *db, const char *sql, const struct pf_db_param *params,
                             size_t param_count, int64_t *out_changes, struct pf_error *err)
{
    return run(db, sql, true, params, param_count, NULL, out_changes, err);
}

pf_status pf_db_exec_script(struct pf_db *db, const char *sql, struct pf_error *err)
{
    pf_status st = db->driver->exec_script(db->conn, sql, err);
    if (st == PF_E_STORE && !db->driver->is_healthy(db->conn))
        db->broken = true;
    return st;
}

pf_status pf_db_begin(struct pf_db *db, struct pf_error *err)
{
    PF_ASSERT(!db->in_tx);
    /* SQLite: take the write lock up front, so two writers never deadlock upgrading. */
    const char *sql = db->driver->dialect == PF_DB_SQLITE ? "BEGIN IMMEDIATE" : "BEGIN";
    pf_status st = run(db, sql, true, NULL, 0, NULL, NULL, err);
    if (st == PF_OK)
        db->in_tx = true;
    return st;
}

pf_status pf_db_begin_read(struct pf_db *db, struct pf_error *err)
{
    PF_ASSERT(!db->in_tx);
    /* One snapshot for several reads; SQLite's deferred BEGIN takes no write lock. */
    const char *sql = db->driver->dialect == PF_DB_SQLITE
                          ? "BEGIN"
                          : "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY";
    pf_status st = run(db, sql, true, NULL, 0, NULL, NULL, err);
    if (st == PF_OK)
        db->in_tx = true;
    return st;
}

pf_status pf_db_commit(struct pf_db *db, struct pf_error *err)
{
    PF_ASSERT(db->in_tx);
    pf_status st = run(db, "COMMIT", true, NULL, 0, NULL, NULL, err);
    if (st != PF_OK) {
        pf_db_rollback(db);
        return st;
    }
    db->in_tx = false;
    return PF_OK;
}

void pf_db_rollback(struct pf_db *db)
{
    if (!db->in_tx)
        return;
    db->in_tx = false;
    struct pf_error ignored = PF_ERROR_INIT;
    if (run(db, "ROLLBACK", true, NULL, 0, NULL, NULL, &ignored) != PF_OK)
        db->broken = true;
}
