/* Private to src/parse/ and its unit tests: the parser's line model, sections, values and the
 * extractors' entry points. */
#ifndef PF_PARSE_PARSE_INT_H
#define PF_PARSE_PARSE_INT_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/common.h"
#include "base/str.h"
#include "ingest/document.h"
#include "parse/parse.h"

/* Sections a heading can open. PF_SEC_HEADER is the text before the first heading. */
enum pf_sec {
    PF_SEC_HEADER = 0,
    PF_SEC_OTHER, /* a heading we know is one but do not map (e.g. "Personal") */
    PF_SEC_SUMMARY,
    PF_SEC_CONTACT,
    PF_SEC_WORK,
    PF_SEC_VOLUNTEER,
    PF_SEC_EDUCATION,
    PF_SEC_SKILLS,
    PF_SEC_LANGUAGES,
    PF_SEC_CERTIFICATES,
    PF_SEC_PROJECTS,
    PF_SEC_AWARDS,
    PF_SEC_PUBLICATIONS,
    PF_SEC_INTERESTS,
    PF_SEC_REFERENCES,
    PF_SEC_COUNT_
};

/* "header", "work", ... (the JSON Resume key where there is one). */
const char *pf_sec_name(enum pf_sec sec);

/* A byte range [start, end) of raw_text. */
struct pf_span {
    size_t start;
    size_t end;
};

/* One line as the parser sees it: a visual line of the document (or one tab cell of it, when
 * the reader interleaved two columns), trimmed, with a leading bullet glyph skipped. */
struct pf_pline {
    size_t start, end;     /* bytes of raw_text */
    size_t block;          /* index of the document block */
    enum pf_block_kind kind;
    uint32_t bflags;       /* PF_BLOCK_* of the block */
    int level;
    int page;
    int column;
    int table, row, col;   /* table cell position, -1 outside tables */
    float size;            /* dominant font size in points, 0 unknown */
    float x0, y0, x1, y1;  /* box; all 0 without geometry */
    float right;           /* right edge of the text column this line sits in */
    bool has_geom;
    bool bold;             /* most characters bold */
    bool lead_bold;        /* the first word's span is bold */
    float lead_size;       /* the first word's font size */
    bool caps;             /* letters all upper case (or small caps) */
    bool bullet;           /* list item or bullet glyph */
    bool glyph;            /* a bullet glyph was skipped */
    bool indented;         /* starts right of its section's left edge (PDF) */
    bool block_first;      /* first line of its block */
    int32_t link;          /* first hyperlink on the line, -1 none */
    enum pf_sec heading;   /* the section this line opens, when is_heading */
    bool is_heading;
    bool is_sub;           /* a sub-heading inside an entry ("Highlights", "Courses") */
    bool skip;             /* absorbed into the heading above (a heading set on two lines) */
};

struct pf_section {
    enum pf_sec kind;
    long heading;          /* line index of its heading, -1 for the header block */
    size_t first;          /* first content line */
    size_t count;          /* content lines */
    float confidence;
};

/* An extracted value: cleaned text (arena) and the raw_text span it came from. */
struct pf_val {
    const char *text;      /* NULL: absent */
    size_t start, end;
    float conf;
};

/* A calendar date as far as the text says: month and day 0 when unknown. */
struct pf_date {
    int year;
    int month;
    int day;
};

/* A date or date range found in text. Offsets are relative to the scanned string. */
struct pf_date_range {
    struct pf_date start;
    struct pf_date end;
    bool has_start;
    bool has_end;
    bool present;          /* the range is open: "– Present", "since 2017" */
    size_t match_start;    /* bytes matched, relative to the scanned string */
    size_t match_end;
};

/* The parser's working state for one document; everything lives in arena. */
struct pf_parse {
    const struct pf_document *doc;
    struct pf_arena *arena;
    const char *raw;       /* raw_text */
    size_t raw_len;
    struct pf_pline *lines;
    size_t line_count;
    struct pf_section *sections;
    size_t section_count;
    float body_size;       /* the most common font size, by characters */
    bool body_bold;
    bool geometry;         /* the document has boxes (PDF) */
    struct pf_date as_of;  /* reference day for "Present"; year 0 when unknown */
    json_t *resume;        /* the result being built */
    json_t *fields;        /* meta.fields */
    json_t *current;       /* meta.current: pointers of entries still ongoing */
    json_t *section_diag;  /* diagnostics: sections */
    const char *basics_url;  /* website taken into basics, to keep it out of profiles */
};

/* --- parse_text.c: text helpers over raw_text --- */

/* Folds a UTF-8 string for vocabulary matching into out (NUL-terminated, at most cap-1 bytes):
 * ASCII lower case, Latin accents dropped (é -> e, ß -> ss), '&' -> " and ", every other
 * non-alphanumeric character a space, runs of spaces collapsed, trimmed. Returns the length. */
size_t pf_fold(struct pf_str in, char *out, size_t cap);
/* True when code point cp is a bullet glyph or an icon (private use, U+FFFD, dingbats). */
bool pf_is_bullet_cp(int32_t cp);
bool pf_is_icon_cp(int32_t cp);
/* The cleaned text of raw bytes [start, end): icons dropped, whitespace collapsed to one space,
 * trimmed, separators (",;:|·•-") trimmed at both ends. Arena copy; "" when nothing is left. */
const char *pf_clean(struct pf_parse *p, size_t start, size_t end);
/* A value from raw bytes [start, end) (cleaned; text NULL when empty). */
struct pf_val pf_val_span(struct pf_parse *p, size_t start, size_t end, float conf);
/* A value whose text is given (arena copy) with the span it was derived from. */
struct pf_val pf_val_text(struct pf_parse *p, const char *text, size_t start, size_t end,
                          float conf);
/* The view of raw bytes [start, end). */
struct pf_str pf_raw(const struct pf_parse *p, size_t start, size_t end);
/* Trims ASCII/Unicode spaces, icons and the given edge punctuation from span s. */
struct pf_span pf_trim_span(const struct pf_parse *p, struct pf_span s, const char *edge);
/* Splits [start, end) into cells at tabs, icons, " | ", " · ", " • " and ";" into out (at most
 * max); returns the count of non-empty, trimmed cells. */
size_t pf_cells(const struct pf_parse *p, size_t start, size_t end, struct pf_span *out,
                size_t max);
/* Counts words (runs of letters/digits) in s; *out_letters gets the count of letters and
 * *out_upper of upper-case letters (either may be NULL). */
size_t pf_word_count(struct pf_str s, size_t *out_letters, size_t *out_upper);
/* True when s contains a letter or digit. */
bool pf_has_alnum(struct pf_str s);
/* Case-insensitive ASCII search for a whole word (bounded by non-letters). -1 when absent. */
long pf_find_word(struct pf_str s, const char *word);
/* True when folded text (from pf_fold) equals one of the NULL-terminated words. */
bool pf_in_list(const char *folded, const char *const *list);
/* True when any whole word of folded text is in list (multi-word entries match as phrases). */
bool pf_has_listed_word(const char *folded, const char *const *list);

/* --- parse_lines.c --- */

/* Builds p->lines from the document, in reading order: text boxes, headers and footers
 * included, empty lines dropped, bullet glyphs skipped, per-line style summarised. */
void pf_lines_build(struct pf_parse *p);

/* --- parse_sections.c --- */

/* The section a heading text opens, or PF_SEC_HEADER when the words are no section heading.
 * English, German, French and Spanish vocabulary. *out_sub is set for sub-headings that
 * belong inside an entry ("Highlights", "Courses"). */
enum pf_sec pf_heading_kind(struct pf_str text, bool *out_sub);
/* Marks headings among p->lines (vocabulary plus style) and fills p->sections. */
void pf_sections_find(struct pf_parse *p);

/* --- parse_dates.c --- */

/* Finds the first date or date range in s ("Jan 2020 – Present", "2019-01-01 TO 2020-05-31",
 * "since 2017", "Summer 2018", "03/2021", "Mon, YYYY", "heute", "aujourd'hui"...). */
bool pf_date_find(struct pf_str s, struct pf_date_range *out);
/* Parses the whole of s (trimmed) as one date; false when anything else is left. */
bool pf_date_parse(struct pf_str s, struct pf_date *out);
/* True when the whole of s is a date, a date range or a "Present" word plus noise such as
 * "Issued on:", a duration ("2 years 7 months") or separators. */
bool pf_is_date_only(struct pf_str s);
/* True when s is only a duration ("2 years 7 months", "8 mos"). */
bool pf_is_duration(struct pf_str s);
/* Writes "YYYY-MM-DD", "YYYY-MM" or "YYYY" (the precision the date has) into out. */
void pf_date_format(struct pf_date d, char out[16]);
/* True when s (already trimmed) is a "Present"-like word in any supported language. */
bool pf_is_present_word(struct pf_str s);

/* --- parse_contact.c --- */

/* Finds an e-mail address in s; the match is [*out_start, *out_end) relative to s. */
bool pf_find_email(struct pf_str s, size_t *out_start, size_t *out_end);
/* Finds a phone number (7 to 15 digits, international formats, not a date range). */
bool pf_find_phone(struct pf_str s, size_t *out_start, size_t *out_end);
/* Finds a URL (scheme, www. or a bare domain with a known TLD). */
bool pf_find_url(struct pf_str s, size_t *out_start, size_t *out_end);
/* The profile network ("GitHub", "LinkedIn", ...) a URL belongs to, or NULL; the username
 * (arena copy) in *out_user when the URL has one. */
const char *pf_url_network(struct pf_parse *p, struct pf_str url, const char **out_user);
/* The network named by a word ("github", "LinkedIn", "X"), canonical spelling, or NULL. */
const char *pf_network_name(struct pf_str word);
/* An absolute URL for u (https:// added to a bare domain); arena copy. */
const char *pf_url_absolute(struct pf_parse *p, struct pf_str u);
/* ISO 3166-1 alpha-2 code of a country name or code (en/de/fr/es), or NULL. */
const char *pf_country_code(struct pf_str name);
/* True when s names a US state / Canadian province (code or full name). */
bool pf_is_region(struct pf_str s);
/* Parses a location text ("San Francisco, CA", "Berlin, Deutschland", "10115 Berlin")
 * into basics-style fields. Returns false when s does not look like a location. */
struct pf_location {
    struct pf_val city, region, country, postal, address;
};
bool pf_location_parse(struct pf_parse *p, size_t start, size_t end, struct pf_location *out);
/* True when [start, end) looks like a place ("Austin, TX", "Remote", "Paris, France"). */
bool pf_looks_like_location(struct pf_parse *p, size_t start, size_t end);
/* Extracts basics contacts (email, phone, url, profiles, location) from the header, contact
 * and sidebar lines into basics. */
void pf_contact_extract(struct pf_parse *p, json_t *basics, json_t *meta);

/* --- parse_header.c --- */

/* True when s reads as a person's name: 2 to 5 capitalised words of letters. */
bool pf_name_like(struct pf_str s);
/* Name, label and summary from the header block (and a summary section), into basics. */
void pf_header_extract(struct pf_parse *p, json_t *basics, json_t *meta);

/* --- parse_entries.c: a section's lines as entries of header lines and body items --- */

#define PF_ENTRY_MAX_HEAD 12
#define PF_ENTRY_MAX_ITEMS 64

struct pf_entry {
    size_t head[PF_ENTRY_MAX_HEAD];   /* line indexes of the header lines */
    size_t head_count;
    struct pf_span items[PF_ENTRY_MAX_ITEMS]; /* body paragraphs / bullets, wraps joined */
    bool item_bullet[PF_ENTRY_MAX_ITEMS];
    size_t item_count;
    struct pf_span courses[PF_ENTRY_MAX_ITEMS]; /* items after a "Courses" sub-heading */
    size_t course_count;
    struct pf_date_range dates;
    bool has_dates;
    struct pf_span date_span;         /* raw span of the dates */
};

/* Splits section s into entries (arena array in *out_entries). */
size_t pf_entries_split(struct pf_parse *p, const struct pf_section *s,
                        struct pf_entry **out_entries);
/* True when line i reads as body text (a sentence or bullet), not an entry header. */
bool pf_line_is_body(const struct pf_parse *p, size_t i);

/* --- output helpers (parse.c) --- */

/* obj[key] = v.text and meta[key] = {confidence, start, end}; nothing when v.text is NULL. */
void pf_put(json_t *obj, json_t *meta, const char *key, struct pf_val v);
/* Appends v.text to the array obj[key] (created on demand), meta["key/i"] likewise. */
void pf_push(json_t *obj, json_t *meta, const char *key, struct pf_val v);
/* Sets a date member from a pf_date. */
void pf_put_date(json_t *obj, json_t *meta, const char *key, struct pf_date d, struct pf_span sp,
                 float conf);
/* Appends entry (with its per-entry meta) to resume[section] and moves the meta under
 * "/section/index/"; marks it current when ongoing. Takes both references. */
void pf_commit(struct pf_parse *p, const char *section, json_t *entry, json_t *meta,
               bool ongoing);

/* --- parse_resume.c --- */

/* A copy of an imported JSON Resume with its dates normalised to the schema's forms ("Present"
 * end dates dropped, "Jan 2020" -> "2020-01"), empty strings removed. */
PF_MUST_CHECK pf_status pf_resume_import(const json_t *resume, const struct pf_parse_options *opts,
                                         json_t **out_resume, struct pf_error *err);

/* --- the extractors --- */

void pf_work_extract(struct pf_parse *p, const struct pf_section *s, bool volunteer);
void pf_education_extract(struct pf_parse *p, const struct pf_section *s);
/* True when line names a school ("... University", "Hochschule ...") / starts with a degree. */
bool pf_is_school_line(struct pf_parse *p, size_t line);
bool pf_is_degree_line(struct pf_parse *p, size_t line);
/* True when [start, end) is a grade ("3.8 GPA", "GPA: 3.81/4.0", "4.0"). */
bool pf_is_score(struct pf_parse *p, size_t start, size_t end);
/* True when [start, end) starts with a course code ("CS 144 - ", "CSE451: "). */
bool pf_course_code_at(const struct pf_parse *p, size_t start, size_t end);
void pf_skills_extract(struct pf_parse *p, const struct pf_section *s);
/* The first line of skill groups hidden in a section without a skills heading (at least
 * min_groups of them: a short name over a level word alone on its line), or -1. */
long pf_skills_hidden(struct pf_parse *p, const struct pf_section *s, size_t min_groups);
void pf_languages_extract(struct pf_parse *p, const struct pf_section *s);
void pf_interests_extract(struct pf_parse *p, const struct pf_section *s);
/* Adds languages when line i is nothing but a list of language names ("English, Spanish"). */
void pf_languages_from_line(struct pf_parse *p, size_t i);
void pf_projects_extract(struct pf_parse *p, const struct pf_section *s);
/* Awards, certificates and publications: title, issuer, date, summary. */
void pf_awards_extract(struct pf_parse *p, const struct pf_section *s);
void pf_references_extract(struct pf_parse *p, const struct pf_section *s);

/* --- parse_work.c: field classification shared by the entry extractors --- */

/* Scores how much [start, end) reads as a job title (> 0) or an organisation (< 0). */
int pf_role_score(const struct pf_parse *p, size_t start, size_t end);

#endif
