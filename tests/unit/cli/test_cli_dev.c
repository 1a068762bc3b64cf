/* Tests for cli/cli_dev.c on both backends (PF_TEST_BACKEND): `personaforge dev seed` fills a
 * database with the counts asked for, consistent workspaces, and grows it when run again. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "harness.h"
#include "store/store.h"
#include "store/store_db.h"
#include "test_db.h"

static int64_t count(struct pf_db *db, const char *sql)
{
    struct pf_db_result *res = NULL;
    struct pf_error err = PF_ERROR_INIT;
    PF_CHECK_STATUS(pf_db_exec_dynamic(db, sql, NULL, 0, &res, &err), PF_OK);
    int64_t n = res && pf_db_rows(res) ? pf_db_get_int(res, 0, 0) : -1;
    pf_db_result_free(res);
    return n;
}

static int seed(const char *url)
{
    char *argv[] = {"personaforge", "dev",        "seed", "--users", "40", "--teams", "3",
                    "--personas",   "120",        "--cvs", "30",     "--kb", "900", "--database",
                    (char *)url,    NULL};
    return pf_cli_main((int)(sizeof(argv) / sizeof(argv[0])) - 1, argv);
}

static void test_seed_fills_and_grows_the_database(void)
{
    const char *url = pf_test_db_url();
    if (!url) {
        pf_test_skip("PF_TEST_PG_URL is not set (tools/test.sh starts a PostgreSQL)");
        return;
    }
    PF_CHECK_INT_EQ(seed(url), 0);
    struct pf_store *store = NULL;
    struct pf_store_options options = {.pool_size = 1, .timeout_s = 5};
    struct pf_error err = PF_ERROR_INIT;
    PF_CHECK_STATUS(pf_store_open(url, &options, &store, &err), PF_OK);
    struct pf_db db;
    PF_CHECK_STATUS(pf_db_acquire(store, &db, &err), PF_OK);
    PF_CHECK_INT_EQ(count(&db, "SELECT count(*) FROM users"), 40);
    PF_CHECK_INT_EQ(count(&db, "SELECT count(*) FROM teams"), 3);
    PF_CHECK_INT_EQ(count(&db, "SELECT count(*) FROM personas"), 120);
    PF_CHECK_INT_EQ(count(&db, "SELECT count(*) FROM persona_versions"), 120);
    PF_CHECK_INT_EQ(count(&db, "SELECT count(*) FROM cvs WHERE status = 'parsed'"), 30);
    PF_CHECK_INT_EQ(count(&db, "SELECT count(*) FROM knowledgebase_entries"), 900);
    /* Every row lives in its author's workspace: their team's, else their own. */
    static const char *const misplaced[] = {
        "SELECT count(*) FROM personas p JOIN users u ON u.id = p.user_id"
        " WHERE p.workspace_id <> coalesce(u.team_id, u.id)",
        "SELECT count(*) FROM cvs c JOIN users u ON u.id = c.user_id"
        " WHERE c.workspace_id <> coalesce(u.team_id, u.id)",
        "SELECT count(*) FROM knowledgebase_entries k JOIN users u ON u.id = k.user_id"
        " WHERE k.workspace_id <> coalesce(u.team_id, u.id)",
        "SELECT count(*) FROM teams t JOIN users u ON u.id = t.owner_id"
        " WHERE u.team_id IS NULL OR u.team_id <> t.id",
    };
    for (size_t i = 0; i < PF_ARRAY_LEN(misplaced); i++)
        PF_CHECK_INT_EQ(count(&db, misplaced[i]), 0);
    pf_db_release(&db);
    PF_CHECK_INT_EQ(seed(url), 0); /* a second run adds its own users and rows */
    PF_CHECK_STATUS(pf_db_acquire(store, &db, &err), PF_OK);
    PF_CHECK_INT_EQ(count(&db, "SELECT count(*) FROM users"), 80);
    PF_CHECK_INT_EQ(count(&db, "SELECT count(*) FROM knowledgebase_entries"), 1800);
    pf_db_release(&db);
    pf_store_close(store);
}

static void test_bad_usage_exits_2(void)
{
    char *argv[] = {"personaforge", "dev", "seed", "--users", "many", NULL};
    PF_CHECK_INT_EQ(pf_cli_main(5, argv), 2);
    char *other[] = {"personaforge", "dev", "plant", NULL};
    PF_CHECK_INT_EQ(pf_cli_main(3, other), 2);
}

int main(int argc, char **argv)
{
    static const struct pf_test_case cases[] = {
        PF_CASE(test_seed_fills_and_grows_the_database),
        PF_CASE(test_bad_usage_exits_2),
    };
    return pf_test_run(argc, argv, cases, PF_ARRAY_LEN(cases));
}
