/* Simple one-to-one case mapping (Latin, Greek, Cyrillic) for code points and UTF-8 text. */
#ifndef PF_RENDER_RENDER_CASE_H
#define PF_RENDER_RENDER_CASE_H

#include <stdint.h>

#include "base/buf.h"
#include "base/str.h"

/* The upper/lower case of cp, or cp itself when it has none (or only a multi-character one,
 * as U+00DF). Other scripts pass unchanged. */
uint32_t pf_case_upper(uint32_t cp);
uint32_t pf_case_lower(uint32_t cp);
/* Appends text upper-cased; invalid UTF-8 bytes pass through. */
void pf_case_upper_utf8(struct pf_buf *out, struct pf_str text);

#endif
