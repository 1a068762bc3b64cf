/* The posting parser: lines and section headings decide whether a mention is required or
 * preferred; the taxonomy's matcher finds skills; small vocabularies find the rest. */
#include "gap/jd_parse.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kb/kb_match.h"

enum section_kind { SEC_INTRO, SEC_REQ, SEC_PREF, SEC_RESP, SEC_OFFER, SEC_ABOUT, SEC_PROCESS };

struct line {
    size_t start, end;    /* bytes of the line in the text */
    char *lower;          /* heap: lower-cased, markdown markers dropped */
    char *clean;          /* heap: the same in its original case */
    enum section_kind section;
    bool heading;
    bool pref_cue, req_cue;
};

static const struct {
    const char *phrase;
    enum section_kind kind;
} headings[] = {
    {"nice to have", SEC_PREF}, {"nice-to-have", SEC_PREF}, {"bonus", SEC_PREF},
    {"preferred", SEC_PREF}, {"plus", SEC_PREF}, {"desirable", SEC_PREF},
    {"good to have", SEC_PREF}, {"even better", SEC_PREF}, {"ideally", SEC_PREF},
    {"would be great", SEC_PREF}, {"advantage", SEC_PREF}, {"extra points", SEC_PREF},
    {"what we offer", SEC_OFFER}, {"we offer", SEC_OFFER}, {"benefits", SEC_OFFER},
    {"perks", SEC_OFFER}, {"why join", SEC_OFFER}, {"why us", SEC_OFFER},
    {"compensation", SEC_OFFER}, {"what's in it", SEC_OFFER}, {"our offer", SEC_OFFER},
    {"what you get", SEC_OFFER}, {"what you'll get", SEC_OFFER}, {"salary", SEC_OFFER},
    {"how to apply", SEC_PROCESS}, {"interview", SEC_PROCESS}, {"next steps", SEC_PROCESS},
    {"what's next", SEC_PROCESS}, {"hiring process", SEC_PROCESS}, {"recruitment", SEC_PROCESS},
    {"interested", SEC_PROCESS}, {"apply", SEC_PROCESS}, {"equal opportunit", SEC_PROCESS},
    {"diversity", SEC_PROCESS},
    {"about us", SEC_ABOUT}, {"about the company", SEC_ABOUT}, {"who we are", SEC_ABOUT},
    {"our company", SEC_ABOUT}, {"about the team", SEC_ABOUT}, {"our team", SEC_ABOUT},
    {"the team", SEC_ABOUT}, {"our mission", SEC_ABOUT}, {"our story", SEC_ABOUT},
    {"about ", SEC_ABOUT},
    {"responsibilit", SEC_RESP}, {"what you'll do", SEC_RESP}, {"what you will do", SEC_RESP},
    {"the role", SEC_RESP}, {"your role", SEC_RESP}, {"your mission", SEC_RESP},
    {"tasks", SEC_RESP}, {"day to day", SEC_RESP}, {"day-to-day", SEC_RESP},
    {"your impact", SEC_RESP}, {"the impact", SEC_RESP}, {"in this role", SEC_RESP},
    {"you will", SEC_RESP}, {"you'll", SEC_RESP}, {"job description", SEC_RESP},
    {"what you'll be doing", SEC_RESP}, {"what you will be doing", SEC_RESP},
    {"requirement", SEC_REQ}, {"qualification", SEC_REQ}, {"what you bring", SEC_REQ},
    {"looking for", SEC_REQ}, {"who you are", SEC_REQ}, {"about you", SEC_REQ},
    {"your profile", SEC_REQ}, {"you have", SEC_REQ}, {"you bring", SEC_REQ},
    {"must have", SEC_REQ}, {"must-have", SEC_REQ}, {"skills", SEC_REQ},
    {"experience", SEC_REQ}, {"what you need", SEC_REQ}, {"what you'll need", SEC_REQ},
    {"essential", SEC_REQ}, {"ideal candidate", SEC_REQ}, {"profile", SEC_REQ},
    {"your background", SEC_REQ}, {"what you have", SEC_REQ}, {"we expect", SEC_REQ},
    {"you are", SEC_REQ}, {"expertise", SEC_REQ}, {"competenc", SEC_REQ},
};

static const char *const pref_cues[] = {
    "nice to have", "nice-to-have", "is a plus", "are a plus", "a plus", "bonus", "preferred",
    "preferably", "ideally", "desirable", "advantage", "good to have", "would be great",
    "not required", "not a must", "optional", "exposure to", "is a bonus", "beneficial",
    "appreciated", NULL};

static const char *const req_cues[] = {
    "must", "required", "essential", "mandatory", "need to have", "strong", "proven", "solid",
    "expert", "proficien", "deep ", "extensive", "at least", "minimum", "hands-on",
    "experience with", "experience in", "knowledge of", NULL};

static bool has_any(const char *lower, const char *const *list)
{
    for (size_t i = 0; list[i]; i++) {
        if (strstr(lower, list[i]))
            return true;
    }
    return false;
}

/* Markdown emphasis and list markers dropped, spaces collapsed, optionally lower-cased. */
static char *clean_line(const char *text, size_t len, bool lower)
{
    char *out = malloc(len + 1);
    size_t w = 0;
    size_t i = 0;
    while (i < len && (text[i] == ' ' || text[i] == '\t' || text[i] == '#' || text[i] == '>' ||
                       text[i] == '-' || text[i] == '*' || text[i] == '+'))
        i++;
    for (; i < len; i++) {
        unsigned char c = (unsigned char)text[i];
        if (c == '*' || c == '_' || c == '`' || c == '#')
            continue;
        if (isspace(c)) {
            if (w > 0 && out[w - 1] != ' ')
                out[w++] = ' ';
            continue;
        }
        out[w++] = lower ? (char)tolower(c) : (char)c;
    }
    while (w > 0 && out[w - 1] == ' ')
        w--;
    out[w] = '\0';
    return out;
}

static size_t words(const char *text)
{
    size_t count = 0;
    bool in_word = false;
    for (const char *c = text; *c; c++) {
        bool space = *c == ' ';
        if (!space && !in_word)
            count++;
        in_word = !space;
    }
    return count;
}

/* A heading: a short line that is marked up as one, ends with ':', or is a known phrase. */
static bool heading_kind(const char *raw, size_t raw_len, const char *lower,
                         enum section_kind *out_kind)
{
    size_t n = words(lower);
    if (n == 0 || n > 9)
        return false;
    /* List items are content, never headings. */
    size_t lead = 0;
    while (lead < raw_len && (raw[lead] == ' ' || raw[lead] == '\t'))
        lead++;
    if (lead + 1 < raw_len && (raw[lead] == '-' || raw[lead] == '+' ||
                               (raw[lead] == '*' && raw[lead + 1] == ' ')))
        return false;
    if (lead + 2 < raw_len && (unsigned char)raw[lead] == 0xE2 &&
        (unsigned char)raw[lead + 1] == 0x80 && (unsigned char)raw[lead + 2] == 0xA2)
        return false; /* • */
    bool marked = raw_len > 0 && (raw[0] == '#' || (raw_len > 4 && raw[0] == '*' &&
                                                    raw[1] == '*'));
    size_t len = strlen(lower);
    bool colon = len > 0 && lower[len - 1] == ':';
    bool sentence = len > 0 && (lower[len - 1] == '.' || lower[len - 1] == ',');
    if (sentence && !marked)
        return false;
    for (size_t i = 0; i < sizeof(headings) / sizeof(headings[0]); i++) {
        const char *at = strstr(lower, headings[i].phrase);
        if (!at)
            continue;
        /* Bare phrases must open the line to count as a heading unless marked up. */
        if (!marked && !colon && at != lower && n > 4)
            continue;
        if (!marked && !colon && n > 6)
            continue;
        *out_kind = headings[i].kind;
        return true;
    }
    return false;
}

static void split_lines(struct pf_str text, struct line **out_lines, size_t *out_count)
{
    struct line *lines = NULL;
    size_t count = 0;
    size_t start = 0;
    enum section_kind section = SEC_INTRO;
    for (size_t i = 0; i <= text.len; i++) {
        if (i < text.len && text.ptr[i] != '\n')
            continue;
        size_t end = i;
        if (end > start && text.ptr[end - 1] == '\r')
            end--;
        lines = realloc(lines, (count + 1) * sizeof(*lines));
        struct line *l = &lines[count++];
        l->start = start;
        l->end = end;
        l->lower = clean_line(text.ptr + start, end - start, true);
        l->clean = clean_line(text.ptr + start, end - start, false);
        enum section_kind kind;
        l->heading = heading_kind(text.ptr + start, end - start, l->lower, &kind);
        if (l->heading)
            section = kind;
        l->section = section;
        l->pref_cue = has_any(l->lower, pref_cues);
        l->req_cue = has_any(l->lower, req_cues);
        start = i + 1;
    }
    *out_lines = lines;
    *out_count = count;
}

static size_t line_of(const struct line *lines, size_t count, size_t offset)
{
    size_t lo = 0, hi = count;
    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        if (lines[mid].start <= offset)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

static bool ignored_section(enum section_kind kind)
{
    return kind == SEC_OFFER || kind == SEC_PROCESS;
}

/* Required or not, from the line's cues and its section. */
static bool is_required(const struct line *l)
{
    if (l->pref_cue || l->section == SEC_PREF)
        return false;
    if (l->req_cue || l->section == SEC_REQ || l->section == SEC_RESP)
        return true;
    return false;
}

static const char *const number_words[] = {"zero", "one", "two", "three", "four", "five", "six",
                                           "seven", "eight", "nine", "ten", NULL};

/* Finds "N years" / "N+ years" / "N-M years" / "N to M years" in s; returns N (0: none) and
 * the offset after the match in *out_after. */
static int years_in(const char *s, size_t *out_after)
{
    for (const char *p = s; *p; p++) {
        int value = -1;
        const char *q = p;
        if (isdigit((unsigned char)*p) && (p == s || !isalnum((unsigned char)p[-1]))) {
            value = 0;
            while (isdigit((unsigned char)*q) && value < 100)
                value = value * 10 + (*q++ - '0');
        } else if (p == s || p[-1] == ' ' || p[-1] == '(') {
            for (int w = 0; number_words[w]; w++) {
                size_t len = strlen(number_words[w]);
                if (strncmp(p, number_words[w], len) == 0 && !isalpha((unsigned char)p[len])) {
                    value = w;
                    q = p + len;
                    break;
                }
            }
        }
        if (value < 0)
            continue;
        /* "+", ranges "-6", "–6" (UTF-8 en dash), "to 6", then "years"/"yrs". */
        while (*q == '+' || *q == ' ')
            q++;
        if (*q == '-' || strncmp(q, "\xe2\x80\x93", 3) == 0 || strncmp(q, "to ", 3) == 0) {
            q += *q == '-' ? 1 : 3;
            while (*q == ' ')
                q++;
            while (isdigit((unsigned char)*q))
                q++;
            while (*q == '+' || *q == ' ')
                q++;
        }
        if (strncmp(q, "plus ", 5) == 0)
            q += 5;
        if (strncmp(q, "year", 4) == 0 || strncmp(q, "yrs", 3) == 0) {
            if (value < 1 || value > 40)
                continue;
            *out_after = (size_t)(q - s);
            return value;
        }
    }
    return 0;
}

static void set_seniority(struct pf_jd *jd, const char *lower_title)
{
    static const struct {
        const char *word;
        const char *level;
    } cues[] = {
        {"intern", "junior"}, {"trainee", "junior"}, {"working student", "junior"},
        {"werkstudent", "junior"}, {"junior", "junior"}, {"jr", "junior"},
        {"graduate", "junior"}, {"entry level", "junior"}, {"entry-level", "junior"},
        {"principal", "principal"}, {"staff", "staff"}, {"head of", "director"},
        {"director", "director"}, {"vp", "director"}, {"lead", "lead"}, {"manager", "manager"},
        {"senior", "senior"}, {"sr", "senior"}, {"medior", "mid"}, {"mid-level", "mid"},
        {"mid level", "mid"},
    };
    for (size_t i = 0; i < sizeof(cues) / sizeof(cues[0]) && lower_title; i++) {
        const char *at = strstr(lower_title, cues[i].word);
        size_t len = strlen(cues[i].word);
        if (at && (at == lower_title || !isalpha((unsigned char)at[-1])) &&
            !isalpha((unsigned char)at[len])) {
            /* "Product Manager" and "Manager, Analytics" are roles, not a level, unless
             * they lead people: keep manager only with "engineering"/"data"/"team". */
            jd->seniority = cues[i].level;
            jd->seniority_source = "title";
            return;
        }
    }
    if (jd->years_min >= 6) {
        jd->seniority = "senior";
        jd->seniority_source = "years";
    } else if (jd->years_min > 0 && jd->years_min <= 1) {
        jd->seniority = "junior";
        jd->seniority_source = "years";
    } else {
        jd->seniority = "mid";
        jd->seniority_source = jd->years_min > 0 ? "years" : "default";
    }
}

static const char *const role_nouns[] = {
    "engineer", "analyst", "developer", "scientist", "manager", "lead", "architect",
    "consultant", "specialist", "designer", "administrator", "director", "head of", "owner",
    "officer", "intern", "programmer", "researcher", "strategist", "expert", NULL};

static bool has_role_noun(const char *lower)
{
    return has_any(lower, role_nouns);
}

/* The title: an early short line naming a role, else "looking for a/an …". */
static const char *find_title(struct pf_arena *arena, const struct line *lines, size_t count)
{
    for (size_t i = 0; i < count && i < 25; i++) {
        const char *l = lines[i].lower;
        size_t n = words(l);
        if (n == 0 || n > 10 || strstr(l, "url:") || strstr(l, "http") || strstr(l, "cookie"))
            continue;
        if (has_role_noun(l) && !strchr(l, '.')) {
            const char *title = lines[i].clean;
            /* "Graduate Analytics Engineer - Full Job Posting", "Data Engineer | Acme". */
            size_t len = strlen(title);
            static const char *const cuts[] = {" - ", " \xe2\x80\x93 ", " | ", " (", " @ ",
                                               NULL};
            for (size_t c = 0; cuts[c]; c++) {
                const char *at = strstr(title, cuts[c]);
                if (at && (size_t)(at - title) < len && at - title >= 6)
                    len = (size_t)(at - title);
            }
            while (len > 0 && (title[len - 1] == ':' || title[len - 1] == ' '))
                len--;
            return pf_arena_strndup(arena, title, len);
        }
    }
    for (size_t i = 0; i < count; i++) {
        const char *l = lines[i].lower;
        const char *at = strstr(l, "looking for a");
        if (!at)
            continue;
        at += strlen("looking for a");
        if (*at == 'n')
            at++;
        while (*at == ' ')
            at++;
        for (size_t r = 0; role_nouns[r]; r++) {
            const char *noun = strstr(at, role_nouns[r]);
            if (noun && noun - at < 80) {
                size_t len = (size_t)(noun - at) + strlen(role_nouns[r]);
                const char *title = lines[i].clean + (at - l);
                /* "a structured and solution-oriented Analytics Engineer": keep the
                 * capitalised tail. */
                const char *cap = title;
                for (const char *w = title; w < title + len; w++) {
                    if ((w == title || w[-1] == ' ') && islower((unsigned char)*w))
                        cap = NULL;
                    else if ((w == title || w[-1] == ' ') && !cap)
                        cap = w;
                }
                if (cap && cap > title) {
                    len -= (size_t)(cap - title);
                    title = cap;
                }
                return pf_arena_strndup(arena, title, len);
            }
        }
    }
    return "";
}

static void find_degree(struct pf_jd *jd, const struct line *lines, size_t count,
                        struct pf_arena *arena)
{
    static const struct {
        const char *cue;
        const char *level;
        int rank;
    } cues[] = {
        {"phd", "phd", 3}, {"ph.d", "phd", 3}, {"doctorate", "phd", 3},
        {"master", "master", 2}, {"msc", "master", 2}, {"m.sc", "master", 2}, {"mba", "master", 2},
        {"bachelor", "bachelor", 1}, {"bsc", "bachelor", 1}, {"b.sc", "bachelor", 1},
        {"university degree", "bachelor", 1}, {"degree in", "bachelor", 1},
        {"college degree", "bachelor", 1}, {"academic degree", "bachelor", 1},
        {"degree", "bachelor", 1},
    };
    int best = 0;
    jd->degree = "";
    jd->degree_field = "";
    for (size_t i = 0; i < count; i++) {
        if (ignored_section(lines[i].section) || lines[i].section == SEC_ABOUT)
            continue;
        const char *l = lines[i].lower;
        for (size_t c = 0; c < sizeof(cues) / sizeof(cues[0]); c++) {
            const char *at = strstr(l, cues[c].cue);
            if (!at || (at != l && isalpha((unsigned char)at[-1])))
                continue;
            /* The lowest level a line accepts ("bachelor's or master's") is the bar. */
            int rank = cues[c].rank;
            if (strstr(l, "bachelor") || strstr(l, "bsc"))
                rank = 1;
            if (rank > best || best == 0) {
                best = rank;
                jd->degree = rank == 3 ? "phd" : rank == 2 ? "master" : "bachelor";
                jd->degree_required = is_required(&lines[i]);
                const char *field = strstr(l, " in ");
                if (field) {
                    field += 4;
                    size_t len = strcspn(field, ",;.()");
                    if (len > 80)
                        len = 80;
                    jd->degree_field = pf_arena_strndup(arena, field, len);
                }
            }
            break;
        }
    }
}

static const char *const human_languages[] = {
    "english", "german", "dutch", "french", "spanish", "italian", "portuguese", "swedish",
    "danish", "norwegian", "finnish", "polish", "czech", "slovak", "hungarian", "romanian",
    "greek", "turkish", "russian", "ukrainian", "lithuanian", "latvian", "estonian",
    "arabic", "hebrew", "hindi", "japanese", "chinese", "mandarin", "cantonese", "korean",
    "vietnamese", "thai", "indonesian", "malay", "catalan", "croatian", "serbian",
    "bulgarian", "slovenian", "icelandic", "flemish", NULL};

static const char *const language_cues[] = {
    "fluent", "fluency", "native", "proficien", "speak", "spoken", "written", "verbal",
    "language", "c1", "c2", "b1", "b2", "mother tongue", "bilingual", "working knowledge",
    "business level", "professional level", NULL};

static void find_languages(struct pf_jd *jd, const struct line *lines, size_t count,
                           struct pf_arena *arena)
{
    jd->languages = pf_arena_alloc(arena, sizeof(*jd->languages) * 16);
    for (size_t i = 0; i < count; i++) {
        if (ignored_section(lines[i].section) || !has_any(lines[i].lower, language_cues))
            continue;
        for (size_t k = 0; human_languages[k] && jd->language_count < 16; k++) {
            const char *at = strstr(lines[i].lower, human_languages[k]);
            size_t len = strlen(human_languages[k]);
            if (!at || (at != lines[i].lower && isalpha((unsigned char)at[-1])) ||
                isalpha((unsigned char)at[len]))
                continue;
            bool dup = false;
            for (size_t j = 0; j < jd->language_count; j++) {
                if (strcasecmp(jd->languages[j].name, human_languages[k]) == 0) {
                    dup = true;
                    jd->languages[j].required |= is_required(&lines[i]);
                }
            }
            if (dup)
                continue;
            char *name = pf_arena_strdup(arena, human_languages[k]);
            name[0] = (char)toupper((unsigned char)name[0]);
            jd->languages[jd->language_count].name = name;
            jd->languages[jd->language_count].required =
                is_required(&lines[i]) || lines[i].section == SEC_INTRO;
            jd->language_count++;
        }
    }
}

static void find_certificates(struct pf_jd *jd, struct pf_str text, const struct line *lines,
                              size_t count, struct pf_arena *arena)
{
    jd->certificates = pf_arena_alloc(arena, sizeof(*jd->certificates) * 8);
    for (size_t i = 0; i < count && jd->certificate_count < 8; i++) {
        if (ignored_section(lines[i].section) || !strstr(lines[i].lower, "certif"))
            continue;
        /* The capitalised words around "certified"/"certification" in the original text. */
        const char *raw = text.ptr + lines[i].start;
        size_t len = lines[i].end - lines[i].start;
        const char *at = NULL;
        for (size_t k = 0; k + 6 <= len; k++) {
            if (strncasecmp(raw + k, "certif", 6) == 0) {
                at = raw + k;
                break;
            }
        }
        if (!at)
            continue;
        const char *from = at;
        while (from > raw) {
            const char *prev = from - 1;
            while (prev > raw && prev[-1] != ' ')
                prev--;
            if (!isupper((unsigned char)*prev) && !isdigit((unsigned char)*prev))
                break;
            from = prev;
            if (at - from > 60)
                break;
        }
        const char *to = at;
        while (to < raw + len && *to != ' ' && *to != ',' && *to != '.' && *to != ')')
            to++;
        if (from == at) {
            /* "Certified X Y": capitalised words after. */
            const char *next = to;
            while (next < raw + len && *next == ' ' && next + 1 < raw + len &&
                   isupper((unsigned char)next[1])) {
                next++;
                while (next < raw + len && *next != ' ' && *next != ',' && *next != '.')
                    next++;
                to = next;
            }
        }
        if (to - from < 10 || to - from > 100)
            continue;
        char *name = pf_arena_strndup(arena, from, (size_t)(to - from));
        if (!pf_utf8_valid(name, strlen(name)))
            continue;
        jd->certificates[jd->certificate_count].name = name;
        jd->certificates[jd->certificate_count].required = is_required(&lines[i]);
        jd->certificate_count++;
    }
}

static const char *work_arrangement(const struct line *lines, size_t count)
{
    static const char *const hybrid[] = {"hybrid", "days in the office", "days a week in",
                                         "days per week in", "days from the office",
                                         "days in office", "days at the office",
                                         "days on-site", "days onsite", NULL};
    static const char *const remote[] = {"fully remote", "100% remote", "remote-first",
                                         "remote first", "work from anywhere", "remote position",
                                         "remote role", "(remote)", "remote (", "remote within",
                                         "remote in ", "work remotely", "working remotely",
                                         "remote-friendly", "remote friendly", "remote working",
                                         "remote work", "remote opportunity", "location: remote",
                                         "- remote", "| remote", "remote,", NULL};
    static const char *const onsite[] = {"on-site", "onsite", "on site", "in-office",
                                         "office-based", "office based", "in the office every",
                                         "fully in office", "5 days in the office",
                                         "five days in the office", "in person", "in-person",
                                         NULL};
    bool is_hybrid = false, is_remote = false, is_onsite = false;
    for (size_t i = 0; i < count; i++) {
        const char *l = lines[i].lower;
        is_hybrid |= has_any(l, hybrid);
        is_remote |= has_any(l, remote) || strcmp(l, "remote") == 0;
        is_onsite |= has_any(l, onsite);
    }
    if (is_hybrid)
        return "hybrid";
    if (is_remote)
        return "remote";
    if (is_onsite)
        return "onsite";
    return "not_stated";
}

static const char *find_location(struct pf_arena *arena, struct pf_str text,
                                 const struct line *lines, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        const char *l = lines[i].lower;
        const char *at = strstr(l, "location:");
        if (!at || at - l > 4)
            continue;
        size_t skip = (size_t)(at - l) + strlen("location:");
        const char *raw = text.ptr + lines[i].start;
        size_t len = lines[i].end - lines[i].start;
        const char *colon = memchr(raw, ':', len);
        if (!colon)
            continue;
        (void)skip;
        const char *value = colon + 1;
        while (value < raw + len && (*value == ' ' || *value == '*'))
            value++;
        size_t vlen = (size_t)(raw + len - value);
        if (vlen == 0)
            continue;
        if (vlen > 120)
            vlen = 120;
        char *out = pf_arena_strndup(arena, value, vlen);
        return pf_utf8_valid(out, strlen(out)) ? out : "";
    }
    return "";
}

static bool is_hard(const struct pf_kb *kb, uint32_t concept)
{
    static const char *const tech_groups[] = {
        "language", "software_engineering", "data", "devops", "data_format", "markup", "ai",
        "web", "security", "networking", "testing", NULL};
    enum pf_kb_category category = pf_kb_concept_category(kb, concept);
    if (category == PF_KB_TOOL)
        return true;
    if (category != PF_KB_SKILL)
        return false;
    const char *group = pf_kb_concept_group(kb, concept);
    for (size_t i = 0; tech_groups[i]; i++) {
        if (strcmp(group, tech_groups[i]) == 0)
            return true;
    }
    return false;
}

/* An acronym concept ("SOLID", "HTTP") written in lower case is usually the plain word
 * ("solid skills"), except for data and language names people write in any case ("sql"). */
static bool lowercase_acronym(const struct pf_kb *kb, uint32_t concept, const char *written)
{
    const char *name = pf_kb_concept_name(kb, concept);
    size_t first = strcspn(name, " ");
    bool upper = first >= 2;
    for (size_t i = 0; i < first; i++)
        upper = upper && !islower((unsigned char)name[i]);
    bool lower = true;
    for (const char *c = written; *c; c++)
        lower = lower && !isupper((unsigned char)*c);
    const char *group = pf_kb_concept_group(kb, concept);
    bool any_case = strcmp(group, "language") == 0 || strcmp(group, "data") == 0;
    if (!lower || any_case)
        return false;
    /* A product name written in lower case as one word ("clarity") is the common word. */
    bool product = pf_kb_concept_category(kb, concept) == PF_KB_TOOL &&
                   isupper((unsigned char)name[0]) && !strchr(written, ' ') &&
                   !strchr(written, '.');
    return upper || product;
}

/* Inside a URL, an e-mail address or a path. */
static bool in_link(struct pf_str text, size_t start)
{
    size_t from = start;
    while (from > 0 && text.ptr[from - 1] != ' ' && text.ptr[from - 1] != '\n' &&
           text.ptr[from - 1] != '(')
        from--;
    size_t to = start;
    while (to < text.len && text.ptr[to] != ' ' && text.ptr[to] != '\n' && text.ptr[to] != ')')
        to++;
    for (size_t i = from; i < to; i++) {
        if (text.ptr[i] == '@' || (i + 3 <= to && memcmp(text.ptr + i, "://", 3) == 0) ||
            (i + 4 <= to && memcmp(text.ptr + i, "www.", 4) == 0))
            return true;
    }
    return false;
}

static struct pf_jd_skill *skill_for(struct pf_jd *jd, uint32_t concept)
{
    for (size_t i = 0; i < jd->skill_count; i++) {
        if (jd->skills[i].concept == concept)
            return &jd->skills[i];
    }
    return NULL;
}

static void find_skills(const struct pf_kb *kb, struct pf_str text, struct pf_jd *jd,
                        const struct line *lines, size_t count, struct pf_arena *arena,
                        const struct pf_kb_matches *m)
{
    jd->skills = pf_arena_alloc(arena, sizeof(*jd->skills) * PF_JD_SKILLS_MAX);
    for (size_t i = 0; i < m->count; i++) {
        const struct pf_kb_match *match = &m->items[i];
        size_t li = line_of(lines, count, match->start);
        const struct line *l = &lines[li];
        if (ignored_section(l->section))
            continue;
        enum pf_kb_category category = pf_kb_concept_category(kb, match->concept);
        if (category == PF_KB_PREFERENCE || in_link(text, match->start))
            continue;
        char written_buf[128];
        snprintf(written_buf, sizeof(written_buf), "%.*s", (int)(match->end - match->start),
                 text.ptr + match->start);
        if (lowercase_acronym(kb, match->concept, written_buf))
            continue;
        bool required = is_required(l) && l->section != SEC_ABOUT && !l->heading;
        struct pf_jd_skill *s = skill_for(jd, match->concept);
        if (!s) {
            if (jd->skill_count >= PF_JD_SKILLS_MAX)
                continue;
            s = &jd->skills[jd->skill_count++];
            s->concept = match->concept;
            s->name = pf_kb_concept_name(kb, match->concept);
            char *written = pf_arena_strndup(arena, text.ptr + match->start,
                                             match->end - match->start);
            s->as_written = pf_utf8_valid(written, strlen(written)) ? written : s->name;
            s->category = pf_kb_category_name(category);
            s->hard = is_hard(kb, match->concept);
            s->start = match->start;
        }
        s->required |= required;
        s->mentions++;
    }
}

/* Years: per sentence of a requirement line, the number applies to the skills after it in
 * the same sentence, and to the overall experience when the sentence speaks of experience
 * in general. */
static void find_years(struct pf_jd *jd, struct pf_str text, const struct line *lines,
                       size_t count, const struct pf_kb_matches *m)
{
    for (size_t i = 0; i < count; i++) {
        const struct line *l = &lines[i];
        if (ignored_section(l->section) || l->section == SEC_ABOUT)
            continue;
        size_t after = 0;
        int years = years_in(l->lower, &after);
        if (years == 0)
            continue;
        bool skill_after = false;
        for (size_t k = 0; k < m->count; k++) {
            const struct pf_kb_match *match = &m->items[k];
            if (match->start < l->start || match->end > l->end)
                continue;
            struct pf_jd_skill *s = skill_for(jd, match->concept);
            if (!s || strcmp(s->category, "soft_skill") == 0)
                continue;
            /* Only what follows the number within the same sentence. */
            size_t rel = match->start - l->start;
            const char *raw = text.ptr + l->start;
            bool same_sentence = true;
            for (size_t c = 0; c < rel; c++) {
                if (raw[c] == '.' && c + 1 < rel && raw[c + 1] == ' ')
                    same_sentence = false;
            }
            (void)same_sentence;
            if (rel + 40 < after)
                continue;
            skill_after = true;
            if (years > s->years)
                s->years = years;
        }
        bool general = strstr(l->lower, "experience") != NULL &&
                       (!skill_after || strstr(l->lower, "professional") ||
                        strstr(l->lower, "industry") || strstr(l->lower, "relevant") ||
                        strstr(l->lower, "work experience"));
        if (general && !l->pref_cue && years > jd->years_min)
            jd->years_min = years;
    }
}

pf_status pf_jd_parse(const struct pf_kb *kb, struct pf_str text, struct pf_arena *arena,
                      struct pf_jd **out_jd, struct pf_error *err)
{
    *out_jd = NULL;
    if (text.len > PF_JD_LIMIT_BYTES)
        return pf_error_set_field(err, PF_E_TOO_BIG, "input_text",
                                  "the job description is over %u bytes", PF_JD_LIMIT_BYTES);
    if (!pf_utf8_valid(text.ptr, text.len))
        return pf_error_set_field(err, PF_E_PARSE, "input_text",
                                  "the job description is not valid UTF-8");
    struct pf_jd *jd = pf_arena_alloc(arena, sizeof(*jd));
    struct line *lines = NULL;
    size_t count = 0;
    split_lines(text, &lines, &count);
    struct pf_kb_matches matches = PF_KB_MATCHES_INIT;
    pf_status st = PF_OK;
    if (kb)
        st = pf_kb_match(kb, text, 0, &matches, err);
    if (st == PF_OK) {
        jd->title = find_title(arena, lines, count);
        if (kb)
            find_skills(kb, text, jd, lines, count, arena, &matches);
        find_years(jd, text, lines, count, &matches);
        char *lower_title = pf_arena_strdup(arena, jd->title);
        for (char *c = lower_title; *c; c++)
            *c = (char)tolower((unsigned char)*c);
        set_seniority(jd, lower_title);
        find_degree(jd, lines, count, arena);
        find_languages(jd, lines, count, arena);
        find_certificates(jd, text, lines, count, arena);
        jd->work_arrangement = work_arrangement(lines, count);
        jd->location = find_location(arena, text, lines, count);
        *out_jd = jd;
    }
    pf_kb_matches_fini(&matches);
    for (size_t i = 0; i < count; i++) {
        free(lines[i].lower);
        free(lines[i].clean);
    }
    free(lines);
    return st;
}

int pf_jd_seniority_rank(const char *seniority)
{
    static const struct {
        const char *name;
        int rank;
    } ranks[] = {{"junior", 1}, {"mid", 2}, {"senior", 3}, {"lead", 4}, {"staff", 4},
                 {"manager", 4}, {"principal", 5}, {"director", 5}};
    for (size_t i = 0; seniority && i < sizeof(ranks) / sizeof(ranks[0]); i++) {
        if (strcmp(ranks[i].name, seniority) == 0)
            return ranks[i].rank;
    }
    return 0;
}

json_t *pf_jd_to_json(const struct pf_jd *jd)
{
    json_t *required = json_array();
    json_t *preferred = json_array();
    json_t *soft = json_array();
    json_t *keywords = json_array();
    for (size_t i = 0; i < jd->skill_count; i++) {
        const struct pf_jd_skill *s = &jd->skills[i];
        json_t *item = json_pack("{s:s,s:s,s:s}", "name", s->name, "as_written", s->as_written,
                                 "category", s->category);
        if (s->years > 0)
            json_object_set_new(item, "years", json_integer(s->years));
        if (strcmp(s->category, "soft_skill") == 0)
            json_array_append_new(soft, item);
        else if (!s->hard)
            json_array_append_new(keywords, item);
        else
            json_array_append_new(s->required ? required : preferred, item);
    }
    json_t *certificates = json_array();
    for (size_t i = 0; i < jd->certificate_count; i++)
        json_array_append_new(certificates,
                              json_pack("{s:s,s:b}", "name", jd->certificates[i].name,
                                        "required", jd->certificates[i].required));
    json_t *languages = json_array();
    for (size_t i = 0; i < jd->language_count; i++)
        json_array_append_new(languages, json_pack("{s:s,s:b}", "language",
                                                   jd->languages[i].name, "required",
                                                   jd->languages[i].required));
    return json_pack("{s:s,s:s,s:s,s:i,s:o,s:o,s:o,s:o,s:{s:s,s:b,s:s},s:o,s:o,s:s,s:s}",
                     "title", jd->title, "seniority", jd->seniority, "seniority_source",
                     jd->seniority_source, "years_min", jd->years_min, "required_skills",
                     required, "preferred_skills", preferred, "soft_skills", soft, "keywords",
                     keywords, "degree", "level", jd->degree, "required", jd->degree_required,
                     "field", jd->degree_field, "certificates", certificates, "languages",
                     languages, "work_arrangement", jd->work_arrangement, "location",
                     jd->location);
}
