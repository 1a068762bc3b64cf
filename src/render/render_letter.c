/* The cover-letter data contract: matches reach a template only when their JSON Pointer resolves
 * in the resume and they are not unconfirmed inferences; their evidence is the resume's own text
 * at that pointer (docs/internals/RENDER.md, "Cover letters"). */
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "render/render_int.h"

/* Longest pointer followed; deeper ones cannot name anything in a JSON Resume. */
#define MAX_POINTER_DEPTH 16

/* RFC 6901: resolves pointer in doc. Returns the target (borrowed) or NULL. Fills the first two
 * reference tokens into section / index when present. */
static const json_t *resolve(const json_t *doc, const char *pointer, char *section,
                             size_t section_size, long *index)
{
    if (!pointer || (*pointer && *pointer != '/'))
        return NULL;
    const json_t *node = doc;
    int depth = 0;
    const char *p = pointer;
    *index = -1;
    section[0] = '\0';
    while (*p == '/') {
        if (++depth > MAX_POINTER_DEPTH)
            return NULL;
        p++;
        const char *end = strchr(p, '/');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        char token[256];
        size_t n = 0;
        for (size_t i = 0; i < len; i++) {
            if (n + 1 >= sizeof(token))
                return NULL;
            if (p[i] == '~' && i + 1 < len && (p[i + 1] == '0' || p[i + 1] == '1')) {
                token[n++] = p[i + 1] == '0' ? '~' : '/';
                i++;
            } else if (p[i] == '~') {
                return NULL;
            } else {
                token[n++] = p[i];
            }
        }
        token[n] = '\0';
        if (json_is_object(node)) {
            node = json_object_get(node, token);
        } else if (json_is_array(node)) {
            char *rest;
            if (n == 0 || (n > 1 && token[0] == '0'))
                return NULL;
            long i = strtol(token, &rest, 10);
            if (*rest || i < 0)
                return NULL;
            node = json_array_get(node, (size_t)i);
            if (depth == 2)
                *index = i;
        } else {
            return NULL;
        }
        if (!node)
            return NULL;
        if (depth == 1) {
            if (n >= section_size)
                return NULL;
            memcpy(section, token, n + 1);
        }
        p += len;
    }
    return node;
}

static bool is_stated_fact(const json_t *match)
{
    const char *source = json_string_value(json_object_get(match, "source"));
    if (json_is_true(json_object_get(match, "confirmed")))
        return true;
    return source && (strcmp(source, "cv") == 0 || strcmp(source, "user_answer") == 0);
}

json_t *pf_render_matches_resolve(const json_t *resume, const json_t *matches, size_t *out_dropped)
{
    json_t *kept = json_array();
    size_t dropped = 0;
    size_t i;
    const json_t *match;
    json_array_foreach(matches, i, match)
    {
        char section[64];
        long index;
        const char *pointer = json_string_value(json_object_get(match, "pointer"));
        const char *requirement = json_string_value(json_object_get(match, "requirement"));
        const json_t *target = resolve(resume, pointer, section, sizeof(section), &index);
        if (!json_is_object(match) || !requirement || !*requirement || !json_is_string(target) ||
            !is_stated_fact(match)) {
            dropped++;
            continue;
        }
        json_t *clean = json_pack("{s:s, s:s, s:O, s:s}", "requirement", requirement, "pointer",
                                  pointer, "evidence", target, "section", section);
        const char *source = json_string_value(json_object_get(match, "source"));
        json_object_set_new(clean, "source", json_string(source ? source : "confirmed"));
        const json_t *entry =
            index >= 0 ? json_array_get(json_object_get(resume, section), (size_t)index) : NULL;
        if (json_is_object(entry))
            json_object_set(clean, "entry", (json_t *)entry);
        json_array_append_new(kept, clean);
    }
    if (out_dropped)
        *out_dropped = dropped;
    return kept;
}
