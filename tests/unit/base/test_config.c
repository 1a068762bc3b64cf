/* Tests for base/config.c: defaults, file syntax, validation, precedence and generated docs. */
#include <stdlib.h>
#include <string.h>

#include "base/config.h"
#include "harness.h"

static void test_config_defaults_match_the_table(void)
{
    struct pf_config *config = pf_config_new();
    PF_CHECK_STR_EQ(config->listen, "127.0.0.1:8080");
    PF_CHECK_INT_EQ(config->plan_free_personas, 3);
    PF_CHECK_INT_EQ(config->limit_upload_bytes, 10 * 1024 * 1024);
    PF_CHECK(!config->cookie_secure);
    PF_CHECK_INT_EQ(config->sources[PF_CONFIG_KEY_listen], PF_CONFIG_DEFAULT);
    pf_config_free(config);
}

static void test_config_file_sets_values_with_units_and_quotes(void)
{
    struct pf_config *config = pf_config_new();
    struct pf_error err = PF_ERROR_INIT;
    PF_CHECK_STATUS(pf_config_load_text(config,
                                        PF_STR("# comment\n\nlisten = \"0.0.0.0:9000\"\n"
                                               "limit_upload_bytes = 2M\ncookie_secure = yes\n"),
                                        &err),
                    PF_OK);
    PF_CHECK_STR_EQ(config->listen, "0.0.0.0:9000");
    PF_CHECK_INT_EQ(config->limit_upload_bytes, 2 * 1024 * 1024);
    PF_CHECK(config->cookie_secure);
    PF_CHECK_INT_EQ(config->sources[PF_CONFIG_KEY_listen], PF_CONFIG_FILE);
    pf_config_free(config);
}

static void test_config_rejects_unknown_keys_and_bad_values_with_line(void)
{
    struct pf_config *config = pf_config_new();
    struct pf_error err = PF_ERROR_INIT;
    PF_CHECK_STATUS(pf_config_load_text(config, PF_STR("listen = x\nnope = 1\n"), &err),
                    PF_E_INVALID);
    PF_CHECK(strstr(err.message, "line 2") != NULL);
    PF_CHECK_STR_EQ(err.field, "nope");
    PF_CHECK_STATUS(pf_config_load_text(config, PF_STR("http_threads = 0\n"), &err), PF_E_INVALID);
    PF_CHECK(strstr(err.message, "outside") != NULL);
    PF_CHECK_STATUS(pf_config_load_text(config, PF_STR("http_threads = many\n"), &err),
                    PF_E_INVALID);
    PF_CHECK_STATUS(pf_config_load_text(config, PF_STR("cookie_secure = maybe\n"), &err),
                    PF_E_INVALID);
    PF_CHECK_STATUS(pf_config_load_text(config, PF_STR("just words\n"), &err), PF_E_INVALID);
    pf_config_free(config);
}

static void test_config_environment_overrides_file(void)
{
    struct pf_config *config = pf_config_new();
    struct pf_error err = PF_ERROR_INIT;
    PF_CHECK_STATUS(pf_config_load_text(config, PF_STR("http_threads = 3\n"), &err), PF_OK);
    setenv("PF_HTTP_THREADS", "5", 1);
    setenv("DATABASE_URL", "postgresql:///x", 1);
    PF_CHECK_STATUS(pf_config_load_env(config, &err), PF_OK);
    PF_CHECK_INT_EQ(config->http_threads, 5);
    PF_CHECK_STR_EQ(config->database_url, "postgresql:///x");
    PF_CHECK_INT_EQ(config->sources[PF_CONFIG_KEY_http_threads], PF_CONFIG_ENV);
    setenv("PF_HTTP_THREADS", "-1", 1);
    PF_CHECK_STATUS(pf_config_load_env(config, &err), PF_E_INVALID);
    PF_CHECK(strstr(err.message, "PF_HTTP_THREADS") != NULL);
    unsetenv("PF_HTTP_THREADS");
    unsetenv("DATABASE_URL");
    PF_CHECK_STATUS(pf_config_set(config, "http_threads", "7", PF_CONFIG_FLAG, &err), PF_OK);
    PF_CHECK_INT_EQ(config->http_threads, 7);
    pf_config_free(config);
}

static void test_config_show_and_example_cover_every_key(void)
{
    struct pf_config *config = pf_config_new();
    struct pf_buf show = PF_BUF_INIT(1 << 20);
    struct pf_buf example = PF_BUF_INIT(1 << 20);
    struct pf_buf url = PF_BUF_INIT(4096);
    pf_config_show(config, &show);
    pf_config_write_example(&example);
    PF_CHECK(strstr(pf_buf_cstr(&show), "listen = \"127.0.0.1:8080\"  # default") != NULL);
    PF_CHECK(strstr(pf_buf_cstr(&example), "#plan_team_members = 50") != NULL);
    pf_config_database_url(config, &url);
    PF_CHECK_STR_EQ(pf_buf_cstr(&url), "sqlite:./pf-data/personaforge.db");
    /* The example file parses back (uncommented) into the same values. */
    struct pf_config *copy = pf_config_dup(config);
    PF_CHECK_STR_EQ(copy->listen, config->listen);
    pf_config_free(copy);
    pf_buf_fini(&show);
    pf_buf_fini(&example);
    pf_buf_fini(&url);
    pf_config_free(config);
}

int main(int argc, char **argv)
{
    static const struct pf_test_case cases[] = {
        PF_CASE(test_config_defaults_match_the_table),
        PF_CASE(test_config_file_sets_values_with_units_and_quotes),
        PF_CASE(test_config_rejects_unknown_keys_and_bad_values_with_line),
        PF_CASE(test_config_environment_overrides_file),
        PF_CASE(test_config_show_and_example_cover_every_key),
    };
    return pf_test_run(argc, argv, cases, PF_ARRAY_LEN(cases));
}
