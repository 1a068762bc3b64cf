/* CV extraction: match every text field of a JSON Resume, keep what the CV states as entries
 * (source "cv") with evidence, and compute years of use from the dated work entries. */
#include "kb/kb_extract.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/json.h"
#include "base/mem.h"
#include "kb/kb_int.h"
#include "kb/kb_match.h"

#define UNKNOWN_CONFIDENCE 0.6  /* a skills-section keyword the taxonomy does not know */
#define PARTIAL_COVERAGE 0.7    /* below this share of a keyword matched, keep it as written */

/* A period of use of the entry at index entry (entries may move; indexes do not). */
struct use {
    size_t entry;
    struct kb_period period;
    bool present;
};

struct extract {
    const struct pf_kb *kb;
    const struct pf_kb_extract_opts *opts;
    const json_t *resume;
    struct pf_kb_entries *out;
    struct kb_locator locator;
    struct pf_kb_matches matches;
    int as_of;
    struct use *uses; /* heap */
    size_t use_count;
    size_t use_cap;
    pf_status status;
    struct pf_error *err;
};

static double section_factor(enum kb_section section)
{
    switch (section) {
    case KB_SECTION_SKILLS:
        return 0.95;
    case KB_SECTION_BASICS:
    case KB_SECTION_WORK:
        return 0.9;
    case KB_SECTION_VOLUNTEER:
    case KB_SECTION_PROJECTS:
    case KB_SECTION_OTHER:
        return 0.85;
    case KB_SECTION_EDUCATION:
        return 0.8;
    }
    return 0.8;
}

static void add_use(struct extract *ex, size_t entry, const struct kb_field *field)
{
    if (field->section != KB_SECTION_WORK || field->item < 0)
        return;
    const json_t *item = json_array_get(json_object_get(ex->resume, "work"), (size_t)field->item);
    struct kb_period period;
    bool present = false;
    if (!kb_entry_period(item, ex->as_of, &period, &present))
        return;
    if (ex->use_count == ex->use_cap) {
        ex->use_cap = ex->use_cap ? ex->use_cap * 2 : 64;
        ex->uses = pf_xrealloc(ex->uses, ex->use_cap * sizeof(*ex->uses));
    }
    ex->uses[ex->use_count++] = (struct use){entry, period, present};
}

/* Adds (or strengthens) the entry for a concept or a text as written. */
static struct pf_kb_entry *note(struct extract *ex, enum pf_kb_entry_type type, const char *value,
                                uint32_t concept, double confidence, json_t *evidence,
                                const struct kb_field *field)
{
    const char *normalized = concept != PF_KB_NO_CONCEPT ? pf_kb_concept_key(ex->kb, concept)
                                                         : NULL;
    char key[256];
    if (!normalized) {
        pf_kb_normalize(pf_str_from_cstr(value), key, sizeof(key));
        normalized = key;
    }
    if (!normalized[0] ||
        (ex->out->count >= PF_KB_LIMIT_ENTRIES && !pf_kb_entries_find(ex->out, type, normalized))) {
        json_decref(evidence);
        return NULL;
    }
    bool created;
    struct pf_kb_entry *entry = pf_kb_entries_upsert(ex->out, type, value, normalized, concept,
                                                     PF_KB_SOURCE_CV, &created);
    if (created && concept != PF_KB_NO_CONCEPT) {
        const char *group = pf_kb_concept_group(ex->kb, concept);
        if (group[0])
            json_object_set_new(entry->details, "group", json_string(group));
    }
    if (created && concept == PF_KB_NO_CONCEPT)
        json_object_set_new(entry->details, "in_taxonomy", json_false());
    if (confidence > entry->confidence)
        entry->confidence = confidence;
    pf_kb_entry_add_evidence(entry, evidence);
    add_use(ex, (size_t)(entry - ex->out->items), field);
    return entry;
}

/* Which matches of a field the CV states. Preferences only count where the person speaks
 * about themselves (label, summary); domains named in work entries are left to inference. */
static bool stated(enum pf_kb_category category, const struct kb_field *field)
{
    if (category == PF_KB_PREFERENCE)
        return field->section == KB_SECTION_BASICS;
    if (category == PF_KB_DOMAIN)
        return field->section == KB_SECTION_BASICS || field->section == KB_SECTION_SKILLS ||
               field->section == KB_SECTION_EDUCATION;
    return true;
}

static bool skills_group_has_keywords(const struct extract *ex, const struct kb_field *field)
{
    const json_t *keywords = json_object_get(field->owner, "keywords");
    return json_is_array(keywords) && json_array_size(keywords) > 0;
}

static void on_field(void *ctx, const struct kb_field *field)
{
    struct extract *ex = ctx;
    if (ex->status != PF_OK)
        return;
    struct pf_str text = pf_str_from_cstr(field->text);
    ex->status = pf_kb_match(ex->kb, text, field->match_flags, &ex->matches, ex->err);
    if (ex->status != PF_OK)
        return;
    size_t covered = 0;
    double factor = section_factor(field->section);
    for (size_t i = 0; i < ex->matches.count; i++) {
        const struct pf_kb_match *m = &ex->matches.items[i];
        enum pf_kb_category category = pf_kb_concept_category(ex->kb, m->concept);
        if (!stated(category, field))
            continue;
        covered += m->end - m->start;
        json_t *evidence = kb_evidence_new(ex->opts, &ex->locator, field, m->start, m->end, NULL);
        struct pf_kb_entry *entry =
            note(ex, (enum pf_kb_entry_type)category, pf_kb_concept_name(ex->kb, m->concept),
                 m->concept, m->confidence * factor, evidence, field);
        if (entry && field->section == KB_SECTION_SKILLS &&
            !json_object_get(entry->details, "level")) {
            const char *level = pf_json_get_str(field->owner, "level");
            if (level && level[0])
                json_object_set_new(entry->details, "level", json_string(level));
        }
    }
    if (field->section != KB_SECTION_SKILLS)
        return;
    /* A skills-section item the taxonomy does not (fully) know is still the person's word:
     * keep it as written, except a group name that only heads its keywords. */
    size_t letters = 0;
    for (const char *c = field->text; *c; c++)
        letters += *c != ' ';
    bool is_group_name = strcmp(field->key, "name") == 0;
    if ((double)covered >= PARTIAL_COVERAGE * (double)letters)
        return;
    if (is_group_name && skills_group_has_keywords(ex, field))
        return;
    json_t *evidence = kb_evidence_new(ex->opts, &ex->locator, field, 0, 0, NULL);
    struct pf_kb_entry *entry = note(ex, PF_KB_ENTRY_SKILL, field->text, PF_KB_NO_CONCEPT,
                                     UNKNOWN_CONFIDENCE, evidence, field);
    const char *level = pf_json_get_str(field->owner, "level");
    if (entry && level && level[0] && !json_object_get(entry->details, "level"))
        json_object_set_new(entry->details, "level", json_string(level));
}

static void spoken_languages(struct extract *ex)
{
    const json_t *languages = json_object_get(ex->resume, "languages");
    size_t i;
    const json_t *item;
    if (!json_is_array(languages))
        return;
    json_array_foreach(languages, i, item)
    {
        const char *name = pf_json_get_str(item, "language");
        if (!name || !name[0])
            continue;
        struct kb_field field;
        memset(&field, 0, sizeof(field));
        snprintf(field.pointer, sizeof(field.pointer), "/languages/%zu/language", i);
        field.text = name;
        field.owner = item;
        field.key = "language";
        field.index = -1;
        field.section = KB_SECTION_OTHER;
        field.item = (int)i;
        uint32_t concept;
        if (!pf_kb_lookup(ex->kb, pf_str_from_cstr(name), &concept))
            concept = PF_KB_NO_CONCEPT;
        const char *value = concept != PF_KB_NO_CONCEPT ? pf_kb_concept_name(ex->kb, concept) : name;
        json_t *evidence = kb_evidence_new(ex->opts, &ex->locator, &field, 0, 0, NULL);
        struct pf_kb_entry *entry = note(ex, PF_KB_ENTRY_SKILL, value, concept, 0.95, evidence,
                                         &field);
        const char *fluency = pf_json_get_str(item, "fluency");
        if (entry) {
            json_object_set_new(entry->details, "group", json_string("spoken_language"));
            if (fluency && fluency[0])
                json_object_set_new(entry->details, "fluency", json_string(fluency));
        }
    }
}

static int compare_uses(const void *a, const void *b)
{
    const struct use *x = a;
    const struct use *y = b;
    return (x->entry > y->entry) - (x->entry < y->entry);
}

/* details.years / last_used / current / periods for every skill and tool. */
static void years_of_use(struct extract *ex, size_t first_entry)
{
    if (ex->use_count > 1)
        qsort(ex->uses, ex->use_count, sizeof(*ex->uses), compare_uses);
    struct kb_period *periods = pf_xmalloc((ex->use_count + 1) * sizeof(*periods));
    size_t u = 0;
    for (size_t e = first_entry; e < ex->out->count; e++) {
        struct pf_kb_entry *entry = &ex->out->items[e];
        size_t count = 0;
        bool present = false;
        while (u < ex->use_count && ex->uses[u].entry < e)
            u++;
        while (u < ex->use_count && ex->uses[u].entry == e) {
            periods[count++] = ex->uses[u].period;
            present = present || ex->uses[u].present;
            u++;
        }
        if (entry->type != PF_KB_ENTRY_SKILL && entry->type != PF_KB_ENTRY_TOOL)
            continue;
        const char *group = pf_json_get_str(entry->details, "group");
        if (group && strcmp(group, "spoken_language") == 0)
            continue;
        if (count == 0) {
            json_object_set_new(entry->details, "years", json_null());
            json_object_set_new(entry->details, "last_used", json_null());
            continue;
        }
        count = kb_periods_merge(periods, count);
        int months = kb_periods_months(periods, count);
        char month[16];
        kb_month_format(periods[count - 1].end, month, sizeof(month));
        json_object_set_new(entry->details, "years", json_real(round(months / 1.2) / 10.0));
        json_object_set_new(entry->details, "last_used", json_string(month));
        json_object_set_new(entry->details, "current", json_boolean(present));
        json_t *list = json_array();
        for (size_t p = 0; p < count; p++) {
            char start[16];
            char end[16];
            kb_month_format(periods[p].start, start, sizeof(start));
            kb_month_format(periods[p].end, end, sizeof(end));
            json_array_append_new(list, json_pack("{s:s,s:s}", "start", start, "end", end));
        }
        json_object_set_new(entry->details, "periods", list);
    }
    free(periods);
}

pf_status pf_kb_extract_cv(const struct pf_kb *kb, const json_t *resume,
                           const struct pf_kb_extract_opts *opts, struct pf_kb_entries *out,
                           struct pf_error *err)
{
    if (!json_is_object(resume))
        return pf_error_set(err, PF_E_INVALID, "a JSON Resume document must be a JSON object");
    struct extract ex = {
        .kb = kb,
        .opts = opts,
        .resume = resume,
        .out = out,
        .locator = {opts ? opts->raw_text : PF_STR_NULL, resume, 0},
        .matches = PF_KB_MATCHES_INIT,
        .as_of = kb_as_of_index(opts),
        .status = PF_OK,
        .err = err,
    };
    size_t first_entry = out->count;
    kb_walk_fields(resume, on_field, &ex);
    if (ex.status == PF_OK) {
        spoken_languages(&ex);
        years_of_use(&ex, first_entry);
    }
    pf_kb_matches_fini(&ex.matches);
    free(ex.uses);
    return ex.status;
}
