/* Score components and their weighting. */
#include "gap/gap_score.h"

#include <math.h>
#include <stdio.h>

struct component {
    const char *name;
    int weight;
    bool applicable;
    double score;
    char explanation[256];
};

static double ratio(double have, double total)
{
    if (total <= 0)
        return 1.0;
    double r = have / total;
    return r < 0 ? 0 : r > 1 ? 1 : r;
}

static double round1(double value)
{
    return floor(value * 10.0 + 0.5) / 10.0;
}

json_t *pf_gap_score(const struct pf_gap_score_input *in, double *out_score)
{
    struct component c[6] = {
        {"hard_skills", PF_GAP_WEIGHT_HARD_SKILLS, false, 0, ""},
        {"experience", PF_GAP_WEIGHT_EXPERIENCE, false, 0, ""},
        {"title", PF_GAP_WEIGHT_TITLE, false, 0, ""},
        {"education", PF_GAP_WEIGHT_EDUCATION, false, 0, ""},
        {"soft_skills", PF_GAP_WEIGHT_SOFT_SKILLS, false, 0, ""},
        {"keywords", PF_GAP_WEIGHT_KEYWORDS, false, 0, ""},
    };
    /* Required skills count twice as much as preferred ones. */
    double asked = 2 * in->required_total + in->preferred_total;
    if (asked > 0) {
        c[0].applicable = true;
        c[0].score = ratio(2 * in->required_met + in->preferred_met, asked);
        snprintf(c[0].explanation, sizeof(c[0].explanation),
                 "%.2g of %.0f required and %.2g of %.0f preferred skills shown (required "
                 "count double; a skill only implied by another counts 0.75)",
                 in->required_met, in->required_total, in->preferred_met, in->preferred_total);
    }
    double parts = 0, sum = 0;
    int len = 0;
    if (in->years_asked > 0) {
        parts++;
        sum += ratio(in->years_have, in->years_asked);
        len += snprintf(c[1].explanation + len, sizeof(c[1].explanation) - (size_t)len,
                        "%.1f of %d years asked; ", in->years_have, in->years_asked);
    }
    if (in->skill_years_total > 0 && len < 200) {
        parts++;
        sum += ratio(in->skill_years_met, in->skill_years_total);
        len += snprintf(c[1].explanation + len, sizeof(c[1].explanation) - (size_t)len,
                        "years with %d named skills met at %.0f%%; ", in->skill_years_total,
                        100.0 * ratio(in->skill_years_met, in->skill_years_total));
    }
    if (in->seniority_known && len < 200) {
        parts++;
        int gap = in->seniority_gap;
        double s = gap <= 0 && gap >= -1 ? 1.0 : (gap == 1 || gap == -2) ? 0.5 : 0.0;
        sum += s;
        snprintf(c[1].explanation + len, sizeof(c[1].explanation) - (size_t)len,
                 "seniority %s", gap == 0 ? "matches" : gap > 0 ? "below the role's"
                                                                 : "above the role's");
    }
    if (parts > 0) {
        c[1].applicable = true;
        c[1].score = sum / parts;
    }
    if (in->title_known) {
        c[2].applicable = true;
        c[2].score = ratio(in->title_similarity, 1);
        snprintf(c[2].explanation, sizeof(c[2].explanation),
                 "%.0f%% of the job title's words appear in your headline or latest title",
                 100 * c[2].score);
    }
    parts = 0;
    sum = 0;
    len = 0;
    if (in->degree_asked) {
        parts++;
        sum += ratio(in->degree_met, 1);
        len += snprintf(c[3].explanation, sizeof(c[3].explanation), "degree %s; ",
                        in->degree_met >= 1 ? "met" : in->degree_met > 0 ? "partly met"
                                                                          : "not shown");
    }
    if (in->certificates_total > 0) {
        parts++;
        sum += ratio(in->certificates_met, in->certificates_total);
        len += snprintf(c[3].explanation + len, sizeof(c[3].explanation) - (size_t)len,
                        "%d of %d certificates; ", in->certificates_met,
                        in->certificates_total);
    }
    if (in->languages_total > 0 && len < 200) {
        parts++;
        sum += ratio(in->languages_met, in->languages_total);
        snprintf(c[3].explanation + len, sizeof(c[3].explanation) - (size_t)len,
                 "%d of %d languages", in->languages_met, in->languages_total);
    }
    if (parts > 0) {
        c[3].applicable = true;
        c[3].score = sum / parts;
    }
    if (in->soft_total > 0) {
        c[4].applicable = true;
        c[4].score = ratio(in->soft_met, in->soft_total);
        snprintf(c[4].explanation, sizeof(c[4].explanation),
                 "%d of %d soft skills the posting names are evidenced", in->soft_met,
                 in->soft_total);
    }
    if (in->keywords_total > 0) {
        c[5].applicable = true;
        c[5].score = ratio(in->keywords_met, in->keywords_total);
        snprintf(c[5].explanation, sizeof(c[5].explanation),
                 "%d of %d terms of the posting appear in your CV", in->keywords_met,
                 in->keywords_total);
    }
    int applicable_weight = 0;
    for (size_t i = 0; i < 6; i++)
        applicable_weight += c[i].applicable ? c[i].weight : 0;
    json_t *out = json_array();
    double total = 0;
    for (size_t i = 0; i < 6; i++) {
        double effective = applicable_weight > 0 && c[i].applicable
                               ? 100.0 * c[i].weight / applicable_weight
                               : 0.0;
        double points = effective * c[i].score;
        total += points;
        json_array_append_new(
            out, json_pack("{s:s,s:i,s:f,s:b,s:f,s:f,s:s}", "name", c[i].name, "weight",
                           c[i].weight, "effective_weight", round1(effective), "applicable",
                           c[i].applicable, "score", floor(c[i].score * 1000 + 0.5) / 1000,
                           "points", round1(points), "explanation",
                           c[i].applicable ? c[i].explanation : "the posting asks nothing here"));
    }
    *out_score = applicable_weight > 0 ? round1(total) : 0.0;
    return out;
}
