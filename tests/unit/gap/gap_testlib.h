/* Helpers for the gap unit tests: run a review on inline JSON and look for issues. */
#ifndef PF_TESTS_GAP_TESTLIB_H
#define PF_TESTS_GAP_TESTLIB_H

#include <stdbool.h>

#include "gap/gap.h"

/* The shared taxonomy index (built once per test process). */
const struct pf_kb *gap_test_kb(void);
/* Options with the kb, no spelling, and "today" = 2025-06-01. */
struct pf_gap_options gap_test_options(void);
/* The general review of persona_text (effective ids added): a new reference. */
json_t *gap_test_general(const char *persona_text, const struct pf_gap_options *opts);
/* The role review: a new reference. */
json_t *gap_test_role(const char *persona_text, const char *posting,
                      const struct pf_gap_options *opts);
/* The first issue of rule (and at field when not NULL), or NULL. */
const json_t *gap_test_find(const json_t *report, const char *rule, const char *field);
/* How many issues rule has. */
int gap_test_count(const json_t *report, const char *rule);

#endif
