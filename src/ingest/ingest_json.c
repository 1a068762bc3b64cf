/* The JSON Resume reader: a bounded JSON parse, a structural check that the object has the
 * shape of a JSON Resume (jsonresume.org v1), then the resume attached to the document as is,
 * with raw_text written from its fields so the rest of the pipeline sees text as usual. */
#include <stdio.h>
#include <string.h>

#include "base/json.h"
#include "ingest/ingest_int.h"

#define MAX_FIELDS 6

struct section {
    const char *key;
    const char *title;
    const char *head[MAX_FIELDS]; /* joined with " - " on the entry's first line */
    const char *dates[2];         /* start and end, or one date */
    const char *place;
    const char *text[3];      /* paragraphs */
    const char *items[3];     /* arrays of strings: one list item each */
    const char *inline_items; /* array of strings on one line */
};

static const struct section sections[] = {
    {"work",
     "Work",
     {"position", "name", "company"},
     {"startDate", "endDate"},
     "location",
     {"description", "summary"},
     {"highlights"},
     NULL},
    {"volunteer",
     "Volunteer",
     {"position", "organization"},
     {"startDate", "endDate"},
     NULL,
     {"summary"},
     {"highlights"},
     NULL},
    {"education",
     "Education",
     {"institution", "studyType", "area", "score"},
     {"startDate", "endDate"},
     NULL,
     {NULL},
     {"courses"},
     NULL},
    {"awards", "Awards", {"title", "awarder"}, {"date", NULL}, NULL, {"summary"}, {NULL}, NULL},
    {"certificates",
     "Certificates",
     {"name", "issuer"},
     {"date", NULL},
     NULL,
     {NULL},
     {NULL},
     NULL},
    {"publications",
     "Publications",
     {"name", "publisher"},
     {"releaseDate", NULL},
     NULL,
     {"summary"},
     {NULL},
     NULL},
    {"skills", "Skills", {"name", "level"}, {NULL, NULL}, NULL, {NULL}, {NULL}, "keywords"},
    {"languages", "Languages", {"language", "fluency"}, {NULL, NULL}, NULL, {NULL}, {NULL}, NULL},
    {"interests", "Interests", {"name"}, {NULL, NULL}, NULL, {NULL}, {NULL}, "keywords"},
    {"references", "References", {"name"}, {NULL, NULL}, NULL, {"reference"}, {NULL}, NULL},
    {"projects",
     "Projects",
     {"name", "entity", "type"},
     {"startDate", "endDate"},
     NULL,
     {"description"},
     {"highlights", "roles"},
     "keywords"},
};

static pf_status invalid(struct pf_doc_builder *b, const char *field, const char *what)
{
    return pf_builder_fail(b, PF_E_INVALID, field, "not a JSON Resume: %s %s", field, what);
}

static bool string_or_absent(const json_t *obj, const char *key)
{
    const json_t *value = json_object_get(obj, key);
    return !value || json_is_string(value) || json_is_null(value);
}

static bool strings_or_absent(const json_t *obj, const char *key)
{
    const json_t *value = json_object_get(obj, key);
    if (!value || json_is_null(value))
        return true;
    if (!json_is_array(value))
        return false;
    size_t i;
    const json_t *item;
    json_array_foreach(value, i, item)
    {
        if (!json_is_string(item))
            return false;
    }
    return true;
}

/* The shape check: known sections have the right types; at least one is present. */
static pf_status validate(struct pf_doc_builder *b, const json_t *root)
{
    if (!json_is_object(root))
        return invalid(b, "$", "is not an object");
    bool known = false;
    const json_t *basics = json_object_get(root, "basics");
    if (basics) {
        if (!json_is_object(basics))
            return invalid(b, "basics", "is not an object");
        static const char *const fields[] = {"name", "label",   "email", "phone",
                                             "url",  "summary", "image"};
        for (size_t i = 0; i < PF_ARRAY_LEN(fields); i++)
            if (!string_or_absent(basics, fields[i]))
                return invalid(b, "basics", "has a field that is not a string");
        const json_t *location = json_object_get(basics, "location");
        if (location && !json_is_object(location) && !json_is_null(location))
            return invalid(b, "basics.location", "is not an object");
        const json_t *profiles = json_object_get(basics, "profiles");
        if (profiles && !json_is_array(profiles) && !json_is_null(profiles))
            return invalid(b, "basics.profiles", "is not an array");
        known = true;
    }
    for (size_t s = 0; s < PF_ARRAY_LEN(sections); s++) {
        const struct section *sec = &sections[s];
        const json_t *list = json_object_get(root, sec->key);
        if (!list || json_is_null(list))
            continue;
        if (!json_is_array(list))
            return invalid(b, sec->key, "is not an array");
        known = true;
        size_t i;
        const json_t *entry;
        json_array_foreach(list, i, entry)
        {
            if (!json_is_object(entry))
                return invalid(b, sec->key, "has an entry that is not an object");
            for (size_t k = 0; k < MAX_FIELDS && sec->head[k]; k++)
                if (!string_or_absent(entry, sec->head[k]) &&
                    !json_is_number(json_object_get(entry, sec->head[k])))
                    return invalid(b, sec->key, "has a field of the wrong type");
            for (size_t k = 0; k < 2; k++)
                if (sec->dates[k] && !string_or_absent(entry, sec->dates[k]))
                    return invalid(b, sec->key, "has a date that is not a string");
            for (size_t k = 0; k < 3; k++)
                if (sec->items[k] && !strings_or_absent(entry, sec->items[k]))
                    return invalid(b, sec->key, "has a list that is not strings");
            if (sec->inline_items && !strings_or_absent(entry, sec->inline_items))
                return invalid(b, sec->key, "has a list that is not strings");
        }
    }
    const json_t *meta = json_object_get(root, "meta");
    if (meta && !json_is_object(meta))
        return invalid(b, "meta", "is not an object");
    if (!known)
        return invalid(b, "$", "has none of basics, work, education, skills, ...");
    return PF_OK;
}

static const char *str(const json_t *obj, const char *key)
{
    const json_t *value = key ? json_object_get(obj, key) : NULL;
    if (json_is_string(value) && json_string_length(value) > 0)
        return json_string_value(value);
    return NULL;
}

static void block(struct pf_doc_builder *b, enum pf_block_kind kind, int level)
{
    struct pf_block_attrs attrs = PF_BLOCK_ATTRS_INIT;
    attrs.kind = kind;
    attrs.level = level;
    pf_builder_block_begin(b, &attrs);
}

static void text(struct pf_doc_builder *b, const char *value, uint32_t flags)
{
    struct pf_span_style style = PF_SPAN_STYLE_INIT;
    style.flags = flags;
    pf_builder_text(b, pf_str_from_cstr(value), &style, PF_TEXT_LINES);
}

/* Writes values on one line separated by sep; returns how many were written. */
static int joined(struct pf_doc_builder *b, const json_t *obj, const char *const *keys,
                  size_t count, const char *sep, uint32_t flags)
{
    int written = 0;
    for (size_t k = 0; k < count; k++) {
        const char *value = keys[k] ? str(obj, keys[k]) : NULL;
        char number[32];
        const json_t *raw = keys[k] ? json_object_get(obj, keys[k]) : NULL;
        if (!value && json_is_number(raw)) {
            snprintf(number, sizeof(number), "%g", json_number_value(raw));
            value = number;
        }
        if (!value)
            continue;
        if (written++)
            text(b, sep, 0);
        text(b, value, flags);
    }
    return written;
}

static void write_basics(struct pf_doc_builder *b, const json_t *basics)
{
    if (!json_is_object(basics))
        return;
    const char *name = str(basics, "name");
    if (name) {
        block(b, PF_BLOCK_TITLE, 0);
        text(b, name, PF_SPAN_BOLD);
    }
    const char *label = str(basics, "label");
    if (label) {
        block(b, PF_BLOCK_PARAGRAPH, 0);
        text(b, label, 0);
    }
    static const char *const contact[] = {"email", "phone", "url"};
    block(b, PF_BLOCK_PARAGRAPH, 0);
    joined(b, basics, contact, PF_ARRAY_LEN(contact), " | ", 0);
    const json_t *location = json_object_get(basics, "location");
    if (json_is_object(location)) {
        static const char *const parts[] = {"address", "city", "region", "postalCode",
                                            "countryCode"};
        pf_builder_line_break(b);
        joined(b, location, parts, PF_ARRAY_LEN(parts), ", ", 0);
    }
    const json_t *profiles = json_object_get(basics, "profiles");
    size_t i;
    const json_t *profile;
    json_array_foreach(profiles, i, profile)
    {
        static const char *const fields[] = {"network", "username", "url"};
        if (!json_is_object(profile))
            continue;
        pf_builder_line_break(b);
        joined(b, profile, fields, PF_ARRAY_LEN(fields), " ", 0);
    }
    const char *summary = str(basics, "summary");
    if (summary) {
        block(b, PF_BLOCK_PARAGRAPH, 0);
        text(b, summary, 0);
    }
}

static void write_section(struct pf_doc_builder *b, const struct section *sec, const json_t *list)
{
    if (!json_is_array(list) || json_array_size(list) == 0)
        return;
    block(b, PF_BLOCK_HEADING, 1);
    text(b, sec->title, PF_SPAN_BOLD);
    size_t i;
    const json_t *entry;
    json_array_foreach(list, i, entry)
    {
        if (!json_is_object(entry))
            continue;
        block(b, PF_BLOCK_PARAGRAPH, 0);
        joined(b, entry, sec->head, MAX_FIELDS, " - ", PF_SPAN_BOLD);
        const char *start = sec->dates[0] ? str(entry, sec->dates[0]) : NULL;
        const char *end = sec->dates[1] ? str(entry, sec->dates[1]) : NULL;
        if (start || end) {
            pf_builder_line_break(b);
            text(b, start ? start : "", 0);
            if (sec->dates[1])
                text(b, end ? " - " : " - Present", 0);
            if (end)
                text(b, end, 0);
        }
        const char *place = sec->place ? str(entry, sec->place) : NULL;
        if (place) {
            pf_builder_line_break(b);
            text(b, place, 0);
        }
        if (sec->inline_items) {
            const json_t *items = json_object_get(entry, sec->inline_items);
            size_t k;
            const json_t *item;
            int n = 0;
            json_array_foreach(items, k, item)
            {
                if (!json_is_string(item))
                    continue;
                if (n++ == 0)
                    pf_builder_line_break(b);
                else
                    text(b, ", ", 0);
                text(b, json_string_value(item), 0);
            }
        }
        for (size_t t = 0; t < 3 && sec->text[t]; t++) {
            const char *value = str(entry, sec->text[t]);
            if (value) {
                block(b, PF_BLOCK_PARAGRAPH, 0);
                text(b, value, 0);
            }
        }
        for (size_t l = 0; l < 3 && sec->items[l]; l++) {
            const json_t *items = json_object_get(entry, sec->items[l]);
            size_t k;
            const json_t *item;
            json_array_foreach(items, k, item)
            {
                if (!json_is_string(item))
                    continue;
                block(b, PF_BLOCK_LIST_ITEM, 1);
                text(b, json_string_value(item), 0);
            }
        }
    }
}

pf_status pf_ingest_read_json(struct pf_doc_builder *b, struct pf_str bytes)
{
    if (pf_str_starts_with(bytes, PF_STR("\xEF\xBB\xBF")))
        bytes = pf_str_slice(bytes, 3, bytes.len);
    json_t *root = NULL;
    struct pf_error err = PF_ERROR_INIT;
    pf_status st = pf_json_parse(bytes, b->limits->max_json_depth, &root, &err);
    if (st == PF_E_TOO_BIG) {
        st = pf_builder_fail(b, PF_E_TOO_BIG, "limit_json_depth",
                             "the JSON nests deeper than limit_json_depth (%zu)",
                             b->limits->max_json_depth);
        goto done;
    }
    if (st != PF_OK) {
        st = pf_builder_fail(b, PF_E_CORRUPT, NULL, "the JSON is malformed: %s",
                             pf_error_message(&err));
        goto done;
    }
    st = validate(b, root);
    if (st != PF_OK)
        goto done;
    pf_builder_page(b, 0, 0);
    write_basics(b, json_object_get(root, "basics"));
    for (size_t s = 0; s < PF_ARRAY_LEN(sections) && b->status == PF_OK; s++)
        write_section(b, &sections[s], json_object_get(root, sections[s].key));
    pf_builder_block_end(b);
    const json_t *basics = json_object_get(root, "basics");
    if (json_is_object(basics) && str(basics, "name"))
        pf_builder_meta(b, "author", pf_str_from_cstr(str(basics, "name")));
    const json_t *meta = json_object_get(root, "meta");
    if (json_is_object(meta) && str(meta, "lastModified"))
        pf_builder_meta_date(b, "modified", pf_str_from_cstr(str(meta, "lastModified")));
    st = b->status;
    if (st == PF_OK) {
        b->doc->resume = root;
        root = NULL;
    }
done:
    if (root)
        json_decref(root);
    return st;
}
