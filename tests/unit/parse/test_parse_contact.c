/* Unit tests for src/parse/parse_contact.c: e-mails, phones, URLs, networks and countries. */
#include <string.h>

#include "harness.h"
#include "parse/parse_int.h"

static void check_find(bool (*find)(struct pf_str, size_t *, size_t *), const char *text,
                       const char *expected)
{
    size_t a = 0;
    size_t b = 0;
    bool found = find(pf_str_from_cstr(text), &a, &b);
    if (!expected) {
        if (found)
            pf_test_fail(__FILE__, __LINE__, "found \"%.*s\" in \"%s\"", (int)(b - a), text + a, text);
        return;
    }
    if (!found) {
        pf_test_fail(__FILE__, __LINE__, "nothing found in \"%s\"", text);
        return;
    }
    char got[128];
    snprintf(got, sizeof(got), "%.*s", (int)(b - a), text + a);
    PF_CHECK_STR_EQ(got, expected);
}

static void test_contact_emails(void)
{
    check_find(pf_find_email, "Mail: jane.doe+cv@example.co.uk.", "jane.doe+cv@example.co.uk");
    check_find(pf_find_email, "\xEF\x83\xA0 richard.hendriks@mail.com \xEF\x82\xAC", "richard.hendriks@mail.com");
    check_find(pf_find_email, "no address @ here", NULL);
    check_find(pf_find_email, "user@localhost", NULL);
}

static void test_contact_phones_in_international_formats(void)
{
    check_find(pf_find_phone, "(912) 555-4321", "(912) 555-4321");
    check_find(pf_find_phone, "Tel: +49 30 1234567", "+49 30 1234567");
    check_find(pf_find_phone, "+33 6 12 34 56 78", "+33 6 12 34 56 78");
    check_find(pf_find_phone, "123-456-7890", "123-456-7890");
    check_find(pf_find_phone, "+44 (0)20 7946 0958", "+44 (0)20 7946 0958");
    check_find(pf_find_phone, "2019 - 2020", NULL);
    check_find(pf_find_phone, "01/2019 - 05/2020", NULL);
    check_find(pf_find_phone, "2016-06-01 TO 2018-12-31", NULL);
    check_find(pf_find_phone, "CA 94115", NULL);
}

static void test_contact_urls(void)
{
    check_find(pf_find_url, "see https://richardhendriks.dev/ now", "https://richardhendriks.dev/");
    check_find(pf_find_url, "linkedin.com/in/john-doe", "linkedin.com/in/john-doe");
    check_find(pf_find_url, "www.example.org", "www.example.org");
    check_find(pf_find_url, "jane@example.com", NULL);
    check_find(pf_find_url, "Node.js and D3.js", NULL);
}

static void test_contact_networks_and_usernames(void)
{
    struct pf_parse p;
    memset(&p, 0, sizeof(p));
    p.arena = pf_arena_new();
    const char *user = NULL;
    PF_CHECK_STR_EQ(pf_url_network(&p, PF_STR("https://github.com/richardhendriks"), &user), "GitHub");
    PF_CHECK_STR_EQ(user, "richardhendriks");
    PF_CHECK_STR_EQ(pf_url_network(&p, PF_STR("https://www.linkedin.com/in/maya-okonkwo/"), &user),
                    "LinkedIn");
    PF_CHECK_STR_EQ(user, "maya-okonkwo");
    PF_CHECK_STR_EQ(pf_url_network(&p, PF_STR("x.com/jdoe"), &user), "X");
    PF_CHECK_STR_EQ(pf_url_network(&p, PF_STR("https://stackoverflow.com/users/123/jane"), &user),
                    "Stack Overflow");
    PF_CHECK_STR_EQ(user, "jane");
    PF_CHECK(pf_url_network(&p, PF_STR("https://piedpiper.com"), &user) == NULL);
    PF_CHECK(pf_url_network(&p, PF_STR("https://box.com"), &user) == NULL);
    PF_CHECK_STR_EQ(pf_network_name(PF_STR("gitlab")), "GitLab");
    PF_CHECK_STR_EQ(pf_url_absolute(&p, PF_STR("richardhendriks.dev")), "https://richardhendriks.dev");
    pf_arena_free(p.arena);
}

static void test_contact_countries_and_regions(void)
{
    PF_CHECK_STR_EQ(pf_country_code(PF_STR("United States")), "US");
    PF_CHECK_STR_EQ(pf_country_code(PF_STR("Deutschland")), "DE");
    PF_CHECK_STR_EQ(pf_country_code(PF_STR("España")), "ES");
    PF_CHECK_STR_EQ(pf_country_code(PF_STR("UK")), "GB");
    PF_CHECK(pf_country_code(PF_STR("de")) == NULL);
    PF_CHECK(pf_country_code(PF_STR("Berlin")) == NULL);
    PF_CHECK(pf_is_region(PF_STR("CA")));
    PF_CHECK(pf_is_region(PF_STR("Texas")));
    PF_CHECK(!pf_is_region(PF_STR("in")));
}

int main(int argc, char **argv)
{
    static const struct pf_test_case cases[] = {
        PF_CASE(test_contact_emails),
        PF_CASE(test_contact_phones_in_international_formats),
        PF_CASE(test_contact_urls),
        PF_CASE(test_contact_networks_and_usernames),
        PF_CASE(test_contact_countries_and_regions),
    };
    return pf_test_run(argc, argv, cases, PF_ARRAY_LEN(cases));
}
