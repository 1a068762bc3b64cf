/* DOCX package parts: relationships (hyperlink targets, header and footer parts), styles
 * (headings, list styles, run defaults), numbering (bullets vs numbers) and properties. */
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "ingest/ingest_docx.h"
#include "ingest/ingest_xml.h"

#define MAX_RELS   10000
#define MAX_STYLES 4096
#define MAX_NUMS   4096

#define GROW(arr, count, cap)                                                                      \
    do {                                                                                           \
        if ((count) == (cap)) {                                                                    \
            (cap) = (cap) ? (cap)*2 : 32;                                                          \
            (arr) = pf_xrealloc((arr), (cap) * sizeof(*(arr)));                                    \
        }                                                                                          \
    } while (0)

void pf_docx_parts_fini(struct pf_docx_parts *parts)
{
    if (!parts)
        return;
    for (size_t i = 0; i < parts->rel_count; i++) {
        free(parts->rels[i].id);
        free(parts->rels[i].target);
    }
    free(parts->rels);
    free(parts->styles);
    free(parts->abstracts);
    free(parts->nums);
    memset(parts, 0, sizeof(*parts));
}

bool pf_docx_on(const char *value, bool present)
{
    if (!present)
        return true;
    return !(strcmp(value, "0") == 0 || strcmp(value, "false") == 0 || strcmp(value, "off") == 0 ||
             strcmp(value, "none") == 0);
}

static int to_int(const char *text, int fallback)
{
    int64_t value;
    if (!pf_parse_i64(pf_str_trim(pf_str_from_cstr(text)), -1000000, 1000000, &value))
        return fallback;
    return (int)value;
}

static bool ends_with(const char *text, const char *suffix)
{
    size_t n = strlen(text);
    size_t k = strlen(suffix);
    return n >= k && strcmp(text + n - k, suffix) == 0;
}

static int cmp_rel(const void *a, const void *b)
{
    return strcmp(((const struct pf_docx_rel *)a)->id, ((const struct pf_docx_rel *)b)->id);
}

/* Relationships sorted by id, for lookups; the header and footer order is taken from the
 * part names (header1, header2, ...), which sort the same way. */
pf_status pf_docx_read_rels(struct pf_doc_builder *b, struct pf_zip *zip,
                            struct pf_docx_parts *parts)
{
    struct pf_xml x;
    bool found;
    pf_status st = pf_xml_open(&x, b, zip, "word/_rels/document.xml.rels", &found);
    if (st != PF_OK || !found)
        goto done;
    int rc;
    while ((rc = pf_xml_read(&x)) == 1) {
        if (pf_xml_type(&x) != PF_XML_ELEMENT || strcmp(pf_xml_local(&x), "Relationship") != 0)
            continue;
        if (parts->rel_count >= MAX_RELS)
            break;
        char id[128];
        char type[256];
        char target[2048];
        char mode[32];
        if (!pf_xml_attr(&x, "", "Id", id, sizeof(id)) ||
            !pf_xml_attr(&x, "", "Target", target, sizeof(target)))
            continue;
        if (!pf_xml_attr(&x, "", "Type", type, sizeof(type)))
            type[0] = '\0';
        if (!pf_xml_attr(&x, "", "TargetMode", mode, sizeof(mode)))
            mode[0] = '\0';
        GROW(parts->rels, parts->rel_count, parts->rel_cap);
        struct pf_docx_rel *rel = &parts->rels[parts->rel_count++];
        rel->id = pf_xstrdup(id);
        rel->target = pf_xstrdup(target);
        rel->external = strcmp(mode, "External") == 0;
        rel->kind = ends_with(type, "/hyperlink") ? PF_REL_HYPERLINK
                    : ends_with(type, "/header")  ? PF_REL_HEADER
                    : ends_with(type, "/footer")  ? PF_REL_FOOTER
                                                  : PF_REL_OTHER;
    }
    if (rc < 0)
        st = b->status;
    if (parts->rel_count)
        qsort(parts->rels, parts->rel_count, sizeof(*parts->rels), cmp_rel);
done:
    pf_xml_close(&x);
    return st;
}

const struct pf_docx_rel *pf_docx_rel_find(const struct pf_docx_parts *parts, const char *id)
{
    if (parts->rel_count == 0)
        return NULL;
    struct pf_docx_rel key = {(char *)id, NULL, PF_REL_OTHER, false};
    return bsearch(&key, parts->rels, parts->rel_count, sizeof(*parts->rels), cmp_rel);
}

/* "Heading 1" -> "heading1". */
static void normalise_name(const char *in, char *out, size_t cap)
{
    size_t n = 0;
    for (; *in && n + 1 < cap; in++) {
        char ch = *in;
        if (ch == ' ' || ch == '_' || ch == '-')
            continue;
        out[n++] = (char)(ch >= 'A' && ch <= 'Z' ? ch + 32 : ch);
    }
    out[n] = '\0';
}

static int cmp_style(const void *a, const void *b)
{
    return strcmp(((const struct pf_docx_style *)a)->id, ((const struct pf_docx_style *)b)->id);
}

static void new_style(struct pf_docx_style *style)
{
    memset(style, 0, sizeof(*style));
    style->outline = -1;
    style->num_id = -1;
    style->ilvl = -1;
    style->bold = style->italic = style->caps = style->small_caps = -1;
}

pf_status pf_docx_read_styles(struct pf_doc_builder *b, struct pf_zip *zip,
                              struct pf_docx_parts *parts)
{
    struct pf_xml x;
    bool found;
    pf_status st = pf_xml_open(&x, b, zip, "word/styles.xml", &found);
    if (st != PF_OK || !found)
        goto done;
    struct pf_docx_style cur;
    bool in_style = false;
    bool in_defaults = false;
    char value[PF_DOCX_NAME];
    int rc;
    while ((rc = pf_xml_read(&x)) == 1) {
        int type = pf_xml_type(&x);
        if (type == PF_XML_END_ELEMENT) {
            if (pf_xml_is(&x, PF_NS_W, "style") && in_style) {
                in_style = false;
                if (parts->style_count < MAX_STYLES && cur.id[0]) {
                    GROW(parts->styles, parts->style_count, parts->style_cap);
                    parts->styles[parts->style_count++] = cur;
                }
            } else if (pf_xml_is(&x, PF_NS_W, "docDefaults")) {
                in_defaults = false;
            }
            continue;
        }
        if (type != PF_XML_ELEMENT || !pf_xml_is(&x, PF_NS_W, pf_xml_local(&x)))
            continue;
        const char *local = pf_xml_local(&x);
        bool has = pf_xml_attr(&x, PF_NS_W, "val", value, sizeof(value));
        if (strcmp(local, "docDefaults") == 0) {
            in_defaults = !pf_xml_is_empty(&x);
        } else if (strcmp(local, "style") == 0) {
            new_style(&cur);
            char kind[32];
            if (!pf_xml_attr(&x, PF_NS_W, "type", kind, sizeof(kind)))
                kind[0] = '\0';
            if (!pf_xml_attr(&x, PF_NS_W, "styleId", cur.id, sizeof(cur.id)))
                cur.id[0] = '\0';
            in_style = !pf_xml_is_empty(&x) &&
                       (strcmp(kind, "paragraph") == 0 || strcmp(kind, "character") == 0);
        } else if (in_defaults) {
            if (strcmp(local, "sz") == 0 && has)
                parts->default_size_half = to_int(value, 0);
            else if (strcmp(local, "rFonts") == 0 &&
                     pf_xml_attr(&x, PF_NS_W, "ascii", value, sizeof(value)))
                memcpy(parts->default_font, value, sizeof(value));
        } else if (in_style) {
            if (strcmp(local, "name") == 0 && has)
                normalise_name(value, cur.name, sizeof(cur.name));
            else if (strcmp(local, "basedOn") == 0 && has)
                memcpy(cur.based_on, value, sizeof(value));
            else if (strcmp(local, "outlineLvl") == 0 && has)
                cur.outline = to_int(value, -1);
            else if (strcmp(local, "numId") == 0 && has)
                cur.num_id = to_int(value, -1);
            else if (strcmp(local, "ilvl") == 0 && has)
                cur.ilvl = to_int(value, -1);
            else if (strcmp(local, "b") == 0)
                cur.bold = pf_docx_on(value, has);
            else if (strcmp(local, "i") == 0)
                cur.italic = pf_docx_on(value, has);
            else if (strcmp(local, "caps") == 0)
                cur.caps = pf_docx_on(value, has);
            else if (strcmp(local, "smallCaps") == 0)
                cur.small_caps = pf_docx_on(value, has);
            else if (strcmp(local, "sz") == 0 && has)
                cur.size_half = to_int(value, 0);
            else if (strcmp(local, "rFonts") == 0 &&
                     pf_xml_attr(&x, PF_NS_W, "ascii", value, sizeof(value)))
                memcpy(cur.font, value, sizeof(value));
        }
    }
    if (rc < 0)
        st = b->status;
    if (parts->style_count)
        qsort(parts->styles, parts->style_count, sizeof(*parts->styles), cmp_style);
done:
    pf_xml_close(&x);
    return st;
}

static const struct pf_docx_style *style_find(const struct pf_docx_parts *parts, const char *id)
{
    if (!id || !id[0] || parts->style_count == 0)
        return NULL;
    struct pf_docx_style key;
    size_t n = strnlen(id, sizeof(key.id) - 1);
    memcpy(key.id, id, n);
    key.id[n] = '\0';
    return bsearch(&key, parts->styles, parts->style_count, sizeof(*parts->styles), cmp_style);
}

void pf_docx_style_resolve(const struct pf_docx_parts *parts, const char *id,
                           struct pf_docx_resolved *out)
{
    memset(out, 0, sizeof(*out));
    out->kind = PF_BLOCK_PARAGRAPH;
    out->font = parts->default_font;
    out->size_half = parts->default_size_half;
    int outline = -1;
    int num_id = -1;
    int ilvl = -1;
    int bold = -1;
    int italic = -1;
    int caps = -1;
    int small_caps = -1;
    int size = 0;
    const char *font = NULL;
    bool named = false;
    const struct pf_docx_style *style = style_find(parts, id);
    /* basedOn chains are short; the bound stops a cycle. */
    for (int depth = 0; style && depth < 12; depth++) {
        if (!named && style->name[0]) {
            const char *name = style->name;
            if (strcmp(name, "title") == 0) {
                out->kind = PF_BLOCK_TITLE;
                named = true;
            } else if (strncmp(name, "heading", 7) == 0 && name[7] >= '1' && name[7] <= '9' &&
                       name[8] == '\0') {
                out->kind = PF_BLOCK_HEADING;
                out->level = name[7] - '0';
                named = true;
            } else if ((strncmp(name, "listbullet", 10) == 0 ||
                        strncmp(name, "listnumber", 10) == 0) &&
                       (name[10] == '\0' || (name[10] >= '1' && name[10] <= '9' && !name[11]))) {
                /* Word's built-in list styles are list items even when the style carries no
                 * numbering of its own (as some generators write them). */
                out->kind = PF_BLOCK_LIST_ITEM;
                out->level = name[10] ? name[10] - '0' : 1;
                out->numbered = name[4] == 'n';
                named = true;
            }
        }
        outline = outline < 0 ? style->outline : outline;
        num_id = num_id < 0 ? style->num_id : num_id;
        ilvl = ilvl < 0 ? style->ilvl : ilvl;
        bold = bold < 0 ? style->bold : bold;
        italic = italic < 0 ? style->italic : italic;
        caps = caps < 0 ? style->caps : caps;
        small_caps = small_caps < 0 ? style->small_caps : small_caps;
        size = size ? size : style->size_half;
        font = font ? font : (style->font[0] ? style->font : NULL);
        style = style_find(parts, style->based_on);
    }
    if (!named && outline >= 0 && outline < 9) {
        out->kind = PF_BLOCK_HEADING;
        out->level = outline + 1;
    }
    out->num_id = num_id > 0 ? num_id : 0;
    out->ilvl = ilvl > 0 ? ilvl : 0;
    out->bold = bold > 0;
    out->italic = italic > 0;
    out->caps = caps > 0;
    out->small_caps = small_caps > 0;
    if (size)
        out->size_half = size;
    if (font)
        out->font = font;
}

static int cmp_abstract(const void *a, const void *b)
{
    int x = ((const struct pf_docx_abstract *)a)->id;
    int y = ((const struct pf_docx_abstract *)b)->id;
    return (x > y) - (x < y);
}

static int cmp_num(const void *a, const void *b)
{
    int x = ((const struct pf_docx_num *)a)->num_id;
    int y = ((const struct pf_docx_num *)b)->num_id;
    return (x > y) - (x < y);
}

pf_status pf_docx_read_numbering(struct pf_doc_builder *b, struct pf_zip *zip,
                                 struct pf_docx_parts *parts)
{
    struct pf_xml x;
    bool found;
    pf_status st = pf_xml_open(&x, b, zip, "word/numbering.xml", &found);
    if (st != PF_OK || !found)
        goto done;
    struct pf_docx_abstract *abstract = NULL;
    struct pf_docx_num *num = NULL;
    int level = -1;
    char value[64];
    int rc;
    while ((rc = pf_xml_read(&x)) == 1) {
        int type = pf_xml_type(&x);
        if (type == PF_XML_END_ELEMENT) {
            if (pf_xml_is(&x, PF_NS_W, "abstractNum"))
                abstract = NULL;
            else if (pf_xml_is(&x, PF_NS_W, "num"))
                num = NULL;
            else if (pf_xml_is(&x, PF_NS_W, "lvl"))
                level = -1;
            continue;
        }
        if (type != PF_XML_ELEMENT || !pf_xml_is(&x, PF_NS_W, pf_xml_local(&x)))
            continue;
        const char *local = pf_xml_local(&x);
        if (strcmp(local, "abstractNum") == 0 && !pf_xml_is_empty(&x) &&
            parts->abstract_count < MAX_NUMS &&
            pf_xml_attr(&x, PF_NS_W, "abstractNumId", value, sizeof(value))) {
            GROW(parts->abstracts, parts->abstract_count, parts->abstract_cap);
            abstract = &parts->abstracts[parts->abstract_count++];
            abstract->id = to_int(value, -1);
            memset(abstract->numbered, -1, sizeof(abstract->numbered));
        } else if (strcmp(local, "num") == 0 && !pf_xml_is_empty(&x) &&
                   parts->num_count < MAX_NUMS &&
                   pf_xml_attr(&x, PF_NS_W, "numId", value, sizeof(value))) {
            GROW(parts->nums, parts->num_count, parts->num_cap);
            num = &parts->nums[parts->num_count++];
            num->num_id = to_int(value, -1);
            num->abstract_id = -1;
        } else if (strcmp(local, "abstractNumId") == 0 && num &&
                   pf_xml_attr(&x, PF_NS_W, "val", value, sizeof(value))) {
            num->abstract_id = to_int(value, -1);
        } else if (strcmp(local, "lvl") == 0 && abstract &&
                   pf_xml_attr(&x, PF_NS_W, "ilvl", value, sizeof(value))) {
            level = to_int(value, -1);
        } else if (strcmp(local, "numFmt") == 0 && abstract && level >= 0 && level < 9 &&
                   pf_xml_attr(&x, PF_NS_W, "val", value, sizeof(value))) {
            abstract->numbered[level] = strcmp(value, "bullet") != 0 && strcmp(value, "none") != 0;
        }
    }
    if (rc < 0)
        st = b->status;
    /* A numbering part without definitions leaves the arrays NULL, which qsort may not be
     * given even with no elements (C11 7.22.5), as in the other readers above. */
    if (parts->abstract_count)
        qsort(parts->abstracts, parts->abstract_count, sizeof(*parts->abstracts), cmp_abstract);
    for (size_t i = 0; i < parts->num_count; i++) {
        struct pf_docx_abstract key;
        key.id = parts->nums[i].abstract_id;
        const struct pf_docx_abstract *def =
            parts->abstract_count ? bsearch(&key, parts->abstracts, parts->abstract_count,
                                            sizeof(*parts->abstracts), cmp_abstract)
                                  : NULL;
        memset(parts->nums[i].numbered, -1, sizeof(parts->nums[i].numbered));
        if (def)
            memcpy(parts->nums[i].numbered, def->numbered, sizeof(def->numbered));
    }
    if (parts->num_count)
        qsort(parts->nums, parts->num_count, sizeof(*parts->nums), cmp_num);
done:
    pf_xml_close(&x);
    return st;
}

int pf_docx_list_numbered(const struct pf_docx_parts *parts, int num_id, int ilvl)
{
    if (ilvl < 0 || ilvl >= 9 || parts->num_count == 0)
        return 0;
    struct pf_docx_num key;
    key.num_id = num_id;
    const struct pf_docx_num *num =
        bsearch(&key, parts->nums, parts->num_count, sizeof(*parts->nums), cmp_num);
    return num && num->numbered[ilvl] == 1;
}

/* The text content of the current element (up to its end tag). */
static int element_text(struct pf_xml *x, char *out, size_t cap)
{
    size_t n = 0;
    out[0] = '\0';
    if (pf_xml_is_empty(x))
        return 1;
    int depth = pf_xml_depth(x);
    int rc;
    while ((rc = pf_xml_read(x)) == 1) {
        int type = pf_xml_type(x);
        if (type == PF_XML_END_ELEMENT && pf_xml_depth(x) == depth)
            break;
        if (type == PF_XML_TEXT || type == PF_XML_SIGNIFICANT_WHITESPACE) {
            const char *value = pf_xml_value(x);
            size_t len = strlen(value);
            if (len > cap - 1 - n)
                len = cap - 1 - n;
            memcpy(out + n, value, len);
            n += len;
            out[n] = '\0';
        }
    }
    return rc;
}

pf_status pf_docx_read_properties(struct pf_doc_builder *b, struct pf_zip *zip)
{
    static const struct {
        const char *part;
        const char *element;
        const char *which;
        bool date;
    } fields[] = {
        {"docProps/core.xml", "title", "title", false},
        {"docProps/core.xml", "subject", "subject", false},
        {"docProps/core.xml", "creator", "author", false},
        {"docProps/core.xml", "keywords", "keywords", false},
        {"docProps/core.xml", "language", "language", false},
        {"docProps/core.xml", "created", "created", true},
        {"docProps/core.xml", "modified", "modified", true},
        {"docProps/app.xml", "Application", "creator", false},
    };
    static const char *const partnames[] = {"docProps/core.xml", "docProps/app.xml"};
    pf_status st = PF_OK;
    char text[1024];
    for (size_t p = 0; p < PF_ARRAY_LEN(partnames) && st == PF_OK; p++) {
        struct pf_xml x;
        bool found;
        st = pf_xml_open(&x, b, zip, partnames[p], &found);
        if (st == PF_OK && found) {
            int rc;
            while ((rc = pf_xml_read(&x)) == 1) {
                if (pf_xml_type(&x) != PF_XML_ELEMENT || pf_xml_depth(&x) != 1)
                    continue;
                const char *local = pf_xml_local(&x);
                for (size_t i = 0; i < PF_ARRAY_LEN(fields); i++) {
                    if (strcmp(fields[i].part, partnames[p]) != 0 ||
                        strcmp(fields[i].element, local) != 0)
                        continue;
                    rc = element_text(&x, text, sizeof(text));
                    if (rc < 0)
                        break;
                    struct pf_str value = pf_str_from_cstr(text);
                    if (fields[i].date)
                        pf_builder_meta_date(b, fields[i].which, value);
                    else
                        pf_builder_meta(b, fields[i].which, value);
                    break;
                }
                if (rc < 0)
                    break;
            }
            if (rc < 0)
                st = b->status;
        }
        pf_xml_close(&x);
    }
    return st;
}
