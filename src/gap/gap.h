/* Gap analysis: a catalogue of quality rules over an effective persona (general review), and
 * a job-description match with an explainable score (role-specific). Pure functions over JSON:
 * no store, so the CLI runs them offline. docs/gap-rules.md documents every rule. */
#ifndef PF_GAP_GAP_H
#define PF_GAP_GAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/json.h"
#include "base/status.h"
#include "kb/kb.h"
#include "store/store_kb.h"

enum pf_gap_severity { PF_GAP_INFO, PF_GAP_LOW, PF_GAP_MEDIUM, PF_GAP_HIGH };

/* "info", "low", "medium", "high". */
const char *pf_gap_severity_name(enum pf_gap_severity severity);

/* One rule of the catalogue. */
struct pf_gap_rule {
    const char *id;                /* "bullets.no_number": family.name */
    enum pf_gap_severity severity; /* default severity of its issues */
    const char *title;             /* one line */
    const char *rationale;         /* why it matters to a reader or an ATS */
};

/* The catalogue, in documentation order (static; count in *out_count). */
const struct pf_gap_rule *pf_gap_rules(size_t *out_count);
/* The rule with id, or NULL. */
const struct pf_gap_rule *pf_gap_rule_find(const char *id);

/* A pool of loaded hunspell dictionaries shared by the reports of one process: loading en_US
 * costs ~90 ms, checking a CV a few. Thread-safe; opaque. */
struct pf_gap_spellers;

/* A pool of size spellers for the comma-separated dictionary names under dir (NULL:
 * /usr/share/hunspell), each opened on first use. Caller frees with pf_gap_spellers_free(). */
struct pf_gap_spellers *pf_gap_spellers_new(const char *names, const char *dir, size_t size);
/* NULL-safe. No report may be using the pool. */
void pf_gap_spellers_free(struct pf_gap_spellers *pool);

/* What a report may use besides the persona. Borrowed for the call. */
struct pf_gap_options {
    const struct pf_kb *kb;                 /* taxonomy: aliases, implications, spelling
                                               exceptions; may be NULL (fewer matches) */
    struct pf_kb_row *const *kb_entries;  /* the workspace's confirmed KB entries (skills
                                               with years, preferences); may be NULL */
    size_t kb_count;
    const char *spell_dictionary;           /* hunspell names, comma-separated ("en_US");
                                               NULL or "" skips the spelling rule */
    const char *dictionary_dir;             /* NULL: /usr/share/hunspell */
    struct pf_gap_spellers *spellers;       /* shared dictionaries (spell_dictionary and
                                               dictionary_dir then unused for loading); NULL:
                                               opened for this report */
    int64_t now_ms;                         /* "today": future dates, gaps, staleness */
};

/* Limits on what a report reads. */
#define PF_GAP_LIMIT_JD_BYTES (256u * 1024u)   /* a posting longer than this: PF_E_TOO_BIG */
#define PF_GAP_LIMIT_ISSUES 300                /* issues kept per report (most severe first) */
#define PF_GAP_SPELL_SUGGEST_MAX 5             /* misspellings that get hunspell suggestions */
#define PF_GAP_QUESTIONS_MAX 12                /* clarifying questions per report */

/* The general review of persona (an effective JSON Resume document). *out_report is a new
 * reference: {type:"general", issues:[{rule, severity, field, suggestion, message, key}],
 * details:{counts, skipped?}}. Every field is a JSON Pointer that resolves in persona.
 * PF_E_INVALID when persona is not an object. */
PF_MUST_CHECK pf_status pf_gap_general(const json_t *persona, const struct pf_gap_options *opts,
                                       json_t **out_report, struct pf_error *err);

/* The review of persona against a job posting (plain text or Markdown). *out_report adds
 * score (0..100), details.score (components with weights and explanations), details.posting
 * (the parsed posting) and questions: clarifying questions [{dedupe_key, kind, question,
 * options, topic}] for requirements the persona and KB cannot answer. PF_E_TOO_BIG past
 * PF_GAP_LIMIT_JD_BYTES, PF_E_INVALID for an empty posting. */
PF_MUST_CHECK pf_status pf_gap_role(const json_t *persona, const char *posting, size_t len,
                                    const struct pf_gap_options *opts, json_t **out_report,
                                    struct pf_error *err);

/* Compares the issues of an older and a newer report by issue key: a new reference to
 * {resolved:[…], new:[…], unchanged:[…], counts:{resolved, new, unchanged}}. */
json_t *pf_gap_compare(const json_t *older_issues, const json_t *newer_issues);

/* The value at pointer (RFC 6901) in doc, or NULL. */
const json_t *pf_json_pointer_get(const json_t *doc, const char *pointer);

#endif
