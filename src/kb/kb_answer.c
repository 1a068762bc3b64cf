/* Answers to clarifying questions: validated by kind, turned into "user_answer" entries. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/json.h"
#include "kb/kb_int.h"
#include "kb/kb_match.h"
#include "kb/kb_question.h"
#include "kb/kb_question_int.h"

static struct pf_kb_entry *answered(const struct pf_kb *kb, struct pf_kb_entries *out,
                                    enum pf_kb_entry_type type, const char *value)
{
    uint32_t concept;
    if (!pf_kb_lookup(kb, pf_str_from_cstr(value), &concept))
        concept = PF_KB_NO_CONCEPT;
    if (concept != PF_KB_NO_CONCEPT)
        value = pf_kb_concept_name(kb, concept);
    const char *key = concept != PF_KB_NO_CONCEPT ? pf_kb_concept_key(kb, concept) : NULL;
    struct pf_kb_entry *entry =
        pf_kb_entries_upsert(out, type, value, key, concept, PF_KB_SOURCE_USER_ANSWER, NULL);
    entry->source = PF_KB_SOURCE_USER_ANSWER;
    entry->confidence = 1.0;
    entry->confirmed = true;
    if (concept != PF_KB_NO_CONCEPT && pf_kb_concept_group(kb, concept)[0])
        json_object_set_new(entry->details, "group", json_string(pf_kb_concept_group(kb, concept)));
    return entry;
}

static void note_question(struct pf_kb_entry *entry, const struct pf_kb_question *question)
{
    pf_kb_entry_add_evidence(entry, json_pack("{s:s,s:s}", "question", question->key, "rule",
                                              "user_answer"));
}

static pf_status invalid(struct pf_error *err, const char *message)
{
    return pf_error_set_field(err, PF_E_VALIDATION, "answer", "%s", message);
}

static bool parse_number(const json_t *value, double *out)
{
    if (json_is_number(value)) {
        *out = json_number_value(value);
        return true;
    }
    const char *text = json_string_value(value);
    if (!text)
        return false;
    char *end = NULL;
    double number = strtod(text, &end);
    while (end && (*end == ' ' || *end == '\t'))
        end++;
    if (!end || end == text || *end != '\0')
        return false;
    *out = number;
    return true;
}

static pf_status years_answer(const struct pf_kb *kb, const struct pf_kb_question *question,
                              const json_t *answer, struct pf_kb_entries *out,
                              struct pf_error *err)
{
    const json_t *value = answer;
    const char *where = NULL;
    double years;
    if (json_is_object(answer)) {
        value = json_object_get(answer, "years");
        where = pf_json_get_str(answer, "where");
    }
    if (!parse_number(value, &years) || !isfinite(years) || years < 0 || years > PF_KB_YEARS_MAX)
        return invalid(err, "years: give a number of years from 0 to 60");
    if (where && strlen(where) > PF_KB_ANSWER_TEXT_MAX)
        return invalid(err, "where: at most 4000 bytes");
    struct pf_kb_entry *entry = answered(kb, out, question->entry_type, question->topic);
    json_object_set_new(entry->details, "years", json_real(round(years * 10.0) / 10.0));
    json_object_set_new(entry->details, "used", json_boolean(years > 0));
    if (where && where[0])
        json_object_set_new(entry->details, "where", json_string(where));
    note_question(entry, question);
    return PF_OK;
}

static bool parse_yes_no(const json_t *answer, bool *out)
{
    if (json_is_boolean(answer)) {
        *out = json_is_true(answer);
        return true;
    }
    const char *text = json_string_value(answer);
    static const char *const yes[] = {"yes", "y", "true"};
    static const char *const no[] = {"no", "n", "false"};
    for (size_t i = 0; text && i < PF_ARRAY_LEN(yes); i++) {
        if (strcasecmp(text, yes[i]) == 0 || strcasecmp(text, no[i]) == 0) {
            *out = strcasecmp(text, yes[i]) == 0;
            return true;
        }
    }
    return false;
}

static pf_status yes_no_answer(const struct pf_kb *kb, const struct pf_kb_question *question,
                               const json_t *answer, struct pf_kb_entries *out,
                               struct pf_error *err)
{
    bool yes;
    if (!parse_yes_no(answer, &yes))
        return invalid(err, "answer yes or no (true or false)");
    struct pf_kb_entry *entry;
    if (strcmp(question->topic, "relocation") == 0) {
        entry = answered(kb, out, PF_KB_ENTRY_PREFERENCE, yes ? "Relocation" : "No relocation");
        json_object_set_new(entry->details, "open_to_relocation", json_boolean(yes));
    } else if (strcmp(question->topic, "visa") == 0) {
        entry = answered(kb, out, PF_KB_ENTRY_PREFERENCE,
                         yes ? "Visa sponsorship" : "Work authorization");
        json_object_set_new(entry->details, "needs_sponsorship", json_boolean(yes));
    } else if (!yes) {
        return PF_OK; /* "No, I do not mean that": nothing to record */
    } else {
        entry = answered(kb, out, question->entry_type, question->topic);
    }
    note_question(entry, question);
    return PF_OK;
}

static pf_status choice_answer(const struct pf_kb *kb, const struct pf_kb_question *question,
                               const json_t *answer, struct pf_kb_entries *out,
                               struct pf_error *err)
{
    const char *text = json_string_value(answer);
    const char *chosen = NULL;
    struct pf_str trimmed = pf_str_trim(pf_str_from_cstr(text));
    for (size_t i = 0; text && i < question->option_count && !chosen; i++) {
        if (pf_str_case_eq_cstr(trimmed, question->options[i]))
            chosen = question->options[i];
    }
    if (!chosen)
        return invalid(err, "choose one of the question's options");
    struct pf_kb_entry *entry;
    if (strcmp(question->topic, "travel") == 0) {
        entry = answered(kb, out, PF_KB_ENTRY_PREFERENCE,
                         strcmp(chosen, "None") == 0 ? "No travel" : "Travel required");
        json_object_set_new(entry->details, "travel", json_string(chosen));
    } else {
        entry = answered(kb, out, question->entry_type, chosen);
    }
    json_object_set_new(entry->details, "topic", json_string(question->topic));
    note_question(entry, question);
    return PF_OK;
}

/* The value of n ASCII digits (already checked to be digits). */
static int digits_value(const char *text, size_t n)
{
    int value = 0;
    for (size_t i = 0; i < n; i++)
        value = value * 10 + (text[i] - '0');
    return value;
}

/* "YYYY-MM" or "YYYY-MM-DD" with a real calendar day. */
static bool valid_date(const char *text)
{
    size_t len = text ? strlen(text) : 0;
    if (len != 7 && len != 10)
        return false;
    for (size_t i = 0; i < len; i++) {
        bool dash = i == 4 || i == 7;
        if (dash ? text[i] != '-' : (text[i] < '0' || text[i] > '9'))
            return false;
    }
    int year = digits_value(text, 4);
    int month = digits_value(text + 5, 2);
    if (year < 1900 || year > 2200 || month < 1 || month > 12)
        return false;
    if (len == 7)
        return true;
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int day = digits_value(text + 8, 2);
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    int max = days[month - 1] + (month == 2 && leap ? 1 : 0);
    return day >= 1 && day <= max;
}

static pf_status date_answer(const struct pf_kb *kb, const struct pf_kb_question *question,
                             const json_t *answer, struct pf_kb_entries *out,
                             struct pf_error *err)
{
    const char *text = json_string_value(answer);
    if (!valid_date(text))
        return invalid(err, "give a date as YYYY-MM or YYYY-MM-DD");
    struct pf_kb_entry *entry;
    if (strcmp(question->topic, "start_date") == 0) {
        entry = answered(kb, out, PF_KB_ENTRY_PREFERENCE, "Start date");
    } else {
        entry = answered(kb, out, PF_KB_ENTRY_FACT, question->topic);
        json_object_set_new(entry->details, "field", json_string(question->topic));
    }
    json_object_set_new(entry->details, "date", json_string(text));
    note_question(entry, question);
    return PF_OK;
}

static pf_status free_text_answer(const struct pf_kb *kb, const struct pf_kb_question *question,
                                  const json_t *answer, struct pf_kb_entries *out,
                                  struct pf_error *err)
{
    const char *text = json_string_value(answer);
    struct pf_str trimmed = pf_str_trim(pf_str_from_cstr(text));
    if (!text || trimmed.len == 0)
        return invalid(err, "write a non-empty answer");
    if (trimmed.len > PF_KB_ANSWER_TEXT_MAX || !pf_utf8_valid(trimmed.ptr, trimmed.len))
        return invalid(err, "the answer must be UTF-8 text of at most 4000 bytes");
    struct pf_kb_entry *entry;
    if (strcmp(question->topic, "salary") == 0) {
        entry = answered(kb, out, PF_KB_ENTRY_PREFERENCE, "Salary range");
        json_object_set_new(entry->details, "text", pf_json_string_str(trimmed));
        note_question(entry, question);
        return PF_OK;
    }
    struct pf_kb_matches matches = PF_KB_MATCHES_INIT;
    pf_status st = pf_kb_match(kb, trimmed, 0, &matches, err);
    for (size_t i = 0; st == PF_OK && i < matches.count; i++) {
        enum pf_kb_category category = pf_kb_concept_category(kb, matches.items[i].concept);
        entry = answered(kb, out, (enum pf_kb_entry_type)category,
                         pf_kb_concept_name(kb, matches.items[i].concept));
        note_question(entry, question);
    }
    pf_kb_matches_fini(&matches);
    if (st != PF_OK)
        return st;
    entry = answered(kb, out, PF_KB_ENTRY_FACT, question->topic);
    json_object_set_new(entry->details, "text", pf_json_string_str(trimmed));
    note_question(entry, question);
    return PF_OK;
}

pf_status pf_kb_answer(const struct pf_kb *kb, const struct pf_kb_question *question,
                       const json_t *answer, struct pf_kb_entries *out, struct pf_error *err)
{
    if (!answer || json_is_null(answer))
        return invalid(err, "an answer is required");
    switch (question->kind) {
    case PF_KB_Q_YEARS:
        return years_answer(kb, question, answer, out, err);
    case PF_KB_Q_YES_NO:
        return yes_no_answer(kb, question, answer, out, err);
    case PF_KB_Q_CHOICE:
        return choice_answer(kb, question, answer, out, err);
    case PF_KB_Q_DATE:
        return date_answer(kb, question, answer, out, err);
    case PF_KB_Q_FREE_TEXT:
        return free_text_answer(kb, question, answer, out, err);
    }
    return invalid(err, "unknown question kind");
}
