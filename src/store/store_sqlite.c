/* The SQLite driver: WAL, foreign keys, a prepared-statement cache, errors mapped to statuses. */
#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/clock.h"
#include "base/json.h"
#include "base/mem.h"
#include "base/uuid.h"
#include "store/store_db.h"
#include "store/store_search_int.h"

#define CACHE_SLOTS 256 /* power of two; more distinct static statements than the app has */

struct cache_entry {
    const char *key; /* the static SQL string's address */
    sqlite3_stmt *stmt;
};

struct pf_db_conn {
    sqlite3 *db;
    char *path; /* heap */
    int64_t deadline_ns; /* pf_monotonic_ns() past which statements are interrupted; 0: none */
    struct cache_entry cache[CACHE_SLOTS];
};

static pf_status map_error(sqlite3 *db, int rc, struct pf_error *err)
{
    int primary = rc & 0xff;
    const char *detail = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    int sys = db ? sqlite3_system_errno(db) : 0;
    /* The OS knows best why a file could not be opened or written. */
    if (primary == SQLITE_CANTOPEN || primary == SQLITE_IOERR || primary == SQLITE_READONLY) {
        if (sys == EROFS || primary == SQLITE_READONLY)
            return pf_error_set(err, PF_E_READ_ONLY,
                                "the database or its directory is read-only");
        if (sys == ENOSPC)
            return pf_error_set(err, PF_E_DISK_FULL, "the database disk is full");
    }
    switch (primary) {
    case SQLITE_CONSTRAINT:
        if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY)
            return pf_error_set_field(err, PF_E_CONFLICT, detail, "the record already exists");
        if (rc == SQLITE_CONSTRAINT_FOREIGNKEY)
            return pf_error_set_field(err, PF_E_INVALID, detail, "a referenced record is missing");
        return pf_error_set_field(err, PF_E_INVALID, detail, "the database refused the value");
    case SQLITE_FULL:
        return pf_error_set(err, PF_E_DISK_FULL, "the database disk is full");
    case SQLITE_READONLY:
        return pf_error_set(err, PF_E_READ_ONLY, "the database is read-only");
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return pf_error_set(err, PF_E_STORE, "the database is busy");
    case SQLITE_TOOBIG:
        return pf_error_set(err, PF_E_TOO_BIG, "value too large for the database");
    case SQLITE_INTERRUPT:
        return pf_error_set(err, PF_E_TIMEOUT, "the query took too long");
    case SQLITE_IOERR:
        if (rc == SQLITE_IOERR_WRITE || rc == SQLITE_IOERR_FSYNC)
            return pf_error_set(err, PF_E_DISK_FULL, "cannot write the database: %s", detail);
        return pf_error_set(err, PF_E_STORE, "database I/O error: %s", detail);
    default:
        return pf_error_set(err, PF_E_STORE, "database error: %s", detail);
    }
}

/* pf_fts_key(uuid): the FTS rowid of a row, newest smallest (pf_search_fts_key). */
static void fts_key_function(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    const unsigned char *text = sqlite3_value_text(argv[0]);
    pf_id id;
    if (!text || !pf_id_parse(pf_str_make((const char *)text, (size_t)sqlite3_value_bytes(argv[0])),
                              &id)) {
        sqlite3_result_null(ctx);
        return;
    }
    sqlite3_result_int64(ctx, pf_search_fts_key(id));
}

static void collect_strings(const json_t *json, struct pf_buf *out, int depth)
{
    if (depth > 64)
        return;
    if (json_is_string(json)) {
        if (out->len)
            pf_buf_putc(out, ' ');
        pf_buf_append(out, json_string_value(json), json_string_length(json));
    } else if (json_is_array(json)) {
        size_t i;
        const json_t *item;
        json_array_foreach(json, i, item)
            collect_strings(item, out, depth + 1);
    } else if (json_is_object(json)) {
        const char *key;
        const json_t *value;
        json_object_foreach((json_t *)json, key, value)
            collect_strings(value, out, depth + 1);
    }
}

/* pf_json_text(json): every string value of a JSON document joined by spaces (what
 * PostgreSQL's jsonb_to_tsvector(..., '["string"]') indexes). */
static void json_text_function(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    const char *text = (const char *)sqlite3_value_text(argv[0]);
    if (!text) {
        sqlite3_result_text(ctx, "", 0, SQLITE_STATIC);
        return;
    }
    json_t *json = json_loadb(text, (size_t)sqlite3_value_bytes(argv[0]), JSON_DECODE_ANY, NULL);
    struct pf_buf out = PF_BUF_INIT((size_t)4 << 20);
    collect_strings(json, &out, 0);
    json_decref(json);
    sqlite3_result_text64(ctx, pf_buf_cstr(&out), out.len, SQLITE_TRANSIENT, SQLITE_UTF8);
    pf_buf_fini(&out);
}

/* pf_fts_ws(uuid): the FTS5 workspace token of a row (store_search_int.h). */
static void fts_ws_function(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    const unsigned char *text = sqlite3_value_text(argv[0]);
    pf_id id;
    if (!text || !pf_id_parse(pf_str_make((const char *)text, (size_t)sqlite3_value_bytes(argv[0])),
                              &id)) {
        sqlite3_result_null(ctx);
        return;
    }
    char token[PF_SEARCH_WS_TOKEN_SIZE];
    pf_search_ws_token(id, token);
    sqlite3_result_text(ctx, token, -1, SQLITE_TRANSIENT);
}

/* pf_trgm_score(text, spec): the typo fallback's score of text (store_search_int.h). */
static void trgm_score_function(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    const char *text = (const char *)sqlite3_value_text(argv[0]);
    const char *spec = (const char *)sqlite3_value_text(argv[1]);
    if (!text || !spec) {
        sqlite3_result_double(ctx, 0);
        return;
    }
    sqlite3_result_double(ctx, pf_trgm_spec_score(
                                   pf_str_make(spec, (size_t)sqlite3_value_bytes(argv[1])),
                                   pf_str_make(text, (size_t)sqlite3_value_bytes(argv[0]))));
}

/* pf_rank(fts, weight...): an FTS5 auxiliary function ranking one row by its own text only,
 * like PostgreSQL's ts_rank_cd(..., 1|32) and unlike FTS5's bm25: the sum over the query's hits
 * of their column's weight (one weight per column, in order; missing ones are 0), divided by
 * 1 + log(1 + the row's tokens). bm25's inverse document frequency counts every row of the
 * table holding each query word before the first row is ranked (one pass over the word's whole
 * doclist, every workspace's), so a common word cost more as the database grew, whatever the
 * workspace; this reads the ranked row's hits only. */
static void rank_function(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx,
                          int argc, sqlite3_value **argv)
{
    int hits = 0;
    int rc = api->xInstCount(fts, &hits);
    double score = 0;
    for (int i = 0; rc == SQLITE_OK && i < hits; i++) {
        int phrase, column, offset;
        rc = api->xInst(fts, i, &phrase, &column, &offset);
        if (rc == SQLITE_OK && column < argc)
            score += sqlite3_value_double(argv[column]);
    }
    int tokens = 0;
    if (rc == SQLITE_OK)
        rc = api->xColumnSize(fts, -1, &tokens);
    if (rc != SQLITE_OK) {
        sqlite3_result_error_code(ctx, rc);
        return;
    }
    sqlite3_result_double(ctx, score / (1.0 + log(1.0 + (double)tokens)));
}

/* The connection's FTS5 API (SQLite's documented way: fts5() hands it out through a pointer
 * parameter), NULL when the library was built without FTS5. */
static fts5_api *fts5_api_of(sqlite3 *db)
{
    fts5_api *api = NULL;
    sqlite3_stmt *stmt = NULL;
    if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &stmt, NULL) == SQLITE_OK) {
        sqlite3_bind_pointer(stmt, 1, (void *)&api, "fts5_api_ptr", NULL);
        (void)sqlite3_step(stmt);
    }
    sqlite3_finalize(stmt);
    return api;
}

/* pf_deadline(ms): statements on this connection are interrupted (SQLITE_INTERRUPT, mapped to
 * PF_E_TIMEOUT) once ms milliseconds have passed; pf_deadline(0) lifts it. SQLite has no
 * statement timeout of its own; this is PostgreSQL's statement_timeout for one search. */
static void deadline_function(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    struct pf_db_conn *conn = sqlite3_user_data(ctx);
    sqlite3_int64 ms = sqlite3_value_int64(argv[0]);
    conn->deadline_ns = ms > 0 ? pf_monotonic_ns() + ms * 1000000 : 0;
    sqlite3_result_null(ctx);
}

static int progress_handler(void *arg)
{
    const struct pf_db_conn *conn = arg;
    return conn->deadline_ns != 0 && pf_monotonic_ns() > conn->deadline_ns;
}

/* Applies the per-connection settings: WAL (readers never block the writer), NORMAL sync
 * (durable across process crashes; the last commits may be lost on power loss), FKs on, and a
 * 16 MB page cache (allocated as used; the 2 MB default makes a search over a large database
 * re-read its FTS pages from the OS on every query). */
static pf_status configure(sqlite3 *db, int timeout_s, struct pf_error *err)
{
    sqlite3_busy_timeout(db, timeout_s * 1000);
    sqlite3_extended_result_codes(db, 1);
    static const char pragmas[] = "PRAGMA journal_mode=WAL;"
                                  "PRAGMA synchronous=NORMAL;"
                                  "PRAGMA foreign_keys=ON;"
                                  "PRAGMA temp_store=MEMORY;"
                                  "PRAGMA cache_size=-16384;";
    int rc = sqlite3_exec(db, pragmas, NULL, NULL, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_create_function(db, "pf_fts_key", 1,
                                     SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, NULL,
                                     fts_key_function, NULL, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_create_function(db, "pf_json_text", 1,
                                     SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, NULL,
                                     json_text_function, NULL, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_create_function(db, "pf_fts_ws", 1,
                                     SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, NULL,
                                     fts_ws_function, NULL, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_create_function(db, "pf_trgm_score", 2,
                                     SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, NULL,
                                     trgm_score_function, NULL, NULL);
    if (rc == SQLITE_OK) {
        fts5_api *fts5 = fts5_api_of(db);
        rc = fts5 ? fts5->xCreateFunction(fts5, "pf_rank", NULL, rank_function, NULL)
                  : SQLITE_ERROR;
    }
    if (rc != SQLITE_OK)
        return map_error(db, rc, err);
    return PF_OK;
}

static void sqlite_close(struct pf_db_conn *conn);

/* Library-wide settings, before SQLite initialises itself. Memory statistics off: with them
 * every allocation takes one process-wide mutex, which FTS5's many allocations turned into the
 * bottleneck of concurrent searches (about a quarter of the samples in mutex and futex code at
 * 4 connections; searches at 16 connections 2-3x faster without). Nothing here reads the
 * statistics. Refused (and harmless) if SQLite was already initialised. */
static void sqlite_global_init(void)
{
    (void)sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    (void)sqlite3_initialize();
}

static pthread_once_t sqlite_global_once = PTHREAD_ONCE_INIT;

static pf_status sqlite_open(const char *url, int timeout_s, struct pf_db_conn **out_conn,
                             struct pf_error *err)
{
    pthread_once(&sqlite_global_once, sqlite_global_init);
    sqlite3 *db = NULL;
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
    int rc = sqlite3_open_v2(url, &db, flags, NULL);
    if (rc != SQLITE_OK) {
        int sys = db ? sqlite3_system_errno(db) : 0;
        pf_status st = sys == EROFS    ? PF_E_READ_ONLY
                       : sys == ENOSPC ? PF_E_DISK_FULL
                                       : PF_E_STORE;
        pf_error_set(err, st, "cannot open the SQLite database %s: %s", url,
                     sys ? strerror(sys) : (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc)));
        sqlite3_close(db);
        return st;
    }
    /* SQLite quietly falls back to read-only when it cannot write the file; a server that
     * cannot write must say so at once rather than fail later in odd ways. */
    if (sqlite3_db_readonly(db, "main") == 1) {
        sqlite3_close(db);
        return pf_error_set(err, PF_E_READ_ONLY,
                            "the SQLite database %s (or its directory) is read-only", url);
    }
    pf_status st = configure(db, timeout_s, err);
    if (st != PF_OK) {
        sqlite3_close(db);
        return st;
    }
    struct pf_db_conn *conn = pf_xcalloc(1, sizeof(*conn));
    conn->db = db;
    conn->path = pf_xstrdup(url);
    /* The deadline is checked every few thousand VM steps: cheap, and fine-grained enough. */
    sqlite3_progress_handler(db, 4000, progress_handler, conn);
    rc = sqlite3_create_function(db, "pf_deadline", 1, SQLITE_UTF8 | SQLITE_DIRECTONLY, conn,
                                     deadline_function, NULL, NULL);
    if (rc != SQLITE_OK) {
        st = map_error(db, rc, err);
        sqlite_close(conn);
        return st;
    }
    *out_conn = conn;
    return PF_OK;
}

static void sqlite_close(struct pf_db_conn *conn)
{
    if (!conn)
        return;
    for (size_t i = 0; i < CACHE_SLOTS; i++)
        sqlite3_finalize(conn->cache[i].stmt);
    sqlite3_close(conn->db);
    free(conn->path);
    free(conn);
}

static size_t hash_key(const char *key)
{
    uintptr_t v = (uintptr_t)key;
    v ^= v >> 17;
    v *= 0x9E3779B97F4A7C15ull;
    return (size_t)(v >> 32) & (CACHE_SLOTS - 1);
}

static pf_status prepare(struct pf_db_conn *conn, const char *sql, bool cacheable,
                         sqlite3_stmt **out_stmt, bool *out_cached, struct pf_error *err)
{
    *out_cached = false;
    size_t slot = 0;
    if (cacheable) {
        slot = hash_key(sql);
        for (size_t probe = 0; probe < CACHE_SLOTS; probe++) {
            struct cache_entry *e = &conn->cache[(slot + probe) & (CACHE_SLOTS - 1)];
            if (e->key == sql) {
                *out_stmt = e->stmt;
                *out_cached = true;
                return PF_OK;
            }
            if (!e->key) {
                slot = (slot + probe) & (CACHE_SLOTS - 1);
                break;
            }
        }
    }
    char *text = pf_db_sql_for_sqlite(sql);
    sqlite3_stmt *stmt = NULL;
    int rc = sqlite3_prepare_v3(conn->db, text, -1, cacheable ? SQLITE_PREPARE_PERSISTENT : 0,
                                &stmt, NULL);
    free(text);
    if (rc != SQLITE_OK)
        return map_error(conn->db, rc, err);
    if (cacheable && !conn->cache[slot].key) {
        conn->cache[slot].key = sql;
        conn->cache[slot].stmt = stmt;
        *out_cached = true;
    }
    *out_stmt = stmt;
    return PF_OK;
}

static int bind(sqlite3_stmt *stmt, const struct pf_db_param *params, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        int index = (int)i + 1;
        const struct pf_db_param *p = &params[i];
        int rc = SQLITE_OK;
        switch (p->type) {
        case PF_DB_NULL:
            rc = sqlite3_bind_null(stmt, index);
            break;
        case PF_DB_TEXT:
            rc = sqlite3_bind_text64(stmt, index, p->ptr ? p->ptr : "", p->len, SQLITE_STATIC,
                                     SQLITE_UTF8);
            break;
        case PF_DB_INT:
        case PF_DB_BOOL:
            rc = sqlite3_bind_int64(stmt, index, p->i);
            break;
        case PF_DB_FLOAT:
            rc = sqlite3_bind_double(stmt, index, p->f);
            break;
        case PF_DB_BLOB:
            rc = sqlite3_bind_blob64(stmt, index, p->ptr, p->len, SQLITE_STATIC);
            break;
        }
        if (rc != SQLITE_OK)
            return rc;
    }
    return SQLITE_OK;
}

static pf_status sqlite_exec(struct pf_db_conn *conn, const char *sql, bool cacheable,
                             const struct pf_db_param *params, size_t count,
                             struct pf_db_result **out_result, int64_t *out_changes,
                             struct pf_error *err)
{
    sqlite3_stmt *stmt = NULL;
    bool cached = false;
    struct pf_db_result *result = NULL;
    pf_status st = prepare(conn, sql, cacheable, &stmt, &cached, err);
    if (st != PF_OK)
        return st;
    int rc = bind(stmt, params, count);
    if (rc != SQLITE_OK) {
        st = map_error(conn->db, rc, err);
        goto done;
    }
    int cols = sqlite3_column_count(stmt);
    if (out_result)
        result = pf_db_result_new((size_t)cols);
    for (;;) {
        rc = sqlite3_step(stmt);
        if (rc == SQLITE_DONE)
            break;
        if (rc != SQLITE_ROW) {
            st = map_error(conn->db, rc, err);
            goto done;
        }
        if (!result)
            continue;
        pf_db_result_add_row(result);
        for (int c = 0; c < cols; c++) {
            int type = sqlite3_column_type(stmt, c);
            if (type == SQLITE_NULL) {
                pf_db_result_set(result, (size_t)c, NULL, 0, true);
            } else if (type == SQLITE_BLOB) {
                const void *data = sqlite3_column_blob(stmt, c);
                pf_db_result_set(result, (size_t)c, data, (size_t)sqlite3_column_bytes(stmt, c),
                                 false);
            } else {
                const unsigned char *text = sqlite3_column_text(stmt, c);
                pf_db_result_set(result, (size_t)c, (const char *)text,
                                 (size_t)sqlite3_column_bytes(stmt, c), false);
            }
        }
    }
    if (out_changes)
        *out_changes = sqlite3_changes64(conn->db);
    if (out_result) {
        *out_result = result;
        result = NULL;
    }
done:
    pf_db_result_free(result);
    if (cached) {
        sqlite3_reset(stmt);
        sqlite3_clear_bindings(stmt);
    } else {
        sqlite3_finalize(stmt);
    }
    return st;
}

static pf_status sqlite_exec_script(struct pf_db_conn *conn, const char *sql, struct pf_error *err)
{
    int rc = sqlite3_exec(conn->db, sql, NULL, NULL, NULL);
    return rc == SQLITE_OK ? PF_OK : map_error(conn->db, rc, err);
}

static bool sqlite_is_healthy(struct pf_db_conn *conn)
{
    return conn && conn->db;
}

static pf_status sqlite_reset(struct pf_db_conn *conn, struct pf_error *err)
{
    (void)conn;
    (void)err;
    return PF_OK;
}

const struct pf_db_driver pf_db_sqlite_driver = {
    .name = "sqlite",
    .dialect = PF_DB_SQLITE,
    .open = sqlite_open,
    .close = sqlite_close,
    .exec = sqlite_exec,
    .exec_script = sqlite_exec_script,
    .is_healthy = sqlite_is_healthy,
    .reset = sqlite_reset,
};
