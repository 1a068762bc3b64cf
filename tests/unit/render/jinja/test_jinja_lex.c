/* Tests for jinja/jinja_lex.c: token kinds, literals, whitespace control, raw blocks, and
 * lexical errors with their offsets. */
#include "harness.h"
#include "jinja_test_util.h"
#include "render/jinja/jinja_int.h"

static size_t lex(struct pf_arena *arena, const char *source, struct pf_jinja_token **tokens)
{
    size_t count = 0;
    uint32_t offset = 0;
    struct pf_error err = PF_ERROR_INIT;
    pf_status st = pf_jinja_lex(arena, pf_str_from_cstr(source), tokens, &count, &offset, &err);
    PF_CHECK_STATUS(st, PF_OK);
    return count;
}

static void test_lex_splits_text_and_tags(void)
{
    struct pf_arena *arena = pf_arena_new();
    struct pf_jinja_token *t = NULL;
    size_t n = lex(arena, "Hi {{ name }}!", &t);
    PF_CHECK_INT_EQ(n, 6);
    PF_CHECK_INT_EQ(t[0].type, PF_JTOK_TEXT);
    PF_CHECK(pf_str_eq_cstr(t[0].text, "Hi "));
    PF_CHECK_INT_EQ(t[1].type, PF_JTOK_VAR_BEGIN);
    PF_CHECK_INT_EQ(t[2].type, PF_JTOK_NAME);
    PF_CHECK_INT_EQ(t[3].type, PF_JTOK_VAR_END);
    PF_CHECK(pf_str_eq_cstr(t[4].text, "!"));
    PF_CHECK_INT_EQ(t[5].type, PF_JTOK_EOF);
    pf_arena_free(arena);
}

static void test_lex_numbers_and_strings(void)
{
    struct pf_arena *arena = pf_arena_new();
    struct pf_jinja_token *t = NULL;
    lex(arena, "{{ 1_000 0x1f 2.5e1 'a\\nb' }}", &t);
    PF_CHECK_INT_EQ(t[1].integer, 1000);
    PF_CHECK_INT_EQ(t[2].integer, 31);
    PF_CHECK(t[3].type == PF_JTOK_FLOAT && t[3].number == 25.0);
    PF_CHECK(pf_str_eq_cstr(t[4].text, "a\nb"));
    pf_arena_free(arena);
}

static void test_lex_longest_operators_first(void)
{
    struct pf_arena *arena = pf_arena_new();
    struct pf_jinja_token *t = NULL;
    lex(arena, "{{ a // b ** c != d }}", &t);
    PF_CHECK_INT_EQ(t[2].type, PF_JTOK_FLOORDIV);
    PF_CHECK_INT_EQ(t[4].type, PF_JTOK_POW);
    PF_CHECK_INT_EQ(t[6].type, PF_JTOK_NE);
    pf_arena_free(arena);
}

static void test_whitespace_control_strips_around_tags(void)
{
    PF_CHECK_STR_EQ(jt_render("a  \n {%- if true -%}  \n b {%- endif %}", NULL), "ab");
    PF_CHECK_STR_EQ(jt_render("x {#- c -#} y", NULL), "xy");
}

static void test_closing_braces_inside_expressions(void)
{
    PF_CHECK_STR_EQ(jt_render("{{ {'a': {'b': 1}}['a']['b'] }}", NULL), "1");
}

static void test_raw_block_is_literal(void)
{
    PF_CHECK_STR_EQ(jt_render("{% raw %}{{ x }}{% endraw %}", NULL), "{{ x }}");
}

static void test_lex_errors_report_offsets(void)
{
    struct pf_arena *arena = pf_arena_new();
    struct pf_jinja_token *t = NULL;
    size_t n = 0;
    uint32_t offset = 0;
    struct pf_error err = PF_ERROR_INIT;
    PF_CHECK_STATUS(pf_jinja_lex(arena, PF_STR("ab {{ 'open }}"), &t, &n, &offset, &err),
                    PF_E_TEMPLATE);
    PF_CHECK_INT_EQ(offset, 6);
    PF_CHECK_STATUS(pf_jinja_lex(arena, PF_STR("{# never"), &t, &n, &offset, &err), PF_E_TEMPLATE);
    PF_CHECK_STATUS(pf_jinja_lex(arena, PF_STR("{{ 1 ) }}"), &t, &n, &offset, &err), PF_E_TEMPLATE);
    PF_CHECK_STATUS(
        pf_jinja_lex(arena, PF_STR("{{ 99999999999999999999 }}"), &t, &n, &offset, &err),
        PF_E_TEMPLATE);
    pf_arena_free(arena);
}

static void test_deep_brackets_are_refused(void)
{
    char source[1024];
    size_t n = 0;
    n += (size_t)snprintf(source, sizeof(source), "{{ ");
    for (int i = 0; i < 300; i++)
        source[n++] = '[';
    source[n] = '\0';
    struct pf_arena *arena = pf_arena_new();
    struct pf_jinja_token *t = NULL;
    size_t count = 0;
    uint32_t offset = 0;
    struct pf_error err = PF_ERROR_INIT;
    PF_CHECK_STATUS(pf_jinja_lex(arena, pf_str_from_cstr(source), &t, &count, &offset, &err),
                    PF_E_TOO_BIG);
    pf_arena_free(arena);
}

int main(int argc, char **argv)
{
    static const struct pf_test_case cases[] = {
        PF_CASE(test_lex_splits_text_and_tags),
        PF_CASE(test_lex_numbers_and_strings),
        PF_CASE(test_lex_longest_operators_first),
        PF_CASE(test_whitespace_control_strips_around_tags),
        PF_CASE(test_closing_braces_inside_expressions),
        PF_CASE(test_raw_block_is_literal),
        PF_CASE(test_lex_errors_report_offsets),
        PF_CASE(test_deep_brackets_are_refused),
    };
    return pf_test_run(argc, argv, cases, PF_ARRAY_LEN(cases));
}
