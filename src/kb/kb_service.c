/* The knowledge-base service: extraction results and answers persisted through the store. */
#include "kb/kb_service.h"

#include <stdlib.h>
#include <string.h>

#include "base/clock.h"
#include "kb/kb_entry.h"
#include "kb/kb_extract.h"
#include "kb/kb_infer.h"
#include "kb/kb_question.h"
#include "kb/kb_text.h"

#define MAX_VALUE_CHARS 500

/* A store row from an extracted entry (borrowing its strings and JSON, tied to arena). */
static struct pf_kb_row *row_from_entry(struct pf_arena *arena, const struct pf_kb_entry *e)
{
    struct pf_kb_row *row = pf_arena_alloc(arena, sizeof(*row));
    row->id = pf_id_new();
    row->type = (char *)pf_kb_entry_type_name(e->type);
    row->value = (char *)e->value;
    row->normalized_value = (char *)e->normalized;
    row->source = (char *)pf_kb_source_name(e->source);
    row->confidence = e->confidence;
    row->evidence = e->evidence;
    row->details = e->details;
    /* Stated in the CV or by the user: a fact. Inferred: waits for the user's confirmation. */
    row->confirmed = e->source != PF_KB_SOURCE_AI_EXTRACTION;
    return row;
}

static struct pf_kb_question_row *row_from_question(struct pf_arena *arena,
                                                    const struct pf_kb_question *q)
{
    struct pf_kb_question_row *row = pf_arena_alloc(arena, sizeof(*row));
    row->id = pf_id_new();
    row->dedupe_key = (char *)q->key;
    row->kind = (char *)pf_kb_question_kind_name(q->kind);
    row->question = (char *)q->text;
    /* The whole question as the kb module describes it: answers are checked against it. */
    row->topic = pf_json_arena(arena, pf_kb_question_to_json(q));
    if (q->option_count) {
        json_t *options = pf_json_arena(arena, json_array());
        for (size_t i = 0; i < q->option_count; i++)
            json_array_append_new(options, json_string(q->options[i]));
        row->options = options;
    }
    return row;
}

pf_status pf_kb_service_ingest_cv(struct pf_store *store, const struct pf_kb *kb,
                                  pf_id workspace_id, pf_id user_id, pf_id cv_id,
                                  const json_t *resume, struct pf_str raw_text, int64_t as_of_ms,
                                  struct pf_kb_ingest_stats *out_stats, struct pf_error *err)
{
    struct pf_arena *arena = pf_arena_new();
    char cv_text[PF_ID_STR_LEN];
    pf_id_format(cv_id, cv_text);
    int year, month, day;
    pf_time_civil(as_of_ms ? as_of_ms : pf_time_now_ms(), &year, &month, &day);
    struct pf_kb_extract_opts opts = {.cv_id = cv_text, .raw_text = raw_text,
                                      .as_of_year = year, .as_of_month = month};
    struct pf_kb_entries entries;
    struct pf_kb_questions questions;
    pf_kb_entries_init(&entries, arena);
    pf_kb_questions_init(&questions, arena);
    pf_status st = pf_kb_extract_cv(kb, resume, &opts, &entries, err);
    if (st == PF_OK)
        st = pf_kb_infer(kb, resume, &opts, &entries, err);
    if (st == PF_OK)
        st = pf_kb_questions_generate(kb, resume, &entries, &opts, &questions, err);
    if (st != PF_OK)
        goto done;
    struct pf_kb_row **rows = pf_arena_alloc(arena, (entries.count + 1) * sizeof(*rows));
    for (size_t i = 0; i < entries.count; i++)
        rows[i] = row_from_entry(arena, &entries.items[i]);
    struct pf_kb_question_row **qrows =
        pf_arena_alloc(arena, (questions.count + 1) * sizeof(*qrows));
    for (size_t i = 0; i < questions.count; i++)
        qrows[i] = row_from_question(arena, &questions.items[i]);
    st = pf_store_kb_merge(store, workspace_id, user_id, rows, entries.count, qrows,
                           questions.count, pf_time_now_ms(), err);
    if (st == PF_OK && out_stats) {
        out_stats->entries = entries.count;
        out_stats->questions = questions.count;
    }
done:
    pf_arena_free(arena);
    return st;
}

pf_status pf_kb_service_prepare_entry(struct pf_arena *arena, const char *type, const char *value,
                                      struct pf_kb_row *row, struct pf_error *err)
{
    enum pf_kb_entry_type parsed;
    if (!type || !pf_kb_entry_type_parse(type, &parsed))
        return pf_error_set_field(err, PF_E_VALIDATION, "type",
                                  "type must be skill, tool, domain, soft_skill, preference, "
                                  "seniority or fact");
    struct pf_str trimmed = pf_str_trim(pf_str_from_cstr(value));
    if (trimmed.len == 0 || trimmed.len > MAX_VALUE_CHARS * 4)
        return pf_error_set_field(err, PF_E_VALIDATION, "value",
                                  "value must have 1 to %d characters", MAX_VALUE_CHARS);
    char normalized[MAX_VALUE_CHARS * 4 + 1];
    size_t len = pf_kb_normalize(trimmed, normalized, sizeof(normalized));
    bool has_word = false;
    for (size_t i = 0; i < len && !has_word; i++) {
        unsigned char ch = (unsigned char)normalized[i];
        has_word = (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
                   ch >= 0x80;
    }
    if (!has_word)
        return pf_error_set_field(err, PF_E_VALIDATION, "value",
                                  "value must contain letters or digits");
    row->type = (char *)pf_kb_entry_type_name(parsed);
    row->value = pf_arena_strdup_str(arena, trimmed);
    row->normalized_value = pf_arena_strndup(arena, normalized, len);
    return PF_OK;
}

pf_status pf_kb_service_answer(struct pf_store *store, const struct pf_kb *kb,
                               struct pf_arena *arena, pf_id workspace_id, pf_id user_id,
                               pf_id question_id, const json_t *answer,
                               struct pf_kb_row ***out_entries, size_t *out_count,
                               struct pf_error *err)
{
    *out_entries = NULL;
    *out_count = 0;
    struct pf_kb_question_row *row = NULL;
    pf_status st = pf_store_kb_question_get(store, arena, workspace_id, question_id, &row, err);
    if (st != PF_OK)
        return st;
    if (strcmp(row->status, "open") != 0)
        return pf_error_set(err, PF_E_CONFLICT, "the question was already %s", row->status);
    struct pf_kb_question question;
    st = pf_kb_question_from_json(row->topic, arena, &question, err);
    if (st != PF_OK)
        return pf_error_set(err, PF_E_INTERNAL, "a stored question could not be read");
    struct pf_kb_entries entries;
    pf_kb_entries_init(&entries, arena);
    st = pf_kb_answer(kb, &question, answer, &entries, err);
    if (st != PF_OK)
        return st;
    int64_t now = pf_time_now_ms();
    struct pf_kb_row **rows = pf_arena_alloc(arena, (entries.count + 1) * sizeof(*rows));
    for (size_t i = 0; i < entries.count; i++) {
        rows[i] = row_from_entry(arena, &entries.items[i]);
        rows[i]->workspace_id = workspace_id;
        rows[i]->user_id = user_id;
        rows[i]->created_at = rows[i]->updated_at = now;
    }
    char *answer_text = json_is_string(answer)
                            ? pf_arena_strdup(arena, json_string_value(answer))
                            : pf_arena_strdup(arena, "");
    if (!json_is_string(answer)) {
        char *dumped = pf_json_dump(answer);
        answer_text = pf_arena_strdup(arena, dumped);
        free(dumped);
    }
    st = pf_store_kb_question_close(store, workspace_id, question_id, answer_text, rows,
                                    entries.count, now, err);
    if (st != PF_OK)
        return st;
    *out_entries = rows;
    *out_count = entries.count;
    return PF_OK;
}

pf_status pf_kb_service_add_question(struct pf_store *store, struct pf_arena *arena,
                                     pf_id workspace_id, pf_id user_id,
                                     const struct pf_kb_question *question, bool *out_created,
                                     struct pf_error *err)
{
    struct pf_kb_question_row *row = row_from_question(arena, question);
    row->workspace_id = workspace_id;
    row->user_id = user_id;
    row->created_at = pf_time_now_ms();
    return pf_store_kb_question_add(store, row, out_created, err);
}
