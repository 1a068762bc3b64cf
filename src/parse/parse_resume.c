/* JSON Resume documents imported as they are: a copy with dates put into the schema's forms. */
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"

#include "parse/parse_int.h"

static const char *const date_keys[] = {"startDate", "endDate", "date", "releaseDate", NULL};

static void normalise(json_t *value, int depth)
{
    if (depth > 64)
        return;
    if (json_is_array(value)) {
        for (size_t i = 0; i < json_array_size(value); i++)
            normalise(json_array_get(value, i), depth + 1);
        return;
    }
    if (!json_is_object(value))
        return;
    const char *key;
    json_t *child;
    void *tmp;
    json_object_foreach_safe(value, tmp, key, child) {
        if (json_is_string(child)) {
            struct pf_str s = pf_str_trim(pf_str_from_cstr(json_string_value(child)));
            if (s.len == 0) {
                json_object_del(value, key);
                continue;
            }
            /* The schema's "uri" format wants a scheme: "linkedin.com/in/x" gets https://. */
            if (strcmp(key, "url") == 0 && pf_str_find(s, PF_STR("://")) < 0 &&
                pf_str_find_char(s, '.') > 0 && pf_str_find_char(s, ' ') < 0) {
                char *abs = pf_xmalloc(s.len + 9);
                memcpy(abs, "https://", 8);
                memcpy(abs + 8, s.ptr, s.len);
                abs[s.len + 8] = '\0';
                json_object_set_new(value, key, json_string(abs));
                free(abs);
                continue;
            }
            bool is_date = false;
            for (size_t i = 0; date_keys[i]; i++)
                is_date = is_date || strcmp(key, date_keys[i]) == 0;
            if (!is_date)
                continue;
            struct pf_date d;
            char text[16];
            if (pf_is_present_word(s)) {
                json_object_del(value, key);
            } else if (pf_date_parse(s, &d)) {
                pf_date_format(d, text);
                json_object_set_new(value, key, json_string(text));
            } else {
                struct pf_date_range r;
                if (pf_date_find(s, &r) && r.has_start) {
                    pf_date_format(r.start, text);
                    json_object_set_new(value, key, json_string(text));
                }
            }
        } else {
            normalise(child, depth + 1);
        }
    }
}

pf_status pf_resume_import(const json_t *resume, const struct pf_parse_options *opts,
                           json_t **out_resume, struct pf_error *err)
{
    pf_status st = PF_OK;
    if (!json_is_object(resume)) {
        st = pf_error_set(err, PF_E_PARSE, "the JSON Resume is not an object");
        goto done;
    }
    json_t *copy = json_deep_copy(resume);
    normalise(copy, 0);
    if (opts && opts->no_meta)
        json_object_del(copy, "meta");
    *out_resume = copy;
done:
    return st;
}
