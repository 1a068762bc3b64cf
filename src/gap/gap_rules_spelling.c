/* Rule family "spelling": narrative text checked with hunspell (libhunspell and Debian's
 * dictionaries), skipping what the taxonomy knows, names, URLs and e-mail addresses. */
#include <ctype.h>
#include <hunspell/hunspell.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "gap/gap_int.h"
#include "kb/kb_text.h"

#define WORD_MAX 48

/* Workplace and technical words common on CVs that Debian's en_US dictionary lacks. */
static const char *const jargon[] = {
    "analytics", "architected", "rearchitected", "backend", "backends", "bootcamp", "bootcamps", "chatbot", "chatbots",
    "codebase", "codebases", "cybersecurity", "dashboarding", "dataset", "datasets", "daypart",
    "devops", "ecommerce", "fintech", "frontend", "frontends", "fullstack", "geospatial",
    "healthtech", "hackathon", "hackathons", "insurtech", "internationalisation",
    "internationalization", "interoperability", "kanban", "lifecycle", "lifecycles",
    "livestream", "localisation", "localization", "microservice", "microservices",
    "middleware", "monorepo", "multicloud", "nonprofit", "nonprofits", "offboarding",
    "onboarding", "onboarded", "opensource", "orchestrator", "pipelining", "proactively",
    "productionised", "productionized", "proptech", "queryable", "reskilling", "roadmap",
    "roadmaps", "runbook", "runbooks", "scalability", "scalable", "serverless", "skillset",
    "skillsets", "stakeholder", "stakeholders", "startup", "startups", "subreddit", "toolchain",
    "toolchains", "toolkit", "toolkits", "upskilled", "upskilling", "upsell", "upselling",
    "walkthrough", "walkthroughs", "webinar", "webinars", "whitepaper", "whitepapers",
    "workstream", "workstreams", "wireframe", "wireframes", "wireframing", "uptime",
    "containerised", "containerized", "automations", "dockerised", "dockerized", "refactor",
    "refactored", "refactoring", "replatformed", "replatforming", "geolocation", "ideation",
    "omnichannel", "preprocessing", "retrospectives", "storyboard", "storyboards", NULL};

struct speller {
    const struct gap_dicts *dicts; /* borrowed: from the pool, or opened for this report */
    int suggestions_left;
    json_t *skip;      /* lower-cased words never flagged: names, employers, places */
    json_t *flagged;   /* words already reported, with their suggestion */
};

static bool known(struct speller *sp, const char *word)
{
    for (size_t i = 0; i < sp->dicts->count; i++) {
        if (Hunspell_spell(sp->dicts->handles[i], word))
            return true;
    }
    return false;
}

static void add_skip_words(json_t *skip, const char *text)
{
    char word[WORD_MAX];
    size_t len = 0;
    for (const char *c = text ? text : "";; c++) {
        if (*c && (isalnum((unsigned char)*c) || (unsigned char)*c >= 0x80)) {
            if (len + 1 < sizeof(word))
                word[len++] = (char)tolower((unsigned char)*c);
            continue;
        }
        if (len) {
            word[len] = '\0';
            json_object_set_new(skip, word, json_true());
            len = 0;
        }
        if (!*c)
            break;
    }
}

/* Names of people, employers, schools and places, which no dictionary holds. */
static void collect_skip_words(const json_t *persona, json_t *skip)
{
    static const struct {
        const char *section;
        const char *field;
    } names[] = {
        {"work", "name"},          {"work", "location"},       {"volunteer", "organization"},
        {"education", "institution"}, {"education", "area"},   {"projects", "name"},
        {"projects", "entity"},    {"certificates", "issuer"}, {"certificates", "name"},
        {"awards", "awarder"},     {"publications", "publisher"}, {"references", "name"},
        {"languages", "language"}, {"interests", "name"},
    };
    const json_t *basics = json_object_get(persona, "basics");
    add_skip_words(skip, pf_json_get_str(basics, "name"));
    const json_t *location = json_object_get(basics, "location");
    add_skip_words(skip, pf_json_get_str(location, "city"));
    add_skip_words(skip, pf_json_get_str(location, "region"));
    for (size_t n = 0; n < PF_ARRAY_LEN(names); n++) {
        size_t i;
        json_t *entry;
        json_array_foreach(json_object_get(persona, names[n].section), i, entry) {
            add_skip_words(skip, pf_json_get_str(entry, names[n].field));
        }
    }
    size_t i;
    json_t *group;
    json_array_foreach(json_object_get(persona, "skills"), i, group) {
        add_skip_words(skip, pf_json_get_str(group, "name"));
        size_t k;
        json_t *keyword;
        json_array_foreach(json_object_get(group, "keywords"), k, keyword) {
            add_skip_words(skip, json_string_value(keyword));
        }
    }
}

/* A token worth checking: letters (and inner hyphens/apostrophes) only, not an acronym, not
 * CamelCase, not a capitalised name in mid-sentence. */
static bool checkable(const char *word, bool sentence_start)
{
    size_t len = strlen(word);
    if (len < 3 || len >= WORD_MAX - 1)
        return false;
    int upper = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)word[i];
        if (c >= 0x80 || isdigit(c))
            return false; /* non-ASCII words: names and other languages more often than typos */
        if (isupper(c))
            upper++;
    }
    if (upper > 1 || (upper == 1 && !isupper((unsigned char)word[0])))
        return false;
    if (upper == 1 && !sentence_start)
        return false;
    return true;
}

static void report(struct gap_ctx *ctx, struct speller *sp, const struct gap_text *t,
                   const char *word)
{
    char lower[WORD_MAX];
    size_t len = 0;
    for (; word[len] && len + 1 < sizeof(lower); len++)
        lower[len] = (char)tolower((unsigned char)word[len]);
    lower[len] = '\0';
    const json_t *prior = json_object_get(sp->flagged, lower);
    const char *suggestion = json_string_value(prior);
    if (!prior) {
        suggestion = NULL;
        if (sp->suggestions_left > 0) {
            sp->suggestions_left--;
            char **list = NULL;
            int n = Hunspell_suggest(sp->dicts->handles[0], &list, word);
            if (n > 0)
                json_object_set_new(sp->flagged, lower, json_string(list[0]));
            Hunspell_free_list(sp->dicts->handles[0], &list, n);
        }
        if (!json_object_get(sp->flagged, lower))
            json_object_set_new(sp->flagged, lower, json_null());
        suggestion = json_string_value(json_object_get(sp->flagged, lower));
    }
    if (suggestion)
        gap_issue(ctx, "spelling.misspelled", t->pointer, lower,
                  "Replace \"%s\" with \"%s\" (or, if it is a name or a term of art, ignore "
                  "this).",
                  word, suggestion);
    else
        gap_issue(ctx, "spelling.misspelled", t->pointer, lower,
                  "Check the spelling of \"%s\": the dictionary does not know it.", word);
}

/* Byte ranges of text the taxonomy recognises (tool and skill names are not typos). */
static void kb_spans(const struct pf_kb *kb, const char *text, struct pf_kb_matches *out)
{
    struct pf_error err = PF_ERROR_INIT;
    if (!kb || pf_kb_match(kb, pf_str_from_cstr(text), PF_KB_MATCH_ALL, out, &err) != PF_OK)
        out->count = 0;
}

static bool in_spans(const struct pf_kb_matches *m, size_t start, size_t end)
{
    for (size_t i = 0; i < m->count; i++) {
        if (start < m->items[i].end && end > m->items[i].start)
            return true;
    }
    return false;
}

static void check_text(struct gap_ctx *ctx, struct speller *sp, const struct gap_text *t)
{
    struct pf_kb_matches matches = PF_KB_MATCHES_INIT;
    kb_spans(ctx->opts->kb, t->text, &matches);
    const char *text = t->text;
    size_t pos = 0;
    bool sentence_start = true;
    size_t n = strlen(text);
    while (pos < n) {
        unsigned char c = (unsigned char)text[pos];
        if (isspace(c)) {
            pos++;
            continue;
        }
        size_t start = pos;
        while (pos < n && !isspace((unsigned char)text[pos]))
            pos++;
        /* A whitespace-delimited chunk: URLs, e-mails and paths are skipped whole. */
        char chunk[256];
        snprintf(chunk, sizeof(chunk), "%.*s", (int)(pos - start), text + start);
        bool skip_chunk = strchr(chunk, '@') || strstr(chunk, "://") ||
                          strncmp(chunk, "www.", 4) == 0 || strchr(chunk, '/') ||
                          strchr(chunk, '_') || strchr(chunk, '\\');
        size_t lead = 0;
        while (chunk[lead] && !isalpha((unsigned char)chunk[lead]))
            lead++;
        size_t tail = strlen(chunk);
        while (tail > lead && !isalpha((unsigned char)chunk[tail - 1]))
            tail--;
        char word[WORD_MAX];
        snprintf(word, sizeof(word), "%.*s", (int)(tail - lead), chunk + lead);
        bool starts = sentence_start;
        char last = chunk[strlen(chunk) - 1];
        sentence_start = last == '.' || last == '!' || last == '?' || last == ':';
        if (skip_chunk || !*word || !checkable(word, starts) ||
            in_spans(&matches, start + lead, start + tail))
            continue;
        char lower[WORD_MAX];
        size_t len = 0;
        for (; word[len] && len + 1 < sizeof(lower); len++)
            lower[len] = (char)tolower((unsigned char)word[len]);
        lower[len] = '\0';
        uint32_t concept;
        if (json_object_get(sp->skip, lower) ||
            (ctx->opts->kb && pf_kb_lookup(ctx->opts->kb, pf_str_from_cstr(word), &concept)))
            continue;
        if (known(sp, word))
            continue;
        /* Compounds: "cross-functional" passes when each part does. */
        if (strchr(word, '-') || strchr(word, '\'')) {
            bool all = true;
            char copy[WORD_MAX];
            snprintf(copy, sizeof(copy), "%s", word);
            char *save = NULL;
            for (char *part = strtok_r(copy, "-'", &save); part;
                 part = strtok_r(NULL, "-'", &save))
                all = all && (strlen(part) < 3 || known(sp, part));
            if (all)
                continue;
        }
        report(ctx, sp, t, word);
    }
    pf_kb_matches_fini(&matches);
}

void gap_check_spelling(struct gap_ctx *ctx)
{
    const char *names = ctx->opts->spell_dictionary;
    if (!names || !*names) {
        json_object_set_new(ctx->details, "spelling", json_string("skipped: no dictionary"));
        return;
    }
    /* A shared pool when the caller has one (a server); else dictionaries for this report. */
    struct gap_dicts own = {0};
    struct pf_gap_spellers *pool = ctx->opts->spellers;
    const struct gap_dicts *dicts = pool ? gap_spellers_checkout(pool) : &own;
    const char *dir = ctx->opts->dictionary_dir ? ctx->opts->dictionary_dir : "/usr/share/hunspell";
    if (!pool)
        gap_dicts_open(&own, names, dir);
    if (dicts->count == 0) {
        json_object_set_new(ctx->details, "spelling",
                            json_pack("{s:s,s:O}", "skipped", "dictionary not installed",
                                      "missing", dicts->missing));
        goto done;
    }
    struct speller sp = {.dicts = dicts, .suggestions_left = PF_GAP_SPELL_SUGGEST_MAX};
    sp.skip = json_object();
    sp.flagged = json_object();
    for (size_t i = 0; jargon[i]; i++)
        json_object_set_new(sp.skip, jargon[i], json_true());
    collect_skip_words(ctx->persona, sp.skip);
    for (size_t i = 0; i < ctx->text_count; i++)
        check_text(ctx, &sp, &ctx->texts[i]);
    json_object_set_new(ctx->details, "spelling",
                        json_pack("{s:s,s:I}", "dictionary", names, "flagged",
                                  (json_int_t)json_object_size(sp.flagged)));
    json_decref(sp.skip);
    json_decref(sp.flagged);
done:
    if (pool)
        gap_spellers_checkin(pool, dicts);
    else
        gap_dicts_close(&own);
}
