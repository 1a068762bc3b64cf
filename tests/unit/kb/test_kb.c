/* Tests for kb/kb.c and kb/kb_load.c: loading, merging and checking the taxonomy. */
#include <string.h>

#include "harness.h"
#include "kb/kb.h"
#include "kb_test_util.h"

static pf_status load(const char *concepts, const char *rules, struct pf_kb **out_kb,
                      struct pf_error *err)
{
    struct pf_embedded_file files[] = {
        {"a/concepts.tsv", concepts, strlen(concepts)},
        {"a/context_rules.tsv", rules ? rules : "", rules ? strlen(rules) : 0},
        {0, 0, 0},
    };
    return pf_kb_new_from_files(files, 2, out_kb, err);
}

static void test_taxonomy_merges_rows_of_the_same_name(void)
{
    struct pf_kb *kb = NULL;
    struct pf_error err = PF_ERROR_INIT;
    PF_CHECK_STATUS(load("Python\tskill\tlanguage\tpy3\n"
                         "Scripting\tskill\n"
                         "python\t\t\tPython 3\tScripting\tcased\n",
                         NULL, &kb, &err),
                    PF_OK);
    PF_CHECK_INT_EQ(pf_kb_concept_count(kb), 2);
    uint32_t id = 99;
    PF_CHECK(pf_kb_lookup(kb, PF_STR("PYTHON  3"), &id));
    PF_CHECK_STR_EQ(pf_kb_concept_name(kb, id), "Python");
    PF_CHECK_INT_EQ(pf_kb_concept_alias_count(kb, id), 2);
    PF_CHECK(pf_kb_concept_flags(kb, id) & PF_KB_CONCEPT_CASED);
    const uint32_t *implies = NULL;
    PF_CHECK_INT_EQ(pf_kb_concept_implies(kb, id, &implies), 1);
    PF_CHECK_STR_EQ(pf_kb_concept_name(kb, implies[0]), "Scripting");
    pf_kb_free(kb);
}

static void test_taxonomy_gives_a_name_priority_over_another_alias(void)
{
    struct pf_kb *kb = NULL;
    struct pf_error err = PF_ERROR_INIT;
    PF_CHECK_STATUS(load("Spark\ttool\t\tSpark AR\nApache Spark\ttool\t\tSpark\n", NULL, &kb,
                         &err),
                    PF_OK);
    uint32_t id;
    PF_CHECK(pf_kb_lookup(kb, PF_STR("spark"), &id));
    PF_CHECK_STR_EQ(pf_kb_concept_name(kb, id), "Spark");
    PF_CHECK_INT_EQ(pf_kb_concept_alias_count(kb, 1), 0);
    pf_kb_free(kb);
}

static void test_taxonomy_drops_concepts_flagged_drop(void)
{
    struct pf_kb *kb = NULL;
    struct pf_error err = PF_ERROR_INIT;
    PF_CHECK_STATUS(load("Text\tskill\nPython\tskill\nText\t\t\t\t\tdrop\n", NULL, &kb, &err),
                    PF_OK);
    uint32_t id;
    PF_CHECK_INT_EQ(pf_kb_concept_count(kb), 1);
    PF_CHECK(!pf_kb_lookup(kb, PF_STR("text"), &id));
    pf_kb_free(kb);
}

static void test_taxonomy_rejects_bad_rows_with_file_and_line(void)
{
    struct pf_kb *kb = NULL;
    struct pf_error err = PF_ERROR_INIT;
    PF_CHECK_STATUS(load("A\tskill\nB\tskill\t\t\tNope\n", NULL, &kb, &err), PF_E_PARSE);
    PF_CHECK(strstr(err.message, "a/concepts.tsv:2") != NULL);
    PF_CHECK(strstr(err.message, "Nope") != NULL);
    PF_CHECK_STATUS(load("A\tgadget\n", NULL, &kb, &err), PF_E_PARSE);
    PF_CHECK_STATUS(load("A\n", NULL, &kb, &err), PF_E_PARSE);
    PF_CHECK_STATUS(load("A\tskill\t\t\t\tshiny\n", NULL, &kb, &err), PF_E_PARSE);
    PF_CHECK_STATUS(load("A\tskill\n", "Unknown\tnext\tx\taccept\n", &kb, &err), PF_E_PARSE);
    PF_CHECK_STATUS(load("A\tskill\n", "A\taround\tx\taccept\n", &kb, &err), PF_E_PARSE);
    PF_CHECK(kb == NULL);
}

static void test_taxonomy_embedded_data_loads_and_is_large_enough(void)
{
    struct pf_kb *kb = NULL;
    struct pf_error err = PF_ERROR_INIT;
    PF_CHECK_STATUS(pf_kb_new(&kb, &err), PF_OK);
    if (!kb) {
        pf_test_fail(__FILE__, __LINE__, "embedded taxonomy: %s", err.message);
        return;
    }
    struct pf_kb_stats stats;
    pf_kb_get_stats(kb, &stats);
    PF_CHECK(stats.concepts >= 5000);
    for (int c = 0; c < PF_KB_CATEGORY_COUNT; c++)
        PF_CHECK(stats.by_category[c] > 0);
    PF_CHECK(stats.implies > 1000);
    PF_CHECK(stats.context_rules > 50);
    struct {
        const char *name;
        const char *canonical;
        const char *implied;
    } edges[] = {
        {"React", "React", "JavaScript"},
        {"Django", "Django", "Python"},
        {"k8s", "Kubernetes", "Containers"},
        {"dbt", "dbt", "SQL"},
        {"golang", "Go", NULL},
        {"Power BI", "Microsoft Power BI", NULL},
    };
    for (size_t i = 0; i < PF_ARRAY_LEN(edges); i++) {
        uint32_t id;
        if (!pf_kb_lookup(kb, pf_str_from_cstr(edges[i].name), &id)) {
            pf_test_fail(__FILE__, __LINE__, "%s is not in the taxonomy", edges[i].name);
            continue;
        }
        PF_CHECK_STR_EQ(pf_kb_concept_name(kb, id), edges[i].canonical);
        if (!edges[i].implied)
            continue;
        const uint32_t *implies;
        size_t count = pf_kb_concept_implies(kb, id, &implies);
        bool found = false;
        for (size_t k = 0; k < count; k++)
            found = found || strcmp(pf_kb_concept_name(kb, implies[k]), edges[i].implied) == 0;
        if (!found)
            pf_test_fail(__FILE__, __LINE__, "%s does not imply %s", edges[i].name,
                         edges[i].implied);
    }
    pf_kb_free(kb);
}

static void test_taxonomy_names_categories(void)
{
    enum pf_kb_category category;
    PF_CHECK(pf_kb_category_parse(PF_STR("soft_skill"), &category));
    PF_CHECK_INT_EQ(category, PF_KB_SOFT_SKILL);
    PF_CHECK_STR_EQ(pf_kb_category_name(PF_KB_PREFERENCE), "preference");
    PF_CHECK(!pf_kb_category_parse(PF_STR("hobby"), &category));
    pf_kb_free(NULL);
}

int main(int argc, char **argv)
{
    static const struct pf_test_case cases[] = {
        PF_CASE(test_taxonomy_merges_rows_of_the_same_name),
        PF_CASE(test_taxonomy_gives_a_name_priority_over_another_alias),
        PF_CASE(test_taxonomy_drops_concepts_flagged_drop),
        PF_CASE(test_taxonomy_rejects_bad_rows_with_file_and_line),
        PF_CASE(test_taxonomy_embedded_data_loads_and_is_large_enough),
        PF_CASE(test_taxonomy_names_categories),
    };
    return pf_test_run(argc, argv, cases, PF_ARRAY_LEN(cases));
}
