/* The score: weights, redistribution, determinism. */
#include <math.h>

#include "gap/gap_score.h"
#include "harness.h"

static void test_perfect_and_empty_inputs(void)
{
    struct pf_gap_score_input in = {.required_total = 4, .required_met = 4,
                                    .preferred_total = 2, .preferred_met = 2};
    double score = -1;
    json_t *c = pf_gap_score(&in, &score);
    PF_CHECK(fabs(score - 100.0) < 0.01);
    PF_CHECK_INT_EQ(json_array_size(c), 6);
    PF_CHECK(json_is_true(json_object_get(json_array_get(c, 0), "applicable")));
    PF_CHECK(json_is_false(json_object_get(json_array_get(c, 3), "applicable")));
    json_decref(c);
    struct pf_gap_score_input none = {0};
    c = pf_gap_score(&none, &score);
    PF_CHECK(score == 0.0);
    json_decref(c);
}

static void test_components_add_up_and_repeat(void)
{
    struct pf_gap_score_input in = {
        .required_total = 5, .required_met = 2.75, .preferred_total = 2, .preferred_met = 1,
        .years_asked = 5, .years_have = 3, .seniority_known = true, .seniority_gap = 1,
        .title_known = true, .title_similarity = 0.5, .degree_asked = true, .degree_met = 1,
        .languages_total = 1, .languages_met = 0, .soft_total = 2, .soft_met = 1,
        .keywords_total = 10, .keywords_met = 6};
    double a = 0, b = 0;
    json_t *ca = pf_gap_score(&in, &a);
    json_t *cb = pf_gap_score(&in, &b);
    PF_CHECK(a == b);
    PF_CHECK(json_equal(ca, cb));
    double sum = 0;
    size_t i;
    json_t *item;
    json_array_foreach(ca, i, item) {
        sum += json_real_value(json_object_get(item, "points"));
    }
    PF_CHECK(fabs(sum - a) < 0.5);
    PF_CHECK(a > 40 && a < 75);
    json_decref(ca);
    json_decref(cb);
}

int main(int argc, char **argv)
{
    static const struct pf_test_case cases[] = {
        PF_CASE(test_perfect_and_empty_inputs),
        PF_CASE(test_components_add_up_and_repeat),
    };
    return pf_test_run(argc, argv, cases, PF_ARRAY_LEN(cases));
}
