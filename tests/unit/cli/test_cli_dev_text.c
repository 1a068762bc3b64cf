/* Tests for cli/cli_dev_text.c: the generated text is deterministic for a seed, reads like CVs
 * and personas, and the knowledge-base value space holds distinct values per type. */
#include <stdlib.h>
#include <string.h>

#include "cli/cli_dev_text.h"
#include "harness.h"

static void test_same_seed_same_text(void)
{
    struct pf_arena *arena = pf_arena_new();
    struct pf_dev_gen *a = pf_dev_gen_new(42);
    struct pf_dev_gen *b = pf_dev_gen_new(42);
    struct pf_dev_cv cv_a;
    struct pf_dev_cv cv_b;
    pf_dev_cv(a, arena, &cv_a);
    pf_dev_cv(b, arena, &cv_b);
    PF_CHECK_STR_EQ(cv_a.raw_text, cv_b.raw_text);
    struct pf_dev_persona p_a;
    struct pf_dev_persona p_b;
    pf_dev_persona(a, arena, &p_a);
    pf_dev_persona(b, arena, &p_b);
    PF_CHECK_STR_EQ(p_a.title, p_b.title);
    pf_dev_gen_free(a);
    pf_dev_gen_free(b);
    pf_dev_gen_free(NULL);
    pf_arena_free(arena);
}

static void test_cvs_and_personas_read_like_them(void)
{
    struct pf_arena *arena = pf_arena_new();
    struct pf_dev_gen *gen = pf_dev_gen_new(7);
    for (int i = 0; i < 50; i++) {
        struct pf_dev_cv cv;
        pf_dev_cv(gen, arena, &cv);
        PF_CHECK(strncmp(cv.raw_text, cv.name, strlen(cv.name)) == 0);
        PF_CHECK(strstr(cv.raw_text, "EXPERIENCE") && strstr(cv.raw_text, "SKILLS"));
        PF_CHECK(strlen(cv.raw_text) > 500 && pf_utf8_valid(cv.raw_text, strlen(cv.raw_text)));
        PF_CHECK_STR_EQ(pf_json_get_str(json_object_get(cv.parsed_json, "basics"), "name"),
                        cv.name);
        PF_CHECK(json_array_size(json_object_get(cv.parsed_json, "work")) >= 2);
        struct pf_dev_persona p;
        pf_dev_persona(gen, arena, &p);
        PF_CHECK(p.title && *p.title && p.summary && strstr(p.summary, "years"));
        PF_CHECK(json_array_size(p.tags) >= 1 && json_is_object(p.data));
    }
    pf_dev_gen_free(gen);
    pf_arena_free(arena);
}

/* Skills fall off with their rank: the head is everywhere, the tail is rare. */
static void test_skill_frequencies_fall_off(void)
{
    struct pf_arena *arena = pf_arena_new();
    struct pf_dev_gen *gen = pf_dev_gen_new(1);
    int python = 0;
    int erlang = 0;
    for (int i = 0; i < 400; i++) {
        struct pf_dev_cv cv;
        pf_dev_cv(gen, arena, &cv);
        python += strstr(cv.raw_text, "Python") != NULL;
        erlang += strstr(cv.raw_text, "Erlang") != NULL;
    }
    PF_CHECK(python > 200);
    PF_CHECK(erlang < python / 10);
    pf_dev_gen_free(gen);
    pf_arena_free(arena);
}

static int compare_strings(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void test_kb_values_are_distinct_within_a_type(void)
{
    struct pf_arena *arena = pf_arena_new();
    struct pf_dev_gen *gen = pf_dev_gen_new(3);
    for (int type = 0; type < PF_DEV_KB_TYPES; type++) {
        size_t space = pf_dev_kb_space(type);
        PF_CHECK(space >= 50);
        PF_CHECK(pf_dev_kb_type(type) && *pf_dev_kb_type(type));
        char **seen = pf_arena_alloc(arena, space * sizeof(*seen));
        for (size_t i = 0; i < space; i++) {
            char *normalized = NULL;
            char *value = pf_dev_kb_value(type, i, arena, &normalized);
            for (const char *p = normalized; *p; p++)
                PF_CHECK(!(*p >= 'A' && *p <= 'Z'));
            seen[i] = normalized;
            if (i == 0)
                PF_CHECK(strstr(pf_dev_kb_evidence(gen, arena, value), value) != NULL);
        }
        qsort(seen, space, sizeof(*seen), compare_strings);
        for (size_t i = 1; i < space; i++) {
            if (strcmp(seen[i - 1], seen[i]) == 0)
                pf_test_fail(__FILE__, __LINE__, "\"%s\" twice in type %d", seen[i], type);
        }
    }
    pf_dev_gen_free(gen);
    pf_arena_free(arena);
}

int main(int argc, char **argv)
{
    static const struct pf_test_case cases[] = {
        PF_CASE(test_same_seed_same_text),
        PF_CASE(test_cvs_and_personas_read_like_them),
        PF_CASE(test_skill_frequencies_fall_off),
        PF_CASE(test_kb_values_are_distinct_within_a_type),
    };
    return pf_test_run(argc, argv, cases, PF_ARRAY_LEN(cases));
}
