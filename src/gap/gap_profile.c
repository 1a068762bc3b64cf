/* The persona's skill profile: listed skills, skills mentioned in dated experiences (through
 * the taxonomy's matcher and aliases), confirmed KB entries, and months of use. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gap/gap_int.h"
#include "kb/kb_text.h"

void gap_skill_key(const struct pf_kb *kb, const char *name, char *out, size_t cap,
                   uint32_t *out_concept)
{
    uint32_t concept = PF_KB_NO_CONCEPT;
    if (kb && name && pf_kb_lookup(kb, pf_str_from_cstr(name), &concept)) {
        snprintf(out, cap, "%s", pf_kb_concept_key(kb, concept));
    } else {
        concept = PF_KB_NO_CONCEPT;
        pf_kb_normalize(pf_str_from_cstr(name ? name : ""), out, cap);
    }
    if (out_concept)
        *out_concept = concept;
}

bool gap_concept_implies(const struct pf_kb *kb, uint32_t from, uint32_t to, int depth)
{
    if (!kb || from == PF_KB_NO_CONCEPT || to == PF_KB_NO_CONCEPT)
        return false;
    if (from == to)
        return true;
    if (depth <= 0)
        return false;
    const uint32_t *ids = NULL;
    size_t count = pf_kb_concept_implies(kb, from, &ids);
    for (size_t i = 0; i < count; i++) {
        if (gap_concept_implies(kb, ids[i], to, depth - 1))
            return true;
    }
    return false;
}

struct gap_skill *gap_profile_find(const struct gap_profile *profile, uint32_t concept,
                                   const char *name)
{
    char key[96] = "";
    if (concept == PF_KB_NO_CONCEPT && name)
        pf_kb_normalize(pf_str_from_cstr(name), key, sizeof(key));
    for (size_t i = 0; i < profile->count; i++) {
        struct gap_skill *s = &profile->skills[i];
        if (concept != PF_KB_NO_CONCEPT ? s->concept == concept : strcmp(s->key, key) == 0)
            return s;
    }
    return NULL;
}

static struct gap_skill *get_or_add(struct gap_profile *profile, uint32_t concept,
                                    const char *name)
{
    struct gap_skill *s = gap_profile_find(profile, concept, name);
    if (s)
        return s;
    profile->skills = realloc(profile->skills, (profile->count + 1) * sizeof(*profile->skills));
    s = &profile->skills[profile->count++];
    memset(s, 0, sizeof(*s));
    s->concept = concept;
    s->last_month = -1;
    snprintf(s->name, sizeof(s->name), "%s",
             concept != PF_KB_NO_CONCEPT && !name ? pf_kb_concept_name(profile->kb, concept)
                                                  : name);
    if (concept != PF_KB_NO_CONCEPT) {
        snprintf(s->key, sizeof(s->key), "%s", pf_kb_concept_key(profile->kb, concept));
        s->category = pf_kb_category_name(pf_kb_concept_category(profile->kb, concept));
        s->group = pf_kb_concept_group(profile->kb, concept);
    } else {
        pf_kb_normalize(pf_str_from_cstr(name), s->key, sizeof(s->key));
        s->category = "";
        s->group = "";
    }
    return s;
}

/* The concepts named in text (deduplicated into ids, at most cap). */
static size_t concepts_in(const struct pf_kb *kb, const char *text, unsigned flags,
                          uint32_t *ids, size_t cap)
{
    if (!kb || !text || !*text)
        return 0;
    struct pf_kb_matches matches = PF_KB_MATCHES_INIT;
    struct pf_error err = PF_ERROR_INIT;
    size_t count = 0;
    if (pf_kb_match(kb, pf_str_from_cstr(text), flags, &matches, &err) == PF_OK) {
        for (size_t i = 0; i < matches.count && count < cap; i++) {
            bool dup = false;
            for (size_t k = 0; k < count; k++)
                dup |= ids[k] == matches.items[i].concept;
            if (!dup)
                ids[count++] = matches.items[i].concept;
        }
    }
    pf_kb_matches_fini(&matches);
    return count;
}

static void add_listed(struct gap_profile *profile, const char *name, const char *pointer)
{
    if (!name || !*name)
        return;
    uint32_t concept = PF_KB_NO_CONCEPT;
    char key[96];
    gap_skill_key(profile->kb, name, key, sizeof(key), &concept);
    if (concept == PF_KB_NO_CONCEPT && profile->kb) {
        uint32_t ids[1];
        /* "Python 3 (pandas)": the first concept a skill-list match finds. */
        if (concepts_in(profile->kb, name, PF_KB_MATCH_SKILL_LIST, ids, 1) == 1 &&
            strlen(name) < 40)
            concept = ids[0];
    }
    struct gap_skill *s = get_or_add(profile, concept, name);
    if (!s->listed) {
        s->listed = true;
        snprintf(s->listed_pointer, sizeof(s->listed_pointer), "%s", pointer);
    }
}

static void append_text(char **buf, size_t *len, const char *text)
{
    if (!text || !*text)
        return;
    size_t add = strlen(text);
    *buf = realloc(*buf, *len + add + 2);
    memcpy(*buf + *len, text, add);
    *len += add;
    (*buf)[(*len)++] = '\n';
    (*buf)[*len] = '\0';
}

/* Every string of an entry (fields and string lists), one per line; employer and place
 * names are left out ("Salt & Cedar" is not SaltStack). */
static char *entry_text(const json_t *entry, bool skip_names)
{
    char *buf = NULL;
    size_t len = 0;
    const char *key;
    json_t *value;
    json_object_foreach((json_t *)entry, key, value) {
        if (strcmp(key, "url") == 0 || strstr(key, "Date") || strcmp(key, "location") == 0 ||
            (skip_names && (strcmp(key, "name") == 0 || strcmp(key, "organization") == 0 ||
                            strcmp(key, "institution") == 0)))
            continue;
        if (json_is_string(value)) {
            append_text(&buf, &len, json_string_value(value));
        } else if (json_is_array(value)) {
            size_t i;
            json_t *item;
            json_array_foreach(value, i, item) {
                append_text(&buf, &len, json_string_value(item));
            }
        }
    }
    return buf ? buf : strdup("");
}

static void add_evidence(struct gap_skill *s, const char *pointer, bool dated, int64_t start,
                         int64_t end)
{
    if (s->evidence_entries++ == 0)
        snprintf(s->evidence_pointer, sizeof(s->evidence_pointer), "%s", pointer);
    if (!dated)
        return;
    if (end > s->last_month)
        s->last_month = end;
    if (s->span_count < GAP_SKILL_SPANS) {
        s->span_start[s->span_count] = start;
        s->span_end[s->span_count] = end;
        s->span_count++;
    }
}

static void scan_experiences(struct gap_profile *profile, const json_t *persona,
                             int64_t today_month, char **all, size_t *all_len)
{
    static const struct {
        const char *name;
        const char *start;
        const char *end;
        bool skip_names;
        bool counts_months; /* time in it is time using what it mentions */
    } sections[] = {
        {"work", "startDate", "endDate", true, true},
        {"projects", "startDate", "endDate", false, true},
        {"volunteer", "startDate", "endDate", true, true},
        {"education", "startDate", "endDate", true, false},
        {"certificates", "date", "date", false, false},
        {"awards", "date", "date", false, false},
        {"publications", "releaseDate", "releaseDate", false, false},
    };
    for (size_t s = 0; s < PF_ARRAY_LEN(sections); s++) {
        size_t i;
        json_t *entry;
        json_array_foreach(json_object_get(persona, sections[s].name), i, entry) {
            char pointer[64];
            snprintf(pointer, sizeof(pointer), "/%s/%zu", sections[s].name, i);
            int64_t start = 0, end = today_month;
            bool dated = gap_date_month(pf_json_get_str(entry, sections[s].start), false, &start);
            const char *end_text = pf_json_get_str(entry, sections[s].end);
            bool point = strcmp(sections[s].start, sections[s].end) == 0;
            if (dated && end_text && *end_text)
                dated = gap_date_month(end_text, !point, &end);
            if (dated && point)
                end = start;
            if (end > today_month)
                end = today_month;
            dated = dated && end >= start && sections[s].counts_months;
            char *text = entry_text(entry, sections[s].skip_names);
            append_text(all, all_len, text);
            uint32_t ids[256];
            size_t n = concepts_in(profile->kb, text, 0, ids, PF_ARRAY_LEN(ids));
            for (size_t k = 0; k < n; k++)
                add_evidence(get_or_add(profile, ids[k], NULL), pointer, dated, start, end);
            /* Listed skills the taxonomy does not know are looked for literally. */
            for (size_t k = 0; k < profile->count; k++) {
                struct gap_skill *sk = &profile->skills[k];
                if (sk->concept == PF_KB_NO_CONCEPT && sk->listed &&
                    gap_mentions(text, sk->name))
                    add_evidence(sk, pointer, dated, start, end);
            }
            free(text);
        }
    }
}

void gap_profile_build(const json_t *persona, const struct pf_gap_options *opts,
                       int64_t today_month, struct gap_profile *out)
{
    memset(out, 0, sizeof(*out));
    out->kb = opts->kb;
    size_t i;
    json_t *group;
    json_array_foreach(json_object_get(persona, "skills"), i, group) {
        char pointer[96];
        const json_t *keywords = json_object_get(group, "keywords");
        if (json_array_size(keywords) == 0) {
            snprintf(pointer, sizeof(pointer), "/skills/%zu/name", i);
            add_listed(out, pf_json_get_str(group, "name"), pointer);
            continue;
        }
        size_t k;
        json_t *keyword;
        json_array_foreach(keywords, k, keyword) {
            snprintf(pointer, sizeof(pointer), "/skills/%zu/keywords/%zu", i, k);
            add_listed(out, json_string_value(keyword), pointer);
        }
    }
    for (size_t e = 0; e < opts->kb_count; e++) {
        const struct pf_kb_row *entry = opts->kb_entries[e];
        if (!entry->confirmed || entry->rejected || !entry->value)
            continue;
        uint32_t concept;
        char key[96];
        gap_skill_key(opts->kb, entry->value, key, sizeof(key), &concept);
        struct gap_skill *s = get_or_add(out, concept, entry->value);
        s->from_kb = true;
        if (entry->details) {
            const json_t *years = json_object_get(entry->details, "years");
            if (json_is_number(years))
                s->kb_years = (int64_t)(json_number_value(years) + 0.5);
        }
        if (!s->category || !*s->category)
            s->category = entry->type;
    }
    char *all = NULL;
    size_t all_len = 0;
    append_text(&all, &all_len,
                pf_json_get_str(json_object_get(persona, "basics"), "summary"));
    append_text(&all, &all_len, pf_json_get_str(json_object_get(persona, "basics"), "label"));
    scan_experiences(out, persona, today_month, &all, &all_len);
    json_array_foreach(json_object_get(persona, "skills"), i, group) {
        char *text = entry_text(group, false);
        append_text(&all, &all_len, text);
        free(text);
    }
    out->all_text = all ? all : strdup("");
}

void gap_profile_fini(struct gap_profile *profile)
{
    free(profile->skills);
    free(profile->all_text);
    memset(profile, 0, sizeof(*profile));
}

bool gap_skill_is_tech(const struct gap_skill *skill)
{
    static const char *const tech_groups[] = {
        "language", "software_engineering", "data", "devops", "data_format", "markup", "ai",
        "web", "security", "networking", "testing", NULL};
    if (!skill->category)
        return false;
    if (strcmp(skill->category, "tool") == 0)
        return true;
    return strcmp(skill->category, "skill") == 0 && skill->group &&
           gap_word_in(skill->group, tech_groups);
}

int64_t gap_skill_months(const struct gap_skill *skill)
{
    int64_t total = 0;
    /* Few spans: a quadratic sweep over months is simple and cheap. */
    int64_t lo = INT64_MAX, hi = -1;
    for (size_t i = 0; i < skill->span_count; i++) {
        if (skill->span_start[i] < lo)
            lo = skill->span_start[i];
        if (skill->span_end[i] > hi)
            hi = skill->span_end[i];
    }
    for (int64_t m = lo; hi >= 0 && m <= hi && m - lo < 1200; m++) {
        for (size_t i = 0; i < skill->span_count; i++) {
            if (m >= skill->span_start[i] && m <= skill->span_end[i]) {
                total++;
                break;
            }
        }
    }
    return total;
}
