/* The effective persona: base CV + confirmed knowledge-base skills + the persona's `data`
 * (an RFC 7396 merge patch with entry selection, order and overrides by id). Pure: no store.
 * The convention is documented in docs/internals/PERSONA.md. */
#ifndef PF_PERSONA_PERSONA_MERGE_H
#define PF_PERSONA_PERSONA_MERGE_H

#include <stddef.h>

#include "base/json.h"
#include "base/uuid.h"
#include "kb/kb.h"
#include "store/store_kb.h"

struct pf_persona_merge_input {
    const json_t *base;                     /* the base CV's JSON Resume, or NULL (blank) */
    struct pf_kb_row *const *kb_entries;  /* confirmed, not rejected; any type (only skill,
                                               tool and soft_skill are used); may be NULL */
    size_t kb_count;
    const json_t *data;                     /* the persona's overrides (object) or NULL */
    const struct pf_kb *kb;                 /* to recognise aliases when de-duplicating
                                               skills; may be NULL */
};

/* Builds the effective document into *out_doc (a new reference the caller releases). Its
 * meta.personaforge holds: ids (JSON Pointer -> entry or item id), origins (JSON Pointer ->
 * "cv:<pointer in the base>", "kb:<entry id>" or "persona"), overridden (pointers of plain
 * fields the data changed) and unresolved (references in data that named no entry).
 * References that name nothing are skipped, never an error: a base CV edit may remove an
 * entry a persona selected. Never fails on any JSON input: a data value of the wrong shape
 * is applied as a plain merge patch. */
json_t *pf_persona_merge(const struct pf_persona_merge_input *input);

/* RFC 7396: a new reference to target patched by patch (target is not modified; NULL is
 * taken as absent). */
json_t *pf_json_merge_patch(const json_t *target, const json_t *patch);

/* Every entry and item id the effective document carries (the values of
 * meta.personaforge.ids) as a JSON object used as a set; a new reference. */
json_t *pf_persona_known_ids(const json_t *effective);

#endif
