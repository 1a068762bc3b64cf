/* Role-specific review: the parsed posting against the persona's skill profile, with issues,
 * clarifying questions and the score. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gap/gap_int.h"
#include "gap/gap_score.h"
#include "gap/jd_parse.h"
#include "kb/kb_question.h"
#include "kb/kb_text.h"

struct role_ctx {
    struct gap_ctx *gap;
    struct gap_profile *profile;
    const struct pf_jd *jd;
    const char *posting_lower; /* heap */
    json_t *questions;
    struct pf_arena *arena;
    struct pf_gap_score_input score;
};

/* Asks the knowledge base about a requirement it cannot answer, in the KB's own terms
 * (pf_kb_question_for_requirement: a years question for a skill or tool, the preference
 * question for a preference, else free text), so the answer turns into entries. */
static void question(struct role_ctx *r, const char *requirement, const char *reason)
{
    if (!r->profile->kb || json_array_size(r->questions) >= PF_GAP_QUESTIONS_MAX)
        return;
    struct pf_kb_question q;
    struct pf_error err = PF_ERROR_INIT;
    if (pf_kb_question_for_requirement(r->profile->kb, pf_str_from_cstr(requirement), r->arena,
                                       &q, &err) != PF_OK)
        return;
    size_t i;
    json_t *existing;
    json_array_foreach(r->questions, i, existing) {
        if (strcmp(pf_json_get_str(existing, "key"), q.key) == 0)
            return;
    }
    json_t *json = pf_kb_question_to_json(&q);
    json_object_set_new(json, "requirement", json_string(requirement));
    json_object_set_new(json, "asked_because", json_string(reason));
    json_array_append_new(r->questions, json);
}

static bool shown(const struct gap_skill *s)
{
    return s && (s->listed || s->evidence_entries > 0 || s->from_kb);
}

static const char *where_shown(const struct gap_skill *s)
{
    if (s->listed)
        return s->listed_pointer;
    if (s->evidence_entries > 0)
        return s->evidence_pointer;
    return "/skills";
}

/* A skill of the profile that implies concept, or NULL. */
static const struct gap_skill *implied_by(const struct gap_profile *profile, uint32_t concept)
{
    for (size_t i = 0; i < profile->count; i++) {
        const struct gap_skill *s = &profile->skills[i];
        if (shown(s) && s->concept != concept &&
            gap_concept_implies(profile->kb, s->concept, concept, 3))
            return s;
    }
    return NULL;
}

static void check_hard_skill(struct role_ctx *r, const struct pf_jd_skill *req)
{
    struct gap_skill *s = gap_profile_find(r->profile, req->concept, NULL);
    char key[160];
    if (req->required)
        r->score.required_total++;
    else
        r->score.preferred_total++;
    if (shown(s)) {
        if (req->required)
            r->score.required_met++;
        else
            r->score.preferred_met++;
        char a[96], b[96];
        pf_kb_normalize(pf_str_from_cstr(req->as_written), a, sizeof(a));
        pf_kb_normalize(pf_str_from_cstr(s->name), b, sizeof(b));
        if (s->listed && strcmp(a, b) != 0 &&
            !gap_mentions(r->profile->all_text, req->as_written))
            gap_issue(r->gap, "role.skill_other_name", where_shown(s), s->key,
                      "Write \"%s\" the way the posting does (your CV says \"%s\"), so keyword "
                      "searches find it.",
                      req->as_written, s->name);
        if (req->years > 0) {
            r->score.skill_years_total++;
            int64_t months = gap_skill_months(s);
            int64_t have = months > s->kb_years * 12 ? months : s->kb_years * 12;
            if (have == 0) {
                snprintf(key, sizeof(key), "years:%s", s->key);
                question(r, s->name, "years_unknown");
                gap_issue(r->gap, "role.unverified_requirement", where_shown(s), key,
                          "Answer the question about your years with %s; then show them in "
                          "a dated role that mentions it.",
                          s->name);
            } else {
                double ratio = (double)have / (12.0 * req->years);
                r->score.skill_years_met += ratio > 1 ? 1 : ratio;
                if (have < 12 * req->years)
                    gap_issue(r->gap, "role.too_few_years_skill", where_shown(s), s->key,
                              "The posting asks for %d years of %s; your dated experience "
                              "shows about %.1f. If you used it longer (side projects, "
                              "earlier roles), mention it there.",
                              req->years, s->name, have / 12.0);
            }
        }
        return;
    }
    const struct gap_skill *via = implied_by(r->profile, req->concept);
    if (via) {
        if (req->required)
            r->score.required_met += 0.75;
        else
            r->score.preferred_met += 0.75;
        gap_issue(r->gap, "role.skill_implied_only", where_shown(via), req->name,
                  "Name %s explicitly: your %s experience implies it, but the posting asks for "
                  "\"%s\" by name.",
                  req->name, via->name, req->as_written);
        return;
    }
    question(r, req->name, req->required ? "required_skill_not_shown"
                                         : "preferred_skill_not_shown");
    gap_issue(r->gap, req->required ? "role.missing_required_skill" : "role.missing_preferred_skill",
              "/skills", req->name,
              "If you have used %s, add it to your skills and to the role where you used it "
              "(we asked you about it); if not, this is a gap to close before applying.",
              req->name);
}

static const struct {
    const char *cue;
    const char *level;
} title_levels[] = {
    {"intern", "junior"}, {"trainee", "junior"}, {"junior", "junior"}, {"graduate", "junior"},
    {"principal", "principal"}, {"staff", "staff"}, {"head of", "director"},
    {"director", "director"}, {"vp", "director"}, {"lead", "lead"}, {"manager", "manager"},
    {"senior", "senior"}, {"sr", "senior"},
};

/* The persona's level: from its latest title, else from its years of experience. */
static const char *persona_level(const json_t *persona, int64_t months)
{
    const json_t *latest = NULL;
    size_t i;
    json_t *entry;
    json_array_foreach(json_object_get(persona, "work"), i, entry) {
        const char *end = pf_json_get_str(entry, "endDate");
        if (!latest || !end || !*end) {
            latest = entry;
            if (!end || !*end)
                break;
        }
    }
    char lower[200] = "";
    const char *title = latest ? pf_json_get_str(latest, "position") : NULL;
    if (!title)
        title = pf_json_get_str(json_object_get(persona, "basics"), "label");
    for (size_t k = 0; title && title[k] && k + 1 < sizeof(lower); k++) {
        lower[k] = (char)tolower((unsigned char)title[k]);
        lower[k + 1] = '\0';
    }
    for (size_t c = 0; c < PF_ARRAY_LEN(title_levels); c++) {
        const char *at = strstr(lower, title_levels[c].cue);
        size_t len = strlen(title_levels[c].cue);
        if (at && (at == lower || !isalpha((unsigned char)at[-1])) &&
            !isalpha((unsigned char)at[len]))
            return title_levels[c].level;
    }
    if (months < 24)
        return "junior";
    if (months < 60)
        return "mid";
    if (months < 144)
        return "senior";
    return "lead";
}

static bool significant(const char *word)
{
    static const char *const skip[] = {"senior", "junior", "lead", "staff", "principal", "sr",
                                       "jr", "graduate", "intern", "the", "and", "of", "for",
                                       "in", "at", "a", "an", "m", "f", "d", "x", "w", "remote",
                                       "hybrid", "or", NULL};
    return strlen(word) > 1 && !gap_word_in(word, skip);
}

/* Share of the job title's significant words found in the persona's headline or titles. */
static double title_similarity(const char *job_title, const json_t *persona)
{
    char buf[256];
    pf_kb_normalize(pf_str_from_cstr(job_title), buf, sizeof(buf));
    char mine[1024] = "";
    size_t len = 0;
    const char *label = pf_json_get_str(json_object_get(persona, "basics"), "label");
    if (label)
        len += (size_t)snprintf(mine + len, sizeof(mine) - len, "%s ", label);
    size_t i;
    json_t *entry;
    json_array_foreach(json_object_get(persona, "work"), i, entry) {
        const char *position = pf_json_get_str(entry, "position");
        if (position && i < 3 && len < sizeof(mine) - 1)
            len += (size_t)snprintf(mine + len, sizeof(mine) - len, "%s ", position);
    }
    /* Words compare on their first 5 letters, a crude stem: "analytics" meets "analyst",
     * "engineering" meets "engineer". */
    char mine_norm[1024];
    pf_kb_normalize(pf_str_from_cstr(mine), mine_norm, sizeof(mine_norm));
    int total = 0, found = 0;
    char *save = NULL;
    for (char *w = strtok_r(buf, " ,/()-|", &save); w; w = strtok_r(NULL, " ,/()-|", &save)) {
        if (!significant(w))
            continue;
        total++;
        size_t stem = strlen(w) < 5 ? strlen(w) : 5;
        bool hit = false;
        for (const char *m = mine_norm; *m && !hit; m++) {
            if ((m == mine_norm || m[-1] == ' ') && strncmp(m, w, stem) == 0)
                hit = true;
        }
        found += hit ? 1 : 0;
    }
    return total ? (double)found / total : 1.0;
}

static int degree_rank_of(const char *text)
{
    char lower[256] = "";
    for (size_t k = 0; text && text[k] && k + 1 < sizeof(lower); k++) {
        lower[k] = (char)tolower((unsigned char)text[k]);
        lower[k + 1] = '\0';
    }
    if (strstr(lower, "phd") || strstr(lower, "ph.d") || strstr(lower, "doctor"))
        return 3;
    if (strstr(lower, "master") || strstr(lower, "msc") || strstr(lower, "m.sc") ||
        strstr(lower, "mba") || strstr(lower, "m.s.") || strstr(lower, "m.a.") ||
        strcmp(lower, "ms") == 0 || strcmp(lower, "ma") == 0)
        return 2;
    if (strstr(lower, "bachelor") || strstr(lower, "bsc") || strstr(lower, "b.sc") ||
        strstr(lower, "b.s.") || strstr(lower, "b.a.") || strcmp(lower, "bs") == 0 ||
        strcmp(lower, "ba") == 0 || strstr(lower, "licen") || strstr(lower, "engineer"))
        return 1;
    return 0;
}

static void check_education(struct role_ctx *r)
{
    const struct pf_jd *jd = r->jd;
    const json_t *persona = r->gap->persona;
    if (*jd->degree) {
        int want = strcmp(jd->degree, "phd") == 0 ? 3 : strcmp(jd->degree, "master") == 0 ? 2 : 1;
        int have = 0;
        size_t i;
        json_t *entry;
        json_array_foreach(json_object_get(persona, "education"), i, entry) {
            int rank = degree_rank_of(pf_json_get_str(entry, "studyType"));
            have = rank > have ? rank : have;
        }
        r->score.degree_asked = true;
        r->score.degree_met = have >= want ? 1.0 : have > 0 ? 0.5 : 0.0;
        if (have < want)
            gap_issue_sev(r->gap, "role.missing_degree",
                          jd->degree_required ? PF_GAP_MEDIUM : PF_GAP_LOW, "/education",
                          jd->degree,
                          "The posting %s a %s degree%s%s. If you have one, add it to education "
                          "with its field; otherwise show equivalent experience in your summary.",
                          jd->degree_required ? "asks for" : "prefers", jd->degree,
                          *jd->degree_field ? " in " : "", jd->degree_field);
    }
    for (size_t c = 0; c < jd->certificate_count; c++) {
        r->score.certificates_total++;
        char first[64] = "";
        const char *name = jd->certificates[c].name;
        /* The certificate's distinctive word: its first capitalised word other than
         * "Certified". */
        const char *p = name;
        while (*p) {
            size_t len = strcspn(p, " ");
            if (isupper((unsigned char)*p) && strncasecmp(p, "certif", 6) != 0 && len < 60) {
                snprintf(first, sizeof(first), "%.*s", (int)len, p);
                break;
            }
            p += len;
            while (*p == ' ')
                p++;
        }
        bool have = false;
        size_t i;
        json_t *entry;
        json_array_foreach(json_object_get(persona, "certificates"), i, entry) {
            have |= *first && gap_mentions(pf_json_get_str(entry, "name"), first);
        }
        if (have) {
            r->score.certificates_met++;
            continue;
        }
        gap_issue(r->gap, "role.missing_certificate", "/certificates", name,
                  "The posting mentions \"%s\". If you hold it, add it to certificates with "
                  "its date and issuer.",
                  name);
    }
    for (size_t l = 0; l < jd->language_count; l++) {
        const char *language = jd->languages[l].name;
        r->score.languages_total++;
        bool have = false;
        size_t i;
        json_t *entry;
        json_array_foreach(json_object_get(persona, "languages"), i, entry) {
            have |= gap_mentions(pf_json_get_str(entry, "language"), language);
        }
        if (have) {
            r->score.languages_met++;
            continue;
        }
        char requirement[80];
        snprintf(requirement, sizeof(requirement), "%s language", language);
        question(r, requirement, "language_not_listed");
        gap_issue_sev(r->gap, "role.missing_language",
                      jd->languages[l].required ? PF_GAP_HIGH : PF_GAP_MEDIUM, "/languages",
                      language,
                      "The posting %s %s. If you speak it, add it to languages with your level "
                      "(e.g. C1, fluent).",
                      jd->languages[l].required ? "requires" : "would like", language);
    }
}

static bool has_preference(const struct pf_gap_options *opts, const char *value)
{
    for (size_t i = 0; i < opts->kb_count; i++) {
        const struct pf_kb_row *e = opts->kb_entries[i];
        if (e->confirmed && !e->rejected && strcmp(e->type, "preference") == 0 &&
            strcasecmp(e->value, value) == 0)
            return true;
    }
    return false;
}

static void check_preferences(struct role_ctx *r)
{
    const char *arrangement = r->jd->work_arrangement;
    const struct pf_gap_options *opts = r->gap->opts;
    bool remote = has_preference(opts, "Remote work");
    bool hybrid = has_preference(opts, "Hybrid work");
    bool onsite = has_preference(opts, "On-site work");
    if (remote && !hybrid && strcmp(arrangement, "onsite") == 0)
        gap_issue(r->gap, "role.preference_conflict", "/basics", "remote-vs-onsite",
                  "This role is on-site and you prefer remote work: ask the employer about "
                  "remote days before applying, or update your preference.");
    else if (remote && !hybrid && strcmp(arrangement, "hybrid") == 0)
        gap_issue_sev(r->gap, "role.preference_conflict", PF_GAP_MEDIUM, "/basics",
                      "remote-vs-hybrid",
                      "This role is hybrid and you prefer fully remote work: check how many "
                      "office days it needs.");
    else if (onsite && !hybrid && !remote && strcmp(arrangement, "remote") == 0)
        gap_issue_sev(r->gap, "role.preference_conflict", PF_GAP_LOW, "/basics",
                      "onsite-vs-remote",
                      "This role is remote and you prefer working on-site: make sure that suits "
                      "you.");
    if (has_preference(opts, "Visa sponsorship") &&
        (strstr(r->posting_lower, "no sponsorship") ||
         strstr(r->posting_lower, "unable to sponsor") ||
         strstr(r->posting_lower, "not able to sponsor") ||
         strstr(r->posting_lower, "cannot sponsor") ||
         strstr(r->posting_lower, "valid work permit") ||
         strstr(r->posting_lower, "right to work")))
        gap_issue(r->gap, "role.preference_conflict", "/basics", "visa",
                  "The posting requires an existing right to work and you need visa "
                  "sponsorship: confirm with the employer before applying.");
    bool known = remote || hybrid || onsite;
    if (!known && (strcmp(arrangement, "onsite") == 0 || strcmp(arrangement, "hybrid") == 0))
        question(r, strcmp(arrangement, "onsite") == 0 ? "On-site work" : "Hybrid work",
                 "work_arrangement_unknown");
}

/* Months of experience that used something the posting asks for (union of the dated spans
 * of the persona's evidence for the posting's hard skills): a restaurant manager turned
 * analyst has 8 years of work but 1 of data work. */
static int64_t relevant_months(const struct role_ctx *r)
{
    struct gap_skill all = {.last_month = -1};
    for (size_t i = 0; i < r->jd->skill_count; i++) {
        if (!r->jd->skills[i].hard)
            continue;
        const struct gap_skill *s = gap_profile_find(r->profile, r->jd->skills[i].concept, NULL);
        for (size_t k = 0; s && k < s->span_count && all.span_count < GAP_SKILL_SPANS; k++) {
            bool dup = false;
            for (size_t j = 0; j < all.span_count; j++)
                dup |= all.span_start[j] == s->span_start[k] && all.span_end[j] == s->span_end[k];
            if (dup)
                continue;
            all.span_start[all.span_count] = s->span_start[k];
            all.span_end[all.span_count] = s->span_end[k];
            all.span_count++;
        }
    }
    return gap_skill_months(&all);
}

static void check_experience(struct role_ctx *r)
{
    const json_t *persona = r->gap->persona;
    int64_t total = gap_experience_months(persona, r->gap->today_month);
    int64_t relevant = relevant_months(r);
    /* Years asked and the level are judged on relevant experience when there is some. */
    int64_t months = relevant > 0 ? relevant : total;
    json_object_set_new(r->gap->details, "experience_months",
                        json_pack("{s:I,s:I}", "total", (json_int_t)total, "relevant",
                                  (json_int_t)relevant));
    const struct pf_jd *jd = r->jd;
    if (jd->years_min > 0) {
        r->score.years_asked = jd->years_min;
        r->score.years_have = months / 12.0;
        if (months < 12 * jd->years_min)
            gap_issue(r->gap, "role.too_few_years_total", "/work", NULL,
                      "The posting asks for %d years of experience; your dated roles that use "
                      "the skills it names add up to %.1f. Add earlier or part-time roles if you "
                      "left any out, or lead with the results that make up for it.",
                      jd->years_min, months / 12.0);
    }
    const char *level = persona_level(persona, months);
    int want = pf_jd_seniority_rank(jd->seniority);
    int have = pf_jd_seniority_rank(level);
    json_object_set_new(r->gap->details, "persona_level", json_string(level));
    if (want > 0 && have > 0 && strcmp(jd->seniority_source, "default") != 0) {
        r->score.seniority_known = true;
        r->score.seniority_gap = want - have;
        if (want > have)
            gap_issue(r->gap, "role.seniority_mismatch", "/basics/label", "under",
                      "The role is %s and your profile reads %s: lead with the scope you "
                      "owned (team size, budget, systems) to show the level.",
                      jd->seniority, level);
        else if (have > want + 1)
            gap_issue_sev(r->gap, "role.seniority_mismatch", PF_GAP_LOW, "/basics/label",
                          "over",
                          "The role is %s and your profile reads %s: say in your summary why "
                          "this role appeals, so you are not read as overqualified.",
                          jd->seniority, level);
    }
    if (*jd->title) {
        r->score.title_known = true;
        r->score.title_similarity = title_similarity(jd->title, persona);
        if (r->score.title_similarity < 0.5)
            gap_issue(r->gap, "role.title_mismatch", "/basics/label", NULL,
                      "If it is accurate, set your headline (basics.label) closer to the job "
                      "title \"%s\".",
                      jd->title);
    }
}

static void check_soft_and_keywords(struct role_ctx *r)
{
    for (size_t i = 0; i < r->jd->skill_count; i++) {
        const struct pf_jd_skill *req = &r->jd->skills[i];
        struct gap_skill *s = gap_profile_find(r->profile, req->concept, NULL);
        bool present = shown(s) || gap_mentions(r->profile->all_text, req->as_written);
        r->score.keywords_total++;
        r->score.keywords_met += present ? 1 : 0;
        if (strcmp(req->category, "soft_skill") == 0) {
            r->score.soft_total++;
            r->score.soft_met += present ? 1 : 0;
            if (!present)
                gap_issue(r->gap, "role.missing_soft_skill", "/work", req->name,
                          "The posting values %s: if you have shown it, add a bullet with the "
                          "situation and the result.",
                          req->name);
        } else if (!req->hard && !present && req->mentions > 1) {
            gap_issue(r->gap, "role.missing_keyword", "/basics/summary", req->name,
                      "The posting mentions %s %d times: if it is part of your experience, "
                      "name it in your summary or the relevant role.",
                      req->as_written, req->mentions);
        }
    }
}

pf_status pf_gap_role(const json_t *persona, const char *posting, size_t len,
                      const struct pf_gap_options *opts, json_t **out_report,
                      struct pf_error *err)
{
    *out_report = NULL;
    if (!json_is_object(persona))
        return pf_error_set(err, PF_E_INVALID, "the persona is not a JSON Resume object");
    if (len > PF_GAP_LIMIT_JD_BYTES)
        return pf_error_set_field(err, PF_E_TOO_BIG, "input_text",
                                  "the job description is over %u bytes", PF_GAP_LIMIT_JD_BYTES);
    size_t words = 0;
    for (size_t i = 0; i < len; i++)
        words += isalpha((unsigned char)posting[i]) ? 1 : 0;
    if (words < 3)
        return pf_error_set_field(err, PF_E_INVALID, "input_text",
                                  "the job description is empty");
    struct pf_arena *arena = pf_arena_new();
    struct pf_jd *jd = NULL;
    pf_status st = pf_jd_parse(opts->kb, pf_str_make(posting, len), arena, &jd, err);
    if (st != PF_OK) {
        pf_arena_free(arena);
        return st;
    }
    struct gap_ctx ctx;
    gap_ctx_init(&ctx, persona, opts);
    struct gap_profile profile;
    gap_profile_build(persona, opts, ctx.today_month, &profile);
    char *lower = strndup(posting, len);
    for (char *c = lower; *c; c++)
        *c = (char)tolower((unsigned char)*c);
    struct role_ctx r = {.gap = &ctx, .profile = &profile, .jd = jd, .posting_lower = lower,
                         .questions = json_array(), .arena = arena};
    for (size_t i = 0; i < jd->skill_count; i++) {
        if (jd->skills[i].hard)
            check_hard_skill(&r, &jd->skills[i]);
    }
    check_soft_and_keywords(&r);
    check_experience(&r);
    check_education(&r);
    check_preferences(&r);
    gap_issues_finish(&ctx);
    double score = 0;
    json_t *components = pf_gap_score(&r.score, &score);
    json_object_set_new(ctx.details, "score", components);
    json_object_set_new(ctx.details, "posting", pf_jd_to_json(jd));
    *out_report = json_pack("{s:s,s:O,s:f,s:O,s:o}", "type", "role_specific", "issues",
                            ctx.issues, "score", score, "details", ctx.details, "questions",
                            r.questions);
    free(lower);
    gap_profile_fini(&profile);
    gap_ctx_fini(&ctx);
    pf_arena_free(arena);
    return PF_OK;
}
