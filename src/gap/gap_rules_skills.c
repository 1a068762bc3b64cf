/* Rule family "skills": listed skills against the experience that shows them. */
#include <stdio.h>
#include <string.h>

#include "gap/gap_int.h"

#define STALE_MONTHS 60
#define SKILLS_MAX 40
#define UNLISTED_MAX 8

/* Listed through the knowledge base (the user confirmed it) rather than the CV. */
static bool from_kb_origin(const json_t *persona, const char *pointer)
{
    const json_t *origins = pf_json_pointer_get(persona, "/meta/personaforge/origins");
    const char *origin = json_string_value(json_object_get(origins, pointer));
    return origin && strncmp(origin, "kb:", 3) == 0;
}


/* True when another skill the persona shows in experience implies s (Snowflake -> SQL). */
static bool evidenced_by_implication(const struct gap_profile *profile, const struct gap_skill *s)
{
    for (size_t i = 0; i < profile->count; i++) {
        const struct gap_skill *other = &profile->skills[i];
        if (other != s && other->evidence_entries > 0 &&
            gap_concept_implies(profile->kb, other->concept, s->concept, 3))
            return true;
    }
    return false;
}

void gap_check_skills(struct gap_ctx *ctx)
{
    struct gap_profile profile;
    gap_profile_build(ctx->persona, ctx->opts, ctx->today_month, &profile);
    size_t listed = 0;
    json_t *seen = json_object();
    size_t i;
    json_t *group;
    json_array_foreach(json_object_get(ctx->persona, "skills"), i, group) {
        size_t k;
        json_t *keyword;
        json_array_foreach(json_object_get(group, "keywords"), k, keyword) {
            const char *name = json_string_value(keyword);
            if (!name)
                continue;
            listed++;
            char key[96];
            char pointer[96];
            gap_skill_key(ctx->opts->kb, name, key, sizeof(key), NULL);
            snprintf(pointer, sizeof(pointer), "/skills/%zu/keywords/%zu", i, k);
            const char *first = pf_json_get_str(json_object_get(seen, key), "name");
            if (first)
                gap_issue(ctx, "skills.duplicate", pointer, key,
                          "Remove \"%s\": it is the same skill as \"%s\" listed earlier.", name,
                          first);
            else
                json_object_set_new(seen, key, json_pack("{s:s}", "name", name));
        }
    }
    json_decref(seen);
    if (listed > SKILLS_MAX)
        gap_issue(ctx, "skills.too_many", "/skills", NULL,
                  "Trim the skills list from %zu to about %d: keep what your experience shows "
                  "and the role needs.",
                  listed, SKILLS_MAX);
    size_t unlisted = 0;
    for (size_t s = 0; s < profile.count; s++) {
        const struct gap_skill *sk = &profile.skills[s];
        /* Names the taxonomy does not know are left alone: a literal search would flag
         * "P&L management" against "ran the P&L". */
        if (sk->listed && !from_kb_origin(ctx->persona, sk->listed_pointer) &&
            sk->concept != PF_KB_NO_CONCEPT && gap_skill_is_tech(sk)) {
            if (sk->evidence_entries == 0 && !evidenced_by_implication(&profile, sk))
                gap_issue(ctx, "skills.not_evidenced", sk->listed_pointer, sk->key,
                          "Show \"%s\" in a role or project (a bullet saying what you did with "
                          "it), or drop it from the list.",
                          sk->name);
            else if (sk->evidence_entries > 0 && sk->last_month >= 0 &&
                     ctx->today_month - sk->last_month > STALE_MONTHS)
                gap_issue(ctx, "skills.stale", sk->listed_pointer, sk->key,
                          "\"%s\" was last used in %lld: mention recent use, or move it to a "
                          "\"previously used\" group.",
                          sk->name, (long long)(sk->last_month / 12));
        }
        bool named_tech = strcmp(sk->category, "tool") == 0 ||
                          (sk->group && strcmp(sk->group, "language") == 0);
        if (!sk->listed && sk->evidence_entries > 0 && sk->concept != PF_KB_NO_CONCEPT &&
            named_tech && unlisted < UNLISTED_MAX &&
            json_array_size(json_object_get(ctx->persona, "skills")) > 0) {
            unlisted++;
            gap_issue(ctx, "skills.unlisted", "/skills", sk->key,
                      "Add \"%s\" to the skills list: %s mentions it.", sk->name,
                      sk->evidence_pointer);
        }
    }
    gap_profile_fini(&profile);
}
