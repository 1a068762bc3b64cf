/* Unit tests for src/parse/parse_dates.c: every written form of a date and a range. */
#include <string.h>

#include "harness.h"
#include "parse/parse_int.h"

static void check_range(const char *text, const char *start, const char *end, bool present)
{
    struct pf_date_range r;
    bool found = pf_date_find(pf_str_from_cstr(text), &r);
    if (!found) {
        pf_test_fail(__FILE__, __LINE__, "no date found in \"%s\"", text);
        return;
    }
    char buf[16] = "";
    if (r.has_start)
        pf_date_format(r.start, buf);
    PF_CHECK_STR_EQ(r.has_start ? buf : NULL, start);
    buf[0] = '\0';
    if (r.has_end)
        pf_date_format(r.end, buf);
    PF_CHECK_STR_EQ(r.has_end ? buf : NULL, end);
    PF_CHECK_INT_EQ(r.present, present);
}

static void test_dates_month_names_in_four_languages(void)
{
    check_range("Jan 2020", "2020-01", NULL, false);
    check_range("January 2020 – March 2021", "2020-01", "2021-03", false);
    check_range("Sept. 2012 - Dec. 2013", "2012-09", "2013-12", false);
    check_range("Jan, 2019 - Present", "2019-01", NULL, true);
    check_range("März 2018 – heute", "2018-03", NULL, true);
    check_range("janvier 2019 - aujourd'hui", "2019-01", NULL, true);
    check_range("septiembre 2015 – actualidad", "2015-09", NULL, true);
    check_range("Okt. 2010 bis Dez. 2012", "2010-10", "2012-12", false);
}

static void test_dates_numeric_forms(void)
{
    check_range("01/2020 - 05/2021", "2020-01", "2021-05", false);
    check_range("2020-01", "2020-01", NULL, false);
    check_range("2019-01-01 TO PRESENT", "2019-01-01", NULL, true);
    check_range("2016-06-01 to 2018-12-31", "2016-06-01", "2018-12-31", false);
    check_range("05.2019 – 06.2020", "2019-05", "2020-06", false);
    check_range("15.03.2020", "2020-03-15", NULL, false);
    check_range("2014 – 2018", "2014", "2018", false);
    check_range("May 01, 2024", "2024-05-01", NULL, false);
    check_range("01 June 2020", "2020-06-01", NULL, false);
}

static void test_dates_open_ranges_and_seasons(void)
{
    check_range("since 2017", "2017", NULL, true);
    check_range("seit 2017", "2017", NULL, true);
    check_range("Summer 2018", "2018", NULL, false);
    check_range("2019 – Present", "2019", NULL, true);
    check_range("2019 - current", "2019", NULL, true);
    check_range("Mar 2020 to date", "2020-03", NULL, true);
    check_range("Jan – Mar 2020", "2020-01", "2020-03", false);
}

static void test_dates_year_glued_to_duration_is_split(void)
{
    check_range("Jun, 2016 - Dec, 20182 years 7 months", "2016-06", "2018-12", false);
}

static void test_dates_numbers_that_are_not_dates(void)
{
    struct pf_date_range r;
    PF_CHECK(!pf_date_find(PF_STR("Processed 500K events per second"), &r));
    PF_CHECK(!pf_date_find(PF_STR("ISO27001 auditor"), &r));
    PF_CHECK(!pf_date_find(PF_STR("Reduced cost by 2019%"), &r));
}

static void test_dates_date_only_lines(void)
{
    PF_CHECK(pf_is_date_only(PF_STR("Issued on: Mar 01, 2022")));
    PF_CHECK(pf_is_date_only(PF_STR("Aug, 2024 - Apr, 2025 \xE2\x80\xA2 8 months")));
    PF_CHECK(!pf_is_date_only(PF_STR("Pied Piper 01/2019 - Present")));
    PF_CHECK(pf_is_duration(PF_STR("2 years 7 months")));
    PF_CHECK(!pf_is_duration(PF_STR("Pied Piper")));
    PF_CHECK(pf_is_present_word(PF_STR("Present")));
    PF_CHECK(pf_is_present_word(PF_STR("to date")));
}

static void test_dates_parse_and_format(void)
{
    struct pf_date d;
    char out[16];
    PF_CHECK(pf_date_parse(PF_STR("Dec 2013"), &d));
    pf_date_format(d, out);
    PF_CHECK_STR_EQ(out, "2013-12");
    PF_CHECK(pf_date_parse(PF_STR("2020"), &d));
    pf_date_format(d, out);
    PF_CHECK_STR_EQ(out, "2020");
    PF_CHECK(!pf_date_parse(PF_STR("2020 somewhere"), &d));
    PF_CHECK(!pf_date_parse(PF_STR("13/2020"), &d));
}

int main(int argc, char **argv)
{
    static const struct pf_test_case cases[] = {
        PF_CASE(test_dates_month_names_in_four_languages),
        PF_CASE(test_dates_numeric_forms),
        PF_CASE(test_dates_open_ranges_and_seasons),
        PF_CASE(test_dates_year_glued_to_duration_is_split),
        PF_CASE(test_dates_numbers_that_are_not_dates),
        PF_CASE(test_dates_date_only_lines),
        PF_CASE(test_dates_parse_and_format),
    };
    return pf_test_run(argc, argv, cases, PF_ARRAY_LEN(cases));
}
