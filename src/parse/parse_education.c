/* Education entries: institution, degree (studyType), field (area), grade (score), courses. */
#include <string.h>

#include "parse/parse_fields.h"
#include "parse/parse_int.h"

static const char *const degree_words[] = {
    "bachelor", "bachelors", "master", "masters", "mba", "phd", "doctor", "doctorate",
    "associate", "associates", "diploma", "diplom", "bsc", "msc", "ba", "ma", "bs", "ms",
    "beng", "meng", "bba", "llb", "llm", "md", "abitur", "licence", "licenciatura", "grado",
    "maestria", "doctorado", "baccalaureat", "bac", "dut", "bts", "magister", "staatsexamen",
    "fachabitur", "certificate", "high school", "highschool", "ged", "a levels", "gcse",
    "diplome", "titulo", "tecnico superior", "ingenieur", "hnd", "aa", "as", "aas", "mphil",
    "dphil", "edd", "jd", "mfa", "bfa", "mres", "postgraduate", "undergraduate", "graduate",
    "bachillerato", "maitrise", "mastere", "dea", "dess", "habilitation", "promotion", NULL};

/* Words after "Bachelor of" that still belong to the degree's name. */
static const char *const degree_subjects[] = {
    "science", "sciences", "arts", "applied", "engineering", "fine", "business",
    "administration", "laws", "law", "education", "technology", "commerce", "philosophy",
    "music", "architecture", "nursing", "medicine", "public", "health", "social", "work",
    "letters", "surgery", "degree", NULL};

/* A subject word that completes a degree's name ("of Applied Science" ends at "Science"). */
static const char *const degree_terminal[] = {
    "science", "sciences", "arts", "engineering", "administration", "laws", "law",
    "education", "technology", "commerce", "philosophy", "music", "architecture", "nursing",
    "medicine", "health", "work", "letters", "surgery", "degree", NULL};

static const char *const school_words[] = {
    "university", "universitat", "universite", "universidad", "universita", "universiteit",
    "college", "school", "institute", "institut", "instituto", "academy", "akademie",
    "hochschule", "fachhochschule", "ecole", "escuela", "polytechnic", "politecnico",
    "polytechnique", "gymnasium", "lycee", "liceo", "colegio", "conservatory", "seminary",
    "bootcamp", "uni", "tu", "eth", "epfl", "mit", "ucla", "iut", "insa", "faculty",
    "fakultat", "facultad", "campus", "realschule", "gesamtschule", "berufsschule", NULL};

static const char *const score_words[] = {"gpa", "grade", "grades", "note", "notendurchschnitt",
                                          "moyenne", "nota", "mention", "score", "cgpa",
                                          "honors", "honours", "cum laude", NULL};

static bool folded_has(struct pf_parse *p, struct pf_span s, const char *const *list)
{
    char folded[160];
    pf_fold(pf_raw(p, s.start, s.end), folded, sizeof(folded));
    return pf_has_listed_word(folded, list);
}

/* The end of a degree name starting at s ("Bachelor of Science" in "Bachelor of Science in
 * Computer Science"); s.start when s does not start with a degree word. */
static size_t degree_end(struct pf_parse *p, struct pf_span s)
{
    size_t i = s.start;
    size_t end = s.start;
    int words = 0;
    bool after_of = false;
    while (i < s.end) {
        while (i < s.end && (p->raw[i] == ' ' || p->raw[i] == '\''))
            i++;
        size_t w = i;
        while (i < s.end && p->raw[i] != ' ' && p->raw[i] != ',' && p->raw[i] != ':' &&
               p->raw[i] != '(')
            i++;
        if (i == w)
            break;
        char f[32];
        pf_fold(pf_raw(p, w, i), f, sizeof(f));
        if (words == 0) {
            if (!pf_in_list(f, degree_words))
                return s.start;
            end = i;
        } else if (strcmp(f, "of") == 0 || strcmp(f, "in") == 0 || strcmp(f, "en") == 0 ||
                   strcmp(f, "der") == 0 || strcmp(f, "des") == 0 || strcmp(f, "de") == 0) {
            if (strcmp(f, "of") != 0)
                break; /* "in X": X is the field */
            after_of = true;
        } else if (pf_in_list(f, degree_subjects) || strcmp(f, "s") == 0 ||
                   (pf_in_list(f, degree_words) && !after_of)) {
            end = i;
            if (after_of && pf_in_list(f, degree_terminal))
                break;
        } else {
            break;
        }
        words++;
        if (i < s.end && (p->raw[i] == ',' || p->raw[i] == ':' || p->raw[i] == '('))
            break;
    }
    return end;
}

struct edu {
    struct pf_val institution, study, area, score, location;
};

static void take_score(struct pf_parse *p, struct edu *e, struct pf_span s)
{
    if (e->score.text)
        return;
    struct pf_str t = pf_raw(p, s.start, s.end);
    /* "Grade: 3.8 GPA" -> "3.8 GPA" */
    long colon = pf_str_find_char(t, ':');
    size_t start = colon >= 0 ? s.start + (size_t)colon + 1 : s.start;
    e->score = pf_val_span(p, start, s.end, 0.8f);
}

static bool is_score(struct pf_parse *p, struct pf_span s);

bool pf_is_score(struct pf_parse *p, size_t start, size_t end)
{
    return is_score(p, (struct pf_span){start, end});
}

static bool is_score(struct pf_parse *p, struct pf_span s)
{
    struct pf_str t = pf_raw(p, s.start, s.end);
    bool digit = false;
    for (size_t i = 0; i < t.len; i++)
        digit = digit || (t.ptr[i] >= '0' && t.ptr[i] <= '9');
    if (!digit)
        return false;
    /* "3.8 GPA", "GPA: 3.81/4.0", "Grade: 1.3", "3.5/4.0" - short, a number with a word. */
    long colon = pf_str_find_char(t, ':');
    if (colon > 0) {
        char head[32];
        pf_fold(pf_str_make(t.ptr, (size_t)colon), head, sizeof(head));
        if (pf_in_list(head, score_words))
            return true;
    }
    if (pf_word_count(t, NULL, NULL) > 4)
        return false;
    /* A bare grade: "3.8", "4.0", "1,3" */
    if (t.len >= 3 && t.len <= 4 && t.ptr[0] >= '0' && t.ptr[0] <= '9' &&
        (t.ptr[1] == '.' || t.ptr[1] == ',') && t.ptr[2] >= '0' && t.ptr[2] <= '9')
        return true;
    return folded_has(p, s, score_words) || (pf_str_find_char(t, '/') > 0 && t.len <= 10);
}

/* Splits a piece into degree, field and score ("Bachelor of Science: Computer Science (3.8 GPA)",
 * "Bachelor of Science Computer Science", "BSc in Physics - 1.3"). */
static void take_degree(struct pf_parse *p, struct edu *e, struct pf_span s)
{
    /* A score in parentheses at the end. */
    struct pf_str t = pf_raw(p, s.start, s.end);
    long open = pf_str_find_char(t, '(');
    if (open > 0 && (t.ptr[t.len - 1] == ')' || pf_str_find_char(t, ')') < 0)) {
        struct pf_span inner = {s.start + (size_t)open + 1,
                                t.ptr[t.len - 1] == ')' ? s.end - 1 : s.end};
        if (is_score(p, inner) || pf_has_alnum(pf_raw(p, inner.start, inner.end))) {
            if (is_score(p, inner)) {
                take_score(p, e, inner);
                s.end = s.start + (size_t)open;
                s = pf_trim_span(p, s, ",;:-");
            }
        }
    }
    size_t dend = degree_end(p, s);
    if (dend > s.start) {
        if (!e->study.text)
            e->study = pf_val_span(p, s.start, dend, 0.85f);
        struct pf_span rest = {dend, s.end};
        rest = pf_trim_span(p, rest, ",;:-");
        /* "in Computer Science" */
        struct pf_str r = pf_raw(p, rest.start, rest.end);
        if (r.len > 3 && (pf_str_starts_with(r, PF_STR("in ")) || pf_str_starts_with(r, PF_STR("of ")) ||
                          pf_str_starts_with(r, PF_STR("en "))))
            rest.start += 3;
        if (rest.end > rest.start && !e->area.text)
            e->area = pf_val_span(p, rest.start, rest.end, 0.8f);
        return;
    }
    if (!e->area.text)
        e->area = pf_val_span(p, s.start, s.end, 0.6f);
}

/* A line of course titles: tab cells (or one cell) of a few capitalised words, no sentence. */
static bool course_like(struct pf_parse *p, struct pf_span it)
{
    struct pf_span cells[8];
    size_t n = pf_cells(p, it.start, it.end, cells, 8);
    if (n < 2)
        return false;
    for (size_t c = 0; c < n; c++) {
        struct pf_str t = pf_raw(p, cells[c].start, cells[c].end);
        if (pf_word_count(t, NULL, NULL) > 6 || t.ptr[t.len - 1] == '.' ||
            !(t.ptr[0] >= 'A' && t.ptr[0] <= 'Z'))
            return false;
    }
    return true;
}

bool pf_is_school_line(struct pf_parse *p, size_t line)
{
    const struct pf_pline *l = &p->lines[line];
    return folded_has(p, (struct pf_span){l->start, l->end}, school_words);
}

bool pf_is_degree_line(struct pf_parse *p, size_t line)
{
    const struct pf_pline *l = &p->lines[line];
    struct pf_span s = {l->start, l->end};
    return degree_end(p, s) > s.start;
}

bool pf_course_code_at(const struct pf_parse *p, size_t start, size_t end)
{
    /* "CS 144 - ", "CSE451 ", "MATH 2010:" */
    size_t i = start;
    size_t letters = 0;
    while (i < end && p->raw[i] >= 'A' && p->raw[i] <= 'Z') {
        i++;
        letters++;
    }
    if (letters < 2 || letters > 5)
        return false;
    if (i < end && p->raw[i] == ' ')
        i++;
    size_t digits = 0;
    while (i < end && p->raw[i] >= '0' && p->raw[i] <= '9') {
        i++;
        digits++;
    }
    if (digits < 2 || digits > 4)
        return false;
    return i + 2 < end && (p->raw[i] == ' ' || p->raw[i] == ':') &&
           (p->raw[i + 1] == '-' || p->raw[i + 1] == ' ' || (unsigned char)p->raw[i + 1] == 0xE2);
}

static bool course_like(struct pf_parse *p, struct pf_span it);

void pf_education_extract(struct pf_parse *p, const struct pf_section *s)
{
    struct pf_entry *entries = NULL;
    size_t count = pf_entries_split(p, s, &entries);
    for (size_t ei = 0; ei < count; ei++) {
        struct pf_entry *en = &entries[ei];
        /* Rows of course titles among the header lines ("Statistics<TAB>Operations
         * Management" / "Managerial Accounting") go to courses. */
        bool in_courses = false;
        size_t kept = 0;
        for (size_t h = 0; h < en->head_count; h++) {
            const struct pf_pline *l = &p->lines[en->head[h]];
            struct pf_span span = {l->start, l->end};
            bool row = h > 0 && course_like(p, span) && !pf_is_school_line(p, en->head[h]) &&
                       !pf_is_degree_line(p, en->head[h]);
            struct pf_str t = pf_raw(p, l->start, l->end);
            struct pf_date_range r;
            bool single = in_courses && pf_word_count(t, NULL, NULL) <= 5 &&
                          !pf_date_find(t, &r) && !pf_is_school_line(p, en->head[h]);
            long colon = pf_str_find_char(t, ':');
            if (colon > 0 && en->course_count < PF_ENTRY_MAX_ITEMS) {
                char head[32];
                pf_fold(pf_str_make(t.ptr, (size_t)colon), head, sizeof(head));
                if (strstr(head, "course") || strstr(head, "module") || strcmp(head, "kurse") == 0 ||
                    strcmp(head, "cursos") == 0 || strcmp(head, "cours") == 0) {
                    en->courses[en->course_count++] =
                        (struct pf_span){l->start + (size_t)colon + 1, l->end};
                    continue;
                }
            }
            if ((row || single) && en->course_count < PF_ENTRY_MAX_ITEMS) {
                en->courses[en->course_count++] = span;
                in_courses = true;
                continue;
            }
            in_courses = false;
            en->head[kept++] = en->head[h];
        }
        en->head_count = kept;
        struct pf_seg segs[PF_MAX_SEGS];
        struct pf_span url;
        size_t n = pf_head_segments(p, en, segs, PF_MAX_SEGS, &url);
        struct edu e;
        memset(&e, 0, sizeof(e));
        struct pf_span all[PF_MAX_SEGS];
        bool alone[PF_MAX_SEGS];
        size_t npieces = 0;
        /* Pieces at commas and dashes, each classified on its own. */
        for (size_t i = 0; i < n; i++) {
            struct pf_span pieces[8];
            struct pf_span cell = segs[i].span;
            if (is_score(p, cell)) {
                take_score(p, &e, cell);
                continue;
            }
            if (pf_course_code_at(p, cell.start, cell.end)) {
                if (en->course_count < PF_ENTRY_MAX_ITEMS)
                    en->courses[en->course_count++] = cell;
                continue;
            }
            size_t np = 0;
            /* Split at ", " and " - " but not inside parentheses. */
            size_t seg = cell.start;
            int depth = 0;
            for (size_t k = cell.start; k <= cell.end && np < 8; k++) {
                bool cut = k == cell.end;
                if (!cut) {
                    char ch = p->raw[k];
                    depth += ch == '(' ? 1 : ch == ')' && depth > 0 ? -1 : 0;
                    cut = depth == 0 && ((ch == ',' && k + 1 < cell.end && p->raw[k + 1] == ' ') ||
                                         (ch == ' ' && k + 2 < cell.end && p->raw[k + 1] == '-' &&
                                          p->raw[k + 2] == ' ') ||
                                         (ch == '|'));
                }
                if (cut) {
                    struct pf_span piece = pf_trim_span(p, (struct pf_span){seg, k}, ",;:-|");
                    if (piece.end > piece.start)
                        pieces[np++] = piece;
                    seg = k + 1;
                }
            }
            /* "University of La Verne, La Verne, CA": the place after the school, glued. */
            for (size_t k = 1; k + 1 < np; k++) {
                if (pf_looks_like_location(p, pieces[k].start, pieces[np - 1].end)) {
                    pieces[k].end = pieces[np - 1].end;
                    np = k + 1;
                    break;
                }
            }
            for (size_t k = 0; k < np && npieces < PF_MAX_SEGS; k++) {
                all[npieces] = pieces[k];
                alone[npieces] = np == 1 && (i == 0 || segs[i - 1].line != segs[i].line) &&
                                 (i + 1 >= n || segs[i + 1].line != segs[i].line);
                npieces++;
            }
        }
        /* First what the words say, then the rest by position: a line of its own is the
         * school, a piece beside the degree its field. */
        bool *used = pf_arena_alloc(p->arena, (npieces + 1) * sizeof(*used));
        for (size_t k = 0; k < npieces; k++) {
            struct pf_span piece = all[k];
            used[k] = true;
            if (is_score(p, piece))
                take_score(p, &e, piece);
            else if (folded_has(p, piece, school_words) && !e.institution.text)
                e.institution = pf_val_span(p, piece.start, piece.end, 0.9f);
            else if (degree_end(p, piece) > piece.start)
                take_degree(p, &e, piece);
            else if (pf_looks_like_location(p, piece.start, piece.end) && !e.location.text)
                e.location = pf_val_span(p, piece.start, piece.end, 0.6f);
            else
                used[k] = false;
        }
        for (size_t k = 0; k < npieces; k++) {
            if (used[k])
                continue;
            struct pf_span piece = all[k];
            if (!e.institution.text && (alone[k] || e.area.text))
                e.institution = pf_val_span(p, piece.start, piece.end, 0.6f);
            else if (!e.area.text)
                e.area = pf_val_span(p, piece.start, piece.end, 0.6f);
            else if (!e.institution.text)
                e.institution = pf_val_span(p, piece.start, piece.end, 0.5f);
        }
        json_t *obj = json_object();
        json_t *meta = json_object();
        pf_put(obj, meta, "institution", e.institution);
        if (url.end > url.start)
            pf_put(obj, meta, "url", pf_val_text(p, pf_url_absolute(p, pf_raw(p, url.start, url.end)),
                                                  url.start, url.end, 0.9f));
        pf_put(obj, meta, "area", e.area);
        pf_put(obj, meta, "studyType", e.study);
        bool ongoing = false;
        pf_entry_dates(p, en, obj, meta, "startDate", "endDate", false, &ongoing);
        /* A single date is when the degree was (or will be) completed. */
        if (en->has_dates && en->dates.has_start && !en->dates.has_end && !en->dates.present) {
            json_object_del(obj, "startDate");
            json_object_del(meta, "startDate");
            pf_put_date(obj, meta, "endDate", en->dates.start, en->date_span, 0.7f);
        }
        /* Body: the score, "Coursework: a, b" lines, course lists. */
        for (size_t i = 0; i < en->item_count; i++) {
            struct pf_span it = en->items[i];
            struct pf_str t = pf_raw(p, it.start, it.end);
            char head[24];
            long colon = pf_str_find_char(t, ':');
            pf_fold(pf_str_make(t.ptr, colon > 0 ? (size_t)colon : 0), head, sizeof(head));
            if (is_score(p, it) && t.len < 40) {
                take_score(p, &e, it);
                pf_put(obj, meta, "score", e.score);
                continue;
            }
            if (pf_course_code_at(p, it.start, it.end)) {
                if (en->course_count < PF_ENTRY_MAX_ITEMS)
                    en->courses[en->course_count++] = it;
                continue;
            }
            if (course_like(p, it) && i + 1 >= en->item_count - 3) {
                if (en->course_count < PF_ENTRY_MAX_ITEMS)
                    en->courses[en->course_count++] = it;
                continue;
            }
            if (colon > 0 && (strstr(head, "course") || strcmp(head, "kurse") == 0 ||
                              strstr(head, "module") || strcmp(head, "cursos") == 0)) {
                if (en->course_count < PF_ENTRY_MAX_ITEMS)
                    en->courses[en->course_count++] =
                        (struct pf_span){it.start + (size_t)colon + 1, it.end};
            }
        }
        pf_put(obj, meta, "score", e.score);
        for (size_t i = 0; i < en->course_count; i++) {
            /* Course lists: commas (outside parentheses) and tabs separate courses. */
            struct pf_span c = en->courses[i];
            size_t seg = c.start;
            int depth = 0;
            for (size_t k = c.start; k <= c.end; k++) {
                bool cut = k == c.end;
                if (!cut) {
                    char ch = p->raw[k];
                    depth += ch == '(' ? 1 : ch == ')' && depth > 0 ? -1 : 0;
                    cut = depth == 0 && (ch == ',' || ch == '\t' || ch == ';');
                    /* "CS 144 - Networks CS 229 - Learning": a second course code. */
                    if (!cut && ch == ' ' && k > seg + 4 && pf_course_code_at(p, k + 1, c.end))
                        cut = true;
                }
                if (cut) {
                    pf_push(obj, meta, "courses", pf_val_span(p, seg, k, 0.8f));
                    seg = k + 1;
                }
            }
        }
        if (!json_object_get(obj, "institution") && !json_object_get(obj, "studyType") &&
            !json_object_get(obj, "area")) {
            json_decref(obj);
            json_decref(meta);
            continue;
        }
        pf_commit(p, "education", obj, meta, ongoing);
    }
}
