/* The RTF reader: a small tokenizer (groups, control words and symbols, \uN with its \ucN
 * fallback skipping, \'hh in the font's or document's code page, \bin) that keeps paragraphs,
 * line breaks, tabs, table cells, list paragraphs, bold/italic/size and HYPERLINK fields, and
 * skips destinations that are not text (\*..., fonttbl, colortbl, stylesheet, pict, ...). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "ingest/ingest_int.h"

#define MAX_FONTS 256
#define WORD_MAX  32

enum dest { DEST_TEXT, DEST_SKIP, DEST_FONTTBL, DEST_FLDINST, DEST_INFO_FIELD, DEST_INFO_DATE };

struct group {
    enum dest dest;
    int uc; /* fallback characters after \uN */
    int codepage;
    struct pf_span_style style;
    const char *info; /* metadata field collected by DEST_INFO_FIELD */
};

struct rtf {
    struct pf_doc_builder *b;
    struct pf_cur cur;
    struct group *groups; /* owned stack */
    size_t depth;
    size_t max_depth;
    int doc_codepage;
    int font_codepage[MAX_FONTS];
    int fonttbl_font;  /* \fN being defined inside the font table */
    int skip_fallback; /* characters still to skip after \uN */
    uint32_t high_surrogate;
    /* paragraph state */
    bool begun;
    struct pf_block_attrs para;
    bool in_table; /* \intbl seen in this paragraph */
    int table_count;
    int row, col;
    bool table_open;
    struct pf_buf field; /* text of the current \fldinst */
    int32_t field_link;  /* link of the field being shown, or -1 */
    size_t field_depth;  /* group depth of the \field, 0 when none */
    struct pf_buf info;  /* text of the current \info field */
    int date[5];         /* \yr \mo \dy \hr \min of the current \creatim or \revtim */
};

static struct group *top(struct rtf *r)
{
    return &r->groups[r->depth];
}

static void begin(struct rtf *r)
{
    if (r->begun)
        return;
    struct pf_block_attrs attrs = r->para;
    if (r->in_table) {
        attrs.table = r->table_count - 1;
        attrs.row = r->row;
        attrs.col = r->col;
        if (attrs.kind == PF_BLOCK_PARAGRAPH)
            attrs.kind = PF_BLOCK_TABLE_CELL;
    }
    pf_builder_block_begin(r->b, &attrs);
    r->begun = true;
}

static void end_block(struct rtf *r)
{
    if (r->begun)
        pf_builder_block_end(r->b);
    r->begun = false;
}

static void put_cp(struct rtf *r, uint32_t cp)
{
    struct group *g = top(r);
    if (g->dest == DEST_FLDINST) {
        char enc[4];
        pf_buf_append(&r->field, enc, pf_utf8_encode(cp, enc));
        return;
    }
    if (g->dest == DEST_INFO_FIELD) {
        char enc[4];
        pf_buf_append(&r->info, enc, pf_utf8_encode(cp, enc));
        return;
    }
    if (g->dest != DEST_TEXT)
        return;
    if (cp == ' ' && !r->begun)
        return;
    begin(r);
    struct pf_span_style style = g->style;
    if (style.link < 0)
        style.link = r->field_link;
    pf_builder_char(r->b, cp, &style);
}

static void put_byte(struct rtf *r, unsigned char byte)
{
    struct group *g = top(r);
    if (g->dest == DEST_SKIP || g->dest == DEST_FONTTBL)
        return;
    put_cp(r, pf_codepage_to_unicode(g->codepage, byte));
}

static void put_unicode(struct rtf *r, int32_t value)
{
    uint32_t cp = (uint32_t)(value < 0 ? value + 65536 : value);
    if (cp >= 0xD800 && cp <= 0xDBFF) {
        r->high_surrogate = cp;
        return;
    }
    if (cp >= 0xDC00 && cp <= 0xDFFF) {
        if (!r->high_surrogate)
            return;
        cp = 0x10000 + ((r->high_surrogate - 0xD800) << 10) + (cp - 0xDC00);
    }
    r->high_surrogate = 0;
    put_cp(r, cp);
}

static int charset_codepage(int charset)
{
    switch (charset) {
    case 238:
        return 1250;
    case 204:
        return 1251;
    case 161:
        return 1253;
    case 162:
        return 1254;
    case 177:
        return 1255;
    case 178:
        return 1256;
    case 186:
        return 1257;
    case 163:
        return 1258;
    case 222:
        return 874;
    default:
        return 1252;
    }
}

static bool is_skipped_destination(const char *word)
{
    static const char *const names[] = {"fonttbl",
                                        "colortbl",
                                        "stylesheet",
                                        "pict",
                                        "object",
                                        "themedata",
                                        "colorschememapping",
                                        "latentstyles",
                                        "datastore",
                                        "listtable",
                                        "listoverridetable",
                                        "revtbl",
                                        "rsidtbl",
                                        "generator",
                                        "xmlnstbl",
                                        "filetbl",
                                        "bkmkstart",
                                        "bkmkend",
                                        "annotation",
                                        "atnid",
                                        "atnauthor",
                                        "nonshppict",
                                        "mmathPr",
                                        "docvar",
                                        "pgdsctbl",
                                        "listtext",
                                        "pntext",
                                        "pntxta",
                                        "pntxtb",
                                        "headerl",
                                        "headerr",
                                        "headerf",
                                        "footerl",
                                        "footerr",
                                        "footerf",
                                        "footnote",
                                        "shpinst",
                                        "sp",
                                        "sn",
                                        "sv",
                                        "passwordhash",
                                        "template",
                                        "operator",
                                        "comment",
                                        "doccomm",
                                        "company",
                                        "manager",
                                        "category",
                                        "nofpages",
                                        "nofwords",
                                        "nofchars",
                                        "private",
                                        "userprops",
                                        "wgrffmtfilter"};
    for (size_t i = 0; i < PF_ARRAY_LEN(names); i++)
        if (strcmp(word, names[i]) == 0)
            return true;
    return false;
}

static void field_done(struct rtf *r)
{
    struct pf_str code = pf_str_trim(pf_buf_view(&r->field));
    r->field_link = -1;
    if (pf_str_starts_with(code, PF_STR("HYPERLINK"))) {
        long open = pf_str_find_char(code, '"');
        if (open >= 0) {
            struct pf_str rest = pf_str_slice(code, (size_t)open + 1, code.len);
            long close = pf_str_find_char(rest, '"');
            if (close > 0 && pf_str_find_char(pf_str_slice(rest, 0, (size_t)close), ':') >= 0)
                r->field_link = pf_builder_link(r->b, rest.ptr, (size_t)close);
        }
    }
    pf_buf_reset(&r->field);
}

static void control_word(struct rtf *r, const char *word, bool has_arg, int32_t arg, bool ignorable)
{
    struct group *g = top(r);
    if (g->dest == DEST_SKIP)
        return;
    if (g->dest == DEST_FONTTBL) {
        if (strcmp(word, "f") == 0 && has_arg)
            r->fonttbl_font = arg;
        else if (strcmp(word, "fcharset") == 0 && has_arg && r->fonttbl_font >= 0 &&
                 r->fonttbl_font < MAX_FONTS)
            r->font_codepage[r->fonttbl_font] = charset_codepage(arg);
        return;
    }
    if (strcmp(word, "fonttbl") == 0) {
        g->dest = DEST_FONTTBL;
        return;
    }
    if (strcmp(word, "fldinst") == 0) {
        g->dest = DEST_FLDINST;
        pf_buf_reset(&r->field);
        return;
    }
    if (strcmp(word, "fldrslt") == 0)
        return;
    if (g->dest == DEST_INFO_DATE) {
        static const char *const parts[] = {"yr", "mo", "dy", "hr", "min"};
        for (size_t i = 0; i < PF_ARRAY_LEN(parts); i++)
            if (strcmp(word, parts[i]) == 0 && has_arg)
                r->date[i] = arg;
        return;
    }
    if (strcmp(word, "creatim") == 0 || strcmp(word, "revtim") == 0) {
        g->dest = DEST_INFO_DATE;
        g->info = word[0] == 'c' ? "created" : "modified";
        memset(r->date, 0, sizeof(r->date));
        return;
    }
    if (strcmp(word, "field") == 0) {
        r->field_depth = r->depth;
        r->field_link = -1;
        return;
    }
    static const struct {
        const char *word;
        const char *which;
    } info[] = {
        {"title", "title"}, {"author", "author"}, {"subject", "subject"}, {"keywords", "keywords"}};
    for (size_t i = 0; i < PF_ARRAY_LEN(info); i++) {
        if (strcmp(word, info[i].word) == 0) {
            g->dest = DEST_INFO_FIELD;
            g->info = info[i].which;
            pf_buf_reset(&r->info);
            return;
        }
    }
    if (ignorable || is_skipped_destination(word)) {
        g->dest = DEST_SKIP;
        return;
    }
    if (strcmp(word, "ansicpg") == 0 && has_arg) {
        r->doc_codepage = arg;
        g->codepage = arg;
    } else if (strcmp(word, "f") == 0 && has_arg) {
        g->codepage = arg >= 0 && arg < MAX_FONTS && r->font_codepage[arg] ? r->font_codepage[arg]
                                                                           : r->doc_codepage;
    } else if (strcmp(word, "uc") == 0 && has_arg) {
        g->uc = arg >= 0 && arg < 16 ? arg : 1;
    } else if (strcmp(word, "u") == 0 && has_arg) {
        put_unicode(r, arg);
        r->skip_fallback = g->uc;
    } else if (strcmp(word, "par") == 0 || strcmp(word, "sect") == 0 || strcmp(word, "page") == 0) {
        end_block(r);
    } else if (strcmp(word, "line") == 0) {
        if (r->begun)
            pf_builder_line_break(r->b);
    } else if (strcmp(word, "tab") == 0) {
        if (r->begun)
            pf_builder_separator(r->b, 2);
    } else if (strcmp(word, "pard") == 0) {
        struct pf_block_attrs attrs = PF_BLOCK_ATTRS_INIT;
        r->para = attrs;
        r->in_table = false;
    } else if (strcmp(word, "intbl") == 0) {
        if (!r->table_open) {
            r->table_open = true;
            r->table_count++;
            r->row = 0;
            r->col = 0;
        }
        r->in_table = true;
    } else if (strcmp(word, "cell") == 0) {
        end_block(r);
        r->col++;
    } else if (strcmp(word, "row") == 0) {
        end_block(r);
        r->row++;
        r->col = 0;
    } else if (strcmp(word, "ls") == 0 || strcmp(word, "pnlvlblt") == 0) {
        r->para.kind = PF_BLOCK_LIST_ITEM;
        if (r->para.level == 0)
            r->para.level = 1;
    } else if (strcmp(word, "ilvl") == 0 && has_arg) {
        r->para.level = arg >= 0 && arg < 9 ? arg + 1 : 1;
    } else if (strcmp(word, "outlinelevel") == 0 && has_arg && arg >= 0 && arg < 9) {
        r->para.kind = PF_BLOCK_HEADING;
        r->para.level = arg + 1;
    } else if (strcmp(word, "plain") == 0) {
        g->style.flags = 0;
        g->style.size = 0;
    } else if (strcmp(word, "b") == 0) {
        g->style.flags =
            !has_arg || arg ? g->style.flags | PF_SPAN_BOLD : g->style.flags & ~PF_SPAN_BOLD;
    } else if (strcmp(word, "i") == 0) {
        g->style.flags =
            !has_arg || arg ? g->style.flags | PF_SPAN_ITALIC : g->style.flags & ~PF_SPAN_ITALIC;
    } else if (strcmp(word, "scaps") == 0) {
        g->style.flags = !has_arg || arg ? g->style.flags | PF_SPAN_SMALL_CAPS
                                         : g->style.flags & ~PF_SPAN_SMALL_CAPS;
    } else if (strcmp(word, "ul") == 0) {
        g->style.flags |= PF_SPAN_UNDERLINE;
    } else if (strcmp(word, "ulnone") == 0) {
        g->style.flags &= ~PF_SPAN_UNDERLINE;
    } else if (strcmp(word, "fs") == 0 && has_arg && arg > 0 && arg < 4000) {
        g->style.size = (float)arg / 2.0f;
    } else {
        static const struct {
            const char *word;
            uint32_t cp;
        } chars[] = {{"emdash", 0x2014},    {"endash", 0x2013}, {"bullet", 0x2022},
                     {"lquote", 0x2018},    {"rquote", 0x2019}, {"ldblquote", 0x201C},
                     {"rdblquote", 0x201D}, {"emspace", ' '},   {"enspace", ' '},
                     {"qmspace", ' '}};
        for (size_t i = 0; i < PF_ARRAY_LEN(chars); i++)
            if (strcmp(word, chars[i].word) == 0)
                put_cp(r, chars[i].cp);
    }
}

static void open_group(struct rtf *r)
{
    if (r->depth + 1 >= r->max_depth) {
        pf_builder_fail(r->b, PF_E_TOO_BIG, "limit_xml_depth",
                        "the RTF nests groups deeper than limit_xml_depth (%zu)",
                        r->b->limits->max_xml_depth);
        return;
    }
    r->groups[r->depth + 1] = r->groups[r->depth];
    r->depth++;
}

static void close_group(struct rtf *r)
{
    if (r->depth == 0)
        return;
    struct group *g = top(r);
    if (g->dest == DEST_FLDINST && r->groups[r->depth - 1].dest != DEST_FLDINST)
        field_done(r);
    if (g->dest == DEST_INFO_DATE && r->groups[r->depth - 1].dest != DEST_INFO_DATE &&
        r->date[0] > 0) {
        char iso[40];
        snprintf(iso, sizeof(iso), "%04d-%02d-%02dT%02d:%02d:00Z", r->date[0] % 10000,
                 r->date[1] % 100, r->date[2] % 100, r->date[3] % 100, r->date[4] % 100);
        pf_builder_meta_date(r->b, g->info, pf_str_from_cstr(iso));
    }
    if (g->dest == DEST_INFO_FIELD && r->groups[r->depth - 1].dest != DEST_INFO_FIELD) {
        pf_builder_meta(r->b, g->info, pf_buf_view(&r->info));
        pf_buf_reset(&r->info);
    }
    r->depth--;
    /* A field's link lasts until the group holding \field closes. */
    if (r->field_depth && r->depth < r->field_depth) {
        r->field_depth = 0;
        r->field_link = -1;
    }
}

/* One token at the cursor. */
static void step(struct rtf *r)
{
    struct pf_cur *cur = &r->cur;
    char ch = *cur->ptr++;
    if (ch == '{') {
        r->skip_fallback = 0;
        open_group(r);
        return;
    }
    if (ch == '}') {
        r->skip_fallback = 0;
        close_group(r);
        return;
    }
    if (ch == '\r' || ch == '\n')
        return;
    if (ch != '\\') {
        if (r->skip_fallback > 0) {
            r->skip_fallback--;
            return;
        }
        put_byte(r, (unsigned char)ch);
        return;
    }
    if (pf_cur_at_end(cur))
        return;
    char next = *cur->ptr;
    bool letter = (next >= 'a' && next <= 'z') || (next >= 'A' && next <= 'Z');
    if (!letter) {
        cur->ptr++;
        if (next == '\'') {
            unsigned value = 0;
            int digits = 0;
            while (digits < 2 && !pf_cur_at_end(cur)) {
                char h = *cur->ptr;
                int v = h >= '0' && h <= '9'   ? h - '0'
                        : h >= 'a' && h <= 'f' ? h - 'a' + 10
                        : h >= 'A' && h <= 'F' ? h - 'A' + 10
                                               : -1;
                if (v < 0)
                    break;
                value = value * 16 + (unsigned)v;
                cur->ptr++;
                digits++;
            }
            if (r->skip_fallback > 0) {
                r->skip_fallback--;
                return;
            }
            if (digits == 2)
                put_byte(r, (unsigned char)value);
            return;
        }
        if (r->skip_fallback > 0) {
            r->skip_fallback--;
            return;
        }
        if (next == '*') {
            /* \* marks an ignorable destination: skip the group unless we know it. */
            struct pf_cur peek = *cur;
            if (!pf_cur_at_end(&peek) && *peek.ptr == '\\') {
                peek.ptr++;
                char word[WORD_MAX];
                size_t n = 0;
                while (!pf_cur_at_end(&peek) && n + 1 < sizeof(word) &&
                       ((*peek.ptr >= 'a' && *peek.ptr <= 'z') ||
                        (*peek.ptr >= 'A' && *peek.ptr <= 'Z')))
                    word[n++] = *peek.ptr++;
                word[n] = '\0';
                if (strcmp(word, "fldinst") != 0)
                    top(r)->dest = DEST_SKIP;
            } else {
                top(r)->dest = DEST_SKIP;
            }
        } else if (next == '~') {
            put_cp(r, 0xA0);
        } else if (next == '_') {
            put_cp(r, '-');
        } else if (next == '\\' || next == '{' || next == '}') {
            put_cp(r, (unsigned char)next);
        } else if (next == '\n' || next == '\r') {
            end_block(r);
        }
        return;
    }
    char word[WORD_MAX];
    size_t n = 0;
    while (!pf_cur_at_end(cur) &&
           ((*cur->ptr >= 'a' && *cur->ptr <= 'z') || (*cur->ptr >= 'A' && *cur->ptr <= 'Z'))) {
        if (n + 1 < sizeof(word))
            word[n++] = *cur->ptr;
        cur->ptr++;
    }
    word[n] = '\0';
    bool negative = false;
    bool has_arg = false;
    int64_t arg = 0;
    if (!pf_cur_at_end(cur) && *cur->ptr == '-') {
        negative = true;
        cur->ptr++;
    }
    while (!pf_cur_at_end(cur) && *cur->ptr >= '0' && *cur->ptr <= '9') {
        if (arg < 100000000)
            arg = arg * 10 + (*cur->ptr - '0');
        has_arg = true;
        cur->ptr++;
    }
    if (negative)
        arg = -arg;
    if (!pf_cur_at_end(cur) && *cur->ptr == ' ')
        cur->ptr++;
    if (strcmp(word, "bin") == 0 && has_arg) {
        /* \binN: N raw bytes that must not be tokenized. */
        size_t skip = arg > 0 ? (size_t)arg : 0;
        cur->ptr += skip < pf_cur_left(cur) ? skip : pf_cur_left(cur);
        return;
    }
    if (r->skip_fallback > 0 && strcmp(word, "u") != 0) {
        r->skip_fallback--;
        return;
    }
    int32_t value = arg > INT32_MAX ? INT32_MAX : arg < INT32_MIN ? INT32_MIN : (int32_t)arg;
    control_word(r, word, has_arg, value, false);
}

pf_status pf_ingest_read_rtf(struct pf_doc_builder *b, struct pf_str bytes)
{
    struct pf_str text = pf_str_trim(bytes);
    if (!pf_str_starts_with(text, PF_STR("{\\rtf")))
        return pf_builder_fail(b, PF_E_CORRUPT, NULL, "not an RTF document");
    struct rtf *r = pf_xcalloc(1, sizeof(*r));
    r->b = b;
    r->cur = pf_cur_of(text);
    r->max_depth = b->limits->max_xml_depth + 2;
    r->groups = pf_xcalloc(r->max_depth + 1, sizeof(*r->groups));
    r->doc_codepage = 1252;
    r->groups[0].codepage = 1252;
    r->groups[0].uc = 1;
    r->groups[0].style = (struct pf_span_style)PF_SPAN_STYLE_INIT;
    r->fonttbl_font = -1;
    r->field_link = -1;
    struct pf_block_attrs attrs = PF_BLOCK_ATTRS_INIT;
    r->para = attrs;
    pf_buf_init(&r->field, 4096);
    pf_buf_init(&r->info, 1024);
    pf_builder_page(b, 0, 0);
    unsigned steps = 0;
    while (!pf_cur_at_end(&r->cur) && b->status == PF_OK) {
        if (++steps % 4096 == 0 && pf_builder_check_time(b) != PF_OK)
            break;
        step(r);
    }
    end_block(r);
    pf_status st = b->status;
    pf_buf_fini(&r->field);
    pf_buf_fini(&r->info);
    free(r->groups);
    free(r);
    return st;
}
