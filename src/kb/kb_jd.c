/* Job-description skill extraction: matches, their sentences and section headings, and the
 * cue words that make a requirement required or preferred. */
#include "kb/kb_jd.h"

#include <math.h>
#include <string.h>
#include <strings.h>

#include "base/json.h"
#include "kb/kb_match.h"
#include "kb/kb_text.h"

#define HEADING_MAX_BYTES 80

static const char *const preferred_cues[] = {
    "nice to have", "nice-to-have", "bonus", "preferred", "desirable", "a plus", "is a plus",
    "are a plus", "plus:", "advantage", "advantageous", "good to have", "ideally", "optional",
    "would be great", "extra credit", "not required", "pluspunkt", "wünschenswert", "familiarity",
    "exposure to", "is welcome", "are welcome", "appreciated", "even better",
};
static const char *const required_cues[] = {
    "must", "required", "requirement", "requirements", "essential", "mandatory", "minimum",
    "you have", "you bring", "what you bring", "you will need", "you'll need", "we expect",
    "qualifications", "proficient", "proficiency", "strong", "solid", "expert", "expertise",
    "experience with", "experience in", "hands-on", "deep knowledge", "who you are",
    "about you", "your profile", "what we're looking for", "what we are looking for",
    "looking for", "skills", "need to have", "need-to-have", "years of",
};

const char *pf_kb_requirement_name(enum pf_kb_requirement requirement)
{
    switch (requirement) {
    case PF_KB_REQ_UNKNOWN:
        return "unknown";
    case PF_KB_REQ_PREFERRED:
        return "preferred";
    case PF_KB_REQ_REQUIRED:
        return "required";
    }
    return "unknown";
}

static bool contains_ci(struct pf_str hay, const char *needle)
{
    size_t len = strlen(needle);
    for (size_t i = 0; i + len <= hay.len; i++) {
        if (strncasecmp(hay.ptr + i, needle, len) != 0)
            continue;
        bool left = i == 0 || !((hay.ptr[i - 1] | 0x20) >= 'a' && (hay.ptr[i - 1] | 0x20) <= 'z');
        char after = i + len < hay.len ? hay.ptr[i + len] : ' ';
        bool right = !((after | 0x20) >= 'a' && (after | 0x20) <= 'z');
        if (left && right)
            return true;
    }
    return false;
}

static enum pf_kb_requirement cues_of(struct pf_str text)
{
    for (size_t i = 0; i < PF_ARRAY_LEN(preferred_cues); i++) {
        if (contains_ci(text, preferred_cues[i]))
            return PF_KB_REQ_PREFERRED;
    }
    for (size_t i = 0; i < PF_ARRAY_LEN(required_cues); i++) {
        if (contains_ci(text, required_cues[i]))
            return PF_KB_REQ_REQUIRED;
    }
    return PF_KB_REQ_UNKNOWN;
}

/* A line that heads a section: "# ...", "**...**", or short text ending in ':' (or with no
 * sentence punctuation at all and few words). */
static bool is_heading(struct pf_str line)
{
    struct pf_str trimmed = pf_str_trim(line);
    if (trimmed.len == 0 || trimmed.len > HEADING_MAX_BYTES)
        return false;
    if (trimmed.ptr[0] == '#')
        return true;
    if (trimmed.len > 4 && trimmed.ptr[0] == '*' && trimmed.ptr[1] == '*' &&
        trimmed.ptr[trimmed.len - 1] == '*')
        return true;
    char last = trimmed.ptr[trimmed.len - 1];
    if (last == ':')
        return true;
    if (last == '.' || last == ',' || last == ';' || trimmed.ptr[0] == '-' || trimmed.ptr[0] == '*')
        return false;
    size_t words = 1;
    for (size_t i = 0; i < trimmed.len; i++)
        words += trimmed.ptr[i] == ' ';
    return words <= 6;
}

static int years_in(struct pf_str sentence)
{
    int best = -1;
    for (size_t i = 0; i < sentence.len; i++) {
        if (sentence.ptr[i] < '0' || sentence.ptr[i] > '9' ||
            (i > 0 && sentence.ptr[i - 1] >= '0' && sentence.ptr[i - 1] <= '9'))
            continue;
        int value = 0;
        size_t j = i;
        while (j < sentence.len && j - i < 2 && sentence.ptr[j] >= '0' && sentence.ptr[j] <= '9')
            value = value * 10 + (sentence.ptr[j++] - '0');
        /* "3+ years", "3-5 years", "3 to 5 years", "three years" is left out */
        while (j < sentence.len && strchr("+-–— to", sentence.ptr[j]) && j - i < 10) {
            if (sentence.ptr[j] >= '0' && sentence.ptr[j] <= '9')
                break;
            j++;
        }
        while (j < sentence.len && sentence.ptr[j] >= '0' && sentence.ptr[j] <= '9')
            j++;
        while (j < sentence.len && (sentence.ptr[j] == ' ' || sentence.ptr[j] == '+'))
            j++;
        if (j + 4 <= sentence.len && (strncasecmp(sentence.ptr + j, "year", 4) == 0 ||
                                      strncasecmp(sentence.ptr + j, "yrs", 3) == 0)) {
            if (value > best && value <= 40)
                best = value;
        }
    }
    return best;
}

/* The sentence around [start, end): bounded by a line break or sentence punctuation. */
static void sentence_of(struct pf_str text, size_t start, size_t end, uint32_t *out_start,
                        uint32_t *out_end)
{
    size_t s = start;
    while (s > 0) {
        char c = text.ptr[s - 1];
        if (c == '\n' || ((c == '.' || c == '!' || c == '?') && s < text.len && text.ptr[s] == ' '))
            break;
        s--;
    }
    size_t e = end;
    while (e < text.len) {
        char c = text.ptr[e];
        if (c == '\n' || ((c == '.' || c == '!' || c == '?') &&
                          (e + 1 == text.len || text.ptr[e + 1] == ' ' || text.ptr[e + 1] == '\n')))
            break;
        e++;
    }
    *out_start = (uint32_t)s;
    *out_end = (uint32_t)e;
}

pf_status pf_kb_jd_extract(const struct pf_kb *kb, struct pf_str text, struct pf_arena *arena,
                           struct pf_kb_jd *out, struct pf_error *err)
{
    struct pf_kb_matches matches = PF_KB_MATCHES_INIT;
    memset(out, 0, sizeof(*out));
    pf_status st = pf_kb_match(kb, text, 0, &matches, err);
    if (st != PF_OK)
        goto done;
    out->mentions = pf_arena_alloc(arena, (matches.count + 1) * sizeof(*out->mentions));
    out->skills = pf_arena_alloc(arena, (matches.count + 1) * sizeof(*out->skills));
    /* Walk lines once, tracking the current heading, while consuming matches in order. */
    size_t next = 0;
    size_t line_start = 0;
    struct pf_str heading = PF_STR_NULL;
    size_t heading_at = 0;
    enum pf_kb_requirement heading_req = PF_KB_REQ_UNKNOWN;
    while (line_start <= text.len && next < matches.count) {
        size_t line_end = line_start;
        while (line_end < text.len && text.ptr[line_end] != '\n')
            line_end++;
        struct pf_str line = pf_str_make(text.ptr + line_start, line_end - line_start);
        if (is_heading(line)) {
            heading = pf_str_trim(line);
            heading_at = (size_t)(heading.ptr - text.ptr);
            heading_req = cues_of(heading);
        }
        while (next < matches.count && matches.items[next].start < line_end + 1) {
            const struct pf_kb_match *m = &matches.items[next++];
            struct pf_kb_jd_mention *mention = &out->mentions[out->mention_count++];
            mention->concept = m->concept;
            mention->start = m->start;
            mention->end = m->end;
            mention->confidence = m->confidence;
            sentence_of(text, m->start, m->end, &mention->sentence_start, &mention->sentence_end);
            struct pf_str sentence = pf_str_make(text.ptr + mention->sentence_start,
                                                 mention->sentence_end - mention->sentence_start);
            bool own_heading = heading.ptr && heading_at == line_start;
            mention->requirement = cues_of(sentence);
            if (mention->requirement == PF_KB_REQ_UNKNOWN && !own_heading)
                mention->requirement = heading_req;
            mention->years_min = years_in(sentence);
            if (heading.ptr && !own_heading) {
                mention->heading_start = (uint32_t)heading_at;
                mention->heading_end = (uint32_t)(heading_at + heading.len);
            }
        }
        line_start = line_end + 1;
    }
    for (size_t i = 0; i < out->mention_count; i++) {
        const struct pf_kb_jd_mention *mention = &out->mentions[i];
        struct pf_kb_jd_skill *skill = NULL;
        for (size_t k = 0; k < out->skill_count && !skill; k++) {
            if (out->skills[k].concept == mention->concept)
                skill = &out->skills[k];
        }
        if (!skill) {
            skill = &out->skills[out->skill_count++];
            skill->concept = mention->concept;
            skill->first_mention = i;
            skill->years_min = -1;
        }
        skill->mention_count++;
        if (mention->requirement > skill->requirement)
            skill->requirement = mention->requirement;
        if (mention->years_min > skill->years_min)
            skill->years_min = mention->years_min;
        if (mention->confidence > skill->confidence)
            skill->confidence = mention->confidence;
    }
done:
    pf_kb_matches_fini(&matches);
    return st;
}

json_t *pf_kb_jd_to_json(const struct pf_kb *kb, struct pf_str text, const struct pf_kb_jd *jd)
{
    json_t *skills = json_array();
    for (size_t k = 0; k < jd->skill_count; k++) {
        const struct pf_kb_jd_skill *skill = &jd->skills[k];
        json_t *item = json_object();
        json_object_set_new(item, "concept", json_string(pf_kb_concept_name(kb, skill->concept)));
        json_object_set_new(item, "category", json_string(pf_kb_category_name(
                                                  pf_kb_concept_category(kb, skill->concept))));
        json_object_set_new(item, "requirement",
                            json_string(pf_kb_requirement_name(skill->requirement)));
        if (skill->years_min >= 0)
            json_object_set_new(item, "years_min", json_integer(skill->years_min));
        json_object_set_new(item, "confidence",
                            json_real(round((double)skill->confidence * 100.0) / 100.0));
        json_t *mentions = json_array();
        for (size_t i = skill->first_mention; i < jd->mention_count; i++) {
            const struct pf_kb_jd_mention *m = &jd->mentions[i];
            if (m->concept != skill->concept)
                continue;
            json_t *mention = json_object();
            json_object_set_new(mention, "start", json_integer(m->start));
            json_object_set_new(mention, "end", json_integer(m->end));
            json_object_set_new(mention, "text",
                                pf_json_string_str(pf_str_make(text.ptr + m->start, m->end - m->start)));
            json_object_set_new(mention, "sentence",
                                pf_json_string_str(pf_str_make(text.ptr + m->sentence_start,
                                                               m->sentence_end - m->sentence_start)));
            if (m->heading_end > m->heading_start)
                json_object_set_new(mention, "heading",
                                    pf_json_string_str(pf_str_make(text.ptr + m->heading_start,
                                                                   m->heading_end - m->heading_start)));
            json_object_set_new(mention, "requirement",
                                json_string(pf_kb_requirement_name(m->requirement)));
            json_array_append_new(mentions, mention);
        }
        json_object_set_new(item, "mentions", mentions);
        json_array_append_new(skills, item);
    }
    json_t *out = json_object();
    json_object_set_new(out, "skills", skills);
    return out;
}
