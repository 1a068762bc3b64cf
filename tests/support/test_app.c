/* Service-level test fixtures over a fresh database. */
#include "test_app.h"

#include <stdio.h>
#include <string.h>

#include "base/clock.h"
#include "harness.h"
#include "test_db.h"

struct pf_app *pf_test_app_new(const char *const *settings)
{
    const char *url = pf_test_db_url();
    if (!url) {
        pf_test_skip("PF_TEST_PG_URL is not set (tools/test.sh starts a PostgreSQL)");
        return NULL;
    }
    struct pf_error err = PF_ERROR_INIT;
    struct pf_config *config = pf_config_new();
    PF_CHECK_STATUS(pf_config_set(config, "database_url", url, PF_CONFIG_FLAG, &err), PF_OK);
    PF_CHECK_STATUS(pf_config_set(config, "db_pool_size", "4", PF_CONFIG_FLAG, &err), PF_OK);
    for (size_t i = 0; settings && settings[i]; i++) {
        char name[64];
        const char *eq = strchr(settings[i], '=');
        snprintf(name, sizeof(name), "%.*s", (int)(eq - settings[i]), settings[i]);
        PF_CHECK_STATUS(pf_config_set(config, name, eq + 1, PF_CONFIG_FLAG, &err), PF_OK);
    }
    struct pf_app *app = NULL;
    pf_status st = pf_app_new(config, true, &app, &err);
    PF_CHECK_STATUS(st, PF_OK);
    return st == PF_OK ? app : NULL;
}

void pf_test_app_free(struct pf_app *app)
{
    pf_app_free(app);
}

struct pf_user *pf_test_user(struct pf_app *app, struct pf_arena *arena)
{
    static int counter;
    struct pf_user *user = pf_arena_alloc(arena, sizeof(*user));
    user->id = pf_id_new();
    char id[PF_ID_STR_LEN];
    pf_id_format(user->id, id);
    user->email = pf_arena_printf(arena, "u%d-%.8s@example.com", ++counter, id + 28);
    user->name = "Test User";
    user->password_hash = "$argon2id$fake";
    user->plan = PF_PLAN_FREE;
    user->created_at = user->updated_at = pf_time_now_ms();
    struct pf_error err = PF_ERROR_INIT;
    PF_CHECK_STATUS(pf_store_user_create(app->store, user, 50, &err), PF_OK);
    return user;
}

struct pf_cv *pf_test_cv(struct pf_app *app, struct pf_arena *arena, const struct pf_user *user,
                         const json_t *parsed_json)
{
    struct pf_cv *cv = pf_arena_alloc(arena, sizeof(*cv));
    cv->id = pf_id_new();
    cv->workspace_id = pf_user_workspace(user);
    cv->user_id = user->id;
    cv->filename = "cv.json";
    cv->content_type = "application/json";
    cv->size_bytes = 2;
    cv->sha256 = "00";
    cv->created_at = cv->updated_at = pf_time_now_ms();
    struct pf_error err = PF_ERROR_INIT;
    PF_CHECK_STATUS(pf_store_cv_create(app->store, cv, "{}", 2, &err), PF_OK);
    struct pf_cv_result result = {.id = cv->id, .status = PF_CV_PARSED, .format = "json",
                                  .raw_text = "", .raw_text_len = 0,
                                  .parsed_json = parsed_json, .now = pf_time_now_ms()};
    PF_CHECK_STATUS(pf_store_cv_finish(app->store, &result, &err), PF_OK);
    return cv;
}

struct pf_kb_row *pf_test_kb_entry(struct pf_app *app, struct pf_arena *arena,
                                     const struct pf_user *user, const char *type,
                                     const char *value, bool confirmed)
{
    struct pf_kb_row *e = pf_arena_alloc(arena, sizeof(*e));
    e->id = pf_id_new();
    e->workspace_id = pf_user_workspace(user);
    e->user_id = user->id;
    e->type = (char *)type;
    e->value = (char *)value;
    e->normalized_value = pf_arena_strdup(arena, value);
    for (char *c = e->normalized_value; *c; c++) {
        if (*c >= 'A' && *c <= 'Z')
            *c = (char)(*c - 'A' + 'a');
    }
    e->source = confirmed ? "user_answer" : "ai_extraction";
    e->confidence = confirmed ? 1.0 : 0.6;
    e->evidence = pf_json_arena(arena, json_array());
    e->details = pf_json_arena(arena, json_object());
    e->confirmed = confirmed;
    e->created_at = e->updated_at = pf_time_now_ms();
    struct pf_error err = PF_ERROR_INIT;
    PF_CHECK_STATUS(pf_store_kb_create(app->store, e, &err), PF_OK);
    return e;
}

json_t *pf_test_json(const char *text)
{
    json_error_t error;
    json_t *json = json_loads(text, 0, &error);
    if (!json)
        pf_test_fail(__FILE__, __LINE__, "bad JSON in a test: %s", error.text);
    return json;
}

json_t *pf_test_json_file(const char *rel)
{
    json_error_t error;
    json_t *json = json_load_file(pf_test_path(rel), 0, &error);
    if (!json)
        pf_test_fail(__FILE__, __LINE__, "%s: %s (line %d)", rel, error.text, error.line);
    return json;
}
