/* The catalogue: enough rules, unique ids, every one documented in docs/gap-rules.md. */
#include <stdio.h>
#include <string.h>

#include "base/buf.h"
#include "gap/gap.h"
#include "harness.h"

static void test_catalogue_has_unique_documented_rules(void)
{
    size_t count = 0;
    const struct pf_gap_rule *rules = pf_gap_rules(&count);
    PF_CHECK(count >= 25);
    struct pf_buf doc = PF_BUF_INIT(1 << 20);
    struct pf_error err = PF_ERROR_INIT;
    PF_CHECK_STATUS(pf_buf_read_file(&doc, pf_test_path("../docs/gap-rules.md"), &err), PF_OK);
    for (size_t i = 0; i < count; i++) {
        PF_CHECK(strchr(rules[i].id, '.') != NULL);
        PF_CHECK(rules[i].title && *rules[i].title);
        PF_CHECK(rules[i].rationale && strlen(rules[i].rationale) > 20);
        PF_CHECK(pf_gap_rule_find(rules[i].id) == &rules[i]);
        for (size_t j = i + 1; j < count; j++)
            PF_CHECK(strcmp(rules[i].id, rules[j].id) != 0);
        char needle[96];
        snprintf(needle, sizeof(needle), "`%s`", rules[i].id);
        if (!strstr(pf_buf_cstr(&doc), needle))
            pf_test_fail(__FILE__, __LINE__, "%s is not in docs/gap-rules.md", rules[i].id);
        snprintf(needle, sizeof(needle), "`%s` | %s", rules[i].id,
                 pf_gap_severity_name(rules[i].severity));
        if (!strstr(pf_buf_cstr(&doc), needle))
            pf_test_fail(__FILE__, __LINE__, "docs/gap-rules.md: %s should say %s", rules[i].id,
                         pf_gap_severity_name(rules[i].severity));
    }
    PF_CHECK(pf_gap_rule_find("no.such_rule") == NULL);
    pf_buf_fini(&doc);
}

int main(int argc, char **argv)
{
    static const struct pf_test_case cases[] = {
        PF_CASE(test_catalogue_has_unique_documented_rules),
    };
    return pf_test_run(argc, argv, cases, PF_ARRAY_LEN(cases));
}
