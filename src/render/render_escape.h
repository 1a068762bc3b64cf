/* Escaping for every output format: the only place that knows HTML, XML and Markdown syntax. */
#ifndef PF_RENDER_RENDER_ESCAPE_H
#define PF_RENDER_RENDER_ESCAPE_H

#include <stdbool.h>

#include "base/buf.h"
#include "base/str.h"

/* Appends text with & < > " ' replaced by entities (markupsafe's set, so Jinja autoescape output
 * matches Jinja2's byte for byte). Safe in element content and quoted attribute values. */
void pf_escape_html(struct pf_buf *out, struct pf_str text);

/* Appends text for XML 1.0 content or attribute values (& < > " as entities) and drops the
 * characters XML 1.0 cannot carry (C0 controls other than tab, newline and carriage return,
 * U+FFFE, U+FFFF, invalid UTF-8). */
void pf_escape_xml(struct pf_buf *out, struct pf_str text);

/* Appends text so that CommonMark reads it back as the same literal text: backslash-escapes
 * \ ` * [ ] < > and _ at word boundaries, & before an entity-like name, and at the start of the
 * text and of each line the characters that would open a block (#, list markers, >, =, +, -).
 * Parentheses are left alone: put link destinations in <...>, where this escaping suffices. */
void pf_escape_markdown(struct pf_buf *out, struct pf_str text);

/* Appends a URL for an href/link target: only http, https and mailto URLs (and relative
 * references without a scheme) pass, percent-encoding spaces and control characters; anything
 * else (javascript:, data:...) appends nothing and returns false. */
bool pf_escape_url(struct pf_buf *out, struct pf_str url);

/* Appends text for the inside of a single-quoted cairo tag attribute value (uri='...'):
 * backslashes and single quotes get a backslash. */
void pf_escape_cairo_string(struct pf_buf *out, struct pf_str text);

#endif
