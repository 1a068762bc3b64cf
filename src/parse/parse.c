/* The parser's entry point: lines, sections, the extractors in turn, the result with its
 * evidence (meta) and the diagnostics. */
#include <stdio.h>
#include <string.h>

#include "base/clock.h"
#include "base/json.h"
#include "parse/parse_int.h"

#define PF_PARSE_VERSION "1"
#define LOW_CONFIDENCE 0.6

static json_t *evidence(struct pf_val v)
{
    return json_pack("{s:f, s:I, s:I}", "confidence", (double)((int)(v.conf * 100 + 0.5f)) / 100.0,
                     "start", (json_int_t)v.start, "end", (json_int_t)v.end);
}

void pf_put(json_t *obj, json_t *meta, const char *key, struct pf_val v)
{
    if (!v.text || v.text[0] == '\0')
        return;
    json_t *str = json_string(v.text);
    if (!str)
        return;
    json_object_set_new(obj, key, str);
    if (meta)
        json_object_set_new(meta, key, evidence(v));
}

void pf_push(json_t *obj, json_t *meta, const char *key, struct pf_val v)
{
    if (!v.text || v.text[0] == '\0')
        return;
    json_t *arr = json_object_get(obj, key);
    if (!arr) {
        arr = json_array();
        json_object_set_new(obj, key, arr);
    }
    /* The same text twice in one list is a layout echo, not two facts. */
    for (size_t i = 0; i < json_array_size(arr); i++) {
        if (strcmp(json_string_value(json_array_get(arr, i)), v.text) == 0)
            return;
    }
    json_t *str = json_string(v.text);
    if (!str)
        return;
    if (meta) {
        char path[96];
        snprintf(path, sizeof(path), "%s/%zu", key, json_array_size(arr));
        json_object_set_new(meta, path, evidence(v));
    }
    json_array_append_new(arr, str);
}

void pf_put_date(json_t *obj, json_t *meta, const char *key, struct pf_date d, struct pf_span sp,
                 float conf)
{
    if (!key || d.year <= 0)
        return;
    char text[16];
    pf_date_format(d, text);
    struct pf_val v = {text, sp.start, sp.end, conf};
    pf_put(obj, meta, key, v);
}

/* Escapes a JSON Pointer token (RFC 6901): '~' -> "~0", '/' -> "~1". */
static void pointer_escape(const char *in, char *out, size_t cap)
{
    size_t n = 0;
    for (; *in && n + 3 < cap; in++) {
        if (*in == '~') {
            out[n++] = '~';
            out[n++] = '0';
        } else {
            out[n++] = *in;
        }
    }
    out[n] = '\0';
}

static void move_meta(struct pf_parse *p, const char *prefix, json_t *meta)
{
    const char *key;
    json_t *value;
    json_object_foreach(meta, key, value) {
        char escaped[128];
        char path[256];
        /* Per-entry keys use '/' between a list and its index ("highlights/0"). */
        pointer_escape(key, escaped, sizeof(escaped));
        snprintf(path, sizeof(path), "%s/%s", prefix, escaped);
        json_object_set(p->fields, path, value);
    }
}

void pf_commit(struct pf_parse *p, const char *section, json_t *entry, json_t *meta, bool ongoing)
{
    json_t *arr = json_object_get(p->resume, section);
    if (!arr) {
        arr = json_array();
        json_object_set_new(p->resume, section, arr);
    }
    char prefix[64];
    snprintf(prefix, sizeof(prefix), "/%s/%zu", section, json_array_size(arr));
    if (meta)
        move_meta(p, prefix, meta);
    if (ongoing)
        json_array_append_new(p->current, json_string(prefix));
    json_array_append_new(arr, entry);
    json_decref(meta);
}

/* The reference day: the document's own date unless forced, else the caller's. */
static void reference_date(struct pf_parse *p, const struct pf_parse_options *opts)
{
    const struct pf_doc_meta *m = pf_document_meta(p->doc);
    memset(&p->as_of, 0, sizeof(p->as_of));
    bool forced = opts && opts->has_as_of && opts->force_as_of;
    int64_t ms = 0;
    bool have = false;
    if (!forced && m->has_modified) {
        ms = m->modified_ms;
        have = true;
    } else if (!forced && m->has_created) {
        ms = m->created_ms;
        have = true;
    } else if (opts && opts->has_as_of) {
        ms = opts->as_of_days * 86400000LL;
        have = true;
    }
    if (have)
        pf_time_civil(ms, &p->as_of.year, &p->as_of.month, &p->as_of.day);
}

static void run_extractors(struct pf_parse *p)
{
    json_t *basics = json_object();
    json_t *bmeta = json_object();
    pf_header_extract(p, basics, bmeta);
    pf_contact_extract(p, basics, bmeta);
    for (size_t i = 0; i < p->section_count; i++) {
        const struct pf_section *s = &p->sections[i];
        /* Skill groups a sidebar spilled into the end of another section (their heading was an
         * icon): cut them off and read them as skills. */
        struct pf_section cut = *s;
        if (s->kind != PF_SEC_SKILLS && s->kind != PF_SEC_HEADER && s->kind != PF_SEC_OTHER &&
            s->kind != PF_SEC_LANGUAGES &&
            s->kind != PF_SEC_SUMMARY && s->kind != PF_SEC_CONTACT) {
            long hidden = pf_skills_hidden(p, s, 1);
            if (hidden > (long)s->first) {
                struct pf_section sub = *s;
                sub.kind = PF_SEC_SKILLS;
                sub.first = (size_t)hidden;
                sub.count = s->first + s->count - (size_t)hidden;
                pf_skills_extract(p, &sub);
                cut.count = (size_t)hidden - s->first;
                s = &cut;
            }
        }
        switch (s->kind) {
        case PF_SEC_WORK: pf_work_extract(p, s, false); break;
        case PF_SEC_VOLUNTEER: pf_work_extract(p, s, true); break;
        case PF_SEC_EDUCATION: pf_education_extract(p, s); break;
        case PF_SEC_SKILLS: pf_skills_extract(p, s); break;
        case PF_SEC_LANGUAGES: pf_languages_extract(p, s); break;
        case PF_SEC_INTERESTS: pf_interests_extract(p, s); break;
        case PF_SEC_PROJECTS: pf_projects_extract(p, s); break;
        case PF_SEC_AWARDS:
        case PF_SEC_CERTIFICATES:
        case PF_SEC_PUBLICATIONS: pf_awards_extract(p, s); break;
        case PF_SEC_REFERENCES: pf_references_extract(p, s); break;
        case PF_SEC_HEADER:
        case PF_SEC_OTHER:
        case PF_SEC_SUMMARY:
        case PF_SEC_CONTACT: {
            long hidden = pf_skills_hidden(p, s, 2);
            if (hidden >= 0) {
                struct pf_section sub = *s;
                sub.kind = PF_SEC_SKILLS;
                sub.first = (size_t)hidden;
                sub.count = s->first + s->count - (size_t)hidden;
                pf_skills_extract(p, &sub);
            }
            break;
        }
        case PF_SEC_COUNT_: break;
        }
    }
    if (json_object_size(basics) > 0) {
        move_meta(p, "/basics", bmeta);
        json_object_set_new(p->resume, "basics", basics);
    } else {
        json_decref(basics);
    }
    json_decref(bmeta);
}

static json_t *sections_json(const struct pf_parse *p)
{
    json_t *arr = json_array();
    for (size_t i = 0; i < p->section_count; i++) {
        const struct pf_section *s = &p->sections[i];
        if (s->heading < 0 && s->count == 0)
            continue;
        json_t *o = json_pack("{s:s, s:I, s:f}", "kind", pf_sec_name(s->kind), "lines",
                              (json_int_t)s->count, "confidence", (double)s->confidence);
        if (s->heading >= 0) {
            const struct pf_pline *h = &p->lines[s->heading];
            json_t *text = pf_json_string_str(pf_raw(p, h->start, h->end));
            json_object_set_new(o, "heading", text);
            json_object_set_new(o, "start", json_integer((json_int_t)h->start));
            json_object_set_new(o, "end", json_integer((json_int_t)h->end));
        }
        json_array_append_new(arr, o);
    }
    return arr;
}

static json_t *diagnostics(const struct pf_parse *p)
{
    json_t *low = json_array();
    const char *key;
    json_t *value;
    json_object_foreach(p->fields, key, value) {
        double c = json_real_value(json_object_get(value, "confidence"));
        if (c < LOW_CONFIDENCE)
            json_array_append_new(low, json_pack("{s:s, s:f}", "field", key, "confidence", c));
    }
    json_t *d = json_pack("{s:s, s:o, s:o, s:I, s:f}", "parser", "personaforge-parse/" PF_PARSE_VERSION,
                          "sections", sections_json(p), "low_confidence", low, "lines",
                          (json_int_t)p->line_count, "body_font_size", (double)p->body_size);
    json_object_set_new(d, "reader", pf_document_diagnostics(p->doc));
    return d;
}

static bool has_substance(const json_t *resume)
{
    const json_t *basics = json_object_get(resume, "basics");
    if (json_object_get(basics, "name") || json_object_get(basics, "email") ||
        json_object_get(basics, "phone"))
        return true;
    const char *key;
    json_t *value;
    json_object_foreach((json_t *)resume, key, value) {
        if (json_is_array(value) && json_array_size(value) > 0)
            return true;
    }
    return false;
}

pf_status pf_parse_document(const struct pf_document *doc, const struct pf_parse_options *opts,
                            json_t **out_resume, json_t **out_diagnostics, struct pf_error *err)
{
    pf_status st = PF_OK;
    struct pf_parse p;
    memset(&p, 0, sizeof(p));
    if (!doc || !out_resume) {
        st = pf_error_set(err, PF_E_INVALID, "no document to parse");
        goto done;
    }
    if (pf_document_format(doc) == PF_DOC_FORMAT_JSON_RESUME && pf_document_resume(doc)) {
        st = pf_resume_import(pf_document_resume(doc), opts, out_resume, err);
        if (st == PF_OK && out_diagnostics)
            *out_diagnostics = json_pack("{s:s, s:b, s:o}", "parser",
                                         "personaforge-parse/" PF_PARSE_VERSION, "imported", 1,
                                         "reader", pf_document_diagnostics(doc));
        goto done;
    }
    struct pf_str text = pf_document_text(doc);
    if (!pf_has_alnum(text)) {
        st = pf_error_set(err, PF_E_EMPTY, "the document contains no text");
        goto done;
    }
    p.doc = doc;
    p.arena = pf_arena_new();
    p.raw = text.ptr;
    p.raw_len = text.len;
    p.resume = json_object();
    p.fields = json_object();
    p.current = json_array();
    reference_date(&p, opts);
    pf_lines_build(&p);
    pf_sections_find(&p);
    run_extractors(&p);
    if (!has_substance(p.resume)) {
        st = pf_error_set(err, PF_E_PARSE,
                          "no CV content found: no name, contact details or sections");
        goto done;
    }
    if (!opts || !opts->no_meta) {
        json_t *meta = json_object();
        json_object_set_new(meta, "generator", json_string("personaforge-parse/" PF_PARSE_VERSION));
        if (p.as_of.year > 0) {
            char day[16];
            pf_date_format(p.as_of, day);
            json_object_set_new(meta, "asOf", json_string(day));
        }
        json_object_set(meta, "fields", p.fields);
        json_object_set(meta, "current", p.current);
        json_object_set_new(p.resume, "meta", meta);
    }
    if (out_diagnostics)
        *out_diagnostics = diagnostics(&p);
    *out_resume = p.resume;
    p.resume = NULL;
done:
    json_decref(p.resume);
    json_decref(p.fields);
    json_decref(p.current);
    pf_arena_free(p.arena);
    return st;
}
