/* Tests for kb/kb_infer.c: implied skills, soft skills from achievements, domains, seniority. */
#include <string.h>

#include "base/json.h"
#include "harness.h"
#include "kb/kb_extract.h"
#include "kb/kb_infer.h"

static struct pf_kb *kb;

static const struct pf_kb_entry *find(const struct pf_kb_entries *entries, const char *value)
{
    for (size_t i = 0; i < entries->count; i++) {
        if (strcmp(entries->items[i].value, value) == 0)
            return &entries->items[i];
    }
    return NULL;
}

static void run(const char *text, struct pf_arena *arena, struct pf_kb_entries *entries)
{
    json_t *resume = NULL;
    struct pf_error err = PF_ERROR_INIT;
    struct pf_kb_extract_opts opts = {.as_of_year = 2024, .as_of_month = 6};
    pf_kb_entries_init(entries, arena);
    PF_CHECK_STATUS(pf_json_parse(pf_str_from_cstr(text), 32, &resume, &err), PF_OK);
    PF_CHECK_STATUS(pf_kb_extract_cv(kb, resume, &opts, entries, &err), PF_OK);
    PF_CHECK_STATUS(pf_kb_infer(kb, resume, &opts, entries, &err), PF_OK);
    json_decref(resume);
}

static void test_infer_follows_implies_edges_with_lower_confidence(void)
{
    struct pf_arena *arena = pf_arena_new();
    struct pf_kb_entries entries;
    run("{\"work\":[{\"name\":\"Acme\",\"position\":\"Developer\",\"startDate\":\"2020-01\","
        "\"endDate\":\"2021-12\",\"highlights\":[\"Built dashboards in React\"]}]}",
        arena, &entries);
    const struct pf_kb_entry *react = find(&entries, "React");
    const struct pf_kb_entry *js = find(&entries, "JavaScript");
    PF_CHECK(react && js);
    if (react && js) {
        PF_CHECK_INT_EQ(js->source, PF_KB_SOURCE_AI_EXTRACTION);
        PF_CHECK(!js->confirmed);
        PF_CHECK(js->confidence < react->confidence);
        PF_CHECK_STR_EQ(pf_json_get_str(json_array_get(js->evidence, 0), "rule"), "implied_by");
        PF_CHECK_STR_EQ(json_string_value(json_array_get(json_object_get(js->details, "implied_by"), 0)),
                        "React");
        PF_CHECK(json_real_value(json_object_get(js->details, "years")) == 2.0);
    }
    pf_arena_free(arena);
}

static void test_infer_finds_soft_skills_in_achievements(void)
{
    struct pf_arena *arena = pf_arena_new();
    struct pf_kb_entries entries;
    run("{\"work\":[{\"name\":\"Acme\",\"highlights\":[\"Led a team of six engineers\","
        "\"Mentored two interns\",\"Negotiated vendor contracts\"]}]}",
        arena, &entries);
    /* "Mentored"/"Negotiated" name the skills (source cv); "led a team" only shows one. */
    const struct pf_kb_entry *leadership = find(&entries, "Leadership");
    PF_CHECK(leadership != NULL);
    if (leadership) {
        PF_CHECK_INT_EQ(leadership->type, PF_KB_ENTRY_SOFT_SKILL);
        PF_CHECK_INT_EQ(leadership->source, PF_KB_SOURCE_AI_EXTRACTION);
        PF_CHECK_STR_EQ(pf_json_get_str(json_array_get(leadership->evidence, 0), "rule"),
                        "achievement");
    }
    PF_CHECK(find(&entries, "Mentoring") != NULL);
    PF_CHECK(find(&entries, "Negotiation") != NULL);
    pf_arena_free(arena);
}

static void test_infer_reads_domains_from_employers_and_descriptions(void)
{
    struct pf_arena *arena = pf_arena_new();
    struct pf_kb_entries entries;
    run("{\"work\":[{\"name\":\"First National Bank\",\"summary\":\"Payments platform\"},"
        "{\"name\":\"Mercy Hospital\",\"summary\":\"Clinical systems for healthcare\"}]}",
        arena, &entries);
    const struct pf_kb_entry *banking = find(&entries, "Banking");
    PF_CHECK(banking && banking->type == PF_KB_ENTRY_DOMAIN && banking->confidence <= 0.5);
    PF_CHECK(banking && strcmp(pf_json_get_str(json_array_get(banking->evidence, 0), "field"),
                               "/work/0/name") == 0);
    PF_CHECK(find(&entries, "Healthcare") != NULL);
    pf_arena_free(arena);
}

static void test_infer_estimates_seniority_from_titles_and_years(void)
{
    struct pf_arena *arena = pf_arena_new();
    struct pf_kb_entries entries;
    run("{\"work\":[{\"position\":\"Software Engineer\",\"startDate\":\"2015-01\","
        "\"endDate\":\"2019-12\"},{\"position\":\"Senior Software Engineer\","
        "\"startDate\":\"2020-01\"}]}",
        arena, &entries);
    const struct pf_kb_entry *level = find(&entries, "senior");
    PF_CHECK(level && level->type == PF_KB_ENTRY_SENIORITY);
    PF_CHECK(level && json_real_value(json_object_get(level->details, "total_years")) == 9.5);
    pf_arena_free(arena);

    arena = pf_arena_new();
    run("{\"work\":[{\"position\":\"Data Intern\",\"startDate\":\"2024-01\"}]}", arena, &entries);
    PF_CHECK(find(&entries, "intern") != NULL);
    pf_arena_free(arena);
}

int main(int argc, char **argv)
{
    struct pf_error err = PF_ERROR_INIT;
    if (pf_kb_new(&kb, &err) != PF_OK)
        return 1;
    static const struct pf_test_case cases[] = {
        PF_CASE(test_infer_follows_implies_edges_with_lower_confidence),
        PF_CASE(test_infer_finds_soft_skills_in_achievements),
        PF_CASE(test_infer_reads_domains_from_employers_and_descriptions),
        PF_CASE(test_infer_estimates_seniority_from_titles_and_years),
    };
    int rc = pf_test_run(argc, argv, cases, PF_ARRAY_LEN(cases));
    pf_kb_free(kb);
    return rc;
}
