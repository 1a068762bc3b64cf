/* Unit tests for src/parse/parse_sections.c: heading vocabulary in four languages. */
#include "harness.h"
#include "parse/parse_int.h"

static enum pf_sec kind(const char *text, bool *out_sub)
{
    return pf_heading_kind(pf_str_from_cstr(text), out_sub);
}

static void test_sections_headings_in_four_languages(void)
{
    bool sub = false;
    PF_CHECK_INT_EQ(kind("Work Experience", &sub), PF_SEC_WORK);
    PF_CHECK_INT_EQ(kind("BERUFSERFAHRUNG", &sub), PF_SEC_WORK);
    PF_CHECK_INT_EQ(kind("Expérience professionnelle", &sub), PF_SEC_WORK);
    PF_CHECK_INT_EQ(kind("Experiencia", &sub), PF_SEC_WORK);
    PF_CHECK_INT_EQ(kind("Education", &sub), PF_SEC_EDUCATION);
    PF_CHECK_INT_EQ(kind("Ausbildung", &sub), PF_SEC_EDUCATION);
    PF_CHECK_INT_EQ(kind("Formation", &sub), PF_SEC_EDUCATION);
    PF_CHECK_INT_EQ(kind("Educación", &sub), PF_SEC_EDUCATION);
    PF_CHECK_INT_EQ(kind("Skills", &sub), PF_SEC_SKILLS);
    PF_CHECK_INT_EQ(kind("Kenntnisse", &sub), PF_SEC_SKILLS);
    PF_CHECK_INT_EQ(kind("Compétences", &sub), PF_SEC_SKILLS);
    PF_CHECK_INT_EQ(kind("Habilidades", &sub), PF_SEC_SKILLS);
    PF_CHECK_INT_EQ(kind("Sprachen", &sub), PF_SEC_LANGUAGES);
    PF_CHECK_INT_EQ(kind("Centres d'intérêt", &sub), PF_SEC_INTERESTS);
}

static void test_sections_modifiers_and_combinations(void)
{
    bool sub = false;
    PF_CHECK_INT_EQ(kind("Relevant Work Experience:", &sub), PF_SEC_WORK);
    PF_CHECK_INT_EQ(kind("PROJECTS EXPERIENCE", &sub), PF_SEC_PROJECTS);
    PF_CHECK_INT_EQ(kind("Skills & Tools", &sub), PF_SEC_SKILLS);
    PF_CHECK_INT_EQ(kind("Volunteer Work", &sub), PF_SEC_VOLUNTEER);
    PF_CHECK_INT_EQ(kind("Professional Skills Summary", &sub), PF_SEC_SKILLS);
    PF_CHECK_INT_EQ(kind("Licenses & Certifications", &sub), PF_SEC_CERTIFICATES);
}

static void test_sections_sentences_and_names_are_not_headings(void)
{
    bool sub = false;
    PF_CHECK_INT_EQ(kind("Experience with distributed systems at scale", &sub), PF_SEC_HEADER);
    PF_CHECK_INT_EQ(kind("Richard Hendriks", &sub), PF_SEC_HEADER);
    PF_CHECK_INT_EQ(kind("Programming Languages", &sub), PF_SEC_HEADER);
    PF_CHECK_INT_EQ(kind("Education 2019", &sub), PF_SEC_HEADER);
    PF_CHECK_INT_EQ(kind("", &sub), PF_SEC_HEADER);
}

static void test_sections_sub_headings_stay_inside_entries(void)
{
    bool sub = false;
    kind("Highlights", &sub);
    PF_CHECK(sub);
    kind("Courses", &sub);
    PF_CHECK(sub);
    kind("Education", &sub);
    PF_CHECK(!sub);
}

int main(int argc, char **argv)
{
    static const struct pf_test_case cases[] = {
        PF_CASE(test_sections_headings_in_four_languages),
        PF_CASE(test_sections_modifiers_and_combinations),
        PF_CASE(test_sections_sentences_and_names_are_not_headings),
        PF_CASE(test_sections_sub_headings_stay_inside_entries),
    };
    return pf_test_run(argc, argv, cases, PF_ARRAY_LEN(cases));
}
