/* Validation of a persona's `data` against the override convention (docs/internals/PERSONA.md). */
#ifndef PF_PERSONA_PERSONA_DATA_H
#define PF_PERSONA_PERSONA_DATA_H

#include <stdbool.h>

#include "base/json.h"

/* Checks data (the value of a body's "data" field). Appends one Pydantic-style problem
 * {loc: ["body", "data", ...], msg, type} to details per violation and returns true when there
 * was none. known_ids, when not NULL, is the set (JSON object) of entry and item ids of the
 * document the data applies to (pf_persona_known_ids of the effective persona without data):
 * references must then name one of them ("work-1a2b3c4d", or for items "work-1a2b3c4d/h-…").
 * With known_ids NULL only the shape is checked (restoring an old version whose entries the
 * base CV has since dropped stays possible). */
bool pf_persona_data_check(const json_t *data, const json_t *known_ids, json_t *details);

#endif
