/* Rule family "dates": formats, impossible and future dates, overlaps and gaps in work. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gap/gap_int.h"

#define GAP_MIN_MONTHS 7      /* more than 6 months between roles */
#define OVERLAP_MIN_MONTHS 3  /* overlaps shorter than this are hand-overs */

static const struct {
    const char *section;
    const char *fields[3];
} dated[] = {
    {"work", {"startDate", "endDate", NULL}},
    {"volunteer", {"startDate", "endDate", NULL}},
    {"education", {"startDate", "endDate", NULL}},
    {"projects", {"startDate", "endDate", NULL}},
    {"awards", {"date", NULL, NULL}},
    {"certificates", {"date", NULL, NULL}},
    {"publications", {"releaseDate", NULL, NULL}},
};

static void check_formats(struct gap_ctx *ctx)
{
    int shapes_seen[4] = {0, 0, 0, 0};
    char first_of[4][96] = {"", "", "", ""};
    for (size_t s = 0; s < PF_ARRAY_LEN(dated); s++) {
        size_t i;
        json_t *entry;
        json_array_foreach(json_object_get(ctx->persona, dated[s].section), i, entry) {
            for (size_t f = 0; f < 3 && dated[s].fields[f]; f++) {
                const char *value = pf_json_get_str(entry, dated[s].fields[f]);
                if (!value || !*value)
                    continue;
                char pointer[96];
                snprintf(pointer, sizeof(pointer), "/%s/%zu/%s", dated[s].section, i,
                         dated[s].fields[f]);
                int shape = gap_date_shape(value);
                int64_t month;
                if (shape == 0 || !gap_date_month(value, false, &month)) {
                    gap_issue(ctx, "dates.non_iso", pointer, NULL,
                              "Write \"%.40s\" as YYYY-MM (e.g. 2021-03); leave endDate empty "
                              "for a current role instead of \"Present\".",
                              value);
                    continue;
                }
                /* Only work and education are compared: awards and certificates are often
                 * year-only by nature. */
                if (strcmp(dated[s].section, "work") != 0 &&
                    strcmp(dated[s].section, "education") != 0)
                    continue;
                int kind = shape == 1 ? 1 : 2;
                if (!shapes_seen[kind])
                    snprintf(first_of[kind], sizeof(first_of[kind]), "%s", pointer);
                shapes_seen[kind]++;
            }
        }
    }
    if (shapes_seen[1] && shapes_seen[2]) {
        int minority = shapes_seen[1] <= shapes_seen[2] ? 1 : 2;
        gap_issue(ctx, "dates.inconsistent_precision", first_of[minority], NULL,
                  "Use one date format throughout: %d dates are years only and %d have "
                  "months; prefer YYYY-MM everywhere.",
                  shapes_seen[1], shapes_seen[2]);
    }
}

static void check_ranges(struct gap_ctx *ctx)
{
    for (size_t s = 0; s < PF_ARRAY_LEN(dated); s++) {
        size_t i;
        json_t *entry;
        json_array_foreach(json_object_get(ctx->persona, dated[s].section), i, entry) {
            const char *start_text = pf_json_get_str(entry, dated[s].fields[0]);
            const char *end_text = dated[s].fields[1] ? pf_json_get_str(entry, "endDate") : NULL;
            int64_t start = 0, end = 0;
            bool has_start = gap_date_month(start_text, false, &start);
            bool has_end = gap_date_month(end_text, false, &end);
            char pointer[96];
            /* Education and certificates may legitimately end in the future (expected
             * graduation, expiry); a future start is still a typo everywhere but
             * education. */
            bool may_end_later = strcmp(dated[s].section, "education") == 0 ||
                                 strcmp(dated[s].section, "certificates") == 0;
            if (has_start && start > ctx->today_month && !may_end_later) {
                snprintf(pointer, sizeof(pointer), "/%s/%zu/%s", dated[s].section, i,
                         dated[s].fields[0]);
                gap_issue(ctx, "dates.future", pointer, NULL,
                          "%s is after today: correct the year or month.", start_text);
            }
            if (has_end && end > ctx->today_month + 1 && !may_end_later) {
                snprintf(pointer, sizeof(pointer), "/%s/%zu/endDate", dated[s].section, i);
                gap_issue(ctx, "dates.future", pointer, NULL,
                          "The end date %s is after today: leave endDate empty for a current "
                          "role, or correct it.",
                          end_text);
            }
            if (has_start && has_end && end < start) {
                snprintf(pointer, sizeof(pointer), "/%s/%zu/endDate", dated[s].section, i);
                gap_issue(ctx, "dates.end_before_start", pointer, NULL,
                          "The end date %s is before the start date %s: swap or correct them.",
                          end_text, start_text);
            }
            if (strcmp(dated[s].section, "work") == 0 && (!start_text || !*start_text)) {
                snprintf(pointer, sizeof(pointer), "/work/%zu/startDate", i);
                gap_issue(ctx, "dates.missing_start", pointer, NULL,
                          "Add the month and year this role started (startDate, YYYY-MM).");
            }
        }
    }
}

struct span {
    int64_t start;
    int64_t end;
    size_t index;
};

static int span_cmp(const void *a, const void *b)
{
    const struct span *x = a;
    const struct span *y = b;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    return x->end < y->end ? -1 : (x->end > y->end);
}

/* True when something else (education, volunteering, a project) covers most of [from, to]. */
static bool explained(const struct gap_ctx *ctx, int64_t from, int64_t to)
{
    static const char *const others[] = {"education", "volunteer", "projects"};
    for (size_t s = 0; s < PF_ARRAY_LEN(others); s++) {
        size_t i;
        json_t *entry;
        json_array_foreach(json_object_get(ctx->persona, others[s]), i, entry) {
            int64_t start, end = ctx->today_month;
            if (!gap_date_month(pf_json_get_str(entry, "startDate"), false, &start))
                continue;
            const char *end_text = pf_json_get_str(entry, "endDate");
            if (end_text && *end_text && !gap_date_month(end_text, true, &end))
                continue;
            int64_t covered = (end < to ? end : to) - (start > from ? start : from) + 1;
            if (covered * 2 >= to - from + 1)
                return true;
        }
    }
    return false;
}

static void check_timeline(struct gap_ctx *ctx)
{
    const json_t *work = json_object_get(ctx->persona, "work");
    size_t count = json_array_size(work);
    struct span *spans = calloc(count + 1, sizeof(*spans));
    size_t n = 0;
    for (size_t i = 0; i < count; i++) {
        const json_t *entry = json_array_get(work, i);
        int64_t start, end = ctx->today_month;
        if (!gap_date_month(pf_json_get_str(entry, "startDate"), false, &start))
            continue;
        const char *end_text = pf_json_get_str(entry, "endDate");
        if (end_text && *end_text && !gap_date_month(end_text, false, &end))
            continue;
        if (end < start)
            continue;
        spans[n++] = (struct span){start, end, i};
    }
    qsort(spans, n, sizeof(*spans), span_cmp);
    int64_t reach = -1;
    size_t reach_index = 0;
    for (size_t k = 0; k < n; k++) {
        char pointer[64];
        if (reach >= 0 && spans[k].start - reach - 1 >= GAP_MIN_MONTHS &&
            !explained(ctx, reach + 1, spans[k].start - 1)) {
            int64_t months = spans[k].start - reach - 1;
            snprintf(pointer, sizeof(pointer), "/work/%zu/startDate", spans[k].index);
            gap_issue(ctx, "dates.gap", pointer, NULL,
                      "Explain the %lld-month gap before this role (study, care, travel, "
                      "freelance work) in a line, or add what you did then.",
                      (long long)months);
        }
        if (reach >= 0 && reach - spans[k].start + 1 >= OVERLAP_MIN_MONTHS) {
            const json_t *a = json_array_get(work, reach_index);
            const json_t *b = json_array_get(work, spans[k].index);
            const char *name_a = pf_json_get_str(a, "name");
            const char *name_b = pf_json_get_str(b, "name");
            bool same_employer = name_a && name_b && strcasecmp(name_a, name_b) == 0;
            if (!same_employer) {
                snprintf(pointer, sizeof(pointer), "/work/%zu", spans[k].index);
                gap_issue(ctx, "dates.overlap", pointer, NULL,
                          "This role overlaps %s by %lld months: mark one as part-time, "
                          "freelance or a side project, or correct the dates.",
                          name_a ? name_a : "another role",
                          (long long)((reach < spans[k].end ? reach : spans[k].end) -
                                      spans[k].start + 1));
            }
        }
        if (spans[k].end > reach) {
            reach = spans[k].end;
            reach_index = spans[k].index;
        }
    }
    free(spans);
}

void gap_check_dates(struct gap_ctx *ctx)
{
    check_formats(ctx);
    check_ranges(ctx);
    check_timeline(ctx);
}
