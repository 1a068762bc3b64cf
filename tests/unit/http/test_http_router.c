/* Tests for http/http_router.c: handlers driven in-process, without sockets (STYLE §12). */
#include <stdio.h>
#include <string.h>

#include "account/account.h"
#include "harness.h"
#include "http/http_route.h"

static struct pf_app *app;

static void open_app(void)
{
    struct pf_config *config = pf_config_new();
    struct pf_error err = PF_ERROR_INIT;
    char url[600];
    snprintf(url, sizeof(url), "sqlite:%s/t.db", pf_test_tmpdir());
    PF_CHECK_STATUS(pf_config_set(config, "database_url", url, PF_CONFIG_FLAG, &err), PF_OK);
    PF_CHECK_STATUS(pf_config_set(config, "password_hash_ops", "1", PF_CONFIG_FLAG, &err), PF_OK);
    PF_CHECK_STATUS(pf_config_set(config, "password_hash_mem", "8192", PF_CONFIG_FLAG, &err),
                    PF_OK);
    PF_CHECK_STATUS(pf_account_init(&err), PF_OK);
    PF_CHECK_STATUS(pf_app_new(config, true, &app, &err), PF_OK);
}

/* One request through the dispatcher; the response body is returned as JSON (or NULL). */
static json_t *call(const char *method, const char *path, const char *body, const char *token,
                    int *out_status)
{
    struct pf_req req;
    memset(&req, 0, sizeof(req));
    req.app = app;
    req.arena = pf_arena_new();
    req.method = method;
    req.path = path;
    req.body = pf_str_from_cstr(body);
    struct pf_kv headers[2] = {{"Content-Type", "application/json"}, {"Authorization", NULL}};
    if (token)
        headers[1].value = pf_arena_printf(req.arena, "Bearer %s", token);
    req.headers = headers;
    req.header_count = token ? 2 : 1;
    snprintf(req.req_id, sizeof(req.req_id), "test");
    struct pf_resp resp;
    pf_resp_init(&resp, 1 << 20);
    pf_http_dispatch(&req, &resp);
    *out_status = resp.status;
    json_t *json = json_loadb(pf_buf_cstr(&resp.body), resp.body.len, 0, NULL);
    pf_resp_fini(&resp);
    pf_arena_free(req.arena);
    return json;
}

static void test_router_runs_a_whole_flow_in_process(void)
{
    open_app();
    int status = 0;
    json_t *user = call("POST", "/api/v1/auth/register",
                        "{\"email\":\"a@example.com\",\"password\":\"long enough\",\"name\":\"A\"}",
                        NULL, &status);
    PF_CHECK_INT_EQ(status, 201);
    json_decref(user);
    json_t *login = call("POST", "/api/v1/auth/login",
                         "{\"email\":\"a@example.com\",\"password\":\"long enough\"}", NULL,
                         &status);
    PF_CHECK_INT_EQ(status, 200);
    const char *token = pf_json_get_str(login, "token");
    json_t *persona = call("POST", "/api/v1/personas", "{\"title\":\"In process\"}", token,
                           &status);
    PF_CHECK_INT_EQ(status, 201);
    char path[128];
    snprintf(path, sizeof(path), "/api/v1/personas/%s", pf_json_get_str(persona, "id"));
    json_t *got = call("GET", path, NULL, token, &status);
    PF_CHECK_INT_EQ(status, 200);
    PF_CHECK_STR_EQ(pf_json_get_str(got, "title"), "In process");
    json_decref(got);
    json_decref(persona);
    json_decref(login);
    pf_app_free(app);
}

static void test_router_answers_404_405_and_401_with_the_envelope(void)
{
    open_app();
    int status = 0;
    json_t *body = call("GET", "/api/v1/nope", NULL, NULL, &status);
    PF_CHECK_INT_EQ(status, 404);
    PF_CHECK_STR_EQ(pf_json_get_str(json_object_get(body, "error"), "code"), "not_found");
    json_decref(body);
    body = call("DELETE", "/api/v1/me", NULL, NULL, &status);
    PF_CHECK_INT_EQ(status, 405);
    json_decref(body);
    body = call("GET", "/api/v1/me", NULL, "pf_not-a-real-token", &status);
    PF_CHECK_INT_EQ(status, 401);
    json_decref(body);
    pf_app_free(app);
}

static void test_every_route_pattern_is_unique_and_documented(void)
{
    for (size_t i = 0; i < pf_route_count; i++) {
        PF_CHECK(pf_routes[i].summary && pf_routes[i].summary[0]);
        PF_CHECK(pf_routes[i].pattern[0] == '/');
        PF_CHECK(pf_routes[i].body != PF_BODY_JSON || pf_routes[i].request != NULL);
        for (size_t j = i + 1; j < pf_route_count; j++)
            PF_CHECK(strcmp(pf_routes[i].method, pf_routes[j].method) != 0 ||
                     strcmp(pf_routes[i].pattern, pf_routes[j].pattern) != 0);
    }
}

int main(int argc, char **argv)
{
    static const struct pf_test_case cases[] = {
        PF_CASE(test_router_runs_a_whole_flow_in_process),
        PF_CASE(test_router_answers_404_405_and_401_with_the_envelope),
        PF_CASE(test_every_route_pattern_is_unique_and_documented),
    };
    return pf_test_run(argc, argv, cases, PF_ARRAY_LEN(cases));
}
