/* The SQL driver layer under store/: one ops table, two drivers (SQLite, PostgreSQL), a pool,
 * materialised results and typed column readers. Private to src/store/ and its tests. */
#ifndef PF_STORE_STORE_DB_H
#define PF_STORE_STORE_DB_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "base/arena.h"
#include "base/json.h"
#include "base/status.h"
#include "base/uuid.h"

enum pf_db_dialect { PF_DB_SQLITE, PF_DB_POSTGRES };

enum pf_db_type { PF_DB_NULL, PF_DB_TEXT, PF_DB_INT, PF_DB_FLOAT, PF_DB_BLOB, PF_DB_BOOL };

/* One bound parameter ($1, $2 … in SQL text). Text and blobs are borrowed for the call. */
struct pf_db_param {
    enum pf_db_type type;
    const char *ptr; /* TEXT (NUL-terminated or len-limited) or BLOB bytes */
    size_t len;      /* bytes */
    int64_t i;       /* INT, BOOL */
    double f;        /* FLOAT */
};

struct pf_db_conn;   /* one driver connection; opaque */
struct pf_db_result; /* rows copied out of the driver; opaque */

struct pf_db_driver {
    const char *name;
    enum pf_db_dialect dialect;
    /* Opens a connection to url (the part after "sqlite:" for SQLite, a libpq URI otherwise). */
    pf_status (*open)(const char *url, int timeout_s, struct pf_db_conn **out_conn,
                      struct pf_error *err);
    void (*close)(struct pf_db_conn *conn);
    /* Runs one statement. sql uses $1..$N placeholders. cacheable: sql is a static string
     * whose address may key a prepared-statement cache. out_result may be NULL. */
    pf_status (*exec)(struct pf_db_conn *conn, const char *sql, bool cacheable,
                      const struct pf_db_param *params, size_t param_count,
                      struct pf_db_result **out_result, int64_t *out_changes,
                      struct pf_error *err);
    /* Runs a script of several statements without parameters (migrations). */
    pf_status (*exec_script)(struct pf_db_conn *conn, const char *sql, struct pf_error *err);
    /* False once the connection is known broken (PostgreSQL restarted, socket gone). */
    bool (*is_healthy)(struct pf_db_conn *conn);
    /* Re-establishes a broken connection. */
    pf_status (*reset)(struct pf_db_conn *conn, struct pf_error *err);
};

extern const struct pf_db_driver pf_db_sqlite_driver;
#ifdef PF_HAVE_POSTGRES
extern const struct pf_db_driver pf_db_pg_driver;
#endif

/* A pooled connection on loan to one caller; return it with pf_db_release(). */
struct pf_db {
    struct pf_store *store;
    struct pf_db_conn *conn;
    const struct pf_db_driver *driver;
    int slot; /* index in the pool; the slot's conn is only touched by its borrower */
    bool in_tx;
    bool broken; /* a statement failed with a connection error: reset before reuse */
};

/* Parameter constructors. */
static inline struct pf_db_param pf_db_text(const char *text)
{
    struct pf_db_param p = {text ? PF_DB_TEXT : PF_DB_NULL, text, text ? strlen(text) : 0, 0, 0};
    return p;
}
static inline struct pf_db_param pf_db_text_len(const char *text, size_t len)
{
    struct pf_db_param p = {PF_DB_TEXT, text, len, 0, 0};
    return p;
}
static inline struct pf_db_param pf_db_int(int64_t value)
{
    struct pf_db_param p = {PF_DB_INT, NULL, 0, value, 0};
    return p;
}
static inline struct pf_db_param pf_db_float(double value)
{
    struct pf_db_param p = {PF_DB_FLOAT, NULL, 0, 0, value};
    return p;
}
static inline struct pf_db_param pf_db_bool(bool value)
{
    struct pf_db_param p = {PF_DB_BOOL, NULL, 0, value ? 1 : 0, 0};
    return p;
}
static inline struct pf_db_param pf_db_blob(const void *data, size_t len)
{
    struct pf_db_param p = {PF_DB_BLOB, data, len, 0, 0};
    return p;
}
static inline struct pf_db_param pf_db_null(void)
{
    struct pf_db_param p = {PF_DB_NULL, NULL, 0, 0, 0};
    return p;
}
/* Ids and times as text in the arena (the canonical forms both dialects accept). */
struct pf_db_param pf_db_id(struct pf_arena *arena, pf_id id);
struct pf_db_param pf_db_id_or_null(struct pf_arena *arena, pf_id id);
struct pf_db_param pf_db_time(struct pf_arena *arena, int64_t ms);
/* JSON serialised into the arena; NULL json gives SQL NULL. */
struct pf_db_param pf_db_json(struct pf_arena *arena, const json_t *json);

/* Borrows a connection from the store's pool, waiting up to db_timeout. A broken connection is
 * reset first; PF_E_STORE when the database cannot be reached. */
PF_MUST_CHECK pf_status pf_db_acquire(struct pf_store *store, struct pf_db *out_db,
                                      struct pf_error *err);
/* Returns the connection (rolling back an open transaction). NULL-safe, idempotent. */
void pf_db_release(struct pf_db *db);

PF_MUST_CHECK pf_status pf_db_begin(struct pf_db *db, struct pf_error *err);
/* A read-only transaction: one consistent snapshot for several reads, without SQLite's write
 * lock. End it with pf_db_rollback (or pf_db_release). */
PF_MUST_CHECK pf_status pf_db_begin_read(struct pf_db *db, struct pf_error *err);
PF_MUST_CHECK pf_status pf_db_commit(struct pf_db *db, struct pf_error *err);
void pf_db_rollback(struct pf_db *db);

/* Runs a static SQL statement (string literal: its address keys the statement cache).
 * out_result (may be NULL) must be freed with pf_db_result_free. */
PF_MUST_CHECK pf_status pf_db_exec(struct pf_db *db, const char *sql,
                                   const struct pf_db_param *params, size_t param_count,
                                   struct pf_db_result **out_result, struct pf_error *err);
/* The same for SQL built at run time (never cached). */
PF_MUST_CHECK pf_status pf_db_exec_dynamic(struct pf_db *db, const char *sql,
                                           const struct pf_db_param *params, size_t param_count,
                                           struct pf_db_result **out_result,
                                           struct pf_error *err);
/* Runs a statement and reports how many rows it changed. */
PF_MUST_CHECK pf_status pf_db_exec_changes(struct pf_db *db, const char *sql,
                                           const struct pf_db_param *params, size_t param_count,
                                           int64_t *out_changes, struct pf_error *err);
PF_MUST_CHECK pf_status pf_db_exec_script(struct pf_db *db, const char *sql,
                                          struct pf_error *err);
enum pf_db_dialect pf_db_dialect(const struct pf_db *db);

/* Result access. Row and column indexes are checked with PF_ASSERT. */
void pf_db_result_free(struct pf_db_result *result);
size_t pf_db_rows(const struct pf_db_result *result);
size_t pf_db_cols(const struct pf_db_result *result);
bool pf_db_is_null(const struct pf_db_result *result, size_t row, size_t col);
/* The cell as text (NUL-terminated, owned by result) or NULL for SQL NULL. */
const char *pf_db_get_text(const struct pf_db_result *result, size_t row, size_t col);
size_t pf_db_get_len(const struct pf_db_result *result, size_t row, size_t col);
/* Copies into arena. */
char *pf_db_dup_text(const struct pf_db_result *result, size_t row, size_t col,
                     struct pf_arena *arena);
int64_t pf_db_get_int(const struct pf_db_result *result, size_t row, size_t col);
double pf_db_get_float(const struct pf_db_result *result, size_t row, size_t col);
/* 't'/'true'/'1' are true (PostgreSQL and SQLite spellings). */
bool pf_db_get_bool(const struct pf_db_result *result, size_t row, size_t col);
/* A nil id for NULL or unparseable text. */
pf_id pf_db_get_id(const struct pf_db_result *result, size_t row, size_t col);
/* Milliseconds since the epoch; 0 for NULL. */
int64_t pf_db_get_time(const struct pf_db_result *result, size_t row, size_t col);
/* A new reference tied to arena (NULL for SQL NULL or invalid JSON). */
json_t *pf_db_get_json(const struct pf_db_result *result, size_t row, size_t col,
                       struct pf_arena *arena);

/* For drivers: building results. */
struct pf_db_result *pf_db_result_new(size_t cols);
/* Appends a row; cells are set with pf_db_result_set before the next add_row. */
void pf_db_result_add_row(struct pf_db_result *result);
void pf_db_result_set(struct pf_db_result *result, size_t col, const char *data, size_t len,
                      bool is_null);

/* Rewrites $N placeholders as ?N for SQLite, leaving quoted strings and identifiers alone.
 * Returns a heap string (free()). */
char *pf_db_sql_for_sqlite(const char *sql);

#endif
