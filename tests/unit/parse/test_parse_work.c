/* Unit tests for src/parse/parse_work.c: employer vs title vs place vs dates in any order. */
#include "parse_test_util.h"

static void test_work_title_at_employer(void)
{
    json_t *r = pf_test_parse_text("Ann Lee\n\nExperience\n\nData Engineer at Globex Corp\n"
                                   "2019 - 2021\n- Built the warehouse loads in Airflow\n");
    PF_CHECK_STR_EQ(pf_test_get(r, "work.0.position"), "Data Engineer");
    PF_CHECK_STR_EQ(pf_test_get(r, "work.0.name"), "Globex Corp");
    PF_CHECK_STR_EQ(pf_test_get(r, "work.0.startDate"), "2019");
    PF_CHECK_STR_EQ(pf_test_get(r, "work.0.endDate"), "2021");
    json_decref(r);
}

static void test_work_employer_first_with_place_and_tabbed_dates(void)
{
    json_t *r = pf_test_parse_text("Ann Lee\n\nWork Experience\n\nInitech | Austin, TX\t03/2018 - Present\n"
                                   "Senior Analyst\n- Automated the weekly TPS report\n");
    PF_CHECK_STR_EQ(pf_test_get(r, "work.0.name"), "Initech");
    PF_CHECK_STR_EQ(pf_test_get(r, "work.0.position"), "Senior Analyst");
    PF_CHECK_STR_EQ(pf_test_get(r, "work.0.location"), "Austin, TX");
    PF_CHECK_STR_EQ(pf_test_get(r, "work.0.startDate"), "2018-03");
    PF_CHECK(pf_test_get(r, "work.0.endDate") == NULL);
    json_decref(r);
}

static void test_work_order_learned_from_the_other_entries(void)
{
    /* "Hooli" and "Pied Piper" carry no vocabulary: the title-first order of the section decides. */
    json_t *r = pf_test_parse_text("Ann Lee\n\nExperience\n\nSoftware Engineer, Hooli\nJan 2016 - Dec 2018\n"
                                   "- Shipped the search rewrite\n\nPlatform Lead, Pied Piper\n"
                                   "Jan 2019 - Present\n- Led a team of five\n");
    PF_CHECK_STR_EQ(pf_test_get(r, "work.0.name"), "Hooli");
    PF_CHECK_STR_EQ(pf_test_get(r, "work.1.name"), "Pied Piper");
    PF_CHECK_STR_EQ(pf_test_get(r, "work.1.position"), "Platform Lead");
    json_decref(r);
}

static void test_work_volunteer_organisation(void)
{
    json_t *r = pf_test_parse_text("Ann Lee\n\nVolunteer\n\nCode for America\nVolunteer Developer\n"
                                   "2020 - 2023\n");
    PF_CHECK_STR_EQ(pf_test_get(r, "volunteer.0.organization"), "Code for America");
    PF_CHECK_STR_EQ(pf_test_get(r, "volunteer.0.position"), "Volunteer Developer");
    json_decref(r);
}

int main(int argc, char **argv)
{
    static const struct pf_test_case cases[] = {
        PF_CASE(test_work_title_at_employer),
        PF_CASE(test_work_employer_first_with_place_and_tabbed_dates),
        PF_CASE(test_work_order_learned_from_the_other_entries),
        PF_CASE(test_work_volunteer_organisation),
    };
    return pf_test_run(argc, argv, cases, PF_ARRAY_LEN(cases));
}
