/* Golden gap cases: tests/golden/gap/<case>.persona.json (+ <case>.jd.json {"text"}) against
 * <case>.report.json {today, must_raise:[{rule, field?}], must_not_raise:[…], score?:{min,
 * max}}. One case per file set; see tests/golden/gap/README.md. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/clock.h"
#include "gap_testlib.h"
#include "harness.h"

static json_t *load(const char *dir, const char *name, const char *suffix, bool required)
{
    char path[1024];
    snprintf(path, sizeof(path), "%s/%s%s", dir, name, suffix);
    json_error_t error;
    json_t *json = json_load_file(path, 0, &error);
    if (!json && required)
        pf_test_fail(__FILE__, __LINE__, "%s: %s", path, error.text);
    return json;
}

static bool matches(const json_t *issue, const json_t *want)
{
    const char *field = pf_json_get_str(want, "field");
    const char *subject = pf_json_get_str(want, "subject");
    const char *key = pf_json_get_str(issue, "key");
    return strcmp(pf_json_get_str(issue, "rule"), pf_json_get_str(want, "rule")) == 0 &&
           (!field || strcmp(field, pf_json_get_str(issue, "field")) == 0) &&
           (!subject || (key && strlen(key) >= strlen(subject) &&
                         strcmp(key + strlen(key) - strlen(subject), subject) == 0));
}

static bool raised(const json_t *report, const json_t *want)
{
    size_t i;
    json_t *issue;
    json_array_foreach(json_object_get(report, "issues"), i, issue) {
        if (matches(issue, want))
            return true;
    }
    return false;
}

static void run_case(const char *dir, const char *name)
{
    json_t *persona = load(dir, name, ".persona.json", true);
    json_t *jd = load(dir, name, ".jd.json", false);
    json_t *expected = load(dir, name, ".report.json", true);
    if (!persona || !expected)
        goto done;
    struct pf_gap_options opts = gap_test_options();
    int64_t today = 0;
    if (pf_json_get_str(expected, "today") &&
        pf_time_parse_iso(pf_str_from_cstr(pf_json_get_str(expected, "today")), &today))
        opts.now_ms = today;
    char *text = json_dumps(persona, 0);
    json_t *report = jd ? gap_test_role(text, pf_json_get_str(jd, "text"), &opts)
                        : gap_test_general(text, &opts);
    free(text);
    size_t i;
    json_t *want;
    json_array_foreach(json_object_get(expected, "must_raise"), i, want) {
        if (!raised(report, want))
            pf_test_fail(__FILE__, __LINE__, "%s: expected %s at %s", name,
                         pf_json_get_str(want, "rule"),
                         pf_json_get_str(want, "field") ? pf_json_get_str(want, "field") : "*");
    }
    json_array_foreach(json_object_get(expected, "must_not_raise"), i, want) {
        if (raised(report, want))
            pf_test_fail(__FILE__, __LINE__, "%s: did not expect %s at %s", name,
                         pf_json_get_str(want, "rule"),
                         pf_json_get_str(want, "field") ? pf_json_get_str(want, "field") : "*");
    }
    const json_t *range = json_object_get(expected, "score");
    if (range) {
        double score = json_number_value(json_object_get(report, "score"));
        double lo = json_number_value(json_object_get(range, "min"));
        double hi = json_number_value(json_object_get(range, "max"));
        if (score < lo || score > hi)
            pf_test_fail(__FILE__, __LINE__, "%s: score %.1f outside [%.0f, %.0f]", name, score,
                         lo, hi);
    }
    json_decref(report);
done:
    json_decref(persona);
    json_decref(jd);
    json_decref(expected);
}

static void test_golden_cases(void)
{
    const char *dir = pf_test_path("golden/gap");
    DIR *d = opendir(dir);
    PF_CHECK(d != NULL);
    int cases = 0;
    struct dirent *entry;
    while (d && (entry = readdir(d)) != NULL) {
        const char *suffix = strstr(entry->d_name, ".report.json");
        if (!suffix || suffix[strlen(".report.json")] != '\0')
            continue;
        char name[256];
        snprintf(name, sizeof(name), "%.*s", (int)(suffix - entry->d_name), entry->d_name);
        run_case(dir, name);
        cases++;
    }
    if (d)
        closedir(d);
    PF_CHECK(cases >= 4);
}

int main(int argc, char **argv)
{
    static const struct pf_test_case cases[] = {
        PF_CASE(test_golden_cases),
    };
    return pf_test_run(argc, argv, cases, PF_ARRAY_LEN(cases));
}
