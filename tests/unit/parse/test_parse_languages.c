/* Unit tests for src/parse/parse_languages.c: languages with fluency, interests. */
#include "parse_test_util.h"

static void test_languages_pairs_in_several_forms(void)
{
    json_t *r = pf_test_parse_text("Ann Lee\n\nLanguages\n\nEnglish (native)\nDeutsch: Muttersprache\n"
                                   "French - B2\n");
    PF_CHECK_STR_EQ(pf_test_get(r, "languages.0.language"), "English");
    PF_CHECK_STR_EQ(pf_test_get(r, "languages.0.fluency"), "native");
    PF_CHECK_STR_EQ(pf_test_get(r, "languages.1.fluency"), "Muttersprache");
    PF_CHECK_STR_EQ(pf_test_get(r, "languages.2.language"), "French");
    PF_CHECK_STR_EQ(pf_test_get(r, "languages.2.fluency"), "B2");
    json_decref(r);
}

static void test_languages_grid_of_names_over_fluencies(void)
{
    json_t *r = pf_test_parse_text("Ann Lee\n\nLanguages\n\nEnglish\tSpanish\nNative speaker\tFluent\n");
    PF_CHECK_STR_EQ(pf_test_get(r, "languages.1.language"), "Spanish");
    PF_CHECK_STR_EQ(pf_test_get(r, "languages.1.fluency"), "Fluent");
    json_decref(r);
}

static void test_interests_name_over_keywords(void)
{
    json_t *r = pf_test_parse_text("Ann Lee\n\nInterests\n\nRock Climbing\nBouldering, Lead climbing\n"
                                   "Chess\n");
    PF_CHECK_STR_EQ(pf_test_get(r, "interests.0.name"), "Rock Climbing");
    PF_CHECK_STR_EQ(pf_test_get(r, "interests.0.keywords.0"), "Bouldering");
    PF_CHECK_STR_EQ(pf_test_get(r, "interests.1.name"), "Chess");
    json_decref(r);
}

int main(int argc, char **argv)
{
    static const struct pf_test_case cases[] = {
        PF_CASE(test_languages_pairs_in_several_forms),
        PF_CASE(test_languages_grid_of_names_over_fluencies),
        PF_CASE(test_interests_name_over_keywords),
    };
    return pf_test_run(argc, argv, cases, PF_ARRAY_LEN(cases));
}
