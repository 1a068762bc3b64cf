/* Text and date helpers. */
#include "gap/gap_int.h"
#include "harness.h"

static void test_dates(void)
{
    int64_t m = 0;
    PF_CHECK(gap_date_month("2020-03-15", false, &m) && m == 2020 * 12 + 2);
    PF_CHECK(gap_date_month("2020", true, &m) && m == 2020 * 12 + 11);
    PF_CHECK(!gap_date_month("2020-13", false, &m));
    PF_CHECK(!gap_date_month("Mar 2020", false, &m));
    PF_CHECK(!gap_date_month(NULL, false, &m));
    PF_CHECK_INT_EQ(gap_date_shape("2020-03"), 2);
    PF_CHECK_INT_EQ(gap_date_shape("2020/03"), 0);
}

static void test_words_and_numbers(void)
{
    PF_CHECK_INT_EQ(gap_word_count("  one two\tthree\n"), 3);
    char word[16];
    gap_first_word("- Led the team", word, sizeof(word));
    PF_CHECK_STR_EQ(word, "led");
    PF_CHECK(gap_has_number("Cut costs by 20%"));
    PF_CHECK(gap_has_number("Saved \xe2\x82\xac" "a lot"));
    PF_CHECK(gap_has_number("Doubled revenue"));
    PF_CHECK(!gap_has_number("Improved things"));
    PF_CHECK(gap_mentions("Used C++ daily", "c++"));
    PF_CHECK(!gap_mentions("Used Gopher", "go"));
}

static void test_experience_months_merge_overlaps(void)
{
    json_t *doc = json_pack("{s:[{s:s,s:s},{s:s,s:s},{s:s}]}", "work", "startDate", "2020-01",
                            "endDate", "2020-12", "startDate", "2020-06", "endDate", "2021-06",
                            "startDate", "bad");
    PF_CHECK_INT_EQ(gap_experience_months(doc, 2030 * 12), 18);
    json_decref(doc);
}

int main(int argc, char **argv)
{
    static const struct pf_test_case cases[] = {
        PF_CASE(test_dates),
        PF_CASE(test_words_and_numbers),
        PF_CASE(test_experience_months_merge_overlaps),
    };
    return pf_test_run(argc, argv, cases, PF_ARRAY_LEN(cases));
}
