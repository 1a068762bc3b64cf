/* Projects; awards, certificates and publications (a title, who gave it, a date); references. */
#include <string.h>

#include "parse/parse_fields.h"
#include "parse/parse_int.h"

static const char *const title_words[] = {
    "winner", "award", "awards", "prize", "honor", "honour", "list", "scholarship", "medal",
    "fellowship", "finalist", "place", "champion", "grant", "recognition", "best",
    "excellence", "distinction", "hackathon", "certified", "certificate", "certification",
    "professional", "associate", "specialist", "administrator", "architect", "practitioner",
    "developer", "engineer", "preis", "auszeichnung", "stipendium", "prix", "bourse",
    "premio", "beca", "nominee", "runner", "laureate", "top", "first", "second", "third",
    NULL};

/* "Awarded by X", "Issued by X", "Published by X", "by X", "Issuer: X". */
static bool by_marker(struct pf_parse *p, struct pf_span s, struct pf_span *out_who)
{
    struct pf_str t = pf_raw(p, s.start, s.end);
    static const char *const markers[] = {
        "awarded by ", "issued by ", "published by ", "presented by ", "granted by ",
        "certified by ", "issuer: ", "publisher: ", "awarder: ", "verliehen von ",
        "ausgestellt von ", "delivre par ", "decerne par ", "otorgado por ", "emitido por ",
        "by ", "von ", "par ", "por ", NULL};
    for (size_t i = 0; markers[i]; i++) {
        size_t n = strlen(markers[i]);
        if (t.len > n && pf_str_case_eq(pf_str_make(t.ptr, n), pf_str_make(markers[i], n))) {
            *out_who = pf_trim_span(p, (struct pf_span){s.start + n, s.end}, ",;:");
            return out_who->end > out_who->start;
        }
    }
    return false;
}

static int title_score(struct pf_parse *p, struct pf_span s)
{
    char f[160];
    pf_fold(pf_raw(p, s.start, s.end), f, sizeof(f));
    int score = 0;
    char *w = f;
    while (*w) {
        char *sp = strchr(w, ' ');
        if (sp)
            *sp = '\0';
        score += pf_in_list(w, title_words) ? 2 : 0;
        if (!sp)
            break;
        w = sp + 1;
    }
    return score;
}

static bool month_only(struct pf_parse *p, struct pf_span s)
{
    struct pf_date d;
    struct pf_str t = pf_raw(p, s.start, s.end);
    char f[24];
    pf_fold(t, f, sizeof(f));
    static const char *const months[] = {
        "january", "february", "march", "april", "may", "june", "july", "august",
        "september", "october", "november", "december", "jan", "feb", "mar", "apr", "jun",
        "jul", "aug", "sep", "sept", "oct", "nov", "dec", NULL};
    return pf_in_list(f, months) || pf_date_parse(t, &d);
}

void pf_awards_extract(struct pf_parse *p, const struct pf_section *s)
{
    const char *section = s->kind == PF_SEC_AWARDS ? "awards"
                          : s->kind == PF_SEC_CERTIFICATES ? "certificates" : "publications";
    const char *title_key = s->kind == PF_SEC_AWARDS ? "title" : "name";
    const char *who_key = s->kind == PF_SEC_AWARDS ? "awarder"
                          : s->kind == PF_SEC_CERTIFICATES ? "issuer" : "publisher";
    const char *date_key = s->kind == PF_SEC_PUBLICATIONS ? "releaseDate" : "date";
    struct pf_entry *entries = NULL;
    size_t count = pf_entries_split(p, s, &entries);
    for (size_t e = 0; e < count; e++) {
        struct pf_seg segs[PF_MAX_SEGS];
        struct pf_span url;
        size_t n = pf_head_segments(p, &entries[e], segs, PF_MAX_SEGS, &url);
        n = pf_refine_segments(p, segs, n, PF_MAX_SEGS, false);
        json_t *obj = json_object();
        json_t *meta = json_object();
        long title = -1;
        long who = -1;
        struct pf_span who_span = {0, 0};
        for (size_t i = 0; i < n; i++) {
            struct pf_span w;
            if (who < 0 && by_marker(p, segs[i].span, &w)) {
                who = (long)i;
                who_span = w;
            }
        }
        /* Of the other pieces, the most title-like is the title, the next the awarder. */
        int best = -1;
        for (size_t i = 0; i < n; i++) {
            if ((long)i == who || month_only(p, segs[i].span) || segs[i].kind == PF_SEG_PLACE)
                continue;
            int sc = title_score(p, segs[i].span);
            if (sc > best) {
                best = sc;
                title = (long)i;
            }
        }
        if (who < 0) {
            for (size_t i = 0; i < n; i++) {
                if ((long)i == title || month_only(p, segs[i].span) || segs[i].kind == PF_SEG_PLACE)
                    continue;
                who = (long)i;
                who_span = segs[i].span;
                break;
            }
        }
        if (title >= 0)
            pf_put(obj, meta, title_key,
                   pf_val_span(p, segs[title].span.start, segs[title].span.end, 0.75f));
        if (who >= 0)
            pf_put(obj, meta, who_key, pf_val_span(p, who_span.start, who_span.end, 0.7f));
        if (entries[e].has_dates && entries[e].dates.has_start)
            pf_put_date(obj, meta, date_key, entries[e].dates.start, entries[e].date_span, 0.85f);
        if (url.end > url.start && s->kind != PF_SEC_AWARDS)
            pf_put(obj, meta, "url", pf_val_text(p, pf_url_absolute(p, pf_raw(p, url.start, url.end)),
                                                  url.start, url.end, 0.85f));
        if (s->kind != PF_SEC_CERTIFICATES)
            pf_entry_body(p, &entries[e], obj, meta, "summary", NULL);
        if (!json_object_get(obj, title_key)) {
            json_decref(obj);
            json_decref(meta);
            continue;
        }
        pf_commit(p, section, obj, meta, false);
    }
}

static bool colon_named(struct pf_parse *p, struct pf_span s)
{
    struct pf_str t = pf_raw(p, s.start, s.end);
    long colon = pf_str_find_char(t, ':');
    return colon > 0 && colon < 50 &&
           pf_word_count(pf_str_make(t.ptr, (size_t)colon), NULL, NULL) <= 4 &&
           (size_t)colon + 2 < t.len;
}

void pf_projects_extract(struct pf_parse *p, const struct pf_section *s)
{
    struct pf_entry *entries = NULL;
    size_t count = pf_entries_split(p, s, &entries);
    for (size_t e = 0; e < count; e++) {
        struct pf_entry *en = &entries[e];
        json_t *obj = json_object();
        json_t *meta = json_object();
        struct pf_seg segs[PF_MAX_SEGS];
        struct pf_span url = {0, 0};
        size_t n = pf_head_segments(p, en, segs, PF_MAX_SEGS, &url);
        size_t body_from = 0;
        struct pf_span name = {0, 0};
        struct pf_span desc = {0, 0};
        if (n > 0) {
            name = segs[0].span;
        } else if (en->item_count > 0) {
            /* "PiperNet: Decentralized internet platform ..." read as one sentence. */
            name = en->items[0];
            body_from = 1;
        }
        /* Projects written as "Name: what it is" sentences, one after the other. */
        if (n == 0 && en->item_count > 1) {
            size_t named = 0;
            for (size_t i = 0; i < en->item_count; i++)
                named += colon_named(p, en->items[i]);
            if (named == en->item_count) {
                for (size_t i = 0; i < en->item_count; i++) {
                    json_t *o = json_object();
                    json_t *m = json_object();
                    struct pf_str it = pf_raw(p, en->items[i].start, en->items[i].end);
                    size_t colon = (size_t)pf_str_find_char(it, ':');
                    pf_put(o, m, "name", pf_val_span(p, en->items[i].start,
                                                     en->items[i].start + colon, 0.75f));
                    pf_put(o, m, "description", pf_val_span(p, en->items[i].start + colon + 1,
                                                            en->items[i].end, 0.7f));
                    pf_commit(p, "projects", o, m, false);
                }
                json_decref(obj);
                json_decref(meta);
                continue;
            }
        }
        struct pf_str t = pf_raw(p, name.start, name.end);
        /* "Miss Direction, Smoogle": the project, then who it was for. */
        long comma = pf_str_find(t, PF_STR(", "));
        if (comma > 0 && body_from == 0)
            name.end = name.start + (size_t)comma;
        t = pf_raw(p, name.start, name.end);
        long colon = pf_str_find_char(t, ':');
        if (colon > 0 && colon < 50 && pf_word_count(pf_str_make(t.ptr, (size_t)colon), NULL, NULL) <= 5) {
            desc = (struct pf_span){name.start + (size_t)colon + 1, name.end};
            name.end = name.start + (size_t)colon;
        } else if (body_from == 1) {
            json_decref(obj);
            json_decref(meta);
            continue;
        }
        pf_put(obj, meta, "name", pf_val_span(p, name.start, name.end, 0.8f));
        if (desc.end > desc.start)
            pf_put(obj, meta, "description", pf_val_span(p, desc.start, desc.end, 0.75f));
        if (url.end > url.start)
            pf_put(obj, meta, "url", pf_val_text(p, pf_url_absolute(p, pf_raw(p, url.start, url.end)),
                                                  url.start, url.end, 0.85f));
        bool ongoing = false;
        pf_entry_dates(p, en, obj, meta, "startDate", "endDate", true, &ongoing);
        for (size_t i = body_from; i < en->item_count; i++) {
            struct pf_val v = pf_val_span(p, en->items[i].start, en->items[i].end, 0.75f);
            if (i == body_from && !en->item_bullet[i] && !json_object_get(obj, "description"))
                pf_put(obj, meta, "description", v);
            else if (v.text && pf_word_count(pf_str_from_cstr(v.text), NULL, NULL) > 2)
                pf_push(obj, meta, "highlights", v);
        }
        if (!json_object_get(obj, "name")) {
            json_decref(obj);
            json_decref(meta);
            continue;
        }
        pf_commit(p, "projects", obj, meta, ongoing);
    }
}

static bool on_request(struct pf_parse *p, const struct pf_pline *l)
{
    char f[160];
    pf_fold(pf_raw(p, l->start, l->end), f, sizeof(f));
    return strstr(f, "request") || strstr(f, "anfrage") || strstr(f, "demande") ||
           strstr(f, "solicitud") || strstr(f, "peticion");
}

void pf_references_extract(struct pf_parse *p, const struct pf_section *s)
{
    size_t last = s->first + s->count;
    long pending_text_start = -1;
    size_t pending_text_end = 0;
    json_t *open = NULL;
    json_t *open_meta = NULL;
    for (size_t i = s->first; i < last; i++) {
        const struct pf_pline *l = &p->lines[i];
        if (l->skip || l->is_sub || on_request(p, l))
            continue;
        struct pf_str t = pf_raw(p, l->start, l->end);
        size_t words = pf_word_count(t, NULL, NULL);
        /* The testimonial is prose; the referee's line ("— Priya Natarajan, Owner, Salt &
         * Cedar Restaurant Group") is capitalised words, whatever glyph precedes it. */
        size_t lower = 0;
        for (size_t k = 0; k < t.len; k++)
            lower += (k == 0 || t.ptr[k - 1] == ' ') && t.ptr[k] >= 'a' && t.ptr[k] <= 'z';
        bool body = (words >= 8 && lower * 3 >= words) || words >= 14;
        if (body) {
            /* The testimonial: lines of one block read together. */
            size_t end = i;
            while (end + 1 < last && p->lines[end + 1].block == l->block)
                end++;
            struct pf_val v = pf_val_span(p, l->start, p->lines[end].end, 0.75f);
            if (open && !json_object_get(open, "reference")) {
                pf_put(open, open_meta, "reference", v);
                pf_commit(p, "references", open, open_meta, false);
                open = NULL;
                open_meta = NULL;
            } else {
                pending_text_start = (long)l->start;
                pending_text_end = p->lines[end].end;
            }
            i = end;
            continue;
        }
        if (open) {
            pf_commit(p, "references", open, open_meta, false);
            open = NULL;
            open_meta = NULL;
        }
        json_t *o = json_object();
        json_t *m = json_object();
        pf_put(o, m, "name", pf_val_span(p, l->start, l->end, 0.7f));
        if (pending_text_start >= 0) {
            pf_put(o, m, "reference", pf_val_span(p, (size_t)pending_text_start, pending_text_end, 0.7f));
            pending_text_start = -1;
            pf_commit(p, "references", o, m, false);
        } else {
            open = o;
            open_meta = m;
        }
    }
    if (open)
        pf_commit(p, "references", open, open_meta, false);
}
