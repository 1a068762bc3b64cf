/* Private to src/parse/: the pieces of an entry's header lines and the helpers the entry
 * extractors (work, education, projects, awards) share. */
#ifndef PF_PARSE_PARSE_FIELDS_H
#define PF_PARSE_PARSE_FIELDS_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "parse/parse_int.h"

#define PF_MAX_SEGS 24

enum pf_seg_kind {
    PF_SEG_FREE = 0,
    PF_SEG_TITLE,  /* job title, degree, award title */
    PF_SEG_ORG,    /* employer, school, issuer */
    PF_SEG_PLACE,
    PF_SEG_DESC,   /* a phrase in lower case under a name: "Awesome compression company" */
};

/* A piece of an entry header: one cell of a line, split at separators, dates cut out. */
struct pf_seg {
    struct pf_span span;
    size_t line;           /* index into p->lines */
    int head_index;        /* which header line of the entry */
    int kind;              /* enum pf_seg_kind */
    bool fixed;            /* the kind came from the text itself ("Engineer at Org") */
};

/* The header pieces of e (dates removed); the first URL goes to *out_url (end 0 if none). */
size_t pf_head_segments(struct pf_parse *p, const struct pf_entry *e, struct pf_seg *out,
                        size_t max, struct pf_span *out_url);
/* Splits pieces at " at ", ", ", " - " and marks places; with descriptions, a lower-case
 * phrase ("Regional restaurant group, four locations") stays whole as a description.
 * Returns the new count. */
size_t pf_refine_segments(struct pf_parse *p, struct pf_seg *segs, size_t n, size_t max,
                          bool descriptions);
/* Marks one piece TITLE and one ORG by vocabulary, falling back on order_hint (+1: titles
 * first, -1: employers first, 0: unknown). */
void pf_assign_title_org(struct pf_parse *p, struct pf_seg *segs, size_t n, int order_hint);
/* Writes the entry's items: the first plain paragraph as summary_key (when not NULL), the
 * rest to the array items_key (when not NULL). */
void pf_entry_body(struct pf_parse *p, const struct pf_entry *e, json_t *obj, json_t *meta,
                   const char *summary_key, const char *items_key);
/* Writes the entry's dates; an open range sets *out_ongoing and leaves end_key out; a single
 * date fills both keys when single_is_both. end_key may be NULL. */
void pf_entry_dates(struct pf_parse *p, const struct pf_entry *e, json_t *obj, json_t *meta,
                    const char *start_key, const char *end_key, bool single_is_both,
                    bool *out_ongoing);

#endif
