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

static void test_location_region_between_city_and_country(void)
{
    json_t *r = pf_test_parse_text("Ann Lee\nann@example.com\nManchester, England, GB\n");
    PF_CHECK_STR_EQ(pf_test_get(r, "basics.location.city"), "Manchester");
    PF_CHECK_STR_EQ(pf_test_get(r, "basics.location.region"), "England");
    PF_CHECK_STR_EQ(pf_test_get(r, "basics.location.countryCode"), "GB");
    json_decref(r);
}

static void test_location_labelled_and_iso_country_code(void)
{
    json_t *r = pf_test_parse_text("Ann Lee\nEmail: ann@example.com\nLocation: Cork, IE\n");
    PF_CHECK_STR_EQ(pf_test_get(r, "basics.location.city"), "Cork");
    PF_CHECK_STR_EQ(pf_test_get(r, "basics.location.countryCode"), "IE");
    json_decref(r);
}

static void test_location_name_with_extended_latin_capitals(void)
{
    json_t *r = pf_test_parse_text("Zo\xc3\xab \xc5\x81ukasiewicz\nann@example.com\nKrak\xc3\xb3w, PL\n");
    PF_CHECK_STR_EQ(pf_test_get(r, "basics.name"), "Zo\xc3\xab \xc5\x81ukasiewicz");
    PF_CHECK_STR_EQ(pf_test_get(r, "basics.location.countryCode"), "PL");
    json_decref(r);
}

static void test_location_phone_decides_a_code_that_is_state_and_country(void)
{
    json_t *r = pf_test_parse_text("Ann Lee\nann@example.com | +49 30 1234567 | Berlin, DE\n");
    PF_CHECK_STR_EQ(pf_test_get(r, "basics.location.city"), "Berlin");
    PF_CHECK_STR_EQ(pf_test_get(r, "basics.location.countryCode"), "DE");
    PF_CHECK(pf_test_get(r, "basics.location.region") == NULL);
    json_decref(r);
    r = pf_test_parse_text("Ann Lee\nann@example.com | +1 302 555 0100 | Dover, DE\n");
    PF_CHECK_STR_EQ(pf_test_get(r, "basics.location.region"), "DE");
    PF_CHECK(pf_test_get(r, "basics.location.countryCode") == NULL);
    json_decref(r);
    r = pf_test_parse_text("Ann Lee\nann@example.com | 0031 20 123 4567 | Amsterdam, NL\n");
    PF_CHECK_STR_EQ(pf_test_get(r, "basics.location.countryCode"), "NL");
    json_decref(r);
}

int main(int argc, char **argv)
{
    static const struct pf_test_case cases[] = {
        PF_CASE(test_location_city_and_state),
        PF_CASE(test_location_street_address_over_two_lines),
        PF_CASE(test_location_postal_code_first_and_country_name),
        PF_CASE(test_location_organisation_names_are_no_places),
        PF_CASE(test_location_region_between_city_and_country),
        PF_CASE(test_location_labelled_and_iso_country_code),
        PF_CASE(test_location_name_with_extended_latin_capitals),
        PF_CASE(test_location_phone_decides_a_code_that_is_state_and_country),
    };
    return pf_test_run(argc, argv, cases, PF_ARRAY_LEN(cases));
}
