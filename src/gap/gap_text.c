/* Text and date helpers shared by the rule families. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "gap/gap_int.h"

int gap_date_shape(const char *text)
{
    if (!text)
        return 0;
    size_t len = strlen(text);
    for (size_t i = 0; i < len; i++) {
        bool digit_place = !(i == 4 || i == 7);
        if (digit_place ? !isdigit((unsigned char)text[i]) : text[i] != '-')
            return 0;
    }
    if (len == 4)
        return 1;
    if (len == 7)
        return 2;
    if (len == 10)
        return 3;
    return 0;
}

bool gap_date_month(const char *text, bool is_end, int64_t *out_month)
{
    int shape = gap_date_shape(text);
    if (shape == 0)
        return false;
    int64_t year = strtol(text, NULL, 10);
    int64_t month = is_end ? 12 : 1;
    if (shape >= 2)
        month = strtol(text + 5, NULL, 10);
    if (year < 1900 || year > 2200 || month < 1 || month > 12)
        return false;
    *out_month = year * 12 + (month - 1);
    return true;
}

size_t gap_word_count(const char *text)
{
    size_t count = 0;
    bool in_word = false;
    for (const char *c = text; c && *c; c++) {
        bool space = isspace((unsigned char)*c);
        if (!space && !in_word)
            count++;
        in_word = !space;
    }
    return count;
}

void gap_first_word(const char *text, char *out, size_t cap)
{
    size_t len = 0;
    const char *c = text ? text : "";
    while (*c && !isalpha((unsigned char)*c))
        c++;
    while (*c && (isalpha((unsigned char)*c) || *c == '-' || *c == '\'') && len + 1 < cap) {
        out[len++] = (char)tolower((unsigned char)*c);
        c++;
    }
    out[len] = '\0';
}

static const char *const number_words[] = {
    "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "twelve", "twenty",
    "dozen", "dozens", "hundred", "hundreds", "thousand", "thousands", "million", "millions",
    "billion", "half", "double", "doubled", "tripled", "triple", NULL};

bool gap_word_in(const char *word, const char *const *list)
{
    for (size_t i = 0; list[i]; i++) {
        if (strcmp(word, list[i]) == 0)
            return true;
    }
    return false;
}

bool gap_has_number(const char *text)
{
    for (const char *c = text; c && *c; c++) {
        if (isdigit((unsigned char)*c) || *c == '%' || *c == '$')
            return true;
        if ((unsigned char)c[0] == 0xE2 && (unsigned char)c[1] == 0x82 &&
            (unsigned char)c[2] == 0xAC)
            return true; /* € */
        if ((unsigned char)c[0] == 0xC2 && (unsigned char)c[1] == 0xA3)
            return true; /* £ */
    }
    char word[32];
    const char *c = text;
    while (c && *c) {
        while (*c && !isalpha((unsigned char)*c))
            c++;
        size_t len = 0;
        while (*c && isalpha((unsigned char)*c)) {
            if (len + 1 < sizeof(word))
                word[len++] = (char)tolower((unsigned char)*c);
            c++;
        }
        word[len] = '\0';
        if (len && gap_word_in(word, number_words))
            return true;
    }
    return false;
}

bool gap_mentions(const char *text, const char *needle)
{
    size_t len = needle ? strlen(needle) : 0;
    if (!text || len == 0)
        return false;
    for (const char *p = text; *p; p++) {
        if (strncasecmp(p, needle, len) != 0)
            continue;
        bool left = p == text || !isalnum((unsigned char)p[-1]);
        bool right = !isalnum((unsigned char)p[len]);
        if (left && right)
            return true;
    }
    return false;
}

struct interval {
    int64_t start;
    int64_t end; /* inclusive month */
};

static int interval_cmp(const void *a, const void *b)
{
    const struct interval *x = a;
    const struct interval *y = b;
    return x->start < y->start ? -1 : (x->start > y->start);
}

int64_t gap_experience_months(const json_t *persona, int64_t today_month)
{
    size_t count = json_array_size(json_object_get(persona, "work"));
    struct interval *spans = calloc(count + 1, sizeof(*spans));
    size_t n = 0;
    size_t i;
    json_t *entry;
    json_array_foreach(json_object_get(persona, "work"), i, entry) {
        int64_t start, end;
        if (!gap_date_month(pf_json_get_str(entry, "startDate"), false, &start))
            continue;
        const char *end_text = pf_json_get_str(entry, "endDate");
        if (!end_text || !*end_text)
            end = today_month;
        else if (!gap_date_month(end_text, true, &end))
            continue;
        if (end > today_month)
            end = today_month;
        if (end < start)
            continue;
        spans[n].start = start;
        spans[n].end = end;
        n++;
    }
    qsort(spans, n, sizeof(*spans), interval_cmp);
    int64_t total = 0;
    int64_t cur_start = -1, cur_end = -1;
    for (size_t k = 0; k < n; k++) {
        if (cur_start < 0 || spans[k].start > cur_end + 1) {
            if (cur_start >= 0)
                total += cur_end - cur_start + 1;
            cur_start = spans[k].start;
            cur_end = spans[k].end;
        } else if (spans[k].end > cur_end) {
            cur_end = spans[k].end;
        }
    }
    if (cur_start >= 0)
        total += cur_end - cur_start + 1;
    free(spans);
    return total;
}
