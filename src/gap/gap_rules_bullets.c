/* Rule family "bullets": outcomes, numbers, verbs, voice, person and length of experience
 * bullets (highlights of work, volunteer and projects). */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gap/gap_int.h"

#define BULLET_MAX_WORDS 35
#define BULLET_MIN_WORDS 4
#define BULLETS_PER_ENTRY_MAX 8
#define REPEATED_VERB_MIN 3
#define RECENT_MONTHS 120

static const char *const weak_openings[] = {
    "responsible for", "helped", "helping", "assisted", "assisting", "worked on", "working on",
    "worked with", "involved in", "participated in", "duties included", "tasked with",
    "in charge of", "was part of", "part of", "took part in", "handled", "dealt with", NULL};

static const char *const outcome_stems[] = {
    "increas", "reduc", "cut ", "saving", "saved", "save ", "improv", "grew", "grow", "boost",
    "accelerat", "decreas", "eliminat", "lowered", "raised", "doubl", "tripl", "generat",
    "achiev", "exceed", "outperform", "expand", "result", "led to", "leading to", "so that",
    "enabl", "faster", "fewer", "prevent", "won ", "award", "adopted", "launched", "deliver",
    "shipped", "revenue", "profit", "conversion", "retention", "churn", "satisfaction",
    "promoted", "recogni", "first ", "record", "unblock", "streamlin", "automat", "optimi",
    NULL};

static const char *const first_person[] = {"i", "my", "me", "mine", "myself", "i'm", "i've",
                                           "i'd", "i'll", NULL};

static const char *const be_forms[] = {"was", "were", "been", "being", "is", "are", "got", NULL};

static const char *const irregular_participles[] = {
    "built", "written", "done", "made", "run", "given", "taken", "chosen", "shown", "known",
    "seen", "held", "sent", "kept", "brought", "bought", "taught", "put", "set", "begun", NULL};

/* Passives that state an achievement and read fine on a CV. */
static const char *const achievement_passives[] = {
    "promoted", "awarded", "selected", "nominated", "invited", "elected", "chosen", "recognised",
    "recognized", "hired", "based", "named", "featured", "shortlisted", "accepted", NULL};

static const struct {
    const char *verb;
    const char *alternatives;
} synonyms[] = {
    {"led", "directed, headed, guided"},       {"managed", "oversaw, ran, coordinated"},
    {"developed", "built, engineered, created"}, {"built", "designed, implemented, shipped"},
    {"created", "designed, established, launched"}, {"worked", "delivered, drove, executed"},
    {"implemented", "rolled out, deployed, introduced"}, {"designed", "architected, shaped, drafted"},
    {"improved", "raised, strengthened, sped up"}, {"supported", "enabled, backed, served"},
};

static bool contains_stem(const char *text, const char *const *stems)
{
    char lower[1024];
    size_t len = 0;
    for (const char *c = text; *c && len + 2 < sizeof(lower); c++)
        lower[len++] = (char)tolower((unsigned char)*c);
    lower[len++] = ' ';
    lower[len] = '\0';
    for (size_t i = 0; stems[i]; i++) {
        if (strstr(lower, stems[i]))
            return true;
    }
    return false;
}

/* The lower-cased words of text (at most max), letters and apostrophes only. */
static size_t words_of(const char *text, char words[][32], size_t max)
{
    size_t count = 0;
    const char *c = text;
    while (*c && count < max) {
        while (*c && !isalpha((unsigned char)*c))
            c++;
        size_t len = 0;
        while (*c && (isalpha((unsigned char)*c) || *c == '\'')) {
            if (len + 1 < 32)
                words[count][len++] = (char)tolower((unsigned char)*c);
            c++;
        }
        if (len) {
            words[count][len] = '\0';
            count++;
        }
    }
    return count;
}

static bool is_participle(const char *word)
{
    size_t len = strlen(word);
    return (len > 4 && strcmp(word + len - 2, "ed") == 0) ||
           gap_word_in(word, irregular_participles);
}

/* The passive phrase in text ("was implemented"), or false. */
static bool find_passive(const char *text, char *out, size_t cap)
{
    char words[80][32];
    size_t count = words_of(text, words, 80);
    for (size_t i = 0; i + 1 < count; i++) {
        if (!gap_word_in(words[i], be_forms))
            continue;
        size_t next = i + 1;
        size_t adv = strlen(words[next]);
        if (adv > 3 && strcmp(words[next] + adv - 2, "ly") == 0 && next + 1 < count)
            next++;
        if (is_participle(words[next]) && !gap_word_in(words[next], achievement_passives)) {
            snprintf(out, cap, "%.31s %.31s", words[i], words[next]);
            return true;
        }
    }
    return false;
}

static bool find_first_person(const char *text, char *out, size_t cap)
{
    char words[80][32];
    size_t count = words_of(text, words, 80);
    for (size_t i = 0; i < count; i++) {
        if (gap_word_in(words[i], first_person)) {
            snprintf(out, cap, "%.31s", words[i]);
            return true;
        }
    }
    return false;
}

static const char *weak_opening(const char *text)
{
    char lower[64];
    size_t len = 0;
    const char *c = text;
    while (*c && !isalpha((unsigned char)*c))
        c++;
    for (; *c && len + 1 < sizeof(lower); c++)
        lower[len++] = (char)tolower((unsigned char)*c);
    lower[len] = '\0';
    for (size_t i = 0; weak_openings[i]; i++) {
        size_t n = strlen(weak_openings[i]);
        if (strncmp(lower, weak_openings[i], n) == 0 && !isalpha((unsigned char)lower[n]))
            return weak_openings[i];
    }
    return NULL;
}

static void normalise(const char *text, char *out, size_t cap)
{
    size_t len = 0;
    for (const char *c = text; *c && len + 1 < cap; c++) {
        if (isalnum((unsigned char)*c) || (unsigned char)*c >= 0x80)
            out[len++] = (char)tolower((unsigned char)*c);
    }
    out[len] = '\0';
}

static void check_one(struct gap_ctx *ctx, const struct gap_text *t)
{
    const char *weak = weak_opening(t->text);
    size_t words = gap_word_count(t->text);
    bool number = gap_has_number(t->text);
    bool outcome = contains_stem(t->text, outcome_stems);
    if (weak)
        gap_issue(ctx, "bullets.weak_verb", t->pointer, weak,
                  "Replace \"%s\" with an action verb for what you did (built, led, cut, "
                  "launched), then the result.",
                  weak);
    if (!number && !outcome)
        gap_issue(ctx, "bullets.no_outcome", t->pointer, NULL,
                  "Say what changed because of this work: add the result (faster, cheaper, "
                  "more users, fewer errors), ideally with a number.");
    else if (!number)
        gap_issue(ctx, "bullets.no_number", t->pointer, NULL,
                  "Quantify the result: by how much (%%), for how many (users, teams), in what "
                  "time or money.");
    char found[80];
    if (find_first_person(t->text, found, sizeof(found)))
        gap_issue(ctx, "bullets.first_person", t->pointer, found,
                  "Drop \"%s\": start the bullet with the action verb.", found);
    if (find_passive(t->text, found, sizeof(found)))
        gap_issue(ctx, "bullets.passive_voice", t->pointer, found,
                  "Rewrite \"%s\" in the active voice, saying who did it (e.g. \"Implemented "
                  "…\" instead of \"was implemented\").",
                  found);
    if (words > BULLET_MAX_WORDS)
        gap_issue(ctx, "bullets.too_long", t->pointer, NULL,
                  "Shorten this bullet from %zu to under %d words, or split it in two.", words,
                  BULLET_MAX_WORDS);
    else if (words < BULLET_MIN_WORDS)
        gap_issue(ctx, "bullets.too_short", t->pointer, NULL,
                  "Expand this bullet: what you did, how, and what it achieved.");
}

static void check_repeated_verbs(struct gap_ctx *ctx)
{
    json_t *counts = json_object();
    for (size_t i = 0; i < ctx->text_count; i++) {
        const struct gap_text *t = &ctx->texts[i];
        if (!t->is_bullet || weak_opening(t->text))
            continue;
        char verb[32];
        gap_first_word(t->text, verb, sizeof(verb));
        if (strlen(verb) < 3)
            continue;
        json_int_t seen = json_integer_value(json_object_get(counts, verb)) + 1;
        json_object_set_new(counts, verb, json_integer(seen));
        if (seen < REPEATED_VERB_MIN)
            continue;
        const char *alternatives = "a more specific verb";
        for (size_t s = 0; s < PF_ARRAY_LEN(synonyms); s++) {
            if (strcmp(synonyms[s].verb, verb) == 0)
                alternatives = synonyms[s].alternatives;
        }
        gap_issue(ctx, "bullets.repeated_verb", t->pointer, verb,
                  "\"%s\" opens %lld bullets so far; vary this one (%s).", verb,
                  (long long)seen, alternatives);
    }
    json_decref(counts);
}

static void check_entries(struct gap_ctx *ctx)
{
    static const char *const sections[] = {"work", "volunteer", "projects"};
    json_t *seen = json_object();
    for (size_t s = 0; s < PF_ARRAY_LEN(sections); s++) {
        size_t i;
        json_t *entry;
        json_array_foreach(json_object_get(ctx->persona, sections[s]), i, entry) {
            char pointer[96];
            size_t bullets = json_array_size(json_object_get(entry, "highlights"));
            snprintf(pointer, sizeof(pointer), "/%s/%zu/highlights", sections[s], i);
            if (bullets > BULLETS_PER_ENTRY_MAX)
                gap_issue(ctx, "bullets.too_many", pointer, NULL,
                          "Keep the %d strongest of these %zu bullets; drop or merge the rest.",
                          BULLETS_PER_ENTRY_MAX, bullets);
            const char *end = pf_json_get_str(entry, "endDate");
            int64_t end_month = ctx->today_month;
            bool recent = !end || !*end ||
                          (gap_date_month(end, true, &end_month) &&
                           ctx->today_month - end_month <= RECENT_MONTHS);
            const char *summary = pf_json_get_str(entry, "summary");
            const char *description = pf_json_get_str(entry, "description");
            if (strcmp(sections[s], "work") == 0 && recent && bullets == 0 &&
                gap_word_count(summary) < 8 && gap_word_count(description) < 8) {
                snprintf(pointer, sizeof(pointer), "/%s/%zu", sections[s], i);
                gap_issue(ctx, "bullets.missing", pointer, NULL,
                          "Add 2-5 bullets to this role: what you owned and what changed "
                          "because of it.");
            }
            size_t j;
            json_t *bullet;
            json_array_foreach(json_object_get(entry, "highlights"), j, bullet) {
                const char *text = json_string_value(bullet);
                char norm[512];
                if (!text)
                    continue;
                normalise(text, norm, sizeof(norm));
                if (strlen(norm) < 12)
                    continue;
                snprintf(pointer, sizeof(pointer), "/%s/%zu/highlights/%zu", sections[s], i, j);
                const char *first = pf_json_get_str(seen, norm);
                if (first)
                    gap_issue(ctx, "bullets.duplicate", pointer, NULL,
                              "This bullet repeats %s; remove one or make them distinct.",
                              first);
                else
                    json_object_set_new(seen, norm, json_string(pointer));
            }
        }
    }
    json_decref(seen);
}

void gap_check_bullets(struct gap_ctx *ctx)
{
    for (size_t i = 0; i < ctx->text_count; i++) {
        const struct gap_text *t = &ctx->texts[i];
        if (t->is_bullet) {
            check_one(ctx, t);
        } else if (strcmp(t->section, "basics") != 0) {
            char found[80];
            if (find_first_person(t->text, found, sizeof(found)))
                gap_issue(ctx, "bullets.first_person", t->pointer, found,
                          "Drop \"%s\": describe the role without the first person.", found);
        }
    }
    check_repeated_verbs(ctx);
    check_entries(ctx);
}
