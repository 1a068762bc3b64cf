/* Unit tests for src/parse/parse_education.c: school, degree, field, grade and courses. */
#include "parse_test_util.h"

static void test_education_degree_in_field(void)
{
    json_t *r = pf_test_parse_text("Ann Lee\n\nEducation\n\nStanford University\n"
                                   "Bachelor of Science in Computer Science\n2010 - 2014\nGPA: 3.8/4.0\n");
    PF_CHECK_STR_EQ(pf_test_get(r, "education.0.institution"), "Stanford University");
    PF_CHECK_STR_EQ(pf_test_get(r, "education.0.studyType"), "Bachelor of Science");
    PF_CHECK_STR_EQ(pf_test_get(r, "education.0.area"), "Computer Science");
    PF_CHECK_STR_EQ(pf_test_get(r, "education.0.score"), "3.8/4.0");
    json_decref(r);
}

static void test_education_comma_list_any_order(void)
{
    json_t *r = pf_test_parse_text("Ann Lee\n\nEducation\n\n"
                                   "Business Administration, Associate of Applied Science, Austin Community College\n"
                                   "Sep 2012 - May 2014\n");
    PF_CHECK_STR_EQ(pf_test_get(r, "education.0.institution"), "Austin Community College");
    PF_CHECK_STR_EQ(pf_test_get(r, "education.0.studyType"), "Associate of Applied Science");
    PF_CHECK_STR_EQ(pf_test_get(r, "education.0.area"), "Business Administration");
    json_decref(r);
}

static void test_education_courses_and_single_date(void)
{
    json_t *r = pf_test_parse_text("Ann Lee\n\nEducation\n\nUniversity of Leeds\nMSc Physics, 2017\n"
                                   "Coursework: Quantum Mechanics (A), Optics, Statistics\n");
    PF_CHECK_STR_EQ(pf_test_get(r, "education.0.endDate"), "2017");
    PF_CHECK(pf_test_get(r, "education.0.startDate") == NULL);
    PF_CHECK_STR_EQ(pf_test_get(r, "education.0.courses.0"), "Quantum Mechanics (A)");
    PF_CHECK_STR_EQ(pf_test_get(r, "education.0.courses.2"), "Statistics");
    json_decref(r);
}

int main(int argc, char **argv)
{
    static const struct pf_test_case cases[] = {
        PF_CASE(test_education_degree_in_field),
        PF_CASE(test_education_comma_list_any_order),
        PF_CASE(test_education_courses_and_single_date),
    };
    return pf_test_run(argc, argv, cases, PF_ARRAY_LEN(cases));
}
