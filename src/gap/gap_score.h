/* The role-specific score: six components with fixed weights, each a ratio of what the
 * posting asks that the persona shows. Deterministic and explained. */
#ifndef PF_GAP_GAP_SCORE_H
#define PF_GAP_GAP_SCORE_H

#include <stdbool.h>

#include "base/json.h"

/* What the matching counted. Totals of 0 make a part not applicable. */
struct pf_gap_score_input {
    double required_total;   /* required hard skills asked */
    double required_met;     /* 1 per shown skill, 0.75 per skill only implied */
    double preferred_total;
    double preferred_met;
    int years_asked;         /* overall years; 0 none */
    double years_have;
    int skill_years_total;   /* skills with years asked */
    double skill_years_met;  /* sum of min(1, have/asked) */
    bool seniority_known;
    int seniority_gap;       /* posting rank - persona rank */
    bool title_known;
    double title_similarity; /* 0..1 */
    bool degree_asked;
    double degree_met;       /* 0..1 */
    int certificates_total;
    int certificates_met;
    int languages_total;
    int languages_met;
    int soft_total;
    int soft_met;
    int keywords_total;
    int keywords_met;
};

#define PF_GAP_WEIGHT_HARD_SKILLS 40
#define PF_GAP_WEIGHT_EXPERIENCE 20
#define PF_GAP_WEIGHT_TITLE 10
#define PF_GAP_WEIGHT_EDUCATION 10
#define PF_GAP_WEIGHT_SOFT_SKILLS 10
#define PF_GAP_WEIGHT_KEYWORDS 10

/* The score 0..100 (one decimal) in *out_score and its components (a new reference):
 * [{name, weight, effective_weight, applicable, score (0..1), points, explanation}].
 * Components that do not apply (the posting asks nothing of that kind) give their weight to
 * the others in proportion. */
json_t *pf_gap_score(const struct pf_gap_score_input *in, double *out_score);

#endif
