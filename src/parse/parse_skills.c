/* Skills (groups with a level and keywords, or flat lists), languages with fluency, interests. */
#include <string.h>

#include "parse/parse_int.h"

#define CELLS_MAX 32
#define ITEMS_MAX 64

static const char *const level_words[] = {
    "beginner", "novice", "basic", "basics", "elementary", "intermediate", "advanced", "expert",
    "master", "senior", "junior", "proficient", "competent", "experienced", "familiar",
    "fluent", "native", "professional", "grundkenntnisse", "fortgeschritten", "experte",
    "sehr gut", "gut", "debutant", "intermediaire", "avance", "confirme", "principiante",
    "intermedio", "avanzado", "experto", "good", "very good", "excellent", "strong", "working",
    "mid", "lead", "learning", NULL};

static bool is_level(struct pf_parse *p, struct pf_span s)
{
    char f[48];
    pf_fold(pf_raw(p, s.start, s.end), f, sizeof(f));
    return f[0] != '\0' && pf_in_list(f, level_words);
}

/* Items of a list line: cells split further at commas (outside parentheses); a line of three
 * or more words without any separator is a space-separated tag list. */
static size_t list_items(struct pf_parse *p, size_t start, size_t end, struct pf_span *out,
                         size_t max, bool split_spaces)
{
    struct pf_span cells[CELLS_MAX];
    size_t nc = pf_cells(p, start, end, cells, CELLS_MAX);
    size_t n = 0;
    for (size_t c = 0; c < nc && n < max; c++) {
        size_t seg = cells[c].start;
        int depth = 0;
        bool any_comma = false;
        size_t before = n;
        for (size_t k = cells[c].start; k <= cells[c].end && n < max; k++) {
            bool cut = k == cells[c].end;
            if (!cut) {
                char ch = p->raw[k];
                depth += ch == '(' ? 1 : ch == ')' && depth > 0 ? -1 : 0;
                cut = depth == 0 && ch == ',';
                any_comma = any_comma || cut;
            }
            if (cut) {
                struct pf_span s = pf_trim_span(p, (struct pf_span){seg, k}, ",;:.");
                if (s.end > s.start && pf_has_alnum(pf_raw(p, s.start, s.end)))
                    out[n++] = s;
                seg = k + 1;
            }
        }
        if (!any_comma && nc == 1 && split_spaces && n == before + 1 &&
            pf_word_count(pf_raw(p, out[before].start, out[before].end), NULL, NULL) >= 3) {
            struct pf_span whole = out[before];
            n = before;
            size_t w = whole.start;
            for (size_t k = whole.start; k <= whole.end && n < max; k++) {
                if (k == whole.end || p->raw[k] == ' ') {
                    if (k > w)
                        out[n++] = (struct pf_span){w, k};
                    w = k + 1;
                }
            }
        }
    }
    return n;
}

static bool line_is_list(struct pf_parse *p, size_t i)
{
    const struct pf_pline *l = &p->lines[i];
    struct pf_span cells[CELLS_MAX];
    size_t nc = pf_cells(p, l->start, l->end, cells, CELLS_MAX);
    struct pf_str s = pf_raw(p, l->start, l->end);
    return nc >= 2 || pf_str_find_char(s, ',') >= 0 || pf_word_count(s, NULL, NULL) >= 3;
}

static json_t *new_group(json_t **out_meta)
{
    *out_meta = json_object();
    return json_object();
}

static void commit_group(struct pf_parse *p, json_t **group, json_t **meta)
{
    if (*group && json_object_get(*group, "name"))
        pf_commit(p, "skills", *group, *meta, false);
    else {
        json_decref(*group);
        json_decref(*meta);
    }
    *group = NULL;
    *meta = NULL;
}

/* "Frontend (Senior): React, TypeScript" / "Tech: React, Node.js". */
static bool colon_group(struct pf_parse *p, const struct pf_pline *l)
{
    struct pf_str s = pf_raw(p, l->start, l->end);
    long colon = pf_str_find_char(s, ':');
    if (colon <= 0 || (size_t)colon + 2 >= s.len)
        return false;
    struct pf_str name = pf_str_make(s.ptr, (size_t)colon);
    if (pf_word_count(name, NULL, NULL) > 5 || pf_str_find(s, PF_STR("://")) >= 0)
        return false;
    json_t *meta = NULL;
    json_t *g = new_group(&meta);
    long open = pf_str_find_char(name, '(');
    size_t name_end = l->start + (size_t)colon;
    if (open > 0 && name.ptr[name.len - 1] == ')') {
        struct pf_span lv = {l->start + (size_t)open + 1, l->start + (size_t)colon - 1};
        pf_put(g, meta, "level", pf_val_span(p, lv.start, lv.end, 0.8f));
        name_end = l->start + (size_t)open;
    }
    pf_put(g, meta, "name", pf_val_span(p, l->start, name_end, 0.85f));
    struct pf_span items[ITEMS_MAX];
    size_t n = list_items(p, l->start + (size_t)colon + 1, l->end, items, ITEMS_MAX, false);
    for (size_t k = 0; k < n; k++)
        pf_push(g, meta, "keywords", pf_val_span(p, items[k].start, items[k].end, 0.85f));
    commit_group(p, &g, &meta);
    return true;
}

long pf_skills_hidden(struct pf_parse *p, const struct pf_section *s, size_t min_groups)
{
    /* Skill groups without a heading of their own (a sidebar whose "Skills" title is an icon):
     * a short name, a level word alone on the next line, then the keywords; twice at least. */
    size_t last = s->first + s->count;
    long first = -1;
    size_t groups = 0;
    for (size_t i = s->first; i + 1 < last; i++) {
        const struct pf_pline *l = &p->lines[i];
        const struct pf_pline *n = &p->lines[i + 1];
        struct pf_span cells[2];
        if (pf_cells(p, l->start, l->end, cells, 2) != 1 ||
            pf_word_count(pf_raw(p, l->start, l->end), NULL, NULL) > 4 || is_level(p, cells[0]))
            continue;
        if (pf_cells(p, n->start, n->end, cells, 2) != 1 || !is_level(p, cells[0]))
            continue;
        if (first < 0)
            first = (long)i;
        groups++;
    }
    return groups >= min_groups ? first : -1;
}

void pf_skills_extract(struct pf_parse *p, const struct pf_section *s)
{
    json_t *group = NULL;
    json_t *meta = NULL;
    size_t last = s->first + s->count;
    for (size_t i = s->first; i < last; i++) {
        const struct pf_pline *l = &p->lines[i];
        if (l->skip || l->is_sub)
            continue;
        if (colon_group(p, l)) {
            commit_group(p, &group, &meta);
            continue;
        }
        struct pf_span cells[CELLS_MAX];
        size_t nc = pf_cells(p, l->start, l->end, cells, CELLS_MAX);
        struct pf_str text = pf_raw(p, l->start, l->end);
        bool single = (nc == 1 || (nc == 2 && is_level(p, cells[1]))) &&
                      pf_str_find_char(text, ',') < 0 &&
                      pf_word_count(pf_raw(p, cells[0].start, cells[0].end), NULL, NULL) <= 4;
        /* A group name: a single short line followed by a list (or a level, then a list). */
        size_t next = i + 1;
        while (next < last && p->lines[next].skip)
            next++;
        bool level_next = false;
        if (single && nc == 1 && next < last) {
            struct pf_span nc2[2];
            if (pf_cells(p, p->lines[next].start, p->lines[next].end, nc2, 2) == 1 &&
                is_level(p, nc2[0]))
                level_next = true;
        }
        size_t list_at = level_next ? next + 1 : next;
        bool name_line = single && !is_level(p, cells[0]) &&
                         (level_next || (list_at < last && line_is_list(p, list_at)));
        /* "Frontend Senior", "Frontend – Senior": a group name with its level. */
        struct pf_span trailing_level = {0, 0};
        if (single && nc == 1) {
            struct pf_str t = pf_raw(p, cells[0].start, cells[0].end);
            static const char *const dashes[] = {" - ", " \xE2\x80\x93 ", " \xE2\x80\x94 ", NULL};
            for (size_t d = 0; dashes[d]; d++) {
                long at = pf_str_find(t, pf_str_from_cstr(dashes[d]));
                struct pf_span lv = {cells[0].start + (size_t)at + strlen(dashes[d]), cells[0].end};
                if (at > 0 && is_level(p, lv)) {
                    trailing_level = lv;
                    cells[0].end = cells[0].start + (size_t)at;
                    break;
                }
            }
        }
        if (trailing_level.end > trailing_level.start) {
            name_line = name_line || (list_at < last && line_is_list(p, list_at));
        } else if (single && nc == 1 && !name_line && list_at < last && line_is_list(p, list_at)) {
            size_t sp = cells[0].end;
            while (sp > cells[0].start && p->raw[sp - 1] != ' ')
                sp--;
            if (sp > cells[0].start + 1 && is_level(p, (struct pf_span){sp, cells[0].end})) {
                trailing_level = (struct pf_span){sp, cells[0].end};
                cells[0].end = sp - 1;
                name_line = true;
            }
        } else if (single && nc == 1 && name_line) {
            size_t sp = cells[0].end;
            while (sp > cells[0].start && p->raw[sp - 1] != ' ')
                sp--;
            if (sp > cells[0].start + 1 && is_level(p, (struct pf_span){sp, cells[0].end}) &&
                !level_next) {
                trailing_level = (struct pf_span){sp, cells[0].end};
                cells[0].end = sp - 1;
            }
        }
        if (name_line) {
            commit_group(p, &group, &meta);
            group = new_group(&meta);
            pf_put(group, meta, "name", pf_val_span(p, cells[0].start, cells[0].end, 0.8f));
            if (nc == 2)
                pf_put(group, meta, "level", pf_val_span(p, cells[1].start, cells[1].end, 0.8f));
            if (trailing_level.end > trailing_level.start)
                pf_put(group, meta, "level",
                       pf_val_span(p, trailing_level.start, trailing_level.end, 0.7f));
            if (level_next) {
                const struct pf_pline *lv = &p->lines[next];
                pf_put(group, meta, "level", pf_val_span(p, lv->start, lv->end, 0.75f));
                i = next;
            }
            continue;
        }
        struct pf_span items[ITEMS_MAX];
        size_t n = list_items(p, l->start, l->end, items, ITEMS_MAX, group != NULL);
        if (group) {
            for (size_t k = 0; k < n; k++)
                pf_push(group, meta, "keywords", pf_val_span(p, items[k].start, items[k].end, 0.75f));
            continue;
        }
        for (size_t k = 0; k < n; k++) {
            json_t *m = NULL;
            json_t *g = new_group(&m);
            pf_put(g, m, "name", pf_val_span(p, items[k].start, items[k].end, 0.7f));
            commit_group(p, &g, &m);
        }
    }
    commit_group(p, &group, &meta);
}
