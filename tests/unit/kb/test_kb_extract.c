/* Tests for kb/kb_extract.c and kb/kb_fields.c: entries, evidence spans, years of use, dates. */
#include <string.h>

#include "base/json.h"
#include "harness.h"
#include "kb/kb_extract.h"

static struct pf_kb *kb;

static json_t *parse(const char *text)
{
    json_t *json = NULL;
    struct pf_error err = PF_ERROR_INIT;
    if (pf_json_parse(pf_str_from_cstr(text), 32, &json, &err) != PF_OK)
        pf_test_fail(__FILE__, __LINE__, "bad test JSON: %s", err.message);
    return json;
}

static const struct pf_kb_entry *find(const struct pf_kb_entries *entries, const char *value)
{
    for (size_t i = 0; i < entries->count; i++) {
        if (strcmp(entries->items[i].value, value) == 0)
            return &entries->items[i];
    }
    return NULL;
}

static const char *resume_text =
    "{\"basics\":{\"label\":\"Backend engineer\",\"summary\":\"Open to relocation.\"},"
    "\"work\":[{\"name\":\"Acme\",\"position\":\"Engineer\",\"startDate\":\"2018-01\","
    "\"endDate\":\"2020-12\",\"highlights\":[\"Built APIs in Python and Java\"]},"
    "{\"name\":\"Initech\",\"position\":\"Senior Engineer\",\"startDate\":\"2020-06-15\","
    "\"endDate\":\"Present\",\"summary\":\"Python services on Kubernetes\"}],"
    "\"skills\":[{\"name\":\"Tools\",\"level\":\"Expert\",\"keywords\":[\"Python\",\"Terraform\","
    "\"Frobnicator 3000\"]}],"
    "\"languages\":[{\"language\":\"Spanish\",\"fluency\":\"Native\"}]}";

static void test_extract_merges_overlapping_jobs_into_years_of_use(void)
{
    struct pf_arena *arena = pf_arena_new();
    struct pf_kb_entries entries;
    struct pf_error err = PF_ERROR_INIT;
    struct pf_kb_extract_opts opts = {.as_of_year = 2024, .as_of_month = 6};
    json_t *resume = parse(resume_text);
    pf_kb_entries_init(&entries, arena);
    PF_CHECK_STATUS(pf_kb_extract_cv(kb, resume, &opts, &entries, &err), PF_OK);

    const struct pf_kb_entry *python = find(&entries, "Python");
    PF_CHECK(python != NULL);
    if (python) {
        /* 2018-01..2020-12 and 2020-06..2024-06 overlap: 2018-01..2024-06 = 78 months. */
        PF_CHECK(json_real_value(json_object_get(python->details, "years")) == 6.5);
        PF_CHECK_STR_EQ(pf_json_get_str(python->details, "last_used"), "2024-06");
        PF_CHECK(json_is_true(json_object_get(python->details, "current")));
        PF_CHECK_INT_EQ(json_array_size(python->evidence), 3);
        PF_CHECK_STR_EQ(pf_json_get_str(python->details, "level"), "Expert");
        PF_CHECK_INT_EQ(python->source, PF_KB_SOURCE_CV);
    }
    const struct pf_kb_entry *java = find(&entries, "Java");
    PF_CHECK(java && json_real_value(json_object_get(java->details, "years")) == 3.0);
    PF_CHECK(java && strcmp(pf_json_get_str(java->details, "last_used"), "2020-12") == 0);
    const struct pf_kb_entry *terraform = find(&entries, "Terraform");
    PF_CHECK(terraform && json_is_null(json_object_get(terraform->details, "years")));
    const struct pf_kb_entry *unknown = find(&entries, "Frobnicator 3000");
    PF_CHECK(unknown && unknown->confidence < 0.7 && unknown->concept == PF_KB_NO_CONCEPT);
    const struct pf_kb_entry *spanish = find(&entries, "Spanish");
    PF_CHECK(spanish && strcmp(pf_json_get_str(spanish->details, "fluency"), "Native") == 0);
    const struct pf_kb_entry *relocation = find(&entries, "Relocation");
    PF_CHECK(relocation && relocation->type == PF_KB_ENTRY_PREFERENCE);
    size_t pythons = 0;
    for (size_t i = 0; i < entries.count; i++)
        pythons += strcmp(entries.items[i].normalized, "python") == 0;
    PF_CHECK_INT_EQ(pythons, 1);
    json_decref(resume);
    pf_arena_free(arena);
}

static void test_extract_locates_evidence_in_raw_text(void)
{
    struct pf_arena *arena = pf_arena_new();
    struct pf_kb_entries entries;
    struct pf_error err = PF_ERROR_INIT;
    const char *raw = "JANE DOE\nSkills: Terraform\nWork\nBuilt APIs in Python and Java\n";
    struct pf_kb_extract_opts opts = {.cv_id = "cv-1", .raw_text = pf_str_from_cstr(raw),
                                      .as_of_year = 2024, .as_of_month = 6};
    json_t *resume = parse("{\"work\":[{\"startDate\":\"2020\",\"highlights\":"
                           "[\"Built APIs in Python and Java\"]}],"
                           "\"skills\":[{\"keywords\":[\"Terraform\"]}]}");
    pf_kb_entries_init(&entries, arena);
    PF_CHECK_STATUS(pf_kb_extract_cv(kb, resume, &opts, &entries, &err), PF_OK);
    const struct pf_kb_entry *java = find(&entries, "Java");
    json_t *evidence = java ? json_array_get(java->evidence, 0) : NULL;
    PF_CHECK(evidence != NULL);
    if (evidence) {
        json_int_t start = json_integer_value(json_object_get(evidence, "start"));
        PF_CHECK(strncmp(raw + start, "Java", 4) == 0);
        PF_CHECK_STR_EQ(pf_json_get_str(evidence, "cv_id"), "cv-1");
        PF_CHECK_STR_EQ(pf_json_get_str(evidence, "field"), "/work/0/highlights/0");
        PF_CHECK(strstr(pf_json_get_str(evidence, "snippet"), "Python and Java") != NULL);
    }
    json_decref(resume);
    pf_arena_free(arena);
}

static void test_extract_prefers_the_parsers_meta_spans(void)
{
    struct pf_arena *arena = pf_arena_new();
    struct pf_kb_entries entries;
    struct pf_error err = PF_ERROR_INIT;
    /* "Go" occurs twice; meta points at the second line. */
    const char *raw = "Go\nx\nWrote Go services\n";
    struct pf_kb_extract_opts opts = {.raw_text = pf_str_from_cstr(raw)};
    json_t *resume = parse("{\"work\":[{\"summary\":\"Wrote Go services\","
                           "\"meta\":{\"spans\":{\"summary\":[5,22]}}}]}");
    pf_kb_entries_init(&entries, arena);
    PF_CHECK_STATUS(pf_kb_extract_cv(kb, resume, &opts, &entries, &err), PF_OK);
    const struct pf_kb_entry *go = find(&entries, "Go");
    json_t *evidence = go ? json_array_get(go->evidence, 0) : NULL;
    PF_CHECK(evidence && json_integer_value(json_object_get(evidence, "start")) == 11);
    json_decref(resume);
    pf_arena_free(arena);
}

static void test_extract_rejects_a_non_object(void)
{
    struct pf_arena *arena = pf_arena_new();
    struct pf_kb_entries entries;
    struct pf_error err = PF_ERROR_INIT;
    json_t *array = json_array();
    pf_kb_entries_init(&entries, arena);
    PF_CHECK_STATUS(pf_kb_extract_cv(kb, array, NULL, &entries, &err), PF_E_INVALID);
    json_decref(array);
    pf_arena_free(arena);
}

static void test_parse_date_reads_resume_date_forms(void)
{
    int month;
    bool present;
    int as_of = 2024 * 12 + 5;
    PF_CHECK(pf_kb_parse_date("2019-03-15", false, as_of, &month, &present) && month == 2019 * 12 + 2);
    PF_CHECK(pf_kb_parse_date("2019", false, as_of, &month, &present) && month == 2019 * 12);
    PF_CHECK(pf_kb_parse_date("2019", true, as_of, &month, &present) && month == 2019 * 12 + 11);
    PF_CHECK(pf_kb_parse_date("03/2019", false, as_of, &month, &present) && month == 2019 * 12 + 2);
    PF_CHECK(pf_kb_parse_date("Sept 2019", false, as_of, &month, &present) && month == 2019 * 12 + 8);
    PF_CHECK(pf_kb_parse_date("Present", true, as_of, &month, &present) && present && month == as_of);
    PF_CHECK(pf_kb_parse_date("", true, as_of, &month, &present) && present);
    PF_CHECK(!pf_kb_parse_date("2019-13", false, as_of, &month, &present));
    PF_CHECK(!pf_kb_parse_date("soon", false, as_of, &month, &present));
}

int main(int argc, char **argv)
{
    struct pf_error err = PF_ERROR_INIT;
    if (pf_kb_new(&kb, &err) != PF_OK)
        return 1;
    static const struct pf_test_case cases[] = {
        PF_CASE(test_extract_merges_overlapping_jobs_into_years_of_use),
        PF_CASE(test_extract_locates_evidence_in_raw_text),
        PF_CASE(test_extract_prefers_the_parsers_meta_spans),
        PF_CASE(test_extract_rejects_a_non_object),
        PF_CASE(test_parse_date_reads_resume_date_forms),
    };
    int rc = pf_test_run(argc, argv, cases, PF_ARRAY_LEN(cases));
    pf_kb_free(kb);
    return rc;
}
