/* Rule family "spelling" (needs Debian's hunspell-en-us; skips when it is absent). */
#include <string.h>
#include <unistd.h>

#include "gap_testlib.h"
#include "harness.h"

static void test_misspellings_are_flagged_names_and_terms_are_not(void)
{
    if (access("/usr/share/hunspell/en_US.dic", R_OK) != 0) {
        pf_test_skip("hunspell-en-us is not installed");
        return;
    }
    struct pf_gap_options opts = gap_test_options();
    opts.spell_dictionary = "en_US";
    json_t *r = gap_test_general(
        "{\"basics\":{\"name\":\"Zbigniew Qwertyuk\",\"summary\":\"Zbigniew runs Kubernetes "
        "and PostgreSQL at Xyzzyco; see https://xyzzy.example/abcdefg or mail "
        "zq@xyzzy.example.\"},"
        "\"work\":[{\"name\":\"Xyzzyco\",\"highlights\":[\"Improved managment of the "
        "recieved orders by 20%\"]}]}",
        &opts);
    PF_CHECK_INT_EQ(gap_test_count(r, "spelling.misspelled"), 2);
    const json_t *issue = gap_test_find(r, "spelling.misspelled", "/work/0/highlights/0");
    PF_CHECK(issue != NULL);
    PF_CHECK(gap_test_find(r, "spelling.misspelled", "/basics/summary") == NULL);
    PF_CHECK(issue && strstr(pf_json_get_str(issue, "suggestion"), "management") != NULL);
    json_decref(r);
}

static void test_a_missing_dictionary_skips_the_rule(void)
{
    struct pf_gap_options opts = gap_test_options();
    opts.spell_dictionary = "xx_NOPE";
    json_t *r = gap_test_general("{\"basics\":{\"summary\":\"Improvd thngs\"}}", &opts);
    PF_CHECK_INT_EQ(gap_test_count(r, "spelling.misspelled"), 0);
    PF_CHECK(json_is_object(json_object_get(json_object_get(r, "details"), "spelling")));
    json_decref(r);
}

int main(int argc, char **argv)
{
    static const struct pf_test_case cases[] = {
        PF_CASE(test_misspellings_are_flagged_names_and_terms_are_not),
        PF_CASE(test_a_missing_dictionary_skips_the_rule),
    };
    return pf_test_run(argc, argv, cases, PF_ARRAY_LEN(cases));
}
