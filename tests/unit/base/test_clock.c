/* Tests for base/clock.c: ISO formatting and parsing, including PostgreSQL's text form. */
#include "base/clock.h"
#include "harness.h"

static void test_clock_formats_utc_with_millis(void)
{
    char out[PF_TIME_ISO_LEN];
    pf_time_format_iso(0, out);
    PF_CHECK_STR_EQ(out, "1970-01-01T00:00:00.000Z");
    pf_time_format_iso(1795614936123LL, out);
    PF_CHECK_STR_EQ(out, "2026-11-25T13:55:36.123Z");
    pf_time_format_iso(951782400000LL, out); /* leap day 2000 */
    PF_CHECK_STR_EQ(out, "2000-02-29T00:00:00.000Z");
}

static void test_clock_parses_iso_and_postgres_forms(void)
{
    int64_t ms = 0;
    PF_CHECK(pf_time_parse_iso(PF_STR("2026-11-25T13:55:36.123Z"), &ms));
    PF_CHECK_INT_EQ(ms, 1795614936123LL);
    PF_CHECK(pf_time_parse_iso(PF_STR("2026-11-25 13:55:36.123+00"), &ms));
    PF_CHECK_INT_EQ(ms, 1795614936123LL);
    PF_CHECK(pf_time_parse_iso(PF_STR("2026-11-25 14:55:36.123456+01:00"), &ms));
    PF_CHECK_INT_EQ(ms, 1795614936123LL);
    PF_CHECK(pf_time_parse_iso(PF_STR("2026-11-25"), &ms));
    PF_CHECK_INT_EQ(ms, 1795564800000LL);
    PF_CHECK(!pf_time_parse_iso(PF_STR("2026-13-01"), &ms));
    PF_CHECK(!pf_time_parse_iso(PF_STR("2026-11-25T25:00"), &ms));
    PF_CHECK(!pf_time_parse_iso(PF_STR("yesterday"), &ms));
    PF_CHECK(!pf_time_parse_iso(PF_STR("2026-11-25Tx"), &ms));
    int y, m, d;
    pf_time_civil(1795614936123LL, &y, &m, &d);
    PF_CHECK(y == 2026 && m == 11 && d == 25);
}

int main(int argc, char **argv)
{
    static const struct pf_test_case cases[] = {
        PF_CASE(test_clock_formats_utc_with_millis),
        PF_CASE(test_clock_parses_iso_and_postgres_forms),
    };
    return pf_test_run(argc, argv, cases, PF_ARRAY_LEN(cases));
}
