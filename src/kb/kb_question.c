/* Clarifying questions: generation from a CV's entries, JD requirements, JSON round trip. */
#include "kb/kb_question.h"

#include <stdio.h>
#include <string.h>

#include "base/json.h"
#include "kb/kb_int.h"
#include "kb/kb_match.h"
#include "kb/kb_question_int.h"

static const char *const kind_names[] = {"free_text", "yes_no", "choice", "years", "date"};

static const char *const arrangement_options[] = {"Remote work", "Hybrid work", "On-site work"};
static const char *const contract_options[] = {"Permanent employment", "Fixed-term contract",
                                               "Contract work", "Freelance", "Internship"};
static const char *const schedule_options[] = {"Full-time", "Part-time", "Flexible hours"};
static const char *const travel_options[] = {"None", "Occasional", "Up to 25%", "Up to 50%",
                                             "More than 50%"};

const struct kb_pref_topic kb_pref_topics[] = {
    {"work_arrangement", PF_KB_Q_CHOICE, "Which work arrangement do you prefer?",
     arrangement_options, PF_ARRAY_LEN(arrangement_options)},
    {"relocation", PF_KB_Q_YES_NO, "Are you open to relocating for a job?", NULL, 0},
    {"visa", PF_KB_Q_YES_NO,
     "Do you need visa sponsorship to work in the countries you are applying to?", NULL, 0},
    {"contract_type", PF_KB_Q_CHOICE, "What kind of contract are you looking for?",
     contract_options, PF_ARRAY_LEN(contract_options)},
    {"schedule", PF_KB_Q_CHOICE, "Are you looking for full-time or part-time work?",
     schedule_options, PF_ARRAY_LEN(schedule_options)},
    {"travel", PF_KB_Q_CHOICE, "How much work travel are you willing to do?", travel_options,
     PF_ARRAY_LEN(travel_options)},
    {"start_date", PF_KB_Q_DATE, "From when are you available to start a new job?", NULL, 0},
    {"salary", PF_KB_Q_FREE_TEXT,
     "What salary range are you looking for (amount, currency and period)?", NULL, 0},
};
const size_t kb_pref_topic_count = PF_ARRAY_LEN(kb_pref_topics);

const struct kb_pref_topic *kb_pref_topic_find(const char *group)
{
    for (size_t i = 0; group && i < kb_pref_topic_count; i++) {
        if (strcmp(kb_pref_topics[i].group, group) == 0)
            return &kb_pref_topics[i];
    }
    return NULL;
}

const char *pf_kb_question_kind_name(enum pf_kb_question_kind kind)
{
    return (unsigned)kind < PF_ARRAY_LEN(kind_names) ? kind_names[kind] : "free_text";
}

bool pf_kb_question_kind_parse(const char *name, enum pf_kb_question_kind *out_kind)
{
    for (size_t i = 0; name && i < PF_ARRAY_LEN(kind_names); i++) {
        if (strcmp(name, kind_names[i]) == 0) {
            *out_kind = (enum pf_kb_question_kind)i;
            return true;
        }
    }
    return false;
}

void pf_kb_questions_init(struct pf_kb_questions *questions, struct pf_arena *arena)
{
    memset(questions, 0, sizeof(*questions));
    questions->arena = arena;
}

static bool has_key(const struct pf_kb_questions *questions, const char *key)
{
    for (size_t i = 0; i < questions->count; i++) {
        if (strcmp(questions->items[i].key, key) == 0)
            return true;
    }
    return false;
}

static struct pf_kb_question *push(struct pf_kb_questions *out, const char *key)
{
    if (has_key(out, key))
        return NULL;
    if (out->count == out->cap) {
        size_t cap = out->cap ? out->cap * 2 : 16;
        struct pf_kb_question *items = pf_arena_alloc(out->arena, cap * sizeof(*items));
        if (out->count)
            memcpy(items, out->items, out->count * sizeof(*items));
        out->items = items;
        out->cap = cap;
    }
    struct pf_kb_question *question = &out->items[out->count++];
    memset(question, 0, sizeof(*question));
    question->key = pf_arena_strdup(out->arena, key);
    return question;
}

void kb_pref_question(const struct kb_pref_topic *topic, struct pf_arena *arena,
                      struct pf_kb_question *out, const char *reason)
{
    out->key = pf_arena_printf(arena, "pref:%s", topic->group);
    out->kind = topic->kind;
    out->topic = topic->group;
    out->text = topic->text;
    out->options = (const char **)topic->options;
    out->option_count = topic->option_count;
    out->reason = reason;
    out->entry_type = PF_KB_ENTRY_PREFERENCE;
}

void kb_skill_question(const struct pf_kb *kb, uint32_t concept, const char *value,
                       enum pf_kb_entry_type type, struct pf_arena *arena,
                       struct pf_kb_question *out, const char *reason)
{
    const char *key = concept != PF_KB_NO_CONCEPT ? pf_kb_concept_key(kb, concept) : value;
    out->key = pf_arena_printf(arena, "skill_years:%s", key);
    out->kind = PF_KB_Q_YEARS;
    out->topic = pf_arena_strdup(arena, value);
    out->text = strcmp(reason, "jd_requirement") == 0
                    ? pf_arena_printf(arena,
                                      "The job asks for %s. For how many years have you used it, "
                                      "and where? (0 if never)",
                                      value)
                    : pf_arena_printf(arena, "Where and for how long did you use %s?", value);
    out->reason = reason;
    out->entry_type = type;
}

static bool preference_settled(const struct pf_kb *kb, const struct pf_kb_entries *entries,
                               const char *group)
{
    for (size_t i = 0; i < entries->count; i++) {
        const struct pf_kb_entry *entry = &entries->items[i];
        if (entry->type != PF_KB_ENTRY_PREFERENCE)
            continue;
        const char *entry_group = entry->concept != PF_KB_NO_CONCEPT
                                      ? pf_kb_concept_group(kb, entry->concept)
                                      : pf_json_get_str(entry->details, "group");
        if (entry_group && strcmp(entry_group, group) == 0)
            return true;
    }
    return false;
}

static void skill_questions(const struct pf_kb *kb, const struct pf_kb_entries *entries,
                            struct pf_kb_questions *out)
{
    /* Most confident first: those are the skills a recruiter will ask about. */
    size_t asked = 0;
    for (int band = 100; band >= 0 && asked < PF_KB_SKILL_QUESTIONS_MAX; band -= 5) {
        for (size_t i = 0; i < entries->count && asked < PF_KB_SKILL_QUESTIONS_MAX; i++) {
            const struct pf_kb_entry *entry = &entries->items[i];
            int percent = (int)(entry->confidence * 100.0 + 0.5);
            if (percent < band || percent >= band + 5 || entry->source != PF_KB_SOURCE_CV ||
                (entry->type != PF_KB_ENTRY_SKILL && entry->type != PF_KB_ENTRY_TOOL))
                continue;
            const json_t *years = json_object_get(entry->details, "years");
            const char *group = pf_json_get_str(entry->details, "group");
            if (!json_is_null(years) || (group && strcmp(group, "spoken_language") == 0))
                continue;
            char key[300];
            snprintf(key, sizeof(key), "skill_years:%s", entry->normalized);
            struct pf_kb_question *question = push(out, key);
            if (!question)
                continue;
            kb_skill_question(kb, entry->concept, entry->value, entry->type, out->arena, question,
                              "skill_without_dates");
            question->key = pf_arena_strdup(out->arena, key);
            asked++;
        }
    }
}

static void date_questions(const json_t *resume, int as_of, struct pf_kb_questions *out)
{
    const json_t *work = json_object_get(resume, "work");
    size_t i;
    const json_t *item;
    json_array_foreach(work, i, item)
    {
        char key[64];
        const char *name = pf_json_get_str(item, "name");
        const char *position = pf_json_get_str(item, "position");
        const char *start_text = pf_json_get_str(item, "startDate");
        int start;
        int end;
        bool present;
        const char *what = name && name[0] ? name : (position ? position : "this job");
        if (!json_is_object(item))
            continue;
        if (!start_text || !pf_kb_parse_date(start_text, false, as_of, &start, &present) ||
            present) {
            snprintf(key, sizeof(key), "dates:start:/work/%zu", i);
            struct pf_kb_question *question = push(out, key);
            if (!question)
                continue;
            question->kind = PF_KB_Q_DATE;
            question->topic = pf_arena_printf(out->arena, "/work/%zu/startDate", i);
            question->field = question->topic;
            question->text = pf_arena_printf(out->arena, "When did you start at %s?", what);
            question->reason = "missing_dates";
            question->entry_type = PF_KB_ENTRY_FACT;
            continue;
        }
        bool bad_end = !pf_kb_parse_date(pf_json_get_str(item, "endDate"), true, as_of, &end,
                                         &present);
        if (bad_end || end < start || start > as_of) {
            snprintf(key, sizeof(key), "dates:order:/work/%zu", i);
            struct pf_kb_question *question = push(out, key);
            if (!question)
                continue;
            question->kind = PF_KB_Q_DATE;
            question->topic = pf_arena_printf(out->arena, "/work/%zu/endDate", i);
            question->field = question->topic;
            question->text = pf_arena_printf(
                out->arena,
                "The dates of %s do not add up (the end is missing, unreadable or before the "
                "start). When did it end? (leave it open if you still work there)",
                what);
            question->reason = "conflicting_dates";
            question->entry_type = PF_KB_ENTRY_FACT;
        }
    }
}

struct ambiguity {
    const struct pf_kb *kb;
    const struct pf_kb_entries *entries;
    struct pf_kb_questions *out;
    struct pf_kb_matches matches;
    pf_status status;
    struct pf_error *err;
};

static void on_field(void *ctx, const struct kb_field *field)
{
    struct ambiguity *amb = ctx;
    if (amb->status != PF_OK || field->section == KB_SECTION_SKILLS)
        return;
    amb->status = pf_kb_match(amb->kb, pf_str_from_cstr(field->text),
                              field->match_flags | PF_KB_MATCH_KEEP_REJECTED, &amb->matches,
                              amb->err);
    for (size_t i = 0; amb->status == PF_OK && i < amb->matches.count; i++) {
        const struct pf_kb_match *m = &amb->matches.items[i];
        if (m->why != PF_KB_WHY_REJECTED)
            continue;
        /* Only a capitalised use is worth asking about: "go" and "excel at" are plain words. */
        const struct pf_kb_token *token = &amb->matches.tokens[m->first_token];
        if (!(token->flags & PF_KB_TOK_CAPITAL) ||
            (token->flags & PF_KB_TOK_SENT_START && token->len > 1))
            continue;
        const char *key = pf_kb_concept_key(amb->kb, m->concept);
        enum pf_kb_entry_type type = (enum pf_kb_entry_type)pf_kb_concept_category(amb->kb, m->concept);
        if (pf_kb_entries_find(amb->entries, type, key))
            continue;
        char qkey[300];
        snprintf(qkey, sizeof(qkey), "ambiguous:%s", key);
        struct pf_kb_question *question = push(amb->out, qkey);
        if (!question)
            continue;
        const char *name = pf_kb_concept_name(amb->kb, m->concept);
        const char *group = pf_kb_concept_group(amb->kb, m->concept);
        question->kind = PF_KB_Q_YES_NO;
        question->topic = name;
        question->field = pf_arena_strdup(amb->out->arena, field->pointer);
        question->text = pf_arena_printf(
            amb->out->arena, "Your CV says \"%.*s\". Does it mean %s (%s)?", (int)(m->end - m->start),
            field->text + m->start, name, group[0] ? group : pf_kb_category_name((enum pf_kb_category)type));
        question->reason = "ambiguous_mention";
        question->entry_type = type;
    }
}

pf_status pf_kb_questions_generate(const struct pf_kb *kb, const json_t *resume,
                                   const struct pf_kb_entries *entries,
                                   const struct pf_kb_extract_opts *opts,
                                   struct pf_kb_questions *out, struct pf_error *err)
{
    if (!json_is_object(resume))
        return pf_error_set(err, PF_E_INVALID, "a JSON Resume document must be a JSON object");
    skill_questions(kb, entries, out);
    for (size_t t = 0; t < kb_pref_topic_count; t++) {
        if (preference_settled(kb, entries, kb_pref_topics[t].group))
            continue;
        char key[64];
        snprintf(key, sizeof(key), "pref:%s", kb_pref_topics[t].group);
        struct pf_kb_question *question = push(out, key);
        if (question)
            kb_pref_question(&kb_pref_topics[t], out->arena, question, "missing_preference");
    }
    date_questions(resume, kb_as_of_index(opts), out);
    struct ambiguity amb = {kb, entries, out, PF_KB_MATCHES_INIT, PF_OK, err};
    kb_walk_fields(resume, on_field, &amb);
    pf_kb_matches_fini(&amb.matches);
    return amb.status;
}

pf_status pf_kb_question_for_requirement(const struct pf_kb *kb, struct pf_str requirement,
                                         struct pf_arena *arena,
                                         struct pf_kb_question *out_question,
                                         struct pf_error *err)
{
    struct pf_kb_matches matches = PF_KB_MATCHES_INIT;
    struct pf_str text = pf_str_trim(requirement);
    pf_status st = PF_OK;
    memset(out_question, 0, sizeof(*out_question));
    if (text.len == 0 || !pf_utf8_valid(text.ptr, text.len)) {
        st = pf_error_set(err, PF_E_INVALID, "a requirement must be non-empty UTF-8 text");
        goto done;
    }
    st = pf_kb_match(kb, text, 0, &matches, err);
    if (st != PF_OK)
        goto done;
    for (size_t i = 0; i < matches.count; i++) {
        uint32_t concept = matches.items[i].concept;
        enum pf_kb_category category = pf_kb_concept_category(kb, concept);
        if (category == PF_KB_SKILL || category == PF_KB_TOOL) {
            kb_skill_question(kb, concept, pf_kb_concept_name(kb, concept),
                              (enum pf_kb_entry_type)category, arena, out_question,
                              "jd_requirement");
            goto done;
        }
        const struct kb_pref_topic *topic =
            category == PF_KB_PREFERENCE ? kb_pref_topic_find(pf_kb_concept_group(kb, concept))
                                         : NULL;
        if (topic) {
            kb_pref_question(topic, arena, out_question, "jd_requirement");
            goto done;
        }
    }
    char key[96];
    size_t len = pf_kb_normalize(text, key, sizeof(key));
    out_question->key = pf_arena_printf(arena, "jd:%.*s", (int)len, key);
    out_question->kind = PF_KB_Q_FREE_TEXT;
    out_question->topic = pf_arena_strdup_str(arena, text);
    out_question->text = pf_arena_printf(
        arena, "The job asks for \"%.*s\". What experience do you have with it?",
        (int)(text.len > 300 ? 300 : text.len), text.ptr);
    out_question->reason = "jd_requirement";
    out_question->entry_type = PF_KB_ENTRY_SKILL;
done:
    pf_kb_matches_fini(&matches);
    return st;
}

json_t *pf_kb_question_to_json(const struct pf_kb_question *question)
{
    json_t *json = json_object();
    json_object_set_new(json, "key", json_string(question->key));
    json_object_set_new(json, "kind", json_string(pf_kb_question_kind_name(question->kind)));
    json_object_set_new(json, "topic", pf_json_string_str(pf_str_from_cstr(question->topic)));
    json_object_set_new(json, "text", pf_json_string_str(pf_str_from_cstr(question->text)));
    if (question->kind == PF_KB_Q_CHOICE) {
        json_t *options = json_array();
        for (size_t i = 0; i < question->option_count; i++)
            json_array_append_new(options, json_string(question->options[i]));
        json_object_set_new(json, "options", options);
    }
    if (question->kind == PF_KB_Q_YEARS) {
        json_object_set_new(json, "min", json_integer(0));
        json_object_set_new(json, "max", json_integer(PF_KB_YEARS_MAX));
    }
    json_object_set_new(json, "reason", json_string(question->reason ? question->reason : ""));
    if (question->field)
        json_object_set_new(json, "field", json_string(question->field));
    json_object_set_new(json, "entry_type",
                        json_string(pf_kb_entry_type_name(question->entry_type)));
    return json;
}

json_t *pf_kb_questions_to_json(const struct pf_kb_questions *questions)
{
    json_t *array = json_array();
    for (size_t i = 0; i < questions->count; i++)
        json_array_append_new(array, pf_kb_question_to_json(&questions->items[i]));
    return array;
}

static pf_status required_string(const json_t *json, const char *name, struct pf_arena *arena,
                                 const char **out, struct pf_error *err)
{
    const char *value = pf_json_get_str(json, name);
    if (!value || !value[0])
        return pf_error_set_field(err, PF_E_VALIDATION, name, "question.%s: a non-empty string is required", name);
    *out = pf_arena_strdup(arena, value);
    return PF_OK;
}

pf_status pf_kb_question_from_json(const json_t *json, struct pf_arena *arena,
                                   struct pf_kb_question *out_question, struct pf_error *err)
{
    struct pf_kb_question q;
    const char *kind = NULL;
    const char *type = NULL;
    pf_status st = PF_OK;
    memset(&q, 0, sizeof(q));
    if (!json_is_object(json))
        return pf_error_set(err, PF_E_VALIDATION, "a question must be a JSON object");
    st = required_string(json, "key", arena, &q.key, err);
    if (st == PF_OK)
        st = required_string(json, "kind", arena, &kind, err);
    if (st == PF_OK)
        st = required_string(json, "topic", arena, &q.topic, err);
    if (st == PF_OK)
        st = required_string(json, "text", arena, &q.text, err);
    if (st != PF_OK)
        return st;
    if (!pf_kb_question_kind_parse(kind, &q.kind))
        return pf_error_set_field(err, PF_E_VALIDATION, "kind", "question.kind: unknown kind");
    type = pf_json_get_str(json, "entry_type");
    if (!type)
        q.entry_type = PF_KB_ENTRY_SKILL;
    else if (!pf_kb_entry_type_parse(type, &q.entry_type))
        return pf_error_set_field(err, PF_E_VALIDATION, "entry_type",
                                  "question.entry_type: unknown type");
    q.reason = pf_arena_strdup(arena, pf_json_get_str(json, "reason"));
    q.field = pf_arena_strdup(arena, pf_json_get_str(json, "field"));
    if (q.kind == PF_KB_Q_CHOICE) {
        const json_t *options = json_object_get(json, "options");
        size_t count = json_array_size(options);
        if (count == 0)
            return pf_error_set_field(err, PF_E_VALIDATION, "options",
                                      "question.options: a choice needs options");
        q.options = pf_arena_alloc(arena, count * sizeof(*q.options));
        for (size_t i = 0; i < count; i++) {
            const char *option = json_string_value(json_array_get(options, i));
            if (!option)
                return pf_error_set_field(err, PF_E_VALIDATION, "options",
                                          "question.options: options must be strings");
            q.options[i] = pf_arena_strdup(arena, option);
        }
        q.option_count = count;
    }
    *out_question = q;
    return PF_OK;
}
