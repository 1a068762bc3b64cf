/* Multi-pattern matching of taxonomy names and aliases in text, with ambiguity resolution. */
#ifndef PF_KB_KB_MATCH_H
#define PF_KB_KB_MATCH_H

#include <stddef.h>
#include <stdint.h>

#include "base/common.h"
#include "base/status.h"
#include "base/str.h"
#include "kb/kb.h"
#include "kb/kb_text.h"

/* The most text one call matches (token offsets are 32-bit). */
#define PF_KB_LIMIT_TEXT_BYTES (64u * 1024u * 1024u)

/* Options for pf_kb_match. */
enum {
    /* The text is a list of skills (a CV skills section, a keywords field): ambiguous names
     * ("Go", "R", "Excel") need no further context there. */
    PF_KB_MATCH_SKILL_LIST = 0x01,
    /* Return every accepted candidate, overlapping ones included ("Google Cloud" and
     * "Google Cloud Platform"), instead of the leftmost-longest selection. */
    PF_KB_MATCH_ALL = 0x02,
    /* Also return ambiguous candidates that were rejected (why = PF_KB_WHY_REJECTED), so a
     * caller can ask the user about them. */
    PF_KB_MATCH_KEEP_REJECTED = 0x04,
};

/* Why a match was accepted. */
enum pf_kb_match_why {
    PF_KB_WHY_PLAIN = 0,    /* an unambiguous name or alias */
    PF_KB_WHY_CASE = 1,     /* an ambiguous name written as the taxonomy writes it */
    PF_KB_WHY_CUE = 2,      /* a context rule's cue word ("Go programming", "in R") */
    PF_KB_WHY_LIST = 3,     /* listed next to other technologies ("Python, Go, Rust") */
    PF_KB_WHY_HINT = 4,     /* the caller said the text is a skill list */
    PF_KB_WHY_REJECTED = 5, /* ambiguous and not enough context (only with KEEP_REJECTED) */
};

struct pf_kb_match {
    uint32_t concept;     /* concept id */
    uint32_t start;       /* byte offset of the first byte in the text */
    uint32_t end;         /* byte offset one past the last byte */
    uint32_t first_token; /* index into pf_kb_matches.tokens */
    uint32_t token_count;
    float confidence;     /* 0..1: 1 for plain names, lower when context decided */
    uint8_t why;          /* enum pf_kb_match_why */
};

/* Results of one pf_kb_match call, reusable across calls (the arrays are kept and reset).
 * Initialise with PF_KB_MATCHES_INIT or pf_kb_matches_init; release with pf_kb_matches_fini. */
struct pf_kb_matches {
    struct pf_kb_match *items; /* owned; sorted by start, then longer first */
    size_t count;
    size_t cap;
    struct pf_kb_token *tokens; /* owned; every token of the text, in order */
    size_t token_count;
    size_t token_cap;
};

#define PF_KB_MATCHES_INIT {NULL, 0, 0, NULL, 0, 0}

void pf_kb_matches_init(struct pf_kb_matches *matches);
/* Frees the arrays. NULL-safe. */
void pf_kb_matches_fini(struct pf_kb_matches *matches);

/* Finds the taxonomy concepts mentioned in text (UTF-8; malformed bytes act as separators).
 * Replaces the contents of *out. Names match on normalised tokens, so case, accents, spacing
 * and hyphens do not matter ("Power-BI", "power  bi"), except for case-sensitive aliases and
 * the concepts flagged cased/context, which the context rules decide (see kb_match.c).
 * PF_E_TOO_BIG past PF_KB_LIMIT_TEXT_BYTES. Thread-safe for a shared kb and distinct out. */
PF_MUST_CHECK pf_status pf_kb_match(const struct pf_kb *kb, struct pf_str text, unsigned flags,
                                    struct pf_kb_matches *out, struct pf_error *err);

/* "plain", "case", "cue", "list", "hint", "rejected". */
const char *pf_kb_match_why_name(enum pf_kb_match_why why);

#endif
