/* Tests for search/search.c on both backends (PF_TEST_BACKEND): the service's flow — parsing
 * with the configured limits, the typo fallback and its marking, stop words — and the stop word
 * list held against PostgreSQL's own. */
#include <string.h>

#include "base/clock.h"
#include "harness.h"
#include "search/search.h"
#include "store/store_db.h"
#include "store/store_personas.h"
#include "test_db.h"

static struct pf_app *app;
static struct pf_arena *arena;

static bool open_app(void)
{
    const char *url = pf_test_db_url();
    if (!url) {
        pf_test_skip("PF_TEST_PG_URL is not set (tools/test.sh starts a PostgreSQL)");
        return false;
    }
    struct pf_config *config = pf_config_new();
    struct pf_error err = PF_ERROR_INIT;
    PF_CHECK_STATUS(pf_config_set(config, "database_url", url, PF_CONFIG_FLAG, &err), PF_OK);
    PF_CHECK_STATUS(pf_config_set(config, "limit_search_terms", "4", PF_CONFIG_FLAG, &err),
                    PF_OK);
    PF_CHECK_STATUS(pf_app_new(config, true, &app, &err), PF_OK);
    arena = pf_arena_new();
    return app != NULL;
}

static void close_app(void)
{
    pf_app_free(app);
    pf_arena_free(arena);
    app = NULL;
    arena = NULL;
}

static pf_id workspace_with_personas(void)
{
    struct pf_user user = {.id = pf_id_new(), .email = "svc@example.com", .name = "Svc",
                           .password_hash = "$argon2id$fake", .plan = PF_PLAN_PRO,
                           .created_at = pf_time_now_ms(), .updated_at = pf_time_now_ms()};
    struct pf_error err = PF_ERROR_INIT;
    PF_CHECK_STATUS(pf_store_user_create(app->store, &user, 50, &err), PF_OK);
    static const char *const titles[] = {"Kubernetes engineer", "Kubernetes architect",
                                         "Kubernetes trainer"};
    for (size_t i = 0; i < PF_ARRAY_LEN(titles); i++) {
        struct pf_persona p = {.id = pf_id_new(), .workspace_id = user.id, .user_id = user.id,
                               .title = (char *)titles[i], .version = 1,
                               .created_at = pf_time_now_ms(), .updated_at = pf_time_now_ms()};
        p.tags = pf_json_arena(arena, json_array());
        p.data = pf_json_arena(arena, json_object());
        PF_CHECK_STATUS(pf_store_persona_create(app->store, &p, &err), PF_OK);
    }
    return user.id;
}

static pf_status search(pf_id ws, const char *q, bool fuzzy, int offset,
                        struct pf_search_outcome *out, struct pf_error *err)
{
    struct pf_search_params params = {.q = pf_str_from_cstr(q), .limit = 2, .offset = offset,
                                      .fuzzy = fuzzy};
    return pf_search_run(app, arena, ws, &params, out, err);
}

static void test_fallback_runs_only_when_nothing_matches_and_says_so(void)
{
    if (!open_app())
        return;
    pf_id ws = workspace_with_personas();
    struct pf_search_outcome out;
    struct pf_error err = PF_ERROR_INIT;
    PF_CHECK_STATUS(search(ws, "kubernetes", false, 0, &out, &err), PF_OK);
    PF_CHECK_INT_EQ(out.mode, PF_SEARCH_MODE_FULLTEXT);
    PF_CHECK_INT_EQ(out.result.count, 2);
    PF_CHECK(out.result.has_more);
    PF_CHECK_STATUS(search(ws, "kuberntes", false, 0, &out, &err), PF_OK);
    PF_CHECK_INT_EQ(out.mode, PF_SEARCH_MODE_FUZZY);
    PF_CHECK_INT_EQ(out.result.count, 2);
    PF_CHECK(out.result.has_more);
    PF_CHECK_STATUS(search(ws, "kuberntes", true, 2, &out, &err), PF_OK); /* its next page */
    PF_CHECK_INT_EQ(out.mode, PF_SEARCH_MODE_FUZZY);
    PF_CHECK_INT_EQ(out.result.count, 1);
    PF_CHECK(!out.result.has_more);
    PF_CHECK_STATUS(search(ws, "zzzyyyxxx", false, 0, &out, &err), PF_OK);
    PF_CHECK_INT_EQ(out.mode, PF_SEARCH_MODE_FULLTEXT); /* the fallback found nothing either */
    PF_CHECK_INT_EQ(out.result.count, 0);
    close_app();
}

static void test_stop_words_find_nothing_and_limits_come_from_config(void)
{
    if (!open_app())
        return;
    pf_id ws = workspace_with_personas();
    struct pf_search_outcome out;
    struct pf_error err = PF_ERROR_INIT;
    PF_CHECK_STATUS(search(ws, "the of", false, 0, &out, &err), PF_OK);
    PF_CHECK_INT_EQ(out.result.count, 0);
    PF_CHECK_STATUS(search(ws, "a b c d e", false, 0, &out, &err), PF_E_VALIDATION);
    PF_CHECK_STR_EQ(err.field, "limit_search_terms");
    PF_CHECK_STATUS(search(ws, "-kubernetes", false, 0, &out, &err), PF_E_VALIDATION);
    PF_CHECK_STR_EQ(err.field, "only_exclusions");
    close_app();
}

/* Both backends drop the same words only if ours are all PostgreSQL's stop words. */
static void test_stop_words_are_postgresql_stop_words(void)
{
    if (strcmp(pf_test_backend(), "pg") != 0) {
        pf_test_skip("PostgreSQL only");
        return;
    }
    if (!open_app())
        return;
    struct pf_db db;
    struct pf_error err = PF_ERROR_INIT;
    PF_CHECK_STATUS(pf_db_acquire(app->store, &db, &err), PF_OK);
    size_t count = 0;
    const char *const *words = pf_search_stop_words(&count);
    for (size_t i = 0; i < count; i++) {
        struct pf_db_param params[] = {pf_db_text(words[i])};
        struct pf_db_result *res = NULL;
        PF_CHECK_STATUS(pf_db_exec(&db, "SELECT to_tsvector('english', $1) = ''::tsvector",
                                   params, 1, &res, &err),
                        PF_OK);
        if (res && !pf_db_get_bool(res, 0, 0))
            pf_test_fail(__FILE__, __LINE__, "\"%s\" is not a PostgreSQL stop word", words[i]);
        pf_db_result_free(res);
        if (i > 0 && strcmp(words[i - 1], words[i]) >= 0)
            pf_test_fail(__FILE__, __LINE__, "stop words out of order at \"%s\"", words[i]);
    }
    pf_db_release(&db);
    close_app();
}

int main(int argc, char **argv)
{
    static const struct pf_test_case cases[] = {
        PF_CASE(test_fallback_runs_only_when_nothing_matches_and_says_so),
        PF_CASE(test_stop_words_find_nothing_and_limits_come_from_config),
        PF_CASE(test_stop_words_are_postgresql_stop_words),
    };
    return pf_test_run(argc, argv, cases, PF_ARRAY_LEN(cases));
}
