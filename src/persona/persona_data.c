/* Shape and reference checks of persona data, with every problem located. */
#include "persona/persona_data.h"

#include <stdio.h>
#include <string.h>

#include "persona/persona_ids.h"

/* Where a problem is: the loc array under construction ("body", "data", ...). */
static void problem(json_t *details, const json_t *loc, const char *msg, const char *type)
{
    json_array_append_new(details,
                          json_pack("{s:O,s:s,s:s}", "loc", loc, "msg", msg, "type", type));
}

static json_t *loc_push(const json_t *loc, const char *key)
{
    json_t *out = json_copy((json_t *)loc);
    json_array_append_new(out, json_string(key));
    return out;
}

static json_t *loc_push_index(const json_t *loc, size_t index)
{
    json_t *out = json_copy((json_t *)loc);
    json_array_append_new(out, json_integer((json_int_t)index));
    return out;
}

static const char *const basics_strings[] = {"name", "label", "image", "email", "phone", "url",
                                             "summary", NULL};

static bool in_list(const char *const *list, const char *key)
{
    for (size_t i = 0; list[i]; i++) {
        if (strcmp(list[i], key) == 0)
            return true;
    }
    return false;
}

/* The id list of $order / $hide: strings, no repeats, each known (when checked). */
static void check_id_list(const json_t *value, const json_t *loc, bool items,
                          const char *entry_id, const json_t *known, json_t *details)
{
    if (!json_is_array(value)) {
        problem(details, loc, "Input should be a valid array of ids", "list_type");
        return;
    }
    json_t *seen = json_object();
    size_t i;
    json_t *id;
    json_array_foreach(value, i, id) {
        json_t *at = loc_push_index(loc, i);
        const char *text = json_string_value(id);
        if (!text || !(items ? pf_persona_is_item_id(text) : pf_persona_is_entry_id(text))) {
            problem(details, at,
                    items ? "Input should be an item id such as \"h-1a2b3c4d\""
                          : "Input should be an entry id such as \"work-1a2b3c4d\"",
                    "id_format");
        } else if (json_object_get(seen, text)) {
            problem(details, at, "this id is listed twice", "duplicate_id");
        } else {
            json_object_set_new(seen, text, json_true());
            char qualified[2 * PF_PERSONA_ID_MAX + 2];
            snprintf(qualified, sizeof(qualified), "%s%s%s", items ? entry_id : "",
                     items ? "/" : "", text);
            if (known && (!items || entry_id) && !json_object_get(known, qualified))
                problem(details, at, "no entry or item has this id in the base document",
                        "unknown_id");
        }
        json_decref(at);
    }
    json_decref(seen);
}

/* A list field (highlights, keywords, ...) of one entry patch. entry_id is NULL for an entry
 * the persona adds (its items cannot be referenced yet). */
static void check_list_patch(const json_t *value, const json_t *loc, const char *entry_id,
                             const json_t *known, json_t *details)
{
    size_t i;
    json_t *item;
    if (json_is_null(value))
        return;
    if (json_is_array(value)) {
        json_array_foreach(value, i, item) {
            if (!json_is_string(item)) {
                json_t *at = loc_push_index(loc, i);
                problem(details, at, "Input should be a valid string", "string_type");
                json_decref(at);
            }
        }
        return;
    }
    if (!json_is_object(value)) {
        problem(details, loc, "Input should be an array of strings, null, or an object of "
                              "$order/$hide/$add and item ids", "list_patch_type");
        return;
    }
    const char *key;
    json_object_foreach((json_t *)value, key, item) {
        json_t *at = loc_push(loc, key);
        if (strcmp(key, "$order") == 0 || strcmp(key, "$hide") == 0) {
            check_id_list(item, at, true, entry_id, known, details);
        } else if (strcmp(key, "$add") == 0) {
            check_list_patch(json_is_array(item) ? item : json_null(), at, entry_id, known,
                             details);
            if (!json_is_array(item))
                problem(details, at, "Input should be a valid array of strings", "list_type");
        } else if (!pf_persona_is_item_id(key)) {
            problem(details, at, "unknown key: expected $order, $hide, $add or an item id",
                    "extra_forbidden");
        } else if (!json_is_string(item) && !json_is_null(item)) {
            problem(details, at, "Input should be the new text (string) or null (hide it)",
                    "string_type");
        } else if (known && entry_id) {
            char qualified[2 * PF_PERSONA_ID_MAX + 2];
            snprintf(qualified, sizeof(qualified), "%s/%s", entry_id, key);
            if (!json_object_get(known, qualified))
                problem(details, at, "no item of this entry has this id", "unknown_id");
        }
        json_decref(at);
    }
}

static void check_entry_patch(const struct pf_persona_section *section, const json_t *value,
                              const json_t *loc, const char *entry_id, const json_t *known,
                              json_t *details)
{
    if (!json_is_object(value)) {
        problem(details, loc, "Input should be an object (fields to change) or null (hide)",
                "dict_type");
        return;
    }
    const char *key;
    json_t *field;
    json_object_foreach((json_t *)value, key, field) {
        if (!pf_persona_section_has_list(section, key))
            continue;
        json_t *at = loc_push(loc, key);
        check_list_patch(field, at, entry_id, known, details);
        json_decref(at);
    }
}

static void check_section(const struct pf_persona_section *section, const json_t *value,
                          const json_t *loc, const json_t *known, json_t *details)
{
    size_t i;
    json_t *item;
    if (json_is_null(value))
        return;
    if (json_is_array(value)) {
        json_array_foreach(value, i, item) {
            json_t *at = loc_push_index(loc, i);
            check_entry_patch(section, item, at, NULL, NULL, details);
            json_decref(at);
        }
        return;
    }
    if (!json_is_object(value)) {
        problem(details, loc, "Input should be an array (replace the section), null (remove "
                              "it) or an object of $order/$hide/$add and entry ids",
                "section_type");
        return;
    }
    const char *key;
    json_object_foreach((json_t *)value, key, item) {
        json_t *at = loc_push(loc, key);
        if (strcmp(key, "$order") == 0 || strcmp(key, "$hide") == 0) {
            check_id_list(item, at, false, NULL, known, details);
        } else if (strcmp(key, "$add") == 0) {
            if (!json_is_array(item))
                problem(details, at, "Input should be a valid array of entries", "list_type");
            size_t j;
            json_t *entry;
            json_array_foreach(item, j, entry) {
                json_t *entry_at = loc_push_index(at, j);
                check_entry_patch(section, entry, entry_at, NULL, NULL, details);
                json_decref(entry_at);
            }
        } else if (!pf_persona_is_entry_id(key) ||
                   strncmp(key, section->name, strlen(section->name)) != 0) {
            problem(details, at, "unknown key: expected $order, $hide, $add or an entry id of "
                                 "this section", "extra_forbidden");
        } else if (known && !json_object_get(known, key)) {
            problem(details, at, "no entry has this id in the base document", "unknown_id");
        } else if (!json_is_null(item)) {
            check_entry_patch(section, item, at, key, known, details);
        }
        json_decref(at);
    }
}

static void check_basics(const json_t *value, const json_t *loc, json_t *details)
{
    if (json_is_null(value))
        return;
    if (!json_is_object(value)) {
        problem(details, loc, "Input should be a valid object", "dict_type");
        return;
    }
    const char *key;
    json_t *field;
    json_object_foreach((json_t *)value, key, field) {
        json_t *at = loc_push(loc, key);
        if (in_list(basics_strings, key) && !json_is_string(field) && !json_is_null(field))
            problem(details, at, "Input should be a valid string", "string_type");
        else if (strcmp(key, "location") == 0 && !json_is_object(field) && !json_is_null(field))
            problem(details, at, "Input should be a valid object", "dict_type");
        else if (strcmp(key, "profiles") == 0 && !json_is_array(field) && !json_is_null(field))
            problem(details, at, "Input should be a valid array", "list_type");
        json_decref(at);
    }
}

bool pf_persona_data_check(const json_t *data, const json_t *known_ids, json_t *details)
{
    size_t before = json_array_size(details);
    json_t *loc = json_pack("[s,s]", "body", "data");
    if (!json_is_object(data)) {
        problem(details, loc, "Input should be a valid object", "dict_type");
        json_decref(loc);
        return false;
    }
    const char *key;
    json_t *value;
    json_object_foreach((json_t *)data, key, value) {
        json_t *at = loc_push(loc, key);
        const struct pf_persona_section *section = pf_persona_section_find(key);
        if (section) {
            check_section(section, value, at, known_ids, details);
        } else if (strcmp(key, "basics") == 0) {
            check_basics(value, at, details);
        } else if (strcmp(key, "meta") == 0) {
            if (!json_is_object(value) && !json_is_null(value))
                problem(details, at, "Input should be a valid object", "dict_type");
            else if (json_object_get(value, "personaforge"))
                problem(details, at, "meta.personaforge is generated and cannot be set",
                        "read_only");
        } else if (strcmp(key, "$schema") == 0) {
            if (!json_is_string(value) && !json_is_null(value))
                problem(details, at, "Input should be a valid string", "string_type");
        } else {
            problem(details, at, "not a JSON Resume section", "extra_forbidden");
        }
        json_decref(at);
    }
    json_decref(loc);
    return json_array_size(details) == before;
}
