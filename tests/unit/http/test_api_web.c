/* Tests for http/api_web.c: the web UI's files through the dispatcher, without sockets. */
#include <stdio.h>
#include <string.h>

#include "harness.h"
#include "http/api_web.h"
#include "http/http_route.h"

struct web_call {
    int status;
    struct pf_resp resp;
    struct pf_arena *arena;
};

/* The app a static request needs: only its config (no store is touched outside /api/). */
static struct pf_app *app_with(const char *web_dir)
{
    struct pf_config *config = pf_config_new();
    struct pf_error err = PF_ERROR_INIT;
    if (web_dir)
        PF_CHECK_STATUS(pf_config_set(config, "web_dir", web_dir, PF_CONFIG_FLAG, &err), PF_OK);
    static struct pf_app app;
    memset(&app, 0, sizeof(app));
    app.config = config;
    return &app;
}

static void app_done(struct pf_app *app)
{
    pf_config_free((struct pf_config *)app->config);
}

/* One request; headers are name/value pairs ending with NULL. */
static void call(struct pf_app *app, struct web_call *out, const char *method, const char *path,
                 const char *const *headers)
{
    struct pf_req req;
    memset(&req, 0, sizeof(req));
    out->arena = pf_arena_new();
    req.app = app;
    req.arena = out->arena;
    req.method = method;
    req.path = path;
    struct pf_kv *kv = pf_arena_alloc(out->arena, 8 * sizeof(*kv));
    size_t count = 0;
    for (size_t i = 0; headers && headers[i] && count < 8; i += 2)
        kv[count++] = (struct pf_kv){headers[i], headers[i + 1]};
    req.headers = kv;
    req.header_count = count;
    snprintf(req.req_id, sizeof(req.req_id), "test");
    pf_resp_init(&out->resp, 1 << 20);
    pf_http_dispatch(&req, &out->resp);
    out->status = out->resp.status;
}

static void call_done(struct web_call *c)
{
    pf_resp_fini(&c->resp);
    pf_arena_free(c->arena);
}

static const char *header(const struct web_call *c, const char *name)
{
    for (size_t i = 0; i < c->resp.header_count; i++) {
        if (strcmp(c->resp.headers[i].name, name) == 0)
            return c->resp.headers[i].value;
    }
    return NULL;
}

static struct pf_str body(const struct web_call *c)
{
    if (c->resp.file_data)
        return pf_str_make(c->resp.file_data, c->resp.file_len);
    return pf_buf_view(&c->resp.body);
}

static bool body_contains(const struct web_call *c, const char *needle)
{
    return pf_str_find(body(c), pf_str_from_cstr(needle)) >= 0;
}

static void test_root_serves_the_app_with_strict_security_headers(void)
{
    struct pf_app *app = app_with(NULL);
    struct web_call c;
    call(app, &c, "GET", "/", NULL);
    PF_CHECK_INT_EQ(c.status, 200);
    PF_CHECK_STR_EQ(c.resp.content_type, "text/html; charset=utf-8");
    PF_CHECK(body_contains(&c, "<script type=\"module\" src=\"/js/main.js\">"));
    const char *csp = header(&c, "Content-Security-Policy");
    PF_CHECK(csp && strstr(csp, "script-src 'self';") && strstr(csp, "frame-ancestors 'none'"));
    PF_CHECK(csp && !strstr(csp, "unsafe-inline") && !strstr(csp, "unsafe-eval"));
    PF_CHECK_STR_EQ(header(&c, "X-Content-Type-Options"), "nosniff");
    PF_CHECK_STR_EQ(header(&c, "Cache-Control"), "no-cache");
    PF_CHECK(header(&c, "ETag") != NULL);
    PF_CHECK(header(&c, "Content-Encoding") == NULL);
    call_done(&c);
    app_done(app);
}

static void test_app_paths_get_index_html_and_missing_assets_404(void)
{
    struct pf_app *app = app_with(NULL);
    struct web_call c;
    call(app, &c, "GET", "/personas/0190a3c4-0000-7000-8000-000000000000/versions", NULL);
    PF_CHECK_INT_EQ(c.status, 200);
    PF_CHECK(body_contains(&c, "<!doctype html>"));
    call_done(&c);
    call(app, &c, "GET", "/js/no-such-file.js", NULL);
    PF_CHECK_INT_EQ(c.status, 404);
    PF_CHECK(header(&c, "Content-Security-Policy") != NULL);
    call_done(&c);
    call(app, &c, "GET", "/js/main.js", NULL);
    PF_CHECK_INT_EQ(c.status, 200);
    PF_CHECK_STR_EQ(c.resp.content_type, "text/javascript; charset=utf-8");
    call_done(&c);
    call(app, &c, "GET", "/css/app.css", NULL);
    PF_CHECK_STR_EQ(c.resp.content_type, "text/css; charset=utf-8");
    call_done(&c);
    app_done(app);
}

static void test_api_paths_and_other_methods_are_never_the_app(void)
{
    struct pf_app *app = app_with(NULL);
    struct web_call c;
    call(app, &c, "GET", "/api/v1/no-such-thing", NULL);
    PF_CHECK_INT_EQ(c.status, 404);
    PF_CHECK_STR_EQ(c.resp.content_type, "application/json");
    PF_CHECK(body_contains(&c, "\"not_found\""));
    call_done(&c);
    call(app, &c, "POST", "/personas", NULL);
    PF_CHECK_INT_EQ(c.status, 404);
    PF_CHECK_STR_EQ(c.resp.content_type, "application/json");
    call_done(&c);
    call(app, &c, "HEAD", "/", NULL);
    PF_CHECK_INT_EQ(c.status, 200);
    call_done(&c);
    app_done(app);
}

static void test_traversal_and_odd_paths_are_refused(void)
{
    struct pf_app *app = app_with(NULL);
    const char *paths[] = {"/../CMakeLists.txt", "/js/../../etc/passwd", "/.git/config",
                           "/js//main.js",       "/js/main.js%00",       "/js/ma\"in.js"};
    for (size_t i = 0; i < PF_ARRAY_LEN(paths); i++) {
        struct web_call c;
        call(app, &c, "GET", paths[i], NULL);
        PF_CHECK_INT_EQ(c.status, 404);
        call_done(&c);
    }
    app_done(app);
}

static void test_gzip_is_served_when_accepted_and_not_refused(void)
{
    struct pf_app *app = app_with(NULL);
    struct web_call plain;
    call(app, &plain, "GET", "/js/main.js", NULL);
    static const char *const accepts[] = {"Accept-Encoding", "gzip, deflate, br", NULL};
    struct web_call gz;
    call(app, &gz, "GET", "/js/main.js", accepts);
    PF_CHECK_INT_EQ(gz.status, 200);
    PF_CHECK_STR_EQ(header(&gz, "Content-Encoding"), "gzip");
    PF_CHECK_STR_EQ(header(&gz, "Vary"), "Accept-Encoding");
    PF_CHECK(gz.resp.file_len > 2 && (unsigned char)gz.resp.file_data[0] == 0x1f &&
             (unsigned char)gz.resp.file_data[1] == 0x8b);
    PF_CHECK(gz.resp.file_len < plain.resp.file_len);
    PF_CHECK(strcmp(header(&gz, "ETag"), header(&plain, "ETag")) != 0);
    static const char *const refuses[] = {"Accept-Encoding", "br, gzip;q=0", NULL};
    struct web_call no;
    call(app, &no, "GET", "/js/main.js", refuses);
    PF_CHECK(header(&no, "Content-Encoding") == NULL);
    PF_CHECK_INT_EQ(no.resp.file_len, plain.resp.file_len);
    call_done(&no);
    call_done(&gz);
    call_done(&plain);
    app_done(app);
}

static void test_matching_etag_gets_304_without_a_body(void)
{
    struct pf_app *app = app_with(NULL);
    struct web_call first;
    call(app, &first, "GET", "/css/app.css", NULL);
    const char *etag = header(&first, "ETag");
    PF_CHECK(etag != NULL);
    const char *headers[] = {"If-None-Match", etag, NULL};
    struct web_call again;
    call(app, &again, "GET", "/css/app.css", headers);
    PF_CHECK_INT_EQ(again.status, 304);
    PF_CHECK_INT_EQ(body(&again).len, 0);
    call_done(&again);
    call_done(&first);
    app_done(app);
}

static void test_web_dir_serves_files_from_disk(void)
{
    const char *dir = pf_test_tmpdir();
    char path[600];
    snprintf(path, sizeof(path), "%s/index.html", dir);
    FILE *file = fopen(path, "w");
    PF_CHECK(file != NULL);
    if (!file)
        return;
    fputs("<!doctype html><title>dev copy</title>", file);
    fclose(file);
    struct pf_app *app = app_with(dir);
    struct web_call c;
    call(app, &c, "GET", "/cvs", NULL);
    PF_CHECK_INT_EQ(c.status, 200);
    PF_CHECK(body_contains(&c, "dev copy"));
    call_done(&c);
    call(app, &c, "GET", "/js/main.js", NULL);
    PF_CHECK_INT_EQ(c.status, 404);
    call_done(&c);
    app_done(app);
}

int main(int argc, char **argv)
{
    static const struct pf_test_case cases[] = {
        PF_CASE(test_root_serves_the_app_with_strict_security_headers),
        PF_CASE(test_app_paths_get_index_html_and_missing_assets_404),
        PF_CASE(test_api_paths_and_other_methods_are_never_the_app),
        PF_CASE(test_traversal_and_odd_paths_are_refused),
        PF_CASE(test_gzip_is_served_when_accepted_and_not_refused),
        PF_CASE(test_matching_etag_gets_304_without_a_body),
        PF_CASE(test_web_dir_serves_files_from_disk),
    };
    return pf_test_run(argc, argv, cases, PF_ARRAY_LEN(cases));
}
