/* Document metadata: cleaned strings and dates from PDF, OOXML, ODF and HTML conventions. */
#include <stdlib.h>
#include <string.h>

#include "base/clock.h"
#include "base/mem.h"
#include "ingest/ingest_int.h"

#define META_MAX 1024 /* bytes kept of one metadata value */

/* value as one line of valid UTF-8, whitespace collapsed, at most META_MAX bytes; NULL when
 * nothing visible is left. */
static char *clean_value(struct pf_str value)
{
    struct pf_buf out = PF_BUF_INIT(META_MAX + 8);
    const char *p = value.ptr;
    const char *end = value.ptr + value.len;
    bool space = false;
    while (p < end && out.len < META_MAX) {
        int32_t dec = pf_utf8_decode(&p, end);
        if (dec < 0) {
            p++;
            dec = 0xFFFD;
        }
        uint32_t cps[3];
        size_t n = pf_normalize_cp((uint32_t)dec, cps);
        for (size_t i = 0; i < n; i++) {
            if (cps[i] == ' ' || cps[i] == '\t' || cps[i] == '\n') {
                space = out.len > 0;
                continue;
            }
            if (space)
                pf_buf_putc(&out, ' ');
            space = false;
            char enc[4];
            pf_buf_append(&out, enc, pf_utf8_encode(cps[i], enc));
        }
    }
    if (out.len == 0) {
        pf_buf_fini(&out);
        return NULL;
    }
    return pf_buf_take(&out, NULL);
}

void pf_builder_meta(struct pf_doc_builder *b, const char *which, struct pf_str value)
{
    struct pf_doc_meta *meta = &b->doc->meta;
    const char **slot = NULL;
    if (strcmp(which, "title") == 0)
        slot = &meta->title;
    else if (strcmp(which, "author") == 0)
        slot = &meta->author;
    else if (strcmp(which, "subject") == 0)
        slot = &meta->subject;
    else if (strcmp(which, "keywords") == 0)
        slot = &meta->keywords;
    else if (strcmp(which, "creator") == 0)
        slot = &meta->creator;
    else if (strcmp(which, "producer") == 0)
        slot = &meta->producer;
    else if (strcmp(which, "language") == 0)
        slot = &meta->language;
    PF_ASSERT(slot);
    char *clean = clean_value(value);
    if (!clean)
        return;
    free((char *)*slot);
    *slot = clean;
}

/* Takes exactly n digits. */
static bool take_digits(struct pf_cur *cur, int n, int *out)
{
    if (pf_cur_left(cur) < (size_t)n)
        return false;
    int value = 0;
    for (int i = 0; i < n; i++) {
        char ch = cur->ptr[i];
        if (ch < '0' || ch > '9')
            return false;
        value = value * 10 + (ch - '0');
    }
    cur->ptr += n;
    *out = value;
    return true;
}

/* PDF dates (ISO 32000 7.9.4): D:YYYY[MM[DD[HH[mm[SS]]]]][Z|+HH'mm'|-HH'mm']. */
static bool parse_pdf_date(struct pf_str text, int64_t *out_ms)
{
    struct pf_cur cur = pf_cur_of(pf_str_trim(text));
    if (!pf_cur_take_lit(&cur, PF_STR("D:")))
        return false;
    int year;
    int parts[5] = {1, 1, 0, 0, 0};
    if (!take_digits(&cur, 4, &year))
        return false;
    for (int i = 0; i < 5; i++)
        if (!take_digits(&cur, 2, &parts[i]))
            break;
    int64_t offset_min = 0;
    if (!pf_cur_at_end(&cur) && (*cur.ptr == '+' || *cur.ptr == '-')) {
        int sign = *cur.ptr == '-' ? -1 : 1;
        cur.ptr++;
        int hh = 0;
        int mm = 0;
        if (take_digits(&cur, 2, &hh)) {
            if (!pf_cur_at_end(&cur) && *cur.ptr == '\'')
                cur.ptr++;
            if (!take_digits(&cur, 2, &mm))
                mm = 0;
        }
        offset_min = sign * (hh * 60 + mm);
    }
    if (parts[0] < 1 || parts[0] > 12 || parts[1] < 1 || parts[1] > 31 || parts[2] > 23 ||
        parts[3] > 59 || parts[4] > 60 || year < 1900 || year > 2200)
        return false;
    int64_t days = pf_days_from_civil(year, (unsigned)parts[0], (unsigned)parts[1]);
    int64_t seconds = days * 86400 + parts[2] * 3600 + parts[3] * 60 + parts[4] - offset_min * 60;
    *out_ms = seconds * 1000;
    return true;
}

void pf_builder_meta_date(struct pf_doc_builder *b, const char *which, struct pf_str value)
{
    struct pf_doc_meta *meta = &b->doc->meta;
    bool created = strcmp(which, "created") == 0;
    PF_ASSERT(created || strcmp(which, "modified") == 0);
    struct pf_str text = pf_str_trim(value);
    if (text.len == 0 || text.len > 64)
        return;
    int64_t ms = 0;
    bool ok = parse_pdf_date(text, &ms) || pf_time_parse_iso(text, &ms);
    char *stored;
    if (ok) {
        char iso[PF_TIME_ISO_LEN];
        pf_time_format_iso(ms, iso);
        stored = pf_xstrdup(iso);
    } else {
        stored = clean_value(text);
        if (!stored)
            return;
    }
    const char **slot = created ? &meta->created : &meta->modified;
    free((char *)*slot);
    *slot = stored;
    if (created) {
        meta->has_created = ok;
        meta->created_ms = ok ? ms : 0;
    } else {
        meta->has_modified = ok;
        meta->modified_ms = ok ? ms : 0;
    }
}
