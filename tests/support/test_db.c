/* Test databases: temporary SQLite files and throwaway PostgreSQL databases. */
#include "test_db.h"

#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "base/uuid.h"
#include "harness.h"

static char *created_db_names[32];
static char *admin_url;
static size_t created_count;

const char *pf_test_backend(void)
{
    const char *backend = getenv("PF_TEST_BACKEND");
    return backend && *backend ? backend : "sqlite";
}

static PGconn *admin_connect(void)
{
    PGconn *conn = PQconnectdb(admin_url);
    if (PQstatus(conn) != CONNECTION_OK) {
        fprintf(stderr, "test_db: cannot connect to %s: %s", admin_url, PQerrorMessage(conn));
        abort();
    }
    return conn;
}

static void drop_databases(void)
{
    if (!admin_url || created_count == 0)
        return;
    PGconn *conn = admin_connect();
    for (size_t i = 0; i < created_count; i++) {
        char sql[256];
        snprintf(sql, sizeof(sql), "DROP DATABASE IF EXISTS %s WITH (FORCE)", created_db_names[i]);
        PQclear(PQexec(conn, sql));
        free(created_db_names[i]);
    }
    PQfinish(conn);
    free(admin_url);
}

/* Replaces the database name (the path after the authority) in a postgresql:// URL. */
static char *url_with_database(const char *url, const char *dbname)
{
    const char *authority = strstr(url, "://");
    const char *path = authority ? strchr(authority + 3, '/') : NULL;
    if (!path) {
        fprintf(stderr, "test_db: PF_TEST_PG_URL must look like postgresql://host/db?...\n");
        abort();
    }
    const char *query = strchr(path, '?');
    size_t len = strlen(url) + strlen(dbname) + 2;
    char *out = pf_xmalloc(len);
    snprintf(out, len, "%.*s/%s%s", (int)(path - url), url, dbname, query ? query : "");
    return out;
}

const char *pf_test_db_url(void)
{
    static char sqlite_url[600];
    if (strcmp(pf_test_backend(), "sqlite") == 0) {
        snprintf(sqlite_url, sizeof(sqlite_url), "sqlite:%s/test.db", pf_test_tmpdir());
        return sqlite_url;
    }
    const char *base = getenv("PF_TEST_PG_URL");
    if (!base || !*base) {
        const char *require = getenv("PF_TEST_REQUIRE_PG");
        if (require && strcmp(require, "1") == 0) {
            fprintf(stderr, "test_db: PF_TEST_REQUIRE_PG=1 but PF_TEST_PG_URL is unset\n");
            abort();
        }
        return NULL;
    }
    if (!admin_url) {
        admin_url = pf_xstrdup(base);
        atexit(drop_databases);
    }
    PF_ASSERT(created_count < PF_ARRAY_LEN(created_db_names));
    pf_id id = pf_id_new();
    char name[64];
    snprintf(name, sizeof(name), "pf_test_%02x%02x%02x%02x%02x%02x", id.bytes[10], id.bytes[11],
             id.bytes[12], id.bytes[13], id.bytes[14], id.bytes[15]);
    PGconn *conn = admin_connect();
    char sql[128];
    snprintf(sql, sizeof(sql), "CREATE DATABASE %s", name);
    PGresult *res = PQexec(conn, sql);
    if (PQresultStatus(res) != PGRES_COMMAND_OK) {
        fprintf(stderr, "test_db: %s", PQerrorMessage(conn));
        abort();
    }
    PQclear(res);
    PQfinish(conn);
    created_db_names[created_count++] = pf_xstrdup(name);
    static char *urls[32];
    urls[created_count - 1] = url_with_database(base, name);
    return urls[created_count - 1];
}

bool pf_test_db_kill_connections(const char *url)
{
    if (strncmp(url, "postgres", 8) != 0)
        return false;
    PGconn *conn = PQconnectdb(url);
    if (PQstatus(conn) != CONNECTION_OK) {
        PQfinish(conn);
        return false;
    }
    PGresult *res = PQexec(conn, "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                                 " WHERE datname = current_database() AND pid <> pg_backend_pid()");
    bool ok = PQresultStatus(res) == PGRES_TUPLES_OK;
    PQclear(res);
    PQfinish(conn);
    return ok;
}
