/* Section detection: heading vocabulary (English, German, French, Spanish) confirmed by style
 * (size, weight, capitals, the reader's block kinds), and the split of lines into sections. */
#include <math.h>
#include <string.h>

#include "parse/parse_int.h"

#define FOLD_MAX 96

struct heading_word {
    const char *words; /* folded */
    enum pf_sec kind;
};

/* Whole headings (folded). Checked first. */
static const struct heading_word phrases[] = {
    {"work experience", PF_SEC_WORK}, {"professional experience", PF_SEC_WORK},
    {"experience", PF_SEC_WORK}, {"employment", PF_SEC_WORK},
    {"employment history", PF_SEC_WORK}, {"work history", PF_SEC_WORK},
    {"career history", PF_SEC_WORK}, {"career", PF_SEC_WORK},
    {"professional background", PF_SEC_WORK}, {"relevant experience", PF_SEC_WORK},
    {"work", PF_SEC_WORK}, {"experiences", PF_SEC_WORK}, {"positions", PF_SEC_WORK},
    {"professional history", PF_SEC_WORK}, {"berufserfahrung", PF_SEC_WORK},
    {"berufliche erfahrung", PF_SEC_WORK}, {"beruflicher werdegang", PF_SEC_WORK},
    {"werdegang", PF_SEC_WORK}, {"praxiserfahrung", PF_SEC_WORK},
    {"arbeitserfahrung", PF_SEC_WORK}, {"berufspraxis", PF_SEC_WORK},
    {"experience professionnelle", PF_SEC_WORK}, {"experiences professionnelles", PF_SEC_WORK},
    {"parcours professionnel", PF_SEC_WORK}, {"emplois", PF_SEC_WORK},
    {"experiencia", PF_SEC_WORK}, {"experiencia laboral", PF_SEC_WORK},
    {"experiencia profesional", PF_SEC_WORK}, {"trayectoria profesional", PF_SEC_WORK},
    {"historial laboral", PF_SEC_WORK},
    {"volunteer", PF_SEC_VOLUNTEER}, {"volunteering", PF_SEC_VOLUNTEER},
    {"volunteer experience", PF_SEC_VOLUNTEER}, {"volunteer work", PF_SEC_VOLUNTEER},
    {"community service", PF_SEC_VOLUNTEER}, {"community involvement", PF_SEC_VOLUNTEER},
    {"ehrenamt", PF_SEC_VOLUNTEER}, {"ehrenamtliches engagement", PF_SEC_VOLUNTEER},
    {"ehrenamtliche tatigkeiten", PF_SEC_VOLUNTEER},
    {"benevolat", PF_SEC_VOLUNTEER}, {"engagement associatif", PF_SEC_VOLUNTEER},
    {"voluntariado", PF_SEC_VOLUNTEER}, {"experiencia de voluntariado", PF_SEC_VOLUNTEER},
    {"involvement", PF_SEC_VOLUNTEER}, {"campus involvement", PF_SEC_VOLUNTEER},
    {"on campus involvement", PF_SEC_VOLUNTEER}, {"activities", PF_SEC_VOLUNTEER},
    {"extracurricular activities", PF_SEC_VOLUNTEER}, {"leadership and activities", PF_SEC_VOLUNTEER},
    {"leadership experience", PF_SEC_VOLUNTEER}, {"engagement", PF_SEC_VOLUNTEER},
    {"soziales engagement", PF_SEC_VOLUNTEER}, {"activites", PF_SEC_VOLUNTEER},
    {"actividades", PF_SEC_VOLUNTEER},
    {"education", PF_SEC_EDUCATION}, {"academic background", PF_SEC_EDUCATION},
    {"education and training", PF_SEC_EDUCATION}, {"academic history", PF_SEC_EDUCATION},
    {"qualifications", PF_SEC_EDUCATION}, {"academic qualifications", PF_SEC_EDUCATION},
    {"studies", PF_SEC_EDUCATION}, {"ausbildung", PF_SEC_EDUCATION},
    {"bildung", PF_SEC_EDUCATION}, {"bildungsweg", PF_SEC_EDUCATION},
    {"studium", PF_SEC_EDUCATION}, {"schulbildung", PF_SEC_EDUCATION},
    {"akademischer werdegang", PF_SEC_EDUCATION}, {"schul und berufsausbildung", PF_SEC_EDUCATION},
    {"formation", PF_SEC_EDUCATION}, {"formations", PF_SEC_EDUCATION},
    {"etudes", PF_SEC_EDUCATION}, {"parcours academique", PF_SEC_EDUCATION},
    {"cursus", PF_SEC_EDUCATION}, {"diplomes", PF_SEC_EDUCATION},
    {"educacion", PF_SEC_EDUCATION}, {"formacion", PF_SEC_EDUCATION},
    {"formacion academica", PF_SEC_EDUCATION}, {"estudios", PF_SEC_EDUCATION},
    {"skills", PF_SEC_SKILLS}, {"technical skills", PF_SEC_SKILLS},
    {"professional skills", PF_SEC_SKILLS}, {"professional skills summary", PF_SEC_SKILLS},
    {"core competencies", PF_SEC_SKILLS}, {"competencies", PF_SEC_SKILLS},
    {"expertise", PF_SEC_SKILLS}, {"areas of expertise", PF_SEC_SKILLS},
    {"technologies", PF_SEC_SKILLS}, {"tech stack", PF_SEC_SKILLS}, {"tools", PF_SEC_SKILLS},
    {"skill set", PF_SEC_SKILLS}, {"skillset", PF_SEC_SKILLS},
    {"kenntnisse", PF_SEC_SKILLS}, {"fahigkeiten", PF_SEC_SKILLS},
    {"fachkenntnisse", PF_SEC_SKILLS}, {"it kenntnisse", PF_SEC_SKILLS},
    {"kompetenzen", PF_SEC_SKILLS}, {"fertigkeiten", PF_SEC_SKILLS},
    {"edv kenntnisse", PF_SEC_SKILLS}, {"technische kenntnisse", PF_SEC_SKILLS},
    {"competences", PF_SEC_SKILLS}, {"competences techniques", PF_SEC_SKILLS},
    {"habilidades", PF_SEC_SKILLS}, {"competencias", PF_SEC_SKILLS},
    {"conocimientos", PF_SEC_SKILLS}, {"aptitudes", PF_SEC_SKILLS},
    {"habilidades tecnicas", PF_SEC_SKILLS},
    {"languages", PF_SEC_LANGUAGES}, {"language skills", PF_SEC_LANGUAGES},
    {"language", PF_SEC_LANGUAGES}, {"sprachen", PF_SEC_LANGUAGES},
    {"sprachkenntnisse", PF_SEC_LANGUAGES}, {"langues", PF_SEC_LANGUAGES},
    {"competences linguistiques", PF_SEC_LANGUAGES}, {"idiomas", PF_SEC_LANGUAGES},
    {"lenguas", PF_SEC_LANGUAGES},
    {"certificates", PF_SEC_CERTIFICATES}, {"certifications", PF_SEC_CERTIFICATES},
    {"licenses and certifications", PF_SEC_CERTIFICATES},
    {"certifications and licenses", PF_SEC_CERTIFICATES}, {"licenses", PF_SEC_CERTIFICATES},
    {"zertifikate", PF_SEC_CERTIFICATES}, {"zertifizierungen", PF_SEC_CERTIFICATES},
    {"weiterbildung", PF_SEC_CERTIFICATES}, {"certificats", PF_SEC_CERTIFICATES},
    {"certificaciones", PF_SEC_CERTIFICATES}, {"certificados", PF_SEC_CERTIFICATES},
    {"projects", PF_SEC_PROJECTS}, {"personal projects", PF_SEC_PROJECTS},
    {"side projects", PF_SEC_PROJECTS}, {"open source projects", PF_SEC_PROJECTS},
    {"projects experience", PF_SEC_PROJECTS}, {"selected projects", PF_SEC_PROJECTS},
    {"key projects", PF_SEC_PROJECTS}, {"project", PF_SEC_PROJECTS},
    {"academic projects", PF_SEC_PROJECTS},
    {"projekte", PF_SEC_PROJECTS}, {"projets", PF_SEC_PROJECTS},
    {"proyectos", PF_SEC_PROJECTS},
    {"awards", PF_SEC_AWARDS}, {"honors", PF_SEC_AWARDS}, {"honours", PF_SEC_AWARDS},
    {"awards and honors", PF_SEC_AWARDS}, {"honors and awards", PF_SEC_AWARDS},
    {"achievements", PF_SEC_AWARDS}, {"awards and achievements", PF_SEC_AWARDS},
    {"auszeichnungen", PF_SEC_AWARDS}, {"preise", PF_SEC_AWARDS},
    {"distinctions", PF_SEC_AWARDS}, {"prix", PF_SEC_AWARDS}, {"premios", PF_SEC_AWARDS},
    {"reconocimientos", PF_SEC_AWARDS}, {"logros", PF_SEC_AWARDS},
    {"publications", PF_SEC_PUBLICATIONS}, {"papers", PF_SEC_PUBLICATIONS},
    {"selected publications", PF_SEC_PUBLICATIONS}, {"publikationen", PF_SEC_PUBLICATIONS},
    {"veroffentlichungen", PF_SEC_PUBLICATIONS}, {"publicaciones", PF_SEC_PUBLICATIONS},
    {"interests", PF_SEC_INTERESTS}, {"hobbies", PF_SEC_INTERESTS},
    {"hobbies and interests", PF_SEC_INTERESTS}, {"interests and hobbies", PF_SEC_INTERESTS},
    {"personal interests", PF_SEC_INTERESTS}, {"interessen", PF_SEC_INTERESTS},
    {"hobbys", PF_SEC_INTERESTS}, {"freizeit", PF_SEC_INTERESTS},
    {"centres d interet", PF_SEC_INTERESTS}, {"centres dinteret", PF_SEC_INTERESTS},
    {"loisirs", PF_SEC_INTERESTS}, {"intereses", PF_SEC_INTERESTS},
    {"aficiones", PF_SEC_INTERESTS}, {"pasatiempos", PF_SEC_INTERESTS},
    {"references", PF_SEC_REFERENCES}, {"referees", PF_SEC_REFERENCES},
    {"referenzen", PF_SEC_REFERENCES}, {"referencias", PF_SEC_REFERENCES},
    {"summary", PF_SEC_SUMMARY}, {"profile", PF_SEC_SUMMARY}, {"about", PF_SEC_SUMMARY},
    {"about me", PF_SEC_SUMMARY}, {"professional summary", PF_SEC_SUMMARY},
    {"career summary", PF_SEC_SUMMARY}, {"objective", PF_SEC_SUMMARY},
    {"career objective", PF_SEC_SUMMARY}, {"professional profile", PF_SEC_SUMMARY},
    {"personal statement", PF_SEC_SUMMARY}, {"overview", PF_SEC_SUMMARY},
    {"profil", PF_SEC_SUMMARY}, {"kurzprofil", PF_SEC_SUMMARY},
    {"zusammenfassung", PF_SEC_SUMMARY}, {"uber mich", PF_SEC_SUMMARY},
    {"resume", PF_SEC_SUMMARY}, {"a propos", PF_SEC_SUMMARY},
    {"a propos de moi", PF_SEC_SUMMARY}, {"perfil", PF_SEC_SUMMARY},
    {"perfil profesional", PF_SEC_SUMMARY}, {"resumen", PF_SEC_SUMMARY},
    {"sobre mi", PF_SEC_SUMMARY}, {"acerca de mi", PF_SEC_SUMMARY},
    {"contact", PF_SEC_CONTACT}, {"contact information", PF_SEC_CONTACT},
    {"contact details", PF_SEC_CONTACT}, {"contact info", PF_SEC_CONTACT},
    {"personal information", PF_SEC_CONTACT}, {"personal details", PF_SEC_CONTACT},
    {"personal data", PF_SEC_CONTACT}, {"location", PF_SEC_CONTACT},
    {"links", PF_SEC_CONTACT}, {"profiles", PF_SEC_CONTACT}, {"social", PF_SEC_CONTACT},
    {"kontakt", PF_SEC_CONTACT}, {"kontaktdaten", PF_SEC_CONTACT},
    {"personliche daten", PF_SEC_CONTACT}, {"personliche angaben", PF_SEC_CONTACT},
    {"coordonnees", PF_SEC_CONTACT}, {"informations personnelles", PF_SEC_CONTACT},
    {"contacto", PF_SEC_CONTACT}, {"datos personales", PF_SEC_CONTACT},
    {"datos de contacto", PF_SEC_CONTACT},
    {"personal", PF_SEC_OTHER}, {"background", PF_SEC_OTHER}, {"additional", PF_SEC_OTHER},
    {"additional information", PF_SEC_OTHER}, {"miscellaneous", PF_SEC_OTHER},
    {"sonstiges", PF_SEC_OTHER}, {"divers", PF_SEC_OTHER}, {"otros", PF_SEC_OTHER},
};

/* Headings that live inside an entry rather than opening a section. */
static const char *const sub_headings[] = {
    "highlights", "key achievements", "responsibilities", "key responsibilities", "courses",
    "coursework", "relevant coursework", "keywords", "technologies used", "tech", "roles",
    "aufgaben", "taches", "tareas", "kurse", "cours", "cursos", "achievements and highlights",
    NULL};

/* Modifiers a heading may add around its head word ("Relevant Work Experience"). */
static const char *const modifiers[] = {
    "relevant", "selected", "key", "core", "technical", "professional", "other", "additional",
    "my", "and", "recent", "notable", "main", "personal", "academic", "work", "areas", "of",
    "summary", "history", "experience", "section", "und", "et", "y", "de", "des", "la", "le",
    "les", "del", "und", "weitere", "autres", "otras", NULL};

static enum pf_sec phrase_kind(const char *folded)
{
    for (size_t i = 0; i < PF_ARRAY_LEN(phrases); i++) {
        if (strcmp(folded, phrases[i].words) == 0)
            return phrases[i].kind;
    }
    return PF_SEC_HEADER;
}

enum pf_sec pf_heading_kind(struct pf_str text, bool *out_sub)
{
    char folded[FOLD_MAX];
    *out_sub = false;
    text = pf_str_trim(text);
    if (text.len == 0 || text.len > 60)
        return PF_SEC_HEADER;
    /* A heading has no sentence punctuation inside and few words. */
    size_t words = pf_word_count(text, NULL, NULL);
    if (words == 0 || words > 6)
        return PF_SEC_HEADER;
    for (size_t i = 0; i < text.len; i++) {
        char ch = text.ptr[i];
        if ((ch >= '0' && ch <= '9') || ch == '@' || ch == ',' ||
            (ch == '.' && i + 1 < text.len))
            return PF_SEC_HEADER;
    }
    pf_fold(text, folded, sizeof(folded));
    if (folded[0] == '\0')
        return PF_SEC_HEADER;
    if (pf_in_list(folded, sub_headings)) {
        *out_sub = true;
        return PF_SEC_OTHER;
    }
    enum pf_sec kind = phrase_kind(folded);
    if (kind != PF_SEC_HEADER)
        return kind;
    /* Word by word: every word a modifier or a head word; the first head word decides. */
    enum pf_sec first = PF_SEC_HEADER;
    char *save = folded;
    while (*save) {
        char *space = strchr(save, ' ');
        if (space)
            *space = '\0';
        enum pf_sec k = phrase_kind(save);
        if (k != PF_SEC_HEADER && k != PF_SEC_OTHER) {
            if (first == PF_SEC_HEADER)
                first = k;
        } else if (!pf_in_list(save, modifiers)) {
            return PF_SEC_HEADER;
        }
        if (!space)
            break;
        save = space + 1;
    }
    return first;
}

/* How much a line stands out: size, weight, capitals and the block kind the reader gave. */
static float prominence(const struct pf_pline *l)
{
    float score = l->size;
    if (l->bold)
        score += 0.6f;
    if (l->caps)
        score += 0.6f;
    if (l->kind == PF_BLOCK_HEADING || l->kind == PF_BLOCK_TITLE)
        score += 4.0f;
    return score;
}

static bool same_style(const struct pf_pline *a, const struct pf_pline *b)
{
    return fabsf(a->size - b->size) < 0.6f && a->bold == b->bold && a->caps == b->caps &&
           (a->kind == PF_BLOCK_HEADING) == (b->kind == PF_BLOCK_HEADING);
}

static struct pf_str line_text(const struct pf_parse *p, const struct pf_pline *l)
{
    struct pf_str s = pf_raw(p, l->start, l->end);
    /* "Experience:" */
    while (s.len > 0 && (s.ptr[s.len - 1] == ':' || s.ptr[s.len - 1] == ' '))
        s.len--;
    return s;
}

/* A heading-looking line: short, no sentence end, no digits. */
static bool heading_shape(const struct pf_parse *p, const struct pf_pline *l)
{
    struct pf_str s = line_text(p, l);
    if (s.len == 0 || s.len > 40 || l->bullet)
        return false;
    size_t words = pf_word_count(s, NULL, NULL);
    if (words == 0 || words > 4)
        return false;
    for (size_t i = 0; i < s.len; i++) {
        char ch = s.ptr[i];
        if ((ch >= '0' && ch <= '9') || ch == '@' || ch == ',' || ch == '.' || ch == '/' ||
            ch == '(' || ch == '\t' || ch == ':')
            return false;
    }
    return true;
}

/* A heading the layout set on two or three lines ("PROFESSIONAL SKILLS" / "SUMMARY"): the
 * lines of one short block read together. */
static void join_split_headings(struct pf_parse *p)
{
    for (size_t i = 0; i + 1 < p->line_count; i++) {
        struct pf_pline *l = &p->lines[i];
        if (!l->block_first || l->bullet)
            continue;
        size_t last = i;
        while (last + 1 < p->line_count && last < i + 2 && p->lines[last + 1].block == l->block &&
               !p->lines[last + 1].block_first)
            last++;
        if (last == i || (last + 1 < p->line_count && p->lines[last + 1].block == l->block))
            continue;
        bool sub = false;
        enum pf_sec k = pf_heading_kind(pf_raw(p, l->start, p->lines[last].end), &sub);
        bool sub_first = false;
        enum pf_sec k_first = pf_heading_kind(pf_raw(p, l->start, l->end), &sub_first);
        bool sub_last = false;
        enum pf_sec k_last = pf_heading_kind(pf_raw(p, p->lines[last].start, p->lines[last].end),
                                             &sub_last);
        if (k == PF_SEC_HEADER || sub)
            continue;
        /* "Kenntnisse" over "Sprachen": two labels the reader put in one block, not one. */
        char joined[FOLD_MAX];
        pf_fold(pf_raw(p, l->start, p->lines[last].end), joined, sizeof(joined));
        if (k_first != PF_SEC_HEADER && k_last != PF_SEC_HEADER && k_first != k_last &&
            k_first != PF_SEC_OTHER && k_last != PF_SEC_OTHER && phrase_kind(joined) == PF_SEC_HEADER)
            continue;
        l->end = p->lines[last].end;
        l->y1 = p->lines[last].y1;
        for (size_t j = i + 1; j <= last; j++)
            p->lines[j].skip = true;
    }
}

/* A label read before rows that sit above it (two labels of two tight rows read as one
 * block): move it down to the row beside it. */
static void move_labels_down(struct pf_parse *p)
{
    size_t moves = 0;
    for (size_t h = 0; h + 1 < p->line_count; h++) {
        struct pf_pline head = p->lines[h];
        if (!head.is_heading || !(head.bflags & PF_BLOCK_LABEL) || !head.has_geom)
            continue;
        float center = (head.y0 + head.y1) / 2.0f;
        size_t m = 0;
        bool above_only = true;
        for (size_t j = h + 1; j < p->line_count && j < h + 12; j++) {
            const struct pf_pline *o = &p->lines[j];
            if (o->page != head.page)
                break;
            if (o->skip || (o->bflags & PF_BLOCK_LABEL) || !o->has_geom)
                continue;
            if (o->y0 - 1.0f <= center && o->y1 + 1.0f >= center) {
                m = j;
                break;
            }
            if (o->y1 > head.y0 + 2.0f) {
                above_only = false;
                break;
            }
        }
        if (m <= h + 1 || !above_only)
            continue;
        memmove(&p->lines[h], &p->lines[h + 1], (m - 1 - h) * sizeof(head));
        p->lines[m - 1] = head;
        /* The line now at h (another label, say) gets its turn too. */
        if (moves++ < p->line_count)
            h--;
    }
}

/* In a label grid a section label may be centred on its rows, so the reader puts it after
 * the first of them: move it back to the start of the group of rows it sits beside. */
static void reorder_label_headings(struct pf_parse *p)
{
    move_labels_down(p);
    float gap_max = (p->body_size > 0 ? p->body_size : 10.0f) * 2.0f;
    for (size_t h = 1; h < p->line_count; h++) {
        struct pf_pline head = p->lines[h];
        if (!head.is_heading || !(head.bflags & PF_BLOCK_LABEL) || !head.has_geom)
            continue;
        float center = (head.y0 + head.y1) / 2.0f;
        /* The main-column line beside the label's centre, looked for on both sides. */
        long m = -1;
        for (long j = (long)h - 1; j >= 0 && m < 0; j--) {
            const struct pf_pline *o = &p->lines[j];
            if (o->page != head.page || o->is_heading)
                break;
            if (o->skip || (o->bflags & PF_BLOCK_LABEL) || !o->has_geom)
                continue;
            if (o->y0 - 3.0f <= center && o->y1 + 3.0f >= center)
                m = j;
            else if (o->y1 + 3.0f < center)
                break;
        }
        for (size_t j = h + 1; j < p->line_count && m < 0; j++) {
            const struct pf_pline *o = &p->lines[j];
            if (o->page != head.page || o->is_heading)
                break;
            if (o->skip || (o->bflags & PF_BLOCK_LABEL) || !o->has_geom)
                continue;
            if (o->y0 - 3.0f <= center && o->y1 + 3.0f >= center)
                m = (long)j;
            else if (o->y0 - 3.0f > center)
                break;
        }
        if (m < 0)
            continue;
        /* The group never reaches above the label before this one. */
        float floor_y = -1e9f;
        for (long j = (long)h - 1; j >= 0 && p->lines[j].page == head.page; j--) {
            if (p->lines[j].is_heading && (p->lines[j].bflags & PF_BLOCK_LABEL)) {
                floor_y = p->lines[j].y1 + 1.0f;
                break;
            }
        }
        /* Walk back over the group: main lines separated by small gaps. */
        long start = m;
        float top = p->lines[m].y0;
        for (long j = m - 1; j >= 0; j--) {
            const struct pf_pline *o = &p->lines[j];
            if ((size_t)j == h)
                continue;
            if (o->page != head.page || o->is_heading)
                break;
            if (o->skip || (o->bflags & PF_BLOCK_LABEL) || !o->has_geom)
                continue;
            /* Only rows beside the label: another column, and no higher than a label centred
             * on them could reach. */
            if (top - o->y1 > gap_max || o->column == head.column ||
                o->y0 < head.y0 - (head.y1 - head.y0) - gap_max || o->y0 < floor_y)
                break;
            start = j;
            top = o->y0;
        }
        /* Label lines just before the group (dates) stay with it. */
        while (start > 0 && (p->lines[start - 1].bflags & PF_BLOCK_LABEL) &&
               !p->lines[start - 1].is_heading && p->lines[start - 1].page == head.page &&
               p->lines[start - 1].y1 >= top - gap_max)
            start--;
        if ((size_t)start >= h)
            continue;
        memmove(&p->lines[start + 1], &p->lines[start], (h - (size_t)start) * sizeof(head));
        p->lines[start] = head;
    }
}

/* Sort key of a line on a page whose columns each carry their own headings: the main flow
 * (neither sidebar nor label) first, then by column. */
static int flow_key(const struct pf_pline *l)
{
    bool aside = (l->bflags & (PF_BLOCK_SIDEBAR | PF_BLOCK_LABEL)) != 0;
    return (aside ? 64 : 0) + (l->column < 0 ? 0 : l->column % 64);
}

/* When the reader interleaved two columns that both have headings (a sidebar taken for a
 * label grid), regroup the page's lines column by column, keeping the order within each. */
static void separate_flows(struct pf_parse *p)
{
    size_t i = 0;
    while (i < p->line_count) {
        size_t end = i;
        int page = p->lines[i].page;
        while (end < p->line_count && p->lines[end].page == page)
            end++;
        long first_col = -1;
        bool multi = false;
        for (size_t j = i; j < end; j++) {
            if (!p->lines[j].is_heading || !p->lines[j].has_geom)
                continue;
            if (first_col < 0)
                first_col = p->lines[j].column;
            else if (p->lines[j].column != first_col)
                multi = true;
        }
        if (multi) {
            size_t n = end - i;
            struct pf_pline *tmp = pf_arena_alloc(p->arena, n * sizeof(*tmp));
            size_t k = 0;
            for (int key = 0; key < 128 && k < n; key++) {
                for (size_t j = i; j < end; j++) {
                    if (flow_key(&p->lines[j]) == key)
                        tmp[k++] = p->lines[j];
                }
            }
            memcpy(&p->lines[i], tmp, k * sizeof(*tmp));
        }
        i = end;
    }
}

void pf_sections_find(struct pf_parse *p)
{
    join_split_headings(p);
    size_t n = p->line_count;
    enum pf_sec *cand = pf_arena_alloc(p->arena, (n + 1) * sizeof(*cand));
    size_t cand_count = 0;
    for (size_t i = 0; i < n; i++) {
        struct pf_pline *l = &p->lines[i];
        bool sub = false;
        cand[i] = PF_SEC_HEADER;
        if (l->skip || (l->bullet && l->kind != PF_BLOCK_HEADING))
            continue;
        enum pf_sec k = pf_heading_kind(line_text(p, l), &sub);
        if (sub) {
            l->is_sub = true;
            continue;
        }
        /* A heading is a line of its own: not a wrapped piece of a paragraph. */
        if (k != PF_SEC_HEADER && l->kind != PF_BLOCK_HEADING && l->kind != PF_BLOCK_TITLE &&
            !l->block_first && !(l->bflags & PF_BLOCK_LABEL))
            k = PF_SEC_HEADER;
        cand[i] = k;
        if (k != PF_SEC_HEADER)
            cand_count++;
    }
    /* The dominant heading style: the style most vocabulary headings share. */
    long dominant = -1;
    size_t dominant_votes = 0;
    size_t evaluated = 0;
    for (size_t i = 0; i < n; i++) {
        if (cand[i] == PF_SEC_HEADER)
            continue;
        size_t votes = 0;
        for (size_t j = 0; j < n; j++) {
            if (cand[j] != PF_SEC_HEADER && same_style(&p->lines[i], &p->lines[j]))
                votes++;
        }
        if (votes > dominant_votes ||
            (votes == dominant_votes && dominant >= 0 &&
             prominence(&p->lines[i]) > prominence(&p->lines[dominant]))) {
            dominant = (long)i;
            dominant_votes = votes;
        }
        if (++evaluated > 64)
            break; /* bounded: the first candidates decide */
    }
    float dom_prom = dominant >= 0 ? prominence(&p->lines[dominant]) : 0;
    float body_prom = p->body_size + (p->body_bold ? 0.6f : 0.0f);
    bool distinctive = dominant >= 0 && dominant_votes >= 2 && dom_prom > body_prom + 0.5f;
    bool seen_heading = false;
    for (size_t i = 0; i < n; i++) {
        struct pf_pline *l = &p->lines[i];
        if (cand[i] != PF_SEC_HEADER) {
            bool whole_block = l->block_first &&
                               (i + 1 >= n || p->lines[i + 1].block != l->block);
            bool ok = l->kind == PF_BLOCK_HEADING || l->kind == PF_BLOCK_TITLE ||
                      (dominant >= 0 && same_style(l, &p->lines[dominant])) ||
                      prominence(l) >= dom_prom - 0.3f || (l->bflags & PF_BLOCK_LABEL) ||
                      !distinctive || (!p->geometry && whole_block && !l->bullet);
            if (ok) {
                l->is_heading = true;
                l->heading = cand[i];
                seen_heading = true;
            }
        } else if (distinctive && seen_heading && !l->is_sub && same_style(l, &p->lines[dominant]) &&
                   heading_shape(p, l) && l->caps && p->lines[dominant].caps &&
                   l->block_first && !(l->bflags & PF_BLOCK_SIDEBAR && l->link >= 0)) {
            /* Styled like the other headings but not in the vocabulary. */
            l->is_heading = true;
            l->heading = PF_SEC_OTHER;
        }
    }
    reorder_label_headings(p);
    if (p->geometry)
        separate_flows(p);
    /* Sections: the header block, then one per heading. A switch into a sidebar without a
     * heading starts an unnamed section (contact details, a photo caption). */
    size_t cap = 8;
    for (size_t i = 0; i < n; i++)
        cap += p->lines[i].is_heading ? 2 : 0;
    for (size_t i = 1; i < n; i++)
        cap += ((p->lines[i].bflags & PF_BLOCK_SIDEBAR) !=
                (p->lines[i - 1].bflags & PF_BLOCK_SIDEBAR)) ||
               p->lines[i].table != p->lines[i - 1].table || p->lines[i].col != p->lines[i - 1].col;
    p->sections = pf_arena_alloc(p->arena, cap * sizeof(*p->sections));
    p->section_count = 0;
    struct pf_section *cur = &p->sections[p->section_count++];
    cur->kind = PF_SEC_HEADER;
    cur->heading = -1;
    cur->first = 0;
    cur->count = 0;
    cur->confidence = 1.0f;
    for (size_t i = 0; i < n; i++) {
        const struct pf_pline *l = &p->lines[i];
        bool flow_switch = i > 0 && ((l->bflags & PF_BLOCK_SIDEBAR) !=
                                     (p->lines[i - 1].bflags & PF_BLOCK_SIDEBAR));
        /* A layout table's next column (a DOCX sidebar) is a flow of its own too. */
        if (i > 0 && l->table >= 0 && p->lines[i - 1].table >= 0 &&
            (l->table != p->lines[i - 1].table || l->col != p->lines[i - 1].col) &&
            l->row == p->lines[i - 1].row)
            flow_switch = true;
        if (l->is_heading || (flow_switch && cur->kind != PF_SEC_HEADER &&
                              p->section_count + 1 < cap)) {
            if (p->section_count >= cap)
                break;
            cur = &p->sections[p->section_count++];
            cur->kind = l->is_heading ? l->heading : PF_SEC_CONTACT;
            cur->heading = l->is_heading ? (long)i : -1;
            cur->first = l->is_heading ? i + 1 : i;
            cur->count = 0;
            cur->confidence = l->is_heading ? (distinctive ? 0.95f : 0.8f) : 0.4f;
            if (l->is_heading && l->heading == PF_SEC_OTHER)
                cur->confidence = 0.5f;
            if (l->is_heading)
                continue;
        }
        cur->count = i + 1 - cur->first;
    }
}

const char *pf_sec_name(enum pf_sec sec)
{
    switch (sec) {
    case PF_SEC_HEADER: return "header";
    case PF_SEC_OTHER: return "other";
    case PF_SEC_SUMMARY: return "summary";
    case PF_SEC_CONTACT: return "contact";
    case PF_SEC_WORK: return "work";
    case PF_SEC_VOLUNTEER: return "volunteer";
    case PF_SEC_EDUCATION: return "education";
    case PF_SEC_SKILLS: return "skills";
    case PF_SEC_LANGUAGES: return "languages";
    case PF_SEC_CERTIFICATES: return "certificates";
    case PF_SEC_PROJECTS: return "projects";
    case PF_SEC_AWARDS: return "awards";
    case PF_SEC_PUBLICATIONS: return "publications";
    case PF_SEC_INTERESTS: return "interests";
    case PF_SEC_REFERENCES: return "references";
    case PF_SEC_COUNT_: break;
    }
    return "other";
}
