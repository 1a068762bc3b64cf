/* Fresh databases for tests: a temporary SQLite file, or a new PostgreSQL database on the server
 * named by PF_TEST_PG_URL (tools/test.sh starts one). */
#ifndef PF_TESTS_TEST_DB_H
#define PF_TESTS_TEST_DB_H

#include <stdbool.h>

/* The backend this test process runs against: PF_TEST_BACKEND ("sqlite" by default). */
const char *pf_test_backend(void);

/* A URL for an empty database of the current backend, dropped at exit. NULL when the backend
 * is PostgreSQL and PF_TEST_PG_URL is unset: the caller skips, except that with
 * PF_TEST_REQUIRE_PG=1 (CI) this aborts the test run instead, so CI can never skip it. */
const char *pf_test_db_url(void);

/* Ends every other connection to the test database (PostgreSQL only; a server restart seen
 * from the pool). Returns false on SQLite. */
bool pf_test_db_kill_connections(const char *url);

#endif
