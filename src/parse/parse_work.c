/* Work and volunteer entries: employer vs title vs place vs dates, in whatever order a layout
 * prints them, and the summary and highlights below. */
#include <string.h>

#include "parse/parse_int.h"
#include "parse/parse_fields.h"

static const char *const role_words[] = {
    "engineer", "engineering", "developer", "manager", "director", "intern", "internship",
    "analyst", "consultant", "designer", "lead", "head", "officer", "scientist", "architect",
    "specialist", "assistant", "associate", "coordinator", "administrator", "teacher",
    "volunteer", "founder", "cofounder", "co founder", "ceo", "cto", "cfo", "coo", "cio", "vp",
    "president", "representative", "technician", "researcher", "professor", "lecturer",
    "advisor", "adviser", "owner", "editor", "writer", "nurse", "accountant", "mentor",
    "tutor", "trainer", "programmer", "supervisor", "chef", "cook", "clerk", "agent",
    "executive", "principal", "trainee", "apprentice", "fellow", "postdoc", "instructor",
    "counselor", "therapist", "physician", "attorney", "lawyer", "paralegal", "cashier",
    "barista", "waiter", "waitress", "driver", "operator", "mechanic", "electrician",
    "strategist", "evangelist", "freelancer", "contractor", "chair", "chairman", "secretary",
    "treasurer", "ambassador", "organizer", "organiser", "leader", "guide", "captain", "buyer",
    "planner", "auditor", "controller", "recruiter", "marketer", "scrum master",
    "product owner", "devops", "sre", "qa", "tester", "steward", "staff", "senior", "junior",
    "sr", "jr", "student", "research", "teaching", "entwickler", "entwicklerin", "ingenieur",
    "ingenieurin", "leiter", "leiterin", "berater", "beraterin", "praktikant", "praktikantin",
    "werkstudent", "werkstudentin", "mitarbeiter", "mitarbeiterin", "geschaftsfuhrer",
    "geschaftsfuhrerin", "projektleiter", "projektleiterin", "softwareentwickler",
    "softwareentwicklerin", "informatiker", "informatikerin", "referent", "referentin",
    "sachbearbeiter", "sachbearbeiterin", "assistenz", "developpeur", "developpeuse",
    "stagiaire", "responsable", "directeur", "directrice", "charge", "chargee", "consultante",
    "analyste", "alternant", "alternante", "desarrollador", "desarrolladora", "ingeniero",
    "ingeniera", "gerente", "jefe", "jefa", "becario", "becaria", "practicante", "analista",
    "consultor", "consultora", "directora", "programador", "programadora", "tecnico",
    "tecnica", "asistente", "coordinador", "coordinadora", "member", "helper", "worker",
    "specialista", "expert", "partner", "producer", "photographer", "artist", "musician",
    "pilot", "pharmacist", "dentist", "surgeon", "veterinarian", "librarian", "journalist",
    "reporter", "translator", "interpreter", "administrative", "receptionist", "bartender",
    "host", "hostess", "server", "crew", "associate", "coach", "instructor", NULL};

static const char *const org_words[] = {
    "inc", "llc", "ltd", "limited", "gmbh", "ag", "corp", "corporation", "company", "group",
    "capital", "labs", "lab", "technologies", "technology", "systems", "solutions", "software",
    "studio", "studios", "partners", "bank", "university", "universitat", "universite",
    "universidad", "college", "school", "institute", "institut", "instituto", "academy",
    "foundation", "association", "society", "agency", "consulting", "services", "ventures",
    "holdings", "enterprises", "industries", "network", "media", "games", "hospital",
    "clinic", "restaurant", "restaurants", "cafe", "bakery", "store", "shop", "market",
    "freelance", "self employed", "selbststandig", "sa", "sarl", "sas", "sl", "bv", "nv",
    "plc", "pty", "llp", "lp", "kg", "ohg", "ug", "verein", "stiftung", "ministry",
    "government", "council", "county", "center", "centre", "museum", "library", "church",
    "club", "organization", "organisation", "bureau", "office", "department", "gesellschaft",
    "werke", "ecole", "hochschule", "fachhochschule", "co", "free net", "food bank",
    "america", "international", "global", "digital", "entreprise", "empresa", "coop",
    "cooperative", "charity", "trust", "fund", "press", "publishing", "airlines", "motors",
    "pharma", "energy", "logistics", "health", "care", "insurance", "bootcamp", NULL};

int pf_role_score(const struct pf_parse *p, size_t start, size_t end)
{
    char folded[160];
    pf_fold(pf_raw(p, start, end), folded, sizeof(folded));
    int score = 0;
    char *word = folded;
    while (*word) {
        char *space = strchr(word, ' ');
        if (space)
            *space = '\0';
        if (pf_in_list(word, role_words))
            score += 2;
        if (pf_in_list(word, org_words))
            score -= 2;
        if (!space)
            break;
        *space = ' ';
        word = space + 1;
    }
    /* Multi-word entries ("self employed", "product owner"). */
    pf_fold(pf_raw(p, start, end), folded, sizeof(folded));
    if (pf_has_listed_word(folded, (const char *const[]){"self employed", "food bank",
                                                          "free net", NULL}))
        score -= 2;
    if (pf_has_listed_word(folded, (const char *const[]){"scrum master", "product owner",
                                                          "co founder", NULL}))
        score += 2;
    return score;
}

/* Connector words that put a title before its employer: "Engineer at Google". */
static const char *const at_words[] = {" at ", " @ ", " bei ", " chez ", NULL};

static long find_connector(struct pf_str s, size_t *out_len)
{
    for (size_t i = 0; at_words[i]; i++) {
        long at = pf_str_find(s, pf_str_from_cstr(at_words[i]));
        if (at > 0) {
            *out_len = strlen(at_words[i]);
            return at;
        }
    }
    return -1;
}

/* Splits [start, end) at separators inside a header cell: " - ", " – ", " | ", ", ". */
static size_t split_pieces(const struct pf_parse *p, struct pf_span cell, struct pf_span *out,
                           size_t max, bool commas)
{
    size_t n = 0;
    size_t seg = cell.start;
    size_t i = cell.start;
    int depth = 0;
    while (i <= cell.end && n < max) {
        size_t sep = 0;
        if (i < cell.end) {
            const char *c = p->raw + i;
            size_t left = cell.end - i;
            if (*c == '(')
                depth++;
            else if (*c == ')' && depth > 0)
                depth--;
            if (depth == 0) {
                if (left >= 3 && c[0] == ' ' && (c[1] == '-' || c[1] == '|') && c[2] == ' ')
                    sep = 3;
                else if (left >= 5 && c[0] == ' ' && (unsigned char)c[1] == 0xE2 &&
                         (unsigned char)c[2] == 0x80 &&
                         ((unsigned char)c[3] == 0x93 || (unsigned char)c[3] == 0x94) &&
                         c[4] == ' ')
                    sep = 5;
                else if (commas && c[0] == ',' && (left == 1 || c[1] == ' '))
                    sep = 1;
            }
        }
        if (i == cell.end || sep) {
            struct pf_span s = pf_trim_span(p, (struct pf_span){seg, i}, ",;:");
            if (s.end > s.start && pf_has_alnum(pf_raw(p, s.start, s.end)))
                out[n++] = s;
            if (i == cell.end)
                break;
            i += sep;
            seg = i;
            continue;
        }
        i++;
    }
    return n;
}

static bool wraps_into(struct pf_parse *p, const struct pf_pline *a, const struct pf_pline *b)
{
    if (!a->has_geom || !b->has_geom || a->bold != b->bold || a->size - b->size > 0.5f ||
        b->size - a->size > 0.5f || a->x0 - b->x0 > 2.0f || b->x0 - a->x0 > 2.0f ||
        b->y0 - a->y1 > a->size * 1.5f)
        return false;
    struct pf_span cells[2];
    if (pf_cells(p, b->start, b->end, cells, 2) != 1)
        return false;
    struct pf_str bt = pf_raw(p, b->start, b->end);
    struct pf_date_range r;
    if (pf_date_find(bt, &r))
        return false;
    size_t chars = a->end - a->start;
    float char_w = chars ? (a->x1 - a->x0) / (float)chars : 5.0f;
    return a->x1 >= a->right - 12.0f * char_w && (a->right - a->x0) < 400.0f &&
           pf_word_count(bt, NULL, NULL) <= 3;
}

size_t pf_head_segments(struct pf_parse *p, const struct pf_entry *e, struct pf_seg *out,
                        size_t max, struct pf_span *out_url)
{
    size_t n = 0;
    out_url->start = out_url->end = 0;
    for (size_t h = 0; h < e->head_count; h++) {
        const struct pf_pline *l = &p->lines[e->head[h]];
        struct pf_span cells[16];
        size_t nc = pf_cells(p, l->start, l->end, cells, 16);
        /* A title wrapped onto a second line of the same style. */
        if (nc == 1 && h + 1 < e->head_count && e->head[h + 1] == e->head[h] + 1 &&
            wraps_into(p, l, &p->lines[e->head[h + 1]])) {
            cells[0].end = p->lines[e->head[h + 1]].end;
            h++;
        }
        for (size_t c = 0; c < nc; c++) {
            struct pf_span cell = cells[c];
            struct pf_str text = pf_raw(p, cell.start, cell.end);
            /* Cut the dates out. */
            struct pf_date_range r;
            struct pf_span parts[2] = {cell, {0, 0}};
            size_t np = 1;
            if (pf_date_find(text, &r)) {
                if (pf_is_date_only(text))
                    continue;
                parts[0] = (struct pf_span){cell.start, cell.start + r.match_start};
                parts[1] = (struct pf_span){cell.start + r.match_end, cell.end};
                np = 2;
            }
            for (size_t k = 0; k < np; k++) {
                struct pf_span part = pf_trim_span(p, parts[k], ",;:-|()");
                struct pf_str pt = pf_raw(p, part.start, part.end);
                if (!pf_has_alnum(pt) || pf_is_date_only(pt) || pf_is_duration(pt))
                    continue;
                size_t ua = 0;
                size_t ub = 0;
                if (pf_find_url(pt, &ua, &ub)) {
                    if (out_url->end == 0)
                        *out_url = (struct pf_span){part.start + ua, part.start + ub};
                    struct pf_span before = {part.start, part.start + ua};
                    struct pf_span after = {part.start + ub, part.end};
                    before = pf_trim_span(p, before, ",;:-|()");
                    after = pf_trim_span(p, after, ",;:-|()");
                    if (before.end > before.start && n < max) {
                        out[n] = (struct pf_seg){before, e->head[h], (int)h, 0, false};
                        n++;
                    }
                    if (after.end > after.start && pf_has_alnum(pf_raw(p, after.start, after.end)) && n < max) {
                        out[n] = (struct pf_seg){after, e->head[h], (int)h, 0, false};
                        n++;
                    }
                    continue;
                }
                if (n < max) {
                    out[n] = (struct pf_seg){part, e->head[h], (int)h, 0, false};
                    n++;
                }
            }
        }
    }
    return n;
}

/* Splits the raw segments further: "Title at Org" (kind fixed), "Title, Org", "Org - Title";
 * places are recognised. */
static bool descriptive(struct pf_parse *p, struct pf_span s);

size_t pf_refine_segments(struct pf_parse *p, struct pf_seg *segs, size_t n, size_t max,
                          bool descriptions)
{
    struct pf_seg out[PF_MAX_SEGS];
    size_t m = 0;
    for (size_t i = 0; i < n && m < PF_MAX_SEGS; i++) {
        struct pf_seg s = segs[i];
        struct pf_str text = pf_raw(p, s.span.start, s.span.end);
        if (pf_looks_like_location(p, s.span.start, s.span.end)) {
            s.kind = PF_SEG_PLACE;
            out[m++] = s;
            continue;
        }
        size_t clen = 0;
        long at = find_connector(text, &clen);
        if (at > 0 && m + 2 <= PF_MAX_SEGS) {
            struct pf_seg a = s;
            struct pf_seg b = s;
            a.span = pf_trim_span(p, (struct pf_span){s.span.start, s.span.start + (size_t)at}, ",");
            b.span = pf_trim_span(p, (struct pf_span){s.span.start + (size_t)at + clen, s.span.end}, ",");
            a.kind = PF_SEG_TITLE;
            b.kind = PF_SEG_ORG;
            a.fixed = b.fixed = true;
            out[m++] = a;
            /* "Org, Place" after the connector */
            struct pf_span pieces[4];
            size_t np = split_pieces(p, b.span, pieces, 4, true);
            if (np >= 2 && pf_looks_like_location(p, pieces[1].start, b.span.end)) {
                b.span = pieces[0];
                out[m++] = b;
                if (m < PF_MAX_SEGS)
                    out[m++] = (struct pf_seg){{pieces[1].start, b.span.end > pieces[np - 1].end ? b.span.end : pieces[np - 1].end}, s.line, s.head_index, PF_SEG_PLACE, true};
            } else {
                out[m++] = b;
            }
            continue;
        }
        /* A descriptive phrase ("Regional restaurant group, four locations") stays whole. */
        if (descriptions && descriptive(p, s.span) &&
            pf_role_score(p, s.span.start, s.span.end) <= 0 &&
            pf_str_find(text, PF_STR(" - ")) < 0 && pf_str_find(text, PF_STR(" | ")) < 0) {
            s.kind = PF_SEG_DESC;
            out[m++] = s;
            continue;
        }
        struct pf_span pieces[8];
        size_t np = split_pieces(p, s.span, pieces, 8, true);
        for (size_t k = 0; k < np && m < PF_MAX_SEGS; k++) {
            /* "Austin, TX" split by the comma: glue the place back together. */
            bool comma_joined = k + 1 < np && memchr(p->raw + pieces[k].end, ',',
                                                      pieces[k + 1].start - pieces[k].end) != NULL;
            if (comma_joined && pf_looks_like_location(p, pieces[k].start, pieces[np - 1].end)) {
                out[m++] = (struct pf_seg){{pieces[k].start, pieces[np - 1].end}, s.line,
                                           s.head_index, PF_SEG_PLACE, false};
                break;
            }
            struct pf_seg piece = s;
            piece.span = pieces[k];
            piece.kind = pf_looks_like_location(p, pieces[k].start, pieces[k].end) ? PF_SEG_PLACE : 0;
            out[m++] = piece;
        }
    }
    size_t count = m < max ? m : max;
    memcpy(segs, out, count * sizeof(*segs));
    return count;
}

static bool is_noise_segment(struct pf_parse *p, struct pf_span s)
{
    char folded[64];
    pf_fold(pf_raw(p, s.start, s.end), folded, sizeof(folded));
    static const char *const noise[] = {
        "full time", "part time", "fulltime", "parttime", "contract", "permanent", "temporary",
        "internship", "freelance work", "vollzeit", "teilzeit", "cdi", "cdd", "stage",
        "remote", "hybrid", "on site", "onsite", "present", "current", NULL};
    return folded[0] == '\0' || pf_in_list(folded, noise);
}

/* A description rather than a name: two words or more, some of them lower case. */
static bool descriptive(struct pf_parse *p, struct pf_span s)
{
    struct pf_str t = pf_raw(p, s.start, s.end);
    size_t words = pf_word_count(t, NULL, NULL);
    if (words < 2)
        return false;
    static const char *const small[] = {"of", "and", "for", "the", "at", "in", "de", "du",
                                        "la", "le", "des", "der", "und", "y", "et", "a", "an",
                                        "on", NULL};
    size_t lower = 0;
    size_t i = 0;
    while (i < t.len) {
        while (i < t.len && t.ptr[i] == ' ')
            i++;
        size_t w = i;
        while (i < t.len && t.ptr[i] != ' ')
            i++;
        if (i > w && t.ptr[w] >= 'a' && t.ptr[w] <= 'z') {
            static const char *const suffixes[] = {"plc", "inc", "llc", "ltd", "gmbh", "ag",
                                                   "sa", "sarl", "sas", "sl", "bv", "nv", "co",
                                                   "corp", "kg", "ohg", "ug", "ev", NULL};
            char f[16];
            pf_fold(pf_str_make(t.ptr + w, i - w), f, sizeof(f));
            lower += !pf_in_list(f, small) && !pf_in_list(f, suffixes);
        }
    }
    return lower >= 1 && lower * 3 >= words;
}

void pf_assign_title_org(struct pf_parse *p, struct pf_seg *segs, size_t n, int order_hint)
{
    for (size_t i = 0; i < n; i++) {
        if (segs[i].kind == PF_SEG_FREE && descriptive(p, segs[i].span) &&
            pf_role_score(p, segs[i].span.start, segs[i].span.end) <= 0)
            segs[i].kind = PF_SEG_DESC;
    }
    long title = -1;
    long org = -1;
    for (size_t i = 0; i < n; i++) {
        if (segs[i].kind == PF_SEG_TITLE && title < 0)
            title = (long)i;
        if (segs[i].kind == PF_SEG_ORG && org < 0)
            org = (long)i;
    }
    if (title >= 0 && org >= 0)
        return;
    /* The best role-scored free segment is the title, the best org-scored one the employer. */
    int best = 0;
    int worst = 0;
    long best_i = -1;
    long worst_i = -1;
    size_t free_count = 0;
    for (size_t i = 0; i < n; i++) {
        if (segs[i].kind != 0 || is_noise_segment(p, segs[i].span))
            continue;
        free_count++;
        int sc = pf_role_score(p, segs[i].span.start, segs[i].span.end);
        if (sc > best) {
            best = sc;
            best_i = (long)i;
        }
        if (sc < worst) {
            worst = sc;
            worst_i = (long)i;
        }
    }
    if (title < 0 && best_i >= 0) {
        segs[best_i].kind = PF_SEG_TITLE;
        title = best_i;
    }
    if (org < 0 && worst_i >= 0 && worst_i != title) {
        segs[worst_i].kind = PF_SEG_ORG;
        org = worst_i;
    }
    /* What is left goes by position: the layout's order (learned over the section), else the
     * first free segment is the employer when the title is known and the other way round. */
    for (size_t i = 0; i < n && (title < 0 || org < 0); i++) {
        if (segs[i].kind != 0 || is_noise_segment(p, segs[i].span))
            continue;
        if (title >= 0) {
            segs[i].kind = PF_SEG_ORG;
            org = (long)i;
        } else if (org >= 0) {
            segs[i].kind = PF_SEG_TITLE;
            title = (long)i;
        } else {
            segs[i].kind = order_hint > 0 ? PF_SEG_TITLE : PF_SEG_ORG;
            if (segs[i].kind == PF_SEG_TITLE)
                title = (long)i;
            else
                org = (long)i;
        }
    }
    PF_UNUSED(free_count);
}

/* +1 when titles come before employers in this section's entries, -1 after, 0 unknown. */
static int learn_order(struct pf_parse *p, struct pf_entry *entries, size_t count)
{
    int votes = 0;
    for (size_t e = 0; e < count; e++) {
        struct pf_seg segs[PF_MAX_SEGS];
        struct pf_span url;
        size_t n = pf_head_segments(p, &entries[e], segs, PF_MAX_SEGS, &url);
        n = pf_refine_segments(p, segs, n, PF_MAX_SEGS, true);
        long first_title = -1;
        long first_org = -1;
        for (size_t i = 0; i < n; i++) {
            int sc = segs[i].kind == PF_SEG_TITLE ? 10 : segs[i].kind == PF_SEG_ORG ? -10
                     : segs[i].kind == PF_SEG_PLACE ? 0
                     : pf_role_score(p, segs[i].span.start, segs[i].span.end);
            if (sc > 0 && first_title < 0)
                first_title = (long)i;
            if (sc < 0 && first_org < 0)
                first_org = (long)i;
        }
        if (first_title >= 0 && first_org < 0) {
            /* Only the title is known: the other free segment's side tells the order. */
            for (size_t i = 0; i < n; i++) {
                if (segs[i].kind == 0 && (long)i != first_title &&
                    pf_role_score(p, segs[i].span.start, segs[i].span.end) == 0) {
                    votes += (long)i > first_title ? 1 : -1;
                    break;
                }
            }
        } else if (first_title >= 0 && first_org >= 0) {
            votes += first_title < first_org ? 1 : -1;
        }
    }
    return votes > 0 ? 1 : votes < 0 ? -1 : 0;
}

void pf_entry_body(struct pf_parse *p, const struct pf_entry *e, json_t *obj, json_t *meta,
                   const char *summary_key, const char *items_key)
{
    bool summary_done = summary_key == NULL;
    for (size_t i = 0; i < e->item_count; i++) {
        struct pf_val v = pf_val_span(p, e->items[i].start, e->items[i].end, 0.8f);
        if (!v.text)
            continue;
        if (!summary_done && !e->item_bullet[i] && i == 0) {
            pf_put(obj, meta, summary_key, v);
            summary_done = true;
            continue;
        }
        summary_done = true;
        /* One or two words under the text are tags (technologies), not an achievement. */
        if (items_key && pf_word_count(pf_str_from_cstr(v.text), NULL, NULL) > 2)
            pf_push(obj, meta, items_key, v);
    }
}

void pf_entry_dates(struct pf_parse *p, const struct pf_entry *e, json_t *obj, json_t *meta,
                    const char *start_key, const char *end_key, bool single_is_both,
                    bool *out_ongoing)
{
    *out_ongoing = false;
    if (!e->has_dates)
        return;
    const struct pf_date_range *r = &e->dates;
    if (r->has_start)
        pf_put_date(obj, meta, start_key, r->start, e->date_span, 0.9f);
    if (r->has_end)
        pf_put_date(obj, meta, end_key, r->end, e->date_span, 0.9f);
    else if (r->present)
        *out_ongoing = r->has_start;
    else if (r->has_start && single_is_both && end_key)
        pf_put_date(obj, meta, end_key, r->start, e->date_span, 0.6f);
}

void pf_work_extract(struct pf_parse *p, const struct pf_section *s, bool volunteer)
{
    struct pf_entry *entries = NULL;
    size_t count = pf_entries_split(p, s, &entries);
    int order = learn_order(p, entries, count);
    for (size_t e = 0; e < count; e++) {
        struct pf_seg segs[PF_MAX_SEGS];
        struct pf_span url;
        size_t n = pf_head_segments(p, &entries[e], segs, PF_MAX_SEGS, &url);
        n = pf_refine_segments(p, segs, n, PF_MAX_SEGS, true);
        pf_assign_title_org(p, segs, n, order);
        json_t *obj = json_object();
        json_t *meta = json_object();
        float conf = order != 0 ? 0.8f : 0.6f;
        for (size_t i = 0; i < n; i++) {
            float c = segs[i].fixed ? 0.9f : conf;
            if (segs[i].kind == PF_SEG_ORG && !json_object_get(obj, volunteer ? "organization" : "name"))
                pf_put(obj, meta, volunteer ? "organization" : "name",
                       pf_val_span(p, segs[i].span.start, segs[i].span.end, c));
            else if (segs[i].kind == PF_SEG_TITLE && !json_object_get(obj, "position"))
                pf_put(obj, meta, "position", pf_val_span(p, segs[i].span.start, segs[i].span.end, c));
            else if (segs[i].kind == PF_SEG_PLACE && !volunteer && !json_object_get(obj, "location"))
                pf_put(obj, meta, "location", pf_val_span(p, segs[i].span.start, segs[i].span.end, 0.7f));
            else if (segs[i].kind == PF_SEG_DESC && !json_object_get(obj, "description"))
                pf_put(obj, meta, "description", pf_val_span(p, segs[i].span.start, segs[i].span.end, 0.6f));
        }
        if (url.end > url.start) {
            const char *abs = pf_url_absolute(p, pf_raw(p, url.start, url.end));
            pf_put(obj, meta, "url", pf_val_text(p, abs, url.start, url.end, 0.9f));
        }
        bool ongoing = false;
        pf_entry_dates(p, &entries[e], obj, meta, "startDate", "endDate", true, &ongoing);
        pf_entry_body(p, &entries[e], obj, meta, "summary", "highlights");
        if (json_object_size(obj) == 0 ||
            (!json_object_get(obj, volunteer ? "organization" : "name") &&
             !json_object_get(obj, "position"))) {
            json_decref(obj);
            json_decref(meta);
            continue;
        }
        pf_commit(p, volunteer ? "volunteer" : "work", obj, meta, ongoing);
    }
}
