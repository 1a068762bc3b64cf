/* The PostgreSQL driver (libpq): prepared-statement cache, text parameters, SQLSTATE mapping,
 * and reconnection after the server restarts. */
#include <libpq-fe.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "store/store_db.h"

#define CACHE_SLOTS 256 /* power of two */
#define BYTEA_OID 17

struct cache_entry {
    const char *key; /* the static SQL string's address */
    char name[16];   /* server-side prepared statement name */
};

struct pf_db_conn {
    PGconn *pg;
    char *url; /* heap */
    int timeout_s;
    int next_statement;
    struct cache_entry cache[CACHE_SLOTS];
};

static bool sqlstate_is(const char *state, const char *want)
{
    return state && strcmp(state, want) == 0;
}

/* Maps a failed result (or a dead connection) to a status. Constraint names go into
 * err->field; server messages, which can quote user data, are not copied into the message. */
static pf_status map_error(struct pf_db_conn *conn, PGresult *res, struct pf_error *err)
{
    const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
    const char *constraint = res ? PQresultErrorField(res, PG_DIAG_CONSTRAINT_NAME) : NULL;
    if (PQstatus(conn->pg) != CONNECTION_OK || !state || strncmp(state, "08", 2) == 0 ||
        sqlstate_is(state, "57P01") || sqlstate_is(state, "57P02") ||
        sqlstate_is(state, "57P03"))
        return pf_error_set(err, PF_E_STORE, "database connection lost: %s",
                            PQerrorMessage(conn->pg));
    if (sqlstate_is(state, "23505"))
        return pf_error_set_field(err, PF_E_CONFLICT, constraint, "the record already exists");
    if (sqlstate_is(state, "23503"))
        return pf_error_set_field(err, PF_E_INVALID, constraint, "a referenced record is missing");
    if (strncmp(state, "23", 2) == 0 || strncmp(state, "22", 2) == 0)
        return pf_error_set_field(err, PF_E_INVALID, constraint, "the database refused the value");
    if (sqlstate_is(state, "53100"))
        return pf_error_set(err, PF_E_DISK_FULL, "the database disk is full");
    if (sqlstate_is(state, "25006"))
        return pf_error_set(err, PF_E_READ_ONLY, "the database is read-only");
    if (sqlstate_is(state, "57014"))
        return pf_error_set(err, PF_E_TIMEOUT, "the query took too long");
    if (sqlstate_is(state, "54000") || sqlstate_is(state, "54001"))
        return pf_error_set(err, PF_E_TOO_BIG, "value too large for the database");
    return pf_error_set(err, PF_E_STORE, "database error %s: %s", state,
                        PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY));
}

/* Server notices ("relation already exists, skipping") are expected and not errors. */
static void ignore_notice(void *arg, const char *message)
{
    (void)arg;
    (void)message;
}

static pf_status connect_pg(struct pf_db_conn *conn, struct pf_error *err)
{
    char timeout[16];
    snprintf(timeout, sizeof(timeout), "%d", conn->timeout_s);
    /* UTC sessions: timestamps come back as "...+00" and parse without a tz database. */
    const char *const keys[] = {"dbname", "connect_timeout", "application_name", "options", NULL};
    const char *const values[] = {conn->url, timeout, "personaforge", "-c TimeZone=UTC", NULL};
    PQfinish(conn->pg);
    conn->pg = PQconnectdbParams(keys, values, 1);
    memset(conn->cache, 0, sizeof(conn->cache));
    PQsetNoticeProcessor(conn->pg, ignore_notice, NULL);
    if (PQstatus(conn->pg) != CONNECTION_OK)
        return pf_error_set(err, PF_E_STORE, "cannot connect to PostgreSQL: %s",
                            PQerrorMessage(conn->pg));
    return PF_OK;
}

static pf_status pg_open(const char *url, int timeout_s, struct pf_db_conn **out_conn,
                         struct pf_error *err)
{
    struct pf_db_conn *conn = pf_xcalloc(1, sizeof(*conn));
    conn->url = pf_xstrdup(url);
    conn->timeout_s = timeout_s;
    pf_status st = connect_pg(conn, err);
    if (st != PF_OK) {
        PQfinish(conn->pg);
        free(conn->url);
        free(conn);
        return st;
    }
    *out_conn = conn;
    return PF_OK;
}

static void pg_close(struct pf_db_conn *conn)
{
    if (!conn)
        return;
    PQfinish(conn->pg);
    free(conn->url);
    free(conn);
}

static size_t hash_key(const char *key)
{
    uintptr_t v = (uintptr_t)key;
    v ^= v >> 17;
    v *= 0x9E3779B97F4A7C15ull;
    return (size_t)(v >> 32) & (CACHE_SLOTS - 1);
}

/* The prepared statement name for sql, preparing it on first use. NULL name: run unnamed. */
static pf_status statement_for(struct pf_db_conn *conn, const char *sql, size_t count,
                               const char **out_name, struct pf_error *err)
{
    size_t slot = hash_key(sql);
    struct cache_entry *free_entry = NULL;
    for (size_t probe = 0; probe < CACHE_SLOTS; probe++) {
        struct cache_entry *e = &conn->cache[(slot + probe) & (CACHE_SLOTS - 1)];
        if (e->key == sql) {
            *out_name = e->name;
            return PF_OK;
        }
        if (!e->key) {
            free_entry = e;
            break;
        }
    }
    *out_name = NULL;
    if (!free_entry)
        return PF_OK;
    snprintf(free_entry->name, sizeof(free_entry->name), "pf%d", conn->next_statement++);
    PGresult *res = PQprepare(conn->pg, free_entry->name, sql, (int)count, NULL);
    pf_status st = PF_OK;
    if (PQresultStatus(res) != PGRES_COMMAND_OK)
        st = map_error(conn, res, err);
    PQclear(res);
    if (st != PF_OK)
        return st;
    free_entry->key = sql;
    *out_name = free_entry->name;
    return PF_OK;
}

static void copy_result(PGresult *res, struct pf_db_result **out_result)
{
    int rows = PQntuples(res);
    int cols = PQnfields(res);
    struct pf_db_result *result = pf_db_result_new((size_t)cols);
    for (int r = 0; r < rows; r++) {
        pf_db_result_add_row(result);
        for (int c = 0; c < cols; c++) {
            if (PQgetisnull(res, r, c)) {
                pf_db_result_set(result, (size_t)c, NULL, 0, true);
            } else if (PQftype(res, c) == BYTEA_OID) {
                size_t len = 0;
                unsigned char *bytes =
                    PQunescapeBytea((const unsigned char *)PQgetvalue(res, r, c), &len);
                pf_db_result_set(result, (size_t)c, (const char *)bytes, len, false);
                PQfreemem(bytes);
            } else {
                pf_db_result_set(result, (size_t)c, PQgetvalue(res, r, c),
                                 (size_t)PQgetlength(res, r, c), false);
            }
        }
    }
    *out_result = result;
}

static pf_status pg_exec(struct pf_db_conn *conn, const char *sql, bool cacheable,
                         const struct pf_db_param *params, size_t count,
                         struct pf_db_result **out_result, int64_t *out_changes,
                         struct pf_error *err)
{
    /* Text-format parameters must be NUL-terminated; number texts live in scratch. */
    const char **values = pf_xcalloc(count ? count : 1, sizeof(char *));
    int *lengths = pf_xcalloc(count ? count : 1, sizeof(int));
    int *formats = pf_xcalloc(count ? count : 1, sizeof(int));
    char **owned = pf_xcalloc(count ? count : 1, sizeof(char *));
    PGresult *res = NULL;
    pf_status st = PF_OK;

    for (size_t i = 0; i < count; i++) {
        const struct pf_db_param *p = &params[i];
        char number[40];
        switch (p->type) {
        case PF_DB_NULL:
            values[i] = NULL;
            break;
        case PF_DB_TEXT:
            owned[i] = pf_xstrndup(p->ptr ? p->ptr : "", p->len);
            values[i] = owned[i];
            break;
        case PF_DB_INT:
            snprintf(number, sizeof(number), "%lld", (long long)p->i);
            owned[i] = pf_xstrdup(number);
            values[i] = owned[i];
            break;
        case PF_DB_BOOL:
            values[i] = p->i ? "true" : "false";
            break;
        case PF_DB_FLOAT:
            snprintf(number, sizeof(number), "%.17g", p->f);
            owned[i] = pf_xstrdup(number);
            values[i] = owned[i];
            break;
        case PF_DB_BLOB:
            values[i] = p->ptr ? p->ptr : "";
            lengths[i] = (int)p->len;
            formats[i] = 1;
            break;
        }
    }

    const char *name = NULL;
    if (cacheable) {
        st = statement_for(conn, sql, count, &name, err);
        if (st != PF_OK)
            goto done;
    }
    if (name)
        res = PQexecPrepared(conn->pg, name, (int)count, values, lengths, formats, 0);
    else
        res = PQexecParams(conn->pg, sql, (int)count, NULL, values, lengths, formats, 0);
    ExecStatusType status = PQresultStatus(res);
    if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
        st = map_error(conn, res, err);
        goto done;
    }
    if (out_changes) {
        const char *tuples = PQcmdTuples(res);
        int64_t changes = 0;
        if (tuples && *tuples &&
            !pf_parse_i64(pf_str_from_cstr(tuples), 0, INT64_MAX, &changes))
            changes = 0;
        *out_changes = changes;
    }
    if (out_result)
        copy_result(res, out_result);
done:
    PQclear(res);
    for (size_t i = 0; i < count; i++)
        free(owned[i]);
    free(owned);
    free(values);
    free(lengths);
    free(formats);
    return st;
}

static pf_status pg_exec_script(struct pf_db_conn *conn, const char *sql, struct pf_error *err)
{
    PGresult *res = PQexec(conn->pg, sql);
    ExecStatusType status = PQresultStatus(res);
    pf_status st = PF_OK;
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
        st = map_error(conn, res, err);
    PQclear(res);
    return st;
}

static bool pg_is_healthy(struct pf_db_conn *conn)
{
    return conn && PQstatus(conn->pg) == CONNECTION_OK;
}

static pf_status pg_reset(struct pf_db_conn *conn, struct pf_error *err)
{
    return connect_pg(conn, err);
}

const struct pf_db_driver pf_db_pg_driver = {
    .name = "postgresql",
    .dialect = PF_DB_POSTGRES,
    .open = pg_open,
    .close = pg_close,
    .exec = pg_exec,
    .exec_script = pg_exec_script,
    .is_healthy = pg_is_healthy,
    .reset = pg_reset,
};
