/* Stable ids for the entries (work, education, ...) and list items (bullets, keywords) of a
 * JSON Resume document, derived from content so they survive reordering (docs/internals/PERSONA.md). */
#ifndef PF_PERSONA_PERSONA_IDS_H
#define PF_PERSONA_PERSONA_IDS_H

#include <stdbool.h>
#include <stddef.h>

#include "base/json.h"

/* Longest id, NUL included: "<section>-xxxxxxxx-NNN" or "<x>-xxxxxxxx-NNN". */
#define PF_PERSONA_ID_MAX 48

/* A top-level array of a JSON Resume document whose entries get ids. */
struct pf_persona_section {
    const char *name;           /* top-level key and id prefix: "work" */
    const char *const *keys;    /* identifying fields, NULL-terminated */
    const char *const *lists;   /* string-list fields whose items get ids, NULL-terminated */
};

/* The sections, in JSON Resume order. */
const struct pf_persona_section *pf_persona_sections(size_t *out_count);
/* The section named name, or NULL. */
const struct pf_persona_section *pf_persona_section_find(const char *name);
/* True when field is one of section's string lists ("highlights" of "work"). */
bool pf_persona_section_has_list(const struct pf_persona_section *section, const char *field);

/* The content id of entry: "<section>-" and 8 hex digits of a hash of its identifying fields
 * (case, accents and spacing ignored); the whole entry when those are all empty. Written into
 * out (PF_PERSONA_ID_MAX bytes). */
void pf_persona_entry_id(const struct pf_persona_section *section, const json_t *entry,
                         char *out);
/* The content id of one item of list field: its first letter, '-' and 8 hex digits of a hash
 * of the normalised text ("h-1a2b3c4d" for a highlight). */
void pf_persona_item_id(const char *field, const char *text, char *out);
/* Makes id unique within used (a JSON object used as a set): appends "-2", "-3", ... while
 * taken, then records it. id has room for PF_PERSONA_ID_MAX bytes. */
void pf_persona_id_claim(json_t *used, char *id);

/* True when text looks like an entry id of some section ("work-1a2b3c4d[-N]"). */
bool pf_persona_is_entry_id(const char *text);
/* True when text looks like an item id ("h-1a2b3c4d[-N]"). */
bool pf_persona_is_item_id(const char *text);

#endif
