/* Unit tests for src/parse/parse_projects.c: awards, certificates and publications. */
#include "parse_test_util.h"

static const char listed_records_cv[] =
    "Jane Doe\n"
    "jane.doe@example.com | +1 (415) 555-0134\n"
    "\n"
    "Experience\n"
    "\n"
    "Software Developer, Initech\n"
    "06/2016 - 12/2019\n"
    "- Maintained the reporting service\n"
    "\n"
    "Certificates\n"
    "\n"
    "- AWS Certified Cloud Practitioner, Amazon Web Services (Feb 2023)\n"
    "- Qualified Teacher Status, Department for Education (Jul 2014)\n"
    "\n"
    "Awards\n"
    "\n"
    "- Teacher of the Year, Salford Education Trust (Jun 2019)\n"
    "- Best Accessibility Project, Northcoders (Apr 2022)\n"
    "\n"
    "Publications\n"
    "\n"
    "- What teaching taught me about code review, Dev.to (Sep 2023)\n";

static void test_awards_one_per_bullet_when_the_list_is_all_there_is(void)
{
    json_t *r = pf_test_parse_text(listed_records_cv);
    PF_CHECK(r != NULL);
    if (!r)
        return;
    PF_CHECK_STR_EQ(pf_test_get(r, "certificates.0.name"), "AWS Certified Cloud Practitioner");
    PF_CHECK_STR_EQ(pf_test_get(r, "certificates.0.issuer"), "Amazon Web Services");
    PF_CHECK_STR_EQ(pf_test_get(r, "certificates.0.date"), "2023-02");
    PF_CHECK_STR_EQ(pf_test_get(r, "certificates.1.name"), "Qualified Teacher Status");
    PF_CHECK_STR_EQ(pf_test_get(r, "awards.1.title"), "Best Accessibility Project");
    PF_CHECK_STR_EQ(pf_test_get(r, "awards.1.awarder"), "Northcoders");
    PF_CHECK_STR_EQ(pf_test_get(r, "awards.1.date"), "2022-04");
    PF_CHECK_INT_EQ(json_array_size(json_object_get(r, "awards")), 2);
    json_decref(r);
}

static void test_awards_bare_domain_is_the_publisher(void)
{
    json_t *r = pf_test_parse_text(listed_records_cv);
    PF_CHECK(r != NULL);
    if (!r)
        return;
    PF_CHECK_STR_EQ(pf_test_get(r, "publications.0.name"),
                    "What teaching taught me about code review");
    PF_CHECK_STR_EQ(pf_test_get(r, "publications.0.publisher"), "Dev.to");
    PF_CHECK(pf_test_get(r, "publications.0.url") == NULL);
    json_decref(r);
}

int main(int argc, char **argv)
{
    static const struct pf_test_case cases[] = {
        PF_CASE(test_awards_one_per_bullet_when_the_list_is_all_there_is),
        PF_CASE(test_awards_bare_domain_is_the_publisher),
    };
    return pf_test_run(argc, argv, cases, PF_ARRAY_LEN(cases));
}
