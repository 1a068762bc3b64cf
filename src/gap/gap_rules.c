/* The rule catalogue: ids, default severities, titles and rationales (docs/gap-rules.md
 * documents the same table; a unit test keeps the two in step). */
#include <string.h>

#include "gap/gap.h"

#define H PF_GAP_HIGH
#define M PF_GAP_MEDIUM
#define L PF_GAP_LOW
#define I PF_GAP_INFO

static const struct pf_gap_rule rules[] = {
    /* contact */
    {"contact.missing_name", H, "No name",
     "A CV without the candidate's name cannot be filed or answered."},
    {"contact.missing_email", H, "No e-mail address",
     "Recruiters reply by e-mail; ATS forms require it."},
    {"contact.invalid_email", H, "E-mail address looks invalid",
     "A mistyped address silently loses every reply."},
    {"contact.missing_phone", M, "No phone number",
     "Many recruiters screen by phone first; without a number they move on."},
    {"contact.missing_location", L, "No location",
     "Employers filter by commuting distance, time zone and right to work."},
    {"contact.missing_profile", L, "No profile or website link",
     "A LinkedIn, GitHub or portfolio link lets a reader verify and see more."},
    {"contact.missing_label", L, "No headline",
     "A one-line headline (\"Senior Data Engineer\") tells the reader at once what you do."},
    /* summary */
    {"summary.missing", M, "No summary",
     "Readers spend seconds on a CV; a summary tells them why to keep reading."},
    {"summary.too_short", L, "Summary too short",
     "Under about 30 words a summary cannot say what you do, at what level and with what "
     "results."},
    {"summary.too_long", L, "Summary too long",
     "Past about 120 words the summary stops being read; move details into experience."},
    {"summary.cliche", L, "Clichés in the summary",
     "Phrases like \"team player\" or \"results-driven\" appear on most CVs and carry no "
     "information; evidence does."},
    /* bullets */
    {"bullets.no_outcome", M, "Bullet describes a task, not an outcome",
     "Readers hire for results: what changed because of your work."},
    {"bullets.no_number", L, "Outcome without a number",
     "Numbers (%, money, time, scale) make an achievement concrete and comparable."},
    {"bullets.weak_verb", M, "Weak opening (\"responsible for\", \"helped\")",
     "Duty phrases hide what you did; a strong action verb shows ownership."},
    {"bullets.repeated_verb", L, "Same opening verb repeated",
     "Starting many bullets with one verb reads as monotonous and hides the range of work."},
    {"bullets.first_person", L, "First person in bullets",
     "CV convention drops \"I\" and \"my\"; they take space and read as informal."},
    {"bullets.passive_voice", L, "Passive voice",
     "Passive constructions (\"was implemented\") hide who did the work."},
    {"bullets.too_long", L, "Bullet too long",
     "Bullets over about 35 words are skimmed past; split or tighten them."},
    {"bullets.too_short", I, "Bullet too short",
     "A bullet of a few words rarely says what was done and why it mattered."},
    {"bullets.missing", M, "Recent role without description",
     "A recent job with no bullets gives the reader nothing to judge."},
    {"bullets.too_many", L, "Too many bullets for one role",
     "More than about 8 bullets dilute the best ones; keep the strongest."},
    {"bullets.duplicate", L, "Duplicate bullet",
     "The same sentence twice looks like a copy-paste slip."},
    /* dates */
    {"dates.non_iso", M, "Date not in a recognised format",
     "Dates that are not YYYY, YYYY-MM or YYYY-MM-DD cannot be sorted or checked, by us or "
     "by an ATS."},
    {"dates.inconsistent_precision", L, "Inconsistent date formats",
     "Mixing years-only and month-year dates looks careless and can hide gaps."},
    {"dates.future", H, "Date in the future",
     "A start or end date after today is a typo a reader notices at once."},
    {"dates.end_before_start", H, "End date before start date",
     "An impossible range undermines trust in every other date."},
    {"dates.missing_start", M, "Role without a start date",
     "Undated roles cannot be placed on a timeline; readers assume the worst."},
    {"dates.overlap", L, "Overlapping roles",
     "Two jobs at once raise questions unless marked as part-time, freelance or a promotion."},
    {"dates.gap", M, "Unexplained gap over 6 months",
     "Gaps are normal, but unexplained ones invite speculation; a line of context helps."},
    /* shape */
    {"shape.too_long", M, "Too long for the experience level",
     "About one page per 8 years of experience is what readers expect."},
    {"shape.missing_work", H, "No work experience section",
     "Experience is the first thing readers and ATS parsers look for."},
    {"shape.missing_education", L, "No education section",
     "Many postings and ATS filters ask for a degree or equivalent."},
    {"shape.missing_skills", M, "No skills section",
     "ATS keyword searches look for a skills list."},
    {"shape.old_detail", L, "Too much detail on old roles",
     "Roles that ended over 15 years ago rarely need more than a line or two."},
    /* skills */
    {"skills.not_evidenced", L, "Skill not backed by any experience",
     "A listed skill no job, project or volunteer role mentions reads as padding."},
    {"skills.stale", L, "Skill only used long ago",
     "A skill last used over 5 years ago may no longer be current; say so or drop it."},
    {"skills.duplicate", L, "Same skill listed twice",
     "Aliases (\"Postgres\" and \"PostgreSQL\") waste space and look careless."},
    {"skills.too_many", L, "Very long skills list",
     "Past about 40 keywords a list looks like keyword stuffing; keep what you can defend."},
    {"skills.unlisted", I, "Technology used but not listed",
     "ATS searches match the skills list; tools named only in bullets can be missed."},
    /* spelling */
    {"spelling.misspelled", L, "Possible misspelling",
     "Spelling mistakes are among the most cited reasons recruiters reject a CV."},
    /* role-specific */
    {"role.missing_required_skill", H, "Required skill not shown",
     "Required skills are screened first, often automatically."},
    {"role.missing_preferred_skill", M, "Preferred skill not shown",
     "Preferred skills separate shortlisted candidates."},
    {"role.skill_other_name", L, "Skill named differently from the posting",
     "ATS keyword matching is literal; mirror the posting's wording for skills you have."},
    {"role.skill_implied_only", L, "Requirement met only implicitly",
     "Experience that implies a skill (Snowflake implies SQL) is not a keyword match; name "
     "the skill itself."},
    {"role.too_few_years_skill", M, "Fewer years with a skill than asked",
     "Years of use are a common hard filter."},
    {"role.too_few_years_total", M, "Less experience than asked",
     "Total years of experience are a common hard filter."},
    {"role.seniority_mismatch", M, "Seniority differs from the role's",
     "Readers check that your level matches the role's, in both directions."},
    {"role.title_mismatch", L, "Headline differs from the job title",
     "A headline close to the job title tells the reader you fit the role."},
    {"role.missing_degree", M, "Degree asked for and not shown",
     "Degree requirements are often screened automatically."},
    {"role.missing_certificate", L, "Certificate asked for and not shown",
     "Named certificates are searched for literally."},
    {"role.missing_language", H, "Language asked for and not shown",
     "Language requirements are usually hard gates."},
    {"role.preference_conflict", H, "Conflicts with your stated preferences",
     "Applying to a role that contradicts your preferences (on-site vs remote) wastes both "
     "sides' time."},
    {"role.missing_soft_skill", I, "Soft skill asked for and not evidenced",
     "Soft skills convince when an achievement shows them."},
    {"role.missing_keyword", I, "Posting keyword absent",
     "Domain words of the posting help both ATS ranking and the reader's sense of fit."},
    {"role.unverified_requirement", I, "Requirement the knowledge base cannot answer",
     "We asked you a clarifying question rather than guess."},
};

const struct pf_gap_rule *pf_gap_rules(size_t *out_count)
{
    *out_count = PF_ARRAY_LEN(rules);
    return rules;
}

const struct pf_gap_rule *pf_gap_rule_find(const char *id)
{
    for (size_t i = 0; id && i < PF_ARRAY_LEN(rules); i++) {
        if (strcmp(rules[i].id, id) == 0)
            return &rules[i];
    }
    return NULL;
}
