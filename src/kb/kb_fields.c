/* JSON Resume plumbing for the KB: the field walker, dates and periods, evidence location. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/clock.h"
#include "base/json.h"
#include "kb/kb_int.h"

#define SNIPPET_REACH 60 /* bytes of context on each side of a mention */

static const char *const month_names[12] = {"jan", "feb", "mar", "apr", "may", "jun",
                                            "jul", "aug", "sep", "oct", "nov", "dec"};

static bool is_present_word(const char *text)
{
    static const char *const words[] = {"present", "current", "currently", "now", "today",
                                        "ongoing", "to date", "till date", "heute", "actuel"};
    for (size_t i = 0; i < PF_ARRAY_LEN(words); i++) {
        if (strcasecmp(text, words[i]) == 0)
            return true;
    }
    return false;
}

static bool parse_uint(const char *text, size_t len, int *out)
{
    int value = 0;
    if (len == 0 || len > 4)
        return false;
    for (size_t i = 0; i < len; i++) {
        if (text[i] < '0' || text[i] > '9')
            return false;
        value = value * 10 + (text[i] - '0');
    }
    *out = value;
    return true;
}

bool pf_kb_parse_date(const char *text, bool is_end, int as_of_month_index, int *out_month_index,
                      bool *out_present)
{
    char buf[40];
    int year = 0;
    int month = 0;
    *out_present = false;
    if (!text)
        text = "";
    struct pf_str trimmed = pf_str_trim(pf_str_from_cstr(text));
    if (trimmed.len >= sizeof(buf))
        return false;
    memcpy(buf, trimmed.ptr, trimmed.len);
    buf[trimmed.len] = '\0';
    if (buf[0] == '\0' || is_present_word(buf)) {
        *out_present = true;
        *out_month_index = as_of_month_index;
        return true;
    }
    size_t len = strlen(buf);
    /* YYYY, YYYY-MM, YYYY-MM-DD, YYYY/MM */
    if (len >= 4 && parse_uint(buf, 4, &year)) {
        if (len == 4) {
            month = is_end ? 12 : 1;
        } else if ((buf[4] == '-' || buf[4] == '/' || buf[4] == '.') && len >= 6) {
            size_t mlen = 1;
            while (4 + 1 + mlen < len && buf[5 + mlen] >= '0' && buf[5 + mlen] <= '9')
                mlen++;
            if (!parse_uint(buf + 5, mlen, &month))
                return false;
        } else {
            return false;
        }
    } else {
        /* MM/YYYY, MM.YYYY, "Mar 2019", "March 2019", "Mar, 2019" */
        const char *space = strpbrk(buf, " /.-,");
        if (!space)
            return false;
        size_t head = (size_t)(space - buf);
        const char *tail = space;
        while (*tail == ' ' || *tail == '/' || *tail == '.' || *tail == '-' || *tail == ',')
            tail++;
        if (!parse_uint(tail, strlen(tail), &year) || strlen(tail) != 4)
            return false;
        if (!parse_uint(buf, head, &month)) {
            month = 0;
            for (int m = 0; m < 12 && head >= 3; m++) {
                if (strncasecmp(buf, month_names[m], 3) == 0)
                    month = m + 1;
            }
        }
    }
    if (year < 1900 || year > 2200 || month < 1 || month > 12)
        return false;
    *out_month_index = year * 12 + month - 1;
    return true;
}

static int compare_periods(const void *a, const void *b)
{
    const struct kb_period *x = a;
    const struct kb_period *y = b;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    return (x->end > y->end) - (x->end < y->end);
}

size_t kb_periods_merge(struct kb_period *periods, size_t count)
{
    if (count == 0)
        return 0;
    qsort(periods, count, sizeof(*periods), compare_periods);
    size_t out = 0;
    for (size_t i = 1; i < count; i++) {
        if (periods[i].start <= periods[out].end + 1) {
            if (periods[i].end > periods[out].end)
                periods[out].end = periods[i].end;
        } else {
            periods[++out] = periods[i];
        }
    }
    return out + 1;
}

int kb_periods_months(const struct kb_period *periods, size_t count)
{
    int months = 0;
    for (size_t i = 0; i < count; i++)
        months += periods[i].end - periods[i].start + 1;
    return months;
}

int kb_as_of_index(const struct pf_kb_extract_opts *opts)
{
    if (opts && opts->as_of_year > 0 && opts->as_of_month >= 1 && opts->as_of_month <= 12)
        return opts->as_of_year * 12 + opts->as_of_month - 1;
    int year;
    int month;
    int day;
    pf_time_civil(pf_time_now_ms(), &year, &month, &day);
    return year * 12 + month - 1;
}

bool kb_entry_period(const json_t *item, int as_of, struct kb_period *out_period,
                     bool *out_present)
{
    const char *start_text = pf_json_get_str(item, "startDate");
    int start;
    int end;
    bool present;
    if (!start_text || !pf_kb_parse_date(start_text, false, as_of, &start, &present) || present)
        return false;
    if (!pf_kb_parse_date(pf_json_get_str(item, "endDate"), true, as_of, &end, out_present))
        return false;
    if (end > as_of)
        end = as_of;
    if (end < start)
        return false;
    out_period->start = start;
    out_period->end = end;
    return true;
}

void kb_month_format(int month_index, char *out, size_t cap)
{
    snprintf(out, cap, "%04d-%02d", month_index / 12, month_index % 12 + 1);
}

struct walker {
    kb_field_fn fn;
    void *ctx;
};

static void visit(struct walker *w, const json_t *owner, const char *key, int index,
                  const char *text, enum kb_section section, int item, const char *pointer,
                  unsigned flags, bool is_title)
{
    if (!text || !text[0])
        return;
    struct kb_field field;
    memset(&field, 0, sizeof(field));
    snprintf(field.pointer, sizeof(field.pointer), "%s", pointer);
    field.text = text;
    field.owner = owner;
    field.key = key;
    field.index = index;
    field.section = section;
    field.item = item;
    field.match_flags = flags;
    field.is_title = is_title;
    w->fn(w->ctx, &field);
}

/* Visits owner[key] when it is a string, or each string of it when it is an array. */
static void visit_key(struct walker *w, const json_t *owner, const char *key,
                      enum kb_section section, int item, const char *base, unsigned flags,
                      bool is_title)
{
    char pointer[96];
    const json_t *value = json_object_get(owner, key);
    if (json_is_string(value)) {
        snprintf(pointer, sizeof(pointer), "%s/%s", base, key);
        visit(w, owner, key, -1, json_string_value(value), section, item, pointer, flags,
              is_title);
    } else if (json_is_array(value)) {
        size_t i;
        const json_t *element;
        json_array_foreach(value, i, element)
        {
            snprintf(pointer, sizeof(pointer), "%s/%s/%zu", base, key, i);
            if (json_is_string(element))
                visit(w, owner, key, (int)i, json_string_value(element), section, item, pointer,
                      flags, false);
        }
    }
}

struct section_spec {
    const char *name;
    enum kb_section section;
    const char *keys[8];
    const char *list_keys[2]; /* read as skill lists */
};

static const struct section_spec sections[] = {
    {"work", KB_SECTION_WORK, {"position", "summary", "description", "highlights"}, {NULL}},
    {"volunteer", KB_SECTION_VOLUNTEER, {"position", "summary", "highlights"}, {NULL}},
    {"projects", KB_SECTION_PROJECTS, {"name", "description", "highlights", "roles"},
     {"keywords"}},
    {"education", KB_SECTION_EDUCATION, {"area", "courses"}, {NULL}},
    {"certificates", KB_SECTION_OTHER, {"name"}, {NULL}},
    {"awards", KB_SECTION_OTHER, {"title", "summary"}, {NULL}},
    {"publications", KB_SECTION_OTHER, {"name", "summary"}, {NULL}},
    {"skills", KB_SECTION_SKILLS, {NULL}, {"name", "keywords"}},
};

void kb_walk_fields(const json_t *resume, kb_field_fn fn, void *ctx)
{
    struct walker w = {fn, ctx};
    const json_t *basics = json_object_get(resume, "basics");
    if (json_is_object(basics)) {
        visit_key(&w, basics, "label", KB_SECTION_BASICS, -1, "/basics", 0, true);
        visit_key(&w, basics, "summary", KB_SECTION_BASICS, -1, "/basics", 0, false);
    }
    for (size_t s = 0; s < PF_ARRAY_LEN(sections); s++) {
        const json_t *list = json_object_get(resume, sections[s].name);
        size_t i;
        const json_t *item;
        if (!json_is_array(list))
            continue;
        json_array_foreach(list, i, item)
        {
            char base[64];
            if (!json_is_object(item))
                continue;
            snprintf(base, sizeof(base), "/%s/%zu", sections[s].name, i);
            for (size_t k = 0; k < PF_ARRAY_LEN(sections[s].keys) && sections[s].keys[k]; k++) {
                bool title = strcmp(sections[s].keys[k], "position") == 0;
                visit_key(&w, item, sections[s].keys[k], sections[s].section, (int)i, base, 0,
                          title);
            }
            for (size_t k = 0; k < PF_ARRAY_LEN(sections[s].list_keys) && sections[s].list_keys[k];
                 k++)
                visit_key(&w, item, sections[s].list_keys[k], sections[s].section, (int)i, base,
                          PF_KB_MATCH_SKILL_LIST, false);
        }
    }
}

/* A [start, end) pair from [s, e] or {"start": s, "end": e}. */
static bool span_of(const json_t *value, size_t *out_start, size_t *out_end)
{
    json_int_t start = -1;
    json_int_t end = -1;
    if (json_is_array(value) && json_array_size(value) == 2) {
        start = json_integer_value(json_array_get(value, 0));
        end = json_integer_value(json_array_get(value, 1));
        if (!json_is_integer(json_array_get(value, 0)))
            return false;
    } else if (json_is_object(value)) {
        const json_t *s = json_object_get(value, "start");
        const json_t *e = json_object_get(value, "end");
        if (!json_is_integer(s) || !json_is_integer(e))
            return false;
        start = json_integer_value(s);
        end = json_integer_value(e);
    } else {
        return false;
    }
    if (start < 0 || end < start)
        return false;
    *out_start = (size_t)start;
    *out_end = (size_t)end;
    return true;
}

/* The parser's span for a field, in any of the forms it may use:
 *   owner.meta.spans[key] / owner.meta[key]: [s, e] or {start, end}, or an array of those
 *   for list fields; owner.meta.spans["key/INDEX"]; resume.meta.spans[JSON Pointer]. */
static bool meta_span(const struct kb_locator *locator, const struct kb_field *field,
                      size_t *out_start, size_t *out_end)
{
    const json_t *meta = json_object_get(field->owner, "meta");
    const json_t *holders[2] = {json_object_get(meta, "spans"), meta};
    for (size_t h = 0; h < 2; h++) {
        const json_t *value = json_object_get(holders[h], field->key);
        if (field->index >= 0 && json_is_array(value) && json_array_size(value) != 2)
            value = json_array_get(value, (size_t)field->index);
        else if (field->index >= 0 && json_is_array(value) &&
                 json_is_array(json_array_get(value, 0)))
            value = json_array_get(value, (size_t)field->index);
        if (field->index >= 0 && !value) {
            char key[64];
            snprintf(key, sizeof(key), "%s/%d", field->key, field->index);
            value = json_object_get(holders[h], key);
        }
        if (span_of(value, out_start, out_end))
            return true;
    }
    const json_t *root = json_object_get(json_object_get(locator->resume, "meta"), "spans");
    return span_of(json_object_get(root, field->pointer), out_start, out_end);
}

static long find_bytes(struct pf_str hay, size_t from, const char *needle, size_t len, bool fold)
{
    if (len == 0 || hay.len < len)
        return -1;
    for (size_t i = from; i + len <= hay.len; i++) {
        if (fold ? strncasecmp(hay.ptr + i, needle, len) == 0
                 : memcmp(hay.ptr + i, needle, len) == 0)
            return (long)i;
    }
    return -1;
}

/* Finds needle after the cursor, else anywhere; exact first, then ignoring ASCII case. */
static long locate(struct kb_locator *locator, const char *needle, size_t len)
{
    for (int fold = 0; fold < 2; fold++) {
        long at = find_bytes(locator->raw, locator->cursor, needle, len, fold);
        if (at < 0 && locator->cursor > 0)
            at = find_bytes(locator->raw, 0, needle, len, fold);
        if (at >= 0)
            return at;
    }
    return -1;
}

static size_t utf8_back(const char *text, size_t pos)
{
    while (pos > 0 && ((unsigned char)text[pos] & 0xC0) == 0x80)
        pos--;
    return pos;
}

json_t *kb_evidence_new(const struct pf_kb_extract_opts *opts, struct kb_locator *locator,
                        const struct kb_field *field, size_t start, size_t end, const char *rule)
{
    json_t *evidence = json_object();
    size_t text_len = strlen(field->text);
    if (start == 0 && end == 0)
        end = text_len;
    if (opts && opts->cv_id)
        json_object_set_new(evidence, "cv_id", json_string(opts->cv_id));
    json_object_set_new(evidence, "field", json_string(field->pointer));
    if (locator && locator->raw.len > 0) {
        long at = -1;
        size_t span_start;
        size_t span_end;
        if (meta_span(locator, field, &span_start, &span_end) && span_end <= locator->raw.len) {
            struct pf_str span = pf_str_make(locator->raw.ptr + span_start,
                                             span_end - span_start);
            long inside = find_bytes(span, 0, field->text + start, end - start, false);
            if (inside < 0)
                inside = find_bytes(span, 0, field->text + start, end - start, true);
            if (inside >= 0)
                at = (long)span_start + inside;
        }
        if (at < 0) {
            long whole = locate(locator, field->text, text_len);
            at = whole >= 0 ? whole + (long)start : locate(locator, field->text + start, end - start);
        }
        if (at >= 0) {
            json_object_set_new(evidence, "start", json_integer(at));
            json_object_set_new(evidence, "end", json_integer(at + (long)(end - start)));
            locator->cursor = (size_t)at;
        }
    }
    size_t from = start > SNIPPET_REACH ? utf8_back(field->text, start - SNIPPET_REACH) : 0;
    size_t to = end + SNIPPET_REACH < text_len ? utf8_back(field->text, end + SNIPPET_REACH)
                                               : text_len;
    json_object_set_new(evidence, "snippet",
                        pf_json_string_str(pf_str_make(field->text + from, to - from)));
    if (rule)
        json_object_set_new(evidence, "rule", json_string(rule));
    return evidence;
}
