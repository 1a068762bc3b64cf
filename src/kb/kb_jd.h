/* Job-description skill extraction: skills and tools in free text, with required/preferred. */
#ifndef PF_KB_KB_JD_H
#define PF_KB_KB_JD_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/common.h"
#include "base/status.h"
#include "base/str.h"
#include "kb/kb.h"

enum pf_kb_requirement {
    PF_KB_REQ_UNKNOWN = 0,   /* the text does not say */
    PF_KB_REQ_PREFERRED = 1, /* "nice to have", "a plus", "bonus", a "Preferred" section ... */
    PF_KB_REQ_REQUIRED = 2,  /* "must", "required", "3+ years of", a "Requirements" section ... */
};

/* One mention in the text. Offsets are bytes into the text given to pf_kb_jd_extract. */
struct pf_kb_jd_mention {
    uint32_t concept;
    uint32_t start, end;                   /* the mention */
    uint32_t sentence_start, sentence_end; /* the sentence (or list line) around it */
    uint32_t heading_start, heading_end;   /* the section heading above it; 0, 0 when none */
    enum pf_kb_requirement requirement;    /* what the sentence or its heading says */
    int years_min;                         /* "3+ years" in the sentence; -1 when none */
    float confidence;
};

/* One concept of the posting: its strongest requirement over all mentions. */
struct pf_kb_jd_skill {
    uint32_t concept;
    enum pf_kb_requirement requirement;
    int years_min; /* the largest over its mentions; -1 when none */
    size_t first_mention;
    size_t mention_count;
    float confidence; /* the best mention's */
};

/* The result; arrays live in the arena given to pf_kb_jd_extract. */
struct pf_kb_jd {
    struct pf_kb_jd_mention *mentions; /* in text order */
    size_t mention_count;
    struct pf_kb_jd_skill *skills;     /* in order of first mention */
    size_t skill_count;
};

/* Extracts the skills, tools, soft skills, domains and preferences a posting names (any
 * category; filter on pf_kb_concept_category). Markdown headings, bold lines and short lines
 * ending in ':' are section headings; a heading's cue words ("Requirements", "Nice to have")
 * set the requirement of what follows, and a sentence's own cues override it.
 * PF_E_TOO_BIG past PF_KB_LIMIT_TEXT_BYTES. Thread-safe for a shared kb. */
PF_MUST_CHECK pf_status pf_kb_jd_extract(const struct pf_kb *kb, struct pf_str text,
                                         struct pf_arena *arena, struct pf_kb_jd *out,
                                         struct pf_error *err);

/* "unknown", "preferred", "required". */
const char *pf_kb_requirement_name(enum pf_kb_requirement requirement);

/* {skills: [{concept, category, requirement, years_min?, confidence, mentions: [{start, end,
 * text, sentence, heading?, requirement}]}]}: a new reference. */
json_t *pf_kb_jd_to_json(const struct pf_kb *kb, struct pf_str text, const struct pf_kb_jd *jd);

#endif
