/* Rule family "shape": length against experience, missing sections, detail on old roles. */
#include <stdio.h>
#include <string.h>

#include "gap/gap_int.h"

#define WORDS_PER_PAGE 500
#define OLD_ROLE_MONTHS 180
#define OLD_ROLE_BULLETS 2

static size_t words_in(const json_t *value)
{
    size_t total = 0;
    if (json_is_string(value))
        return gap_word_count(json_string_value(value));
    if (json_is_array(value)) {
        size_t i;
        json_t *item;
        json_array_foreach(value, i, item) {
            total += words_in(item);
        }
    } else if (json_is_object(value)) {
        const char *key;
        json_t *item;
        json_object_foreach((json_t *)value, key, item) {
            if (strcmp(key, "meta") != 0 && strcmp(key, "url") != 0 && strcmp(key, "image") != 0)
                total += words_in(item);
        }
    }
    return total;
}

void gap_check_shape(struct gap_ctx *ctx)
{
    const json_t *persona = ctx->persona;
    int64_t months = gap_experience_months(persona, ctx->today_month);
    int pages = months < 96 ? 1 : months < 192 ? 2 : 3;
    size_t words = words_in(persona);
    json_object_set_new(ctx->details, "words", json_integer((json_int_t)words));
    json_object_set_new(ctx->details, "experience_months", json_integer(months));
    json_object_set_new(ctx->details, "pages_expected", json_integer(pages));
    /* Half a page of tolerance: layouts differ. */
    if (words > (size_t)(pages * WORDS_PER_PAGE + WORDS_PER_PAGE / 2))
        gap_issue(ctx, "shape.too_long", "", NULL,
                  "Cut about %zu words: %zu words is about %zu pages, and %lld years of "
                  "experience calls for %d; trim old roles and repeated bullets first.",
                  words - (size_t)(pages * WORDS_PER_PAGE), words,
                  (words + WORDS_PER_PAGE - 1) / WORDS_PER_PAGE, (long long)(months / 12),
                  pages);
    if (json_array_size(json_object_get(persona, "work")) == 0) {
        if (json_array_size(json_object_get(persona, "projects")) > 0 ||
            json_array_size(json_object_get(persona, "volunteer")) > 0)
            gap_issue_sev(ctx, "shape.missing_work", PF_GAP_MEDIUM, "/work", NULL,
                          "Add a work section, even with internships, part-time or freelance "
                          "work; projects alone are read as no experience.");
        else
            gap_issue(ctx, "shape.missing_work", "/work", NULL,
                      "Add your work experience: employer, title, dates (YYYY-MM) and 2-5 "
                      "achievement bullets per role.");
    }
    if (json_array_size(json_object_get(persona, "education")) == 0)
        gap_issue(ctx, "shape.missing_education", "/education", NULL,
                  "Add your highest education (institution, degree, field, year), or relevant "
                  "training if you have no degree.");
    if (json_array_size(json_object_get(persona, "skills")) == 0)
        gap_issue(ctx, "shape.missing_skills", "/skills", NULL,
                  "Add a skills section grouping the tools and skills your experience shows "
                  "(e.g. Languages, Data, Cloud).");
    size_t i;
    json_t *entry;
    json_array_foreach(json_object_get(persona, "work"), i, entry) {
        int64_t end;
        size_t bullets = json_array_size(json_object_get(entry, "highlights"));
        if (bullets > OLD_ROLE_BULLETS &&
            gap_date_month(pf_json_get_str(entry, "endDate"), true, &end) &&
            ctx->today_month - end > OLD_ROLE_MONTHS) {
            char pointer[64];
            snprintf(pointer, sizeof(pointer), "/work/%zu/highlights", i);
            gap_issue(ctx, "shape.old_detail", pointer, NULL,
                      "This role ended over 15 years ago: keep at most %d bullets (the most "
                      "relevant) or a one-line summary.",
                      OLD_ROLE_BULLETS);
        }
    }
}
