/* Helpers for the gap unit tests. */
#include "gap_testlib.h"

#include <stdlib.h>
#include <string.h>

#include "base/clock.h"
#include "harness.h"
#include "persona/persona_merge.h"

static struct pf_kb *kb;

static void free_kb(void)
{
    pf_kb_free(kb);
}

const struct pf_kb *gap_test_kb(void)
{
    if (!kb) {
        struct pf_error err = PF_ERROR_INIT;
        PF_CHECK_STATUS(pf_kb_new(&kb, &err), PF_OK);
        atexit(free_kb);
    }
    return kb;
}

struct pf_gap_options gap_test_options(void)
{
    struct pf_gap_options opts = {.kb = gap_test_kb(),
                                  .now_ms = pf_days_from_civil(2025, 6, 1) * 86400000LL};
    return opts;
}

static json_t *effective_of(const char *text)
{
    json_error_t error;
    json_t *doc = json_loads(text, 0, &error);
    if (!doc) {
        pf_test_fail(__FILE__, __LINE__, "bad JSON: %s", error.text);
        return json_object();
    }
    struct pf_persona_merge_input in = {.base = doc, .kb = gap_test_kb()};
    json_t *effective = pf_persona_merge(&in);
    json_decref(doc);
    return effective;
}

json_t *gap_test_general(const char *persona_text, const struct pf_gap_options *opts)
{
    json_t *effective = effective_of(persona_text);
    json_t *report = NULL;
    struct pf_error err = PF_ERROR_INIT;
    PF_CHECK_STATUS(pf_gap_general(effective, opts, &report, &err), PF_OK);
    json_decref(effective);
    return report ? report : json_object();
}

json_t *gap_test_role(const char *persona_text, const char *posting,
                      const struct pf_gap_options *opts)
{
    json_t *effective = effective_of(persona_text);
    json_t *report = NULL;
    struct pf_error err = PF_ERROR_INIT;
    PF_CHECK_STATUS(pf_gap_role(effective, posting, strlen(posting), opts, &report, &err), PF_OK);
    json_decref(effective);
    return report ? report : json_object();
}

const json_t *gap_test_find(const json_t *report, const char *rule, const char *field)
{
    size_t i;
    json_t *issue;
    json_array_foreach(json_object_get(report, "issues"), i, issue) {
        if (strcmp(pf_json_get_str(issue, "rule"), rule) == 0 &&
            (!field || strcmp(pf_json_get_str(issue, "field"), field) == 0))
            return issue;
    }
    return NULL;
}

int gap_test_count(const json_t *report, const char *rule)
{
    int count = 0;
    size_t i;
    json_t *issue;
    json_array_foreach(json_object_get(report, "issues"), i, issue) {
        count += strcmp(pf_json_get_str(issue, "rule"), rule) == 0;
    }
    return count;
}
