/* Inference over a CV: implied skills, soft skills from achievements, domains, seniority. */
#include "kb/kb_infer.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/json.h"
#include "base/mem.h"
#include "kb/kb_int.h"
#include "kb/kb_match.h"

#define IMPLY_DEPTH 3          /* implies edges followed from a stated skill */
#define IMPLY_DECAY 0.8        /* confidence kept per edge */
#define DOMAIN_FROM_TOOL 0.7   /* extra decay when a tool implies a domain */
#define IMPLY_MIN_CONFIDENCE 0.5 /* weaker implications are not worth an entry */
#define EMPLOYER_CONFIDENCE 0.5
#define DESCRIPTION_CONFIDENCE 0.65

struct infer {
    const struct pf_kb *kb;
    const struct pf_kb_extract_opts *opts;
    const json_t *resume;
    struct pf_kb_entries *entries;
    struct kb_locator locator;
    struct pf_kb_matches matches;
    int as_of;
    pf_status status;
    struct pf_error *err;
};

/* True when the CV itself states (type, key): inference then adds nothing. */
static bool stated(const struct pf_kb_entries *entries, enum pf_kb_entry_type type,
                   const char *key)
{
    const struct pf_kb_entry *entry = pf_kb_entries_find(entries, type, key);
    return entry && entry->source != PF_KB_SOURCE_AI_EXTRACTION;
}

static struct pf_kb_entry *inferred(struct infer *in, enum pf_kb_entry_type type, uint32_t concept,
                                    double confidence, json_t *evidence)
{
    const char *key = pf_kb_concept_key(in->kb, concept);
    if (stated(in->entries, type, key) ||
        (in->entries->count >= PF_KB_LIMIT_ENTRIES && !pf_kb_entries_find(in->entries, type, key))) {
        json_decref(evidence);
        return NULL;
    }
    bool created;
    struct pf_kb_entry *entry =
        pf_kb_entries_upsert(in->entries, type, pf_kb_concept_name(in->kb, concept), key, concept,
                             PF_KB_SOURCE_AI_EXTRACTION, &created);
    if (created) {
        const char *group = pf_kb_concept_group(in->kb, concept);
        if (group[0])
            json_object_set_new(entry->details, "group", json_string(group));
    }
    if (confidence > entry->confidence)
        entry->confidence = confidence;
    pf_kb_entry_add_evidence(entry, evidence);
    return entry;
}

static void add_unique(json_t *array, const char *value)
{
    size_t i;
    json_t *item;
    json_array_foreach(array, i, item)
    {
        if (strcmp(json_string_value(item), value) == 0)
            return;
    }
    json_array_append_new(array, json_string(value));
}

static bool month_of(const char *text, int *out)
{
    bool present;
    return text && pf_kb_parse_date(text, false, 0, out, &present) && !present;
}

/* Years of use of an implied entry: the union of its implying entries' periods. */
static void inherit_years(struct infer *in, struct pf_kb_entry *entry)
{
    const json_t *parents = json_object_get(entry->details, "implied_by");
    struct kb_period periods[64];
    size_t count = 0;
    bool present = false;
    size_t i;
    const json_t *name;
    json_array_foreach(parents, i, name)
    {
        char key[256];
        pf_kb_normalize(pf_str_from_cstr(json_string_value(name)), key, sizeof(key));
        for (int type = PF_KB_ENTRY_SKILL; type <= PF_KB_ENTRY_TOOL; type++) {
            const struct pf_kb_entry *parent =
                pf_kb_entries_find(in->entries, (enum pf_kb_entry_type)type, key);
            const json_t *list = parent ? json_object_get(parent->details, "periods") : NULL;
            size_t p;
            const json_t *period;
            present = present || (parent && json_is_true(json_object_get(parent->details, "current")));
            json_array_foreach(list, p, period)
            {
                struct kb_period value;
                if (count < PF_ARRAY_LEN(periods) &&
                    month_of(pf_json_get_str(period, "start"), &value.start) &&
                    month_of(pf_json_get_str(period, "end"), &value.end))
                    periods[count++] = value;
            }
        }
    }
    if (count == 0) {
        json_object_set_new(entry->details, "years", json_null());
        json_object_set_new(entry->details, "last_used", json_null());
        return;
    }
    count = kb_periods_merge(periods, count);
    char month[16];
    kb_month_format(periods[count - 1].end, month, sizeof(month));
    json_object_set_new(entry->details, "years",
                        json_real(round(kb_periods_months(periods, count) / 1.2) / 10.0));
    json_object_set_new(entry->details, "last_used", json_string(month));
    json_object_set_new(entry->details, "current", json_boolean(present));
}

static void implied(struct infer *in)
{
    const struct pf_kb *kb = in->kb;
    size_t stated_count = in->entries->count;
    size_t first_new = stated_count;
    uint32_t queue[256];
    uint8_t depth[256];
    for (size_t e = 0; e < stated_count; e++) {
        const struct pf_kb_entry *parent = &in->entries->items[e];
        if (parent->source != PF_KB_SOURCE_CV || parent->concept == PF_KB_NO_CONCEPT ||
            (parent->type != PF_KB_ENTRY_SKILL && parent->type != PF_KB_ENTRY_TOOL))
            continue;
        const char *parent_name = parent->value;
        double parent_confidence = parent->confidence;
        json_t *parent_evidence = json_array_get(parent->evidence, 0);
        size_t head = 0;
        size_t tail = 0;
        queue[tail] = parent->concept;
        depth[tail++] = 0;
        while (head < tail) {
            uint32_t concept = queue[head];
            uint8_t d = depth[head++];
            const uint32_t *targets;
            size_t count = pf_kb_concept_implies(kb, concept, &targets);
            for (size_t t = 0; t < count && d < IMPLY_DEPTH; t++) {
                bool seen = false;
                for (size_t q = 0; q < tail && !seen; q++)
                    seen = queue[q] == targets[t];
                if (seen || tail == PF_ARRAY_LEN(queue))
                    continue;
                queue[tail] = targets[t];
                depth[tail++] = (uint8_t)(d + 1);
                enum pf_kb_category category = pf_kb_concept_category(kb, targets[t]);
                /* Umbrella concepts ("Management") and weak chains say nothing useful. */
                if (category == PF_KB_SOFT_SKILL || category == PF_KB_PREFERENCE ||
                    (pf_kb_concept_flags(kb, targets[t]) & PF_KB_CONCEPT_NOMATCH))
                    continue;
                double confidence = parent_confidence * pow(IMPLY_DECAY, d + 1);
                if (category == PF_KB_DOMAIN)
                    confidence *= DOMAIN_FROM_TOOL;
                if (confidence < IMPLY_MIN_CONFIDENCE)
                    continue;
                json_t *evidence = parent_evidence ? json_deep_copy(parent_evidence) : json_object();
                json_object_set_new(evidence, "rule", json_string("implied_by"));
                json_object_set_new(evidence, "from", json_string(parent_name));
                struct pf_kb_entry *entry = inferred(in, (enum pf_kb_entry_type)category,
                                                     targets[t], confidence, evidence);
                if (!entry)
                    continue;
                json_t *by = json_object_get(entry->details, "implied_by");
                if (!by) {
                    by = json_array();
                    json_object_set_new(entry->details, "implied_by", by);
                }
                add_unique(by, parent_name);
            }
        }
    }
    for (size_t e = first_new; e < in->entries->count; e++) {
        struct pf_kb_entry *entry = &in->entries->items[e];
        if (entry->type == PF_KB_ENTRY_SKILL || entry->type == PF_KB_ENTRY_TOOL)
            inherit_years(in, entry);
    }
}

static bool word_hit(const struct pf_kb *kb, const struct pf_kb_token *token, uint32_t first,
                     uint32_t count)
{
    for (uint32_t w = 0; w < count; w++) {
        uint32_t word = kb->rule_words[first + w];
        if (word == KB_WORD_NUMBER || word == KB_WORD_YEAR) {
            if (token->kind == PF_KB_TOKEN_NUMBER)
                return true;
        } else if (token->id == word) {
            return true;
        }
    }
    return false;
}

static void achievements(struct infer *in, const struct kb_field *field)
{
    const struct pf_kb *kb = in->kb;
    const struct pf_kb_token *tokens = in->matches.tokens;
    size_t count = in->matches.token_count;
    for (size_t r = 0; r < kb->soft_rule_count; r++) {
        const struct kb_soft_rule *rule = &kb->soft_rules[r];
        for (size_t i = 0; i < count; i++) {
            if (!word_hit(kb, &tokens[i], rule->first_trigger, rule->trigger_count))
                continue;
            size_t last = i;
            if (rule->object_count > 0) {
                last = SIZE_MAX;
                for (size_t j = i + 1; j < count && j <= i + rule->window; j++) {
                    if (word_hit(kb, &tokens[j], rule->first_object, rule->object_count)) {
                        last = j;
                        break;
                    }
                }
                if (last == SIZE_MAX)
                    continue;
            }
            json_t *evidence = kb_evidence_new(in->opts, &in->locator, field, tokens[i].start,
                                               tokens[last].start + tokens[last].len,
                                               "achievement");
            inferred(in, PF_KB_ENTRY_SOFT_SKILL, rule->concept, rule->confidence, evidence);
            break; /* one hit per rule and field is evidence enough */
        }
    }
}

static void employer(struct infer *in, const json_t *item, const char *section, size_t index)
{
    const char *name = pf_json_get_str(item, "name");
    if (!name)
        name = pf_json_get_str(item, "organization");
    if (!name || !name[0])
        return;
    struct kb_field field;
    memset(&field, 0, sizeof(field));
    snprintf(field.pointer, sizeof(field.pointer), "/%s/%zu/%s", section, index,
             json_object_get(item, "name") ? "name" : "organization");
    field.text = name;
    field.owner = item;
    field.key = json_object_get(item, "name") ? "name" : "organization";
    field.index = -1;
    field.item = (int)index;
    in->status = pf_kb_match(in->kb, pf_str_from_cstr(name), 0, &in->matches, in->err);
    if (in->status != PF_OK)
        return;
    for (size_t t = 0; t < in->matches.token_count; t++) {
        const struct pf_kb_token *token = &in->matches.tokens[t];
        for (size_t c = 0; c < in->kb->cue_count && token->id; c++) {
            if (in->kb->cues[c].word != token->id)
                continue;
            json_t *evidence = kb_evidence_new(in->opts, &in->locator, &field, token->start,
                                               token->start + token->len, "employer");
            inferred(in, PF_KB_ENTRY_DOMAIN, in->kb->cues[c].concept, EMPLOYER_CONFIDENCE,
                     evidence);
        }
    }
}

static void on_field(void *ctx, const struct kb_field *field)
{
    struct infer *in = ctx;
    if (in->status != PF_OK || field->section == KB_SECTION_SKILLS ||
        field->section == KB_SECTION_EDUCATION)
        return;
    in->status = pf_kb_match(in->kb, pf_str_from_cstr(field->text), field->match_flags,
                             &in->matches, in->err);
    if (in->status != PF_OK)
        return;
    bool described = field->section == KB_SECTION_WORK || field->section == KB_SECTION_VOLUNTEER ||
                     field->section == KB_SECTION_PROJECTS;
    for (size_t i = 0; described && i < in->matches.count; i++) {
        const struct pf_kb_match *m = &in->matches.items[i];
        if (pf_kb_concept_category(in->kb, m->concept) != PF_KB_DOMAIN)
            continue;
        json_t *evidence = kb_evidence_new(in->opts, &in->locator, field, m->start, m->end,
                                           "work_description");
        inferred(in, PF_KB_ENTRY_DOMAIN, m->concept, DESCRIPTION_CONFIDENCE * m->confidence,
                 evidence);
    }
    if (!field->is_title)
        achievements(in, field);
}

/* Levels in rising order; a title's words pick the highest it names. */
static const char *const levels[] = {"intern", "junior",  "mid",      "senior",   "lead",
                                     "principal", "manager", "director", "executive"};
static const struct {
    const char *word;
    int level;
} title_words[] = {
    {"intern", 0},     {"internship", 0}, {"trainee", 0},   {"apprentice", 0},  {"student", 0},
    {"junior", 1},     {"jr", 1},         {"graduate", 1},  {"entry", 1},       {"assistant", 1},
    {"senior", 3},     {"sr", 3},         {"lead", 4},      {"staff", 5},       {"principal", 5},
    {"distinguished", 5}, {"fellow", 5},  {"architect", 5}, {"manager", 6},     {"head", 7},
    {"director", 7},   {"vp", 8},         {"vice", 8},      {"chief", 8},       {"ceo", 8},
    {"cto", 8},        {"cfo", 8},        {"coo", 8},       {"cio", 8},         {"president", 8},
    {"founder", 8},    {"partner", 7},
};

static int title_level(const char *title)
{
    struct pf_kb_tokenizer tz;
    struct pf_kb_token token;
    char norm[PF_KB_TOKEN_NORM_MAX + 1];
    int level = -1;
    pf_kb_tokenizer_init(&tz, pf_str_from_cstr(title));
    while (pf_kb_tokenizer_next(&tz, &token, norm)) {
        norm[token.norm_len] = '\0';
        for (size_t w = 0; w < PF_ARRAY_LEN(title_words); w++) {
            if (strcmp(norm, title_words[w].word) == 0 && title_words[w].level > level)
                level = title_words[w].level;
        }
    }
    return level;
}

static int years_level(double years)
{
    if (years < 1.5)
        return 1;
    if (years < 4.5)
        return 2;
    return 3;
}

static void seniority(struct infer *in)
{
    const json_t *work = json_object_get(in->resume, "work");
    struct kb_period periods[128];
    size_t count = 0;
    int best = -1;
    struct kb_period best_period = {0, 0};
    size_t i;
    const json_t *item;
    json_array_foreach(work, i, item)
    {
        struct kb_period period;
        bool present;
        if (!kb_entry_period(item, in->as_of, &period, &present))
            continue;
        if (count < PF_ARRAY_LEN(periods))
            periods[count++] = period;
        if (best < 0 || period.end > best_period.end ||
            (period.end == best_period.end && period.start > best_period.start)) {
            best = (int)i;
            best_period = period;
        }
    }
    if (best < 0 && json_array_size(work) > 0)
        best = 0;
    if (best < 0)
        return;
    count = kb_periods_merge(periods, count);
    double years = round(kb_periods_months(periods, count) / 1.2) / 10.0;
    const json_t *chosen = json_array_get(work, (size_t)best);
    const char *title = pf_json_get_str(chosen, "position");
    int from_title = title ? title_level(title) : -1;
    int from_years = count > 0 ? years_level(years) : -1;
    int level = from_title >= 0 ? from_title : from_years;
    if (level < 0)
        return;
    double confidence = 0.5;
    if (from_title >= 0 && from_years >= 0)
        confidence = abs((from_title > 4 ? 4 : from_title) - from_years) <= 1 ? 0.7 : 0.55;
    json_t *evidence;
    if (title && title[0]) {
        struct kb_field field;
        memset(&field, 0, sizeof(field));
        snprintf(field.pointer, sizeof(field.pointer), "/work/%d/position", best);
        field.text = title;
        field.owner = chosen;
        field.key = "position";
        field.index = -1;
        field.item = best;
        evidence = kb_evidence_new(in->opts, &in->locator, &field, 0, 0, "seniority");
    } else {
        evidence = json_pack("{s:s,s:s}", "field", "/work", "rule", "seniority");
    }
    bool created;
    struct pf_kb_entry *entry =
        pf_kb_entries_upsert(in->entries, PF_KB_ENTRY_SENIORITY, levels[level], NULL,
                             PF_KB_NO_CONCEPT, PF_KB_SOURCE_AI_EXTRACTION, &created);
    if (!created)
        return;
    entry->confidence = confidence;
    pf_kb_entry_add_evidence(entry, evidence);
    json_object_set_new(entry->details, "total_years", count > 0 ? json_real(years) : json_null());
    if (title)
        json_object_set_new(entry->details, "title", json_string(title));
    json_object_set_new(entry->details, "from_title",
                        from_title >= 0 ? json_string(levels[from_title]) : json_null());
    json_object_set_new(entry->details, "from_years",
                        from_years >= 0 ? json_string(levels[from_years]) : json_null());
}

pf_status pf_kb_infer(const struct pf_kb *kb, const json_t *resume,
                      const struct pf_kb_extract_opts *opts, struct pf_kb_entries *entries,
                      struct pf_error *err)
{
    if (!json_is_object(resume))
        return pf_error_set(err, PF_E_INVALID, "a JSON Resume document must be a JSON object");
    struct infer in = {
        .kb = kb,
        .opts = opts,
        .resume = resume,
        .entries = entries,
        .locator = {opts ? opts->raw_text : PF_STR_NULL, resume, 0},
        .matches = PF_KB_MATCHES_INIT,
        .as_of = kb_as_of_index(opts),
        .status = PF_OK,
        .err = err,
    };
    implied(&in);
    kb_walk_fields(resume, on_field, &in);
    static const char *const employers[] = {"work", "volunteer"};
    for (size_t s = 0; s < PF_ARRAY_LEN(employers) && in.status == PF_OK; s++) {
        const json_t *list = json_object_get(resume, employers[s]);
        size_t i;
        const json_t *item;
        json_array_foreach(list, i, item)
        {
            if (in.status == PF_OK && json_is_object(item))
                employer(&in, item, employers[s], i);
        }
    }
    if (in.status == PF_OK)
        seniority(&in);
    for (size_t e = 0; e < entries->count; e++) {
        if (entries->items[e].source == PF_KB_SOURCE_AI_EXTRACTION)
            entries->items[e].confirmed = false;
    }
    pf_kb_matches_fini(&in.matches);
    return in.status;
}
