/* Tests for base/str.c: views, UTF-8 validation and cursors. */
#include <string.h>

#include "base/str.h"
#include "harness.h"

static void test_str_compares_views(void)
{
    struct pf_str a = PF_STR("Hello");
    PF_CHECK(pf_str_eq_cstr(a, "Hello"));
    PF_CHECK(!pf_str_eq_cstr(a, "hello"));
    PF_CHECK(pf_str_case_eq_cstr(a, "hELLO"));
    PF_CHECK(pf_str_starts_with(a, PF_STR("He")));
    PF_CHECK(pf_str_ends_with(a, PF_STR("llo")));
    PF_CHECK(!pf_str_starts_with(PF_STR("H"), a));
    PF_CHECK_INT_EQ(pf_str_find(a, PF_STR("ll")), 2);
    PF_CHECK_INT_EQ(pf_str_find(a, PF_STR("x")), -1);
    PF_CHECK_INT_EQ(pf_str_find_char(a, 'o'), 4);
    PF_CHECK(pf_str_eq(pf_str_trim(PF_STR(" \t x y \r\n")), PF_STR("x y")));
    PF_CHECK(pf_str_eq(pf_str_slice(a, 3, 100), PF_STR("lo")));
    PF_CHECK(pf_str_eq(pf_str_slice(a, 100, 1), PF_STR("")));
}

static void test_utf8_rejects_malformed_sequences(void)
{
    PF_CHECK(pf_utf8_valid("plain", 5));
    PF_CHECK(pf_utf8_valid("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80", 14));
    PF_CHECK(!pf_utf8_valid("\xc3", 1));              /* truncated */
    PF_CHECK(!pf_utf8_valid("\xc0\xaf", 2));          /* overlong '/' */
    PF_CHECK(!pf_utf8_valid("\xed\xa0\x80", 3));      /* surrogate */
    PF_CHECK(!pf_utf8_valid("\xf4\x90\x80\x80", 4));  /* past U+10FFFF */
    PF_CHECK(!pf_utf8_valid("\xff", 1));
    char out[4];
    PF_CHECK_INT_EQ(pf_utf8_encode(0x20AC, out), 3);
    PF_CHECK(memcmp(out, "\xe2\x82\xac", 3) == 0);
    PF_CHECK_INT_EQ(pf_utf8_encode(0xD800, out), 0);
}

static void test_cursor_takes_lines_and_numbers(void)
{
    struct pf_cur cur = pf_cur_of(PF_STR("one\r\ntwo\n\n42x"));
    struct pf_str line;
    PF_CHECK(pf_cur_take_line(&cur, &line) && pf_str_eq_cstr(line, "one"));
    PF_CHECK(pf_cur_take_line(&cur, &line) && pf_str_eq_cstr(line, "two"));
    PF_CHECK(pf_cur_take_line(&cur, &line) && line.len == 0);
    uint32_t value = 0;
    PF_CHECK(pf_cur_take_u32(&cur, &value));
    PF_CHECK_INT_EQ(value, 42);
    PF_CHECK(!pf_cur_take_u32(&cur, &value)); /* 'x' is not a digit: cursor does not move */
    PF_CHECK(pf_cur_take_char(&cur, 'x'));
    PF_CHECK(!pf_cur_take_line(&cur, &line));

    struct pf_cur big = pf_cur_of(PF_STR("99999999999"));
    PF_CHECK(!pf_cur_take_u32(&big, &value));
    PF_CHECK_INT_EQ(pf_cur_left(&big), 11);
}

static void test_parse_i64_checks_range_and_syntax(void)
{
    int64_t v = 0;
    PF_CHECK(pf_parse_i64(PF_STR("-12"), -100, 100, &v) && v == -12);
    PF_CHECK(!pf_parse_i64(PF_STR("101"), -100, 100, &v));
    PF_CHECK(!pf_parse_i64(PF_STR(""), 0, 1, &v));
    PF_CHECK(!pf_parse_i64(PF_STR("1x"), 0, 10, &v));
    PF_CHECK(!pf_parse_i64(PF_STR("-"), -10, 10, &v));
    PF_CHECK(pf_parse_i64(PF_STR("-9223372036854775808"), INT64_MIN, INT64_MAX, &v) &&
             v == INT64_MIN);
    PF_CHECK(!pf_parse_i64(PF_STR("9223372036854775808"), INT64_MIN, INT64_MAX, &v));
}

int main(int argc, char **argv)
{
    static const struct pf_test_case cases[] = {
        PF_CASE(test_str_compares_views),
        PF_CASE(test_utf8_rejects_malformed_sequences),
        PF_CASE(test_cursor_takes_lines_and_numbers),
        PF_CASE(test_parse_i64_checks_range_and_syntax),
    };
    return pf_test_run(argc, argv, cases, PF_ARRAY_LEN(cases));
}
