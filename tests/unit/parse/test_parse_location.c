/* Unit tests for src/parse/parse_location.c: places in the header, with and without streets. */
#include "parse_test_util.h"

static void test_location_city_and_state(void)
{
    json_t *r = pf_test_parse_text("Ann Lee\nann@example.com\nPalo Alto, CA\n");
    PF_CHECK_STR_EQ(pf_test_get(r, "basics.location.city"), "Palo Alto");
    PF_CHECK_STR_EQ(pf_test_get(r, "basics.location.region"), "CA");
    json_decref(r);
}

static void test_location_street_address_over_two_lines(void)
{
    json_t *r = pf_test_parse_text("Ann Lee\nann@example.com\n\n2712 Broadway St, San Francisco,\n"
                                   "California, US, CA 94115\n");
    PF_CHECK_STR_EQ(pf_test_get(r, "basics.location.address"), "2712 Broadway St");
    PF_CHECK_STR_EQ(pf_test_get(r, "basics.location.city"), "San Francisco");
    PF_CHECK_STR_EQ(pf_test_get(r, "basics.location.region"), "California");
    PF_CHECK_STR_EQ(pf_test_get(r, "basics.location.countryCode"), "US");
    json_decref(r);
}

static void test_location_postal_code_first_and_country_name(void)
{
    json_t *r = pf_test_parse_text("Ann Lee\nann@example.com\n10115 Berlin, Deutschland\n");
    PF_CHECK_STR_EQ(pf_test_get(r, "basics.location.postalCode"), "10115");
    PF_CHECK_STR_EQ(pf_test_get(r, "basics.location.city"), "Berlin");
    PF_CHECK_STR_EQ(pf_test_get(r, "basics.location.countryCode"), "DE");
    json_decref(r);
}

static void test_location_organisation_names_are_no_places(void)
{
    json_t *r = pf_test_parse_text("Ann Lee\nann@example.com\nCode for America\n");
    PF_CHECK(pf_test_get(r, "basics.location.city") == NULL);
    PF_CHECK(pf_test_get(r, "basics.location.countryCode") == NULL);
    json_decref(r);
}

int main(int argc, char **argv)
{
    static const struct pf_test_case cases[] = {
        PF_CASE(test_location_city_and_state),
        PF_CASE(test_location_street_address_over_two_lines),
        PF_CASE(test_location_postal_code_first_and_country_name),
        PF_CASE(test_location_organisation_names_are_no_places),
    };
    return pf_test_run(argc, argv, cases, PF_ARRAY_LEN(cases));
}
