/* Tests for jinja/jinja_eval.c: scopes, macros, includes through the loader, and the sandbox:
 * every runaway template is stopped quickly with the right status and limit name. */
#include <time.h>

#include "base/clock.h"
#include "harness.h"
#include "jinja_test_util.h"

static pf_status load(void *ctx, struct pf_str name, struct pf_str *out_source,
                      struct pf_error *err)
{
    (void)err;
    const char *const *pairs = ctx;
    for (size_t i = 0; pairs[i]; i += 2) {
        if (pf_str_eq_cstr(name, pairs[i])) {
            *out_source = pf_str_from_cstr(pairs[i + 1]);
            return PF_OK;
        }
    }
    return PF_E_NOT_FOUND;
}

/* Renders under a limit and checks the status, the limit named and that it was quick. */
static void expect_refused(const char *source, const struct pf_jinja_env *env, pf_status want,
                           const char *field)
{
    char *text = NULL;
    struct pf_error err = PF_ERROR_INIT;
    int64_t start = pf_monotonic_ns();
    pf_status st = jt_render_env(source, NULL, env, &text, &err);
    double ms = (double)(pf_monotonic_ns() - start) / 1e6;
    PF_CHECK_STATUS(st, want);
    PF_CHECK_STR_EQ(err.field, field);
    if (ms > 3000)
        pf_test_fail(__FILE__, __LINE__, "refusing took %.0f ms", ms);
    free(text);
}

static void test_scopes_follow_jinja2(void)
{
    PF_CHECK_STR_EQ(
        jt_render("{% set x = 1 %}{% for i in [1] %}{% set x = 2 %}{% endfor %}{{ x }}", NULL),
        "1");
    PF_CHECK_STR_EQ(jt_render("{% if true %}{% set x = 2 %}{% endif %}{{ x }}", NULL), "2");
    PF_CHECK_STR_EQ(jt_render("{% with a = 1 %}{{ a }}{% endwith %}[{{ a }}]", NULL), "1[]");
}

static void test_macros_and_callers(void)
{
    PF_CHECK_STR_EQ(
        jt_render("{% macro m(x, y=2) %}{{ x + y }}{% endmacro %}{{ m(1) }}{{ m(1, 5) }}", NULL),
        "36");
    PF_CHECK_STR_EQ(jt_render("{% macro w() %}[{{ caller() }}]{% endmacro %}"
                              "{% call w() %}in{% endcall %}",
                              NULL),
                    "[in]");
}

static void test_includes_go_through_the_loader_only(void)
{
    static const char *const templates[] = {"part", "<{{ x }}>", NULL};
    struct pf_jinja_env env = {.loader = load, .loader_ctx = (void *)templates};
    char *text = NULL;
    PF_CHECK_STATUS(jt_render_env("{% include 'part' %}", "{\"x\": 1}", &env, &text, NULL), PF_OK);
    PF_CHECK_STR_EQ(text, "<1>");
    free(text);
    /* No loader: templates cannot reach anything, a file path included. */
    PF_CHECK_STATUS(jt_render_env("{% include '/etc/passwd' %}", NULL, NULL, &text, NULL),
                    PF_E_TEMPLATE);
    free(text);
}

static void test_include_errors_name_the_included_template(void)
{
    static const char *const templates[] = {"broken", "ok\n{{ 1 + }}", NULL};
    struct pf_jinja_env env = {.loader = load, .loader_ctx = (void *)templates};
    char *text = NULL;
    struct pf_error err = PF_ERROR_INIT;
    PF_CHECK_STATUS(jt_render_env("{% include 'broken' %}", NULL, &env, &text, &err),
                    PF_E_TEMPLATE);
    PF_CHECK(strncmp(err.message, "broken:2:", 9) == 0);
    free(text);
}

static void test_huge_range_loop_is_stopped_by_steps(void)
{
    struct pf_jinja_env env = {.limits = {.steps = 100000}};
    expect_refused("{% for i in range(10 ** 12) %}x{% endfor %}", &env, PF_E_TOO_BIG,
                   "limit_template_steps");
    expect_refused("{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}"
                   "{% endfor %}",
                   &env, PF_E_TOO_BIG, "limit_template_steps");
    expect_refused("{{ range(10 ** 12)|list }}", &env, PF_E_TOO_BIG, "limit_template_memory");
}

static void test_deep_recursion_is_stopped_by_depth(void)
{
    struct pf_jinja_env env = {.limits = {.depth = 32}};
    expect_refused("{% macro r(n) %}{{ r(n + 1) }}{% endmacro %}{{ r(0) }}", &env, PF_E_TOO_BIG,
                   "limit_template_depth");
    /* A configured depth above what the C stack holds is capped. */
    struct pf_jinja_env deep = {.limits = {.depth = 100000}};
    expect_refused("{% macro r(n) %}{{ r(n + 1) }}{% endmacro %}{{ r(0) }}", &deep, PF_E_TOO_BIG,
                   "limit_template_depth");
}

static void test_output_bomb_is_stopped_by_output_limit(void)
{
    struct pf_jinja_env env = {.limits = {.output_bytes = 1 << 20}};
    expect_refused("{% set s = 'x' * 1000 %}{% for i in range(100000) %}{{ s }}{% endfor %}", &env,
                   PF_E_TOO_BIG, "limit_render_output");
    /* Inside a macro, the captured output obeys the same limit. */
    expect_refused("{% macro m() %}{% for i in range(100000) %}{{ 'y' * 100 }}{% endfor %}"
                   "{% endmacro %}{{ m() }}",
                   &env, PF_E_TOO_BIG, "limit_render_output");
}

static void test_memory_bombs_are_stopped(void)
{
    struct pf_jinja_env env = {.limits = {.memory_bytes = 4 << 20}};
    expect_refused("{{ 'x' * 10 ** 10 }}", &env, PF_E_TOO_BIG, "limit_template_memory");
    expect_refused("{% set ns = namespace(s='x') %}{% for i in range(64) %}"
                   "{% set ns.s = ns.s ~ ns.s %}{% endfor %}",
                   &env, PF_E_TOO_BIG, "limit_template_memory");
    expect_refused("{% set l = [0] * 1000 %}{{ (l * 100000)|length }}", &env, PF_E_TOO_BIG,
                   "limit_template_memory");
    expect_refused("{{ ('ab' * 10000)|replace('', 'x' * 1000) }}", &env, PF_E_TOO_BIG,
                   "limit_template_memory");
    expect_refused("{{ 'a\nb'|indent(10 ** 9) }}", &env, PF_E_TOO_BIG, "limit_template_memory");
}

static void test_include_cycles_are_stopped(void)
{
    static const char *const templates[] = {
        "a",
        "a{% include 'b' %}",
        "b",
        "b{% include 'a' %}",
        "self",
        "{% include 'self' %}",
        "fan",
        "{% if d < 20 %}{% set d = d + 1 %}{% include 'fan' %}{% include 'fan' %}{% endif %}",
        NULL};
    struct pf_jinja_env env = {.loader = load, .loader_ctx = (void *)templates};
    expect_refused("{% include 'a' %}", &env, PF_E_TOO_BIG, "limit_template_depth");
    expect_refused("{% include 'self' %}", &env, PF_E_TOO_BIG, "limit_template_depth");
    struct pf_jinja_env fan = {
        .loader = load, .loader_ctx = (void *)templates, .limits = {.steps = 200000, .depth = 64}};
    /* 2^20 includes, 20 deep: the step limit ends it. */
    expect_refused("{% set d = 0 %}{% include 'fan' %}", &fan, PF_E_TOO_BIG,
                   "limit_template_steps");
}

static void test_time_limit_stops_slow_renders(void)
{
    struct pf_jinja_env env = {.limits = {.steps = 1000000000, .time_ms = 50}};
    expect_refused("{% for i in range(10 ** 9) %}{% endfor %}", &env, PF_E_TIMEOUT,
                   "limit_template_ms");
}

static void test_context_must_be_an_object(void)
{
    struct pf_jinja_template *tmpl = NULL;
    struct pf_error err = PF_ERROR_INIT;
    PF_CHECK_STATUS(pf_jinja_compile("t", PF_STR("x"), 0, &tmpl, &err), PF_OK);
    json_t *array = json_array();
    struct pf_buf out = PF_BUF_INIT(64);
    PF_CHECK_STATUS(pf_jinja_render(tmpl, array, NULL, &out, &err), PF_E_INVALID);
    json_decref(array);
    pf_buf_fini(&out);
    pf_jinja_template_free(tmpl);
}

int main(int argc, char **argv)
{
    static const struct pf_test_case cases[] = {
        PF_CASE(test_scopes_follow_jinja2),
        PF_CASE(test_macros_and_callers),
        PF_CASE(test_includes_go_through_the_loader_only),
        PF_CASE(test_include_errors_name_the_included_template),
        PF_CASE(test_huge_range_loop_is_stopped_by_steps),
        PF_CASE(test_deep_recursion_is_stopped_by_depth),
        PF_CASE(test_output_bomb_is_stopped_by_output_limit),
        PF_CASE(test_memory_bombs_are_stopped),
        PF_CASE(test_include_cycles_are_stopped),
        PF_CASE(test_time_limit_stops_slow_renders),
        PF_CASE(test_context_must_be_an_object),
    };
    return pf_test_run(argc, argv, cases, PF_ARRAY_LEN(cases));
}
