/* Service-level test fixtures: an app on a fresh database of the current backend, users, CVs
 * with a parsed JSON Resume, and knowledge-base entries. */
#ifndef PF_TESTS_TEST_APP_H
#define PF_TESTS_TEST_APP_H

#include <stdbool.h>

#include "app/app.h"
#include "base/json.h"
#include "store/store_cvs.h"
#include "store/store_kb.h"

/* A new app (migrated) on a fresh database, or NULL after marking the case skipped (no
 * PostgreSQL configured). settings: "name=value" strings, NULL-terminated, or NULL. */
struct pf_app *pf_test_app_new(const char *const *settings);
void pf_test_app_free(struct pf_app *app);

/* A user on the free plan, stored. */
struct pf_user *pf_test_user(struct pf_app *app, struct pf_arena *arena);
/* A parsed CV of user with parsed_json (copied) as its JSON Resume. */
struct pf_cv *pf_test_cv(struct pf_app *app, struct pf_arena *arena, const struct pf_user *user,
                         const json_t *parsed_json);
/* A KB entry of user's workspace. */
struct pf_kb_row *pf_test_kb_entry(struct pf_app *app, struct pf_arena *arena,
                                     const struct pf_user *user, const char *type,
                                     const char *value, bool confirmed);
/* Parses text as JSON (aborting the case on error): a new reference. */
json_t *pf_test_json(const char *text);
/* Reads tests/<rel> as JSON: a new reference, or NULL with a failure recorded. */
json_t *pf_test_json_file(const char *rel);

#endif
