/* Content-derived ids of resume entries and list items. */
#include "persona/persona_ids.h"

#include <ctype.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "kb/kb_text.h"

static const char *const work_keys[] = {"name", "position", "startDate", NULL};
static const char *const volunteer_keys[] = {"organization", "position", "startDate", NULL};
static const char *const education_keys[] = {"institution", "area", "studyType", "startDate",
                                             NULL};
static const char *const award_keys[] = {"title", "date", "awarder", NULL};
static const char *const certificate_keys[] = {"name", "date", "issuer", NULL};
static const char *const publication_keys[] = {"name", "publisher", "releaseDate", NULL};
static const char *const name_keys[] = {"name", NULL};
static const char *const language_keys[] = {"language", NULL};
static const char *const project_keys[] = {"name", "startDate", NULL};

static const char *const highlights[] = {"highlights", NULL};
static const char *const courses[] = {"courses", NULL};
static const char *const keywords[] = {"keywords", NULL};
static const char *const project_lists[] = {"highlights", "keywords", "roles", NULL};
static const char *const no_lists[] = {NULL};

static const struct pf_persona_section sections[] = {
    {"work", work_keys, highlights},
    {"volunteer", volunteer_keys, highlights},
    {"education", education_keys, courses},
    {"awards", award_keys, no_lists},
    {"certificates", certificate_keys, no_lists},
    {"publications", publication_keys, no_lists},
    {"skills", name_keys, keywords},
    {"languages", language_keys, no_lists},
    {"interests", name_keys, keywords},
    {"references", name_keys, no_lists},
    {"projects", project_keys, project_lists},
};

const struct pf_persona_section *pf_persona_sections(size_t *out_count)
{
    *out_count = PF_ARRAY_LEN(sections);
    return sections;
}

const struct pf_persona_section *pf_persona_section_find(const char *name)
{
    for (size_t i = 0; name && i < PF_ARRAY_LEN(sections); i++) {
        if (strcmp(sections[i].name, name) == 0)
            return &sections[i];
    }
    return NULL;
}

bool pf_persona_section_has_list(const struct pf_persona_section *section, const char *field)
{
    for (size_t i = 0; section && field && section->lists[i]; i++) {
        if (strcmp(section->lists[i], field) == 0)
            return true;
    }
    return false;
}

/* Hashes the normalised form of text into hash (FNV-1a continued), so "Acme  Corp" and
 * "acme corp" give the same id. */
static uint32_t hash_text(uint32_t hash, const char *text)
{
    char norm[512];
    size_t len = pf_kb_normalize(pf_str_from_cstr(text), norm, sizeof(norm));
    for (size_t i = 0; i < len; i++) {
        hash ^= (unsigned char)norm[i];
        hash *= 16777619u;
    }
    hash ^= '|';
    hash *= 16777619u;
    return hash;
}

void pf_persona_entry_id(const struct pf_persona_section *section, const json_t *entry,
                         char *out)
{
    uint32_t hash = 2166136261u;
    bool any = false;
    for (size_t i = 0; section->keys[i]; i++) {
        const char *value = pf_json_get_str(entry, section->keys[i]);
        if (value && *value)
            any = true;
        hash = hash_text(hash, value ? value : "");
    }
    if (!any) {
        char *dump = json_dumps(entry, JSON_COMPACT | JSON_SORT_KEYS);
        hash = hash_text(2166136261u, dump ? dump : "");
        free(dump);
    }
    snprintf(out, PF_PERSONA_ID_MAX, "%s-%08x", section->name, hash);
}

void pf_persona_item_id(const char *field, const char *text, char *out)
{
    uint32_t hash = hash_text(2166136261u, text ? text : "");
    snprintf(out, PF_PERSONA_ID_MAX, "%c-%08x", field && *field ? field[0] : 'i', hash);
}

void pf_persona_id_claim(json_t *used, char *id)
{
    if (json_object_get(used, id)) {
        char base[32];
        snprintf(base, sizeof(base), "%.30s", id);
        for (int n = 2; n < 100000; n++) {
            snprintf(id, PF_PERSONA_ID_MAX, "%s-%d", base, n);
            if (!json_object_get(used, id))
                break;
        }
    }
    json_object_set_new(used, id, json_true());
}

/* "-xxxxxxxx" then an optional "-N" suffix. */
static bool hash_suffix(const char *text)
{
    if (*text != '-')
        return false;
    text++;
    for (int i = 0; i < 8; i++) {
        if (!isxdigit((unsigned char)text[i]) || isupper((unsigned char)text[i]))
            return false;
    }
    text += 8;
    if (*text == '\0')
        return true;
    if (*text != '-' || !isdigit((unsigned char)text[1]))
        return false;
    for (text++; *text; text++) {
        if (!isdigit((unsigned char)*text))
            return false;
    }
    return true;
}

bool pf_persona_is_entry_id(const char *text)
{
    for (size_t i = 0; text && i < PF_ARRAY_LEN(sections); i++) {
        size_t len = strlen(sections[i].name);
        if (strncmp(text, sections[i].name, len) == 0 && hash_suffix(text + len))
            return true;
    }
    return false;
}

bool pf_persona_is_item_id(const char *text)
{
    return text && islower((unsigned char)text[0]) && hash_suffix(text + 1);
}
