/* Rule family "summary": presence, length and clichés of basics.summary. */
#include <ctype.h>
#include <string.h>

#include "gap/gap_int.h"

#define SUMMARY_MIN_WORDS 30
#define SUMMARY_MAX_WORDS 120

static const char *const cliches[] = {
    "team player", "hard-working", "hardworking", "results-driven", "results driven",
    "detail-oriented", "detail oriented", "self-starter", "self starter", "go-getter",
    "think outside the box", "synergy", "dynamic individual", "proven track record",
    "highly motivated", "passionate about", "go-to person", "best of breed", "rockstar",
    "ninja", NULL};

void gap_check_summary(struct gap_ctx *ctx)
{
    const char *summary = pf_json_get_str(json_object_get(ctx->persona, "basics"), "summary");
    size_t words = gap_word_count(summary);
    if (words == 0) {
        gap_issue(ctx, "summary.missing", "/basics/summary", NULL,
                  "Add a 2-4 sentence summary at basics.summary: your role and level, your "
                  "strongest skills, and one result you are proud of.");
        return;
    }
    if (words < SUMMARY_MIN_WORDS)
        gap_issue(ctx, "summary.too_short", "/basics/summary", NULL,
                  "Expand the summary (%zu words) to 30-120 words: add your level, two or three "
                  "core skills and one measurable result.",
                  words);
    else if (words > SUMMARY_MAX_WORDS)
        gap_issue(ctx, "summary.too_long", "/basics/summary", NULL,
                  "Cut the summary from %zu to under 120 words; move details into the "
                  "experience bullets.",
                  words);
    for (size_t i = 0; cliches[i]; i++) {
        if (gap_mentions(summary, cliches[i]))
            gap_issue(ctx, "summary.cliche", "/basics/summary", cliches[i],
                      "Replace \"%s\" with evidence: a concrete achievement that shows it.",
                      cliches[i]);
    }
}
