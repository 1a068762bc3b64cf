/* Tests for account/account.c: e-mail normalisation, registration rules, login and throttling. */
#include <stdio.h>
#include <string.h>

#include "account/account.h"
#include "harness.h"

static struct pf_app *open_app(const char *max_failures)
{
    struct pf_config *config = pf_config_new();
    struct pf_error err = PF_ERROR_INIT;
    char url[600];
    snprintf(url, sizeof(url), "sqlite:%s/t.db", pf_test_tmpdir());
    PF_CHECK_STATUS(pf_config_set(config, "database_url", url, PF_CONFIG_FLAG, &err), PF_OK);
    PF_CHECK_STATUS(pf_config_set(config, "password_hash_ops", "1", PF_CONFIG_FLAG, &err), PF_OK);
    PF_CHECK_STATUS(pf_config_set(config, "password_hash_mem", "8192", PF_CONFIG_FLAG, &err),
                    PF_OK);
    PF_CHECK_STATUS(pf_config_set(config, "login_max_failures", max_failures, PF_CONFIG_FLAG, &err),
                    PF_OK);
    PF_CHECK_STATUS(pf_account_init(&err), PF_OK);
    struct pf_app *app = NULL;
    PF_CHECK_STATUS(pf_app_new(config, true, &app, &err), PF_OK);
    return app;
}

static void test_emails_are_normalised_or_refused(void)
{
    struct pf_arena *arena = pf_arena_new();
    PF_CHECK_STR_EQ(pf_account_normalize_email(arena, "  Ada@Example.COM "), "ada@example.com");
    static const char *const bad[] = {"", "ada", "@example.com", "ada@", "ada@example",
                                      "a b@example.com", "a@b@example.com", "ada@.com",
                                      "ada@example..com", "ada@example.com.", "a\n@x.com"};
    for (size_t i = 0; i < PF_ARRAY_LEN(bad); i++)
        PF_CHECK(pf_account_normalize_email(arena, bad[i]) == NULL);
    pf_arena_free(arena);
}

static void test_registration_validates_and_hashes(void)
{
    struct pf_app *app = open_app("5");
    struct pf_arena *arena = pf_arena_new();
    struct pf_error err = PF_ERROR_INIT;
    struct pf_user *user = NULL;
    PF_CHECK_STATUS(pf_account_register(app, arena, "x@example.com", "short", "X", PF_PLAN_FREE,
                                        &user, &err),
                    PF_E_VALIDATION);
    PF_CHECK_STR_EQ(err.field, "password");
    PF_CHECK_STATUS(pf_account_register(app, arena, "x@example.com", "long enough", "   ",
                                        PF_PLAN_FREE, &user, &err),
                    PF_E_VALIDATION);
    PF_CHECK_STR_EQ(err.field, "name");
    PF_CHECK_STATUS(pf_account_register(app, arena, "X@example.com", "long enough", " X ",
                                        PF_PLAN_PRO, &user, &err),
                    PF_OK);
    PF_CHECK_STR_EQ(user->name, "X");
    PF_CHECK(strncmp(user->password_hash, "$argon2id$", 10) == 0);
    PF_CHECK(strstr(user->password_hash, "long enough") == NULL);
    pf_arena_free(arena);
    pf_app_free(app);
}

static void test_login_throttles_per_account_and_tokens_authenticate(void)
{
    struct pf_app *app = open_app("2");
    struct pf_arena *arena = pf_arena_new();
    struct pf_error err = PF_ERROR_INIT;
    struct pf_user *user = NULL;
    PF_CHECK_STATUS(pf_account_register(app, arena, "t@example.com", "long enough", "T",
                                        PF_PLAN_FREE, &user, &err),
                    PF_OK);
    struct pf_login login;
    PF_CHECK_STATUS(pf_account_login(app, arena, "t@example.com", "long enough", "10.0.0.1",
                                     &login, &err),
                    PF_OK);
    struct pf_session *session = NULL;
    struct pf_user *who = NULL;
    PF_CHECK_STATUS(pf_account_authenticate(app, arena, login.token, &session, &who, &err), PF_OK);
    PF_CHECK(who && pf_id_eq(who->id, user->id));
    PF_CHECK_STATUS(pf_account_authenticate(app, arena, "not-prefixed", &session, &who, &err),
                    PF_E_UNAUTHORIZED);
    for (int i = 0; i < 2; i++)
        PF_CHECK_STATUS(pf_account_login(app, arena, "t@example.com", "wrong password", "10.0.0.2",
                                         &login, &err),
                        PF_E_UNAUTHORIZED);
    PF_CHECK_STATUS(pf_account_login(app, arena, "t@example.com", "long enough", "10.0.0.3",
                                     &login, &err),
                    PF_E_RATE_LIMIT);
    PF_CHECK_STATUS(pf_account_logout(app, login.token, &err), PF_OK);
    pf_arena_free(arena);
    pf_app_free(app);
}

static void test_month_start_is_the_first_utc_midnight(void)
{
    PF_CHECK_INT_EQ(pf_month_start(1795614936123LL), 1793491200000LL); /* 2026-11-01T00:00Z */
}

int main(int argc, char **argv)
{
    static const struct pf_test_case cases[] = {
        PF_CASE(test_emails_are_normalised_or_refused),
        PF_CASE(test_registration_validates_and_hashes),
        PF_CASE(test_login_throttles_per_account_and_tokens_authenticate),
        PF_CASE(test_month_start_is_the_first_utc_midnight),
    };
    return pf_test_run(argc, argv, cases, PF_ARRAY_LEN(cases));
}
