/* The store contract suite: the same cases on SQLite and PostgreSQL (PF_TEST_BACKEND). */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/clock.h"
#include "harness.h"
#include "store/store.h"
#include "store/store_cvs.h"
#include "store/store_gap.h"
#include "store/store_jobs.h"
#include "store/store_kb.h"
#include "store/store_personas.h"
#include "store/store_templates.h"
#include "test_db.h"

static struct pf_store *store;
static struct pf_arena *arena;
static const char *url;
static int user_counter;

/* A fresh store per case, so cases cannot lean on each other's rows. */
static bool open_store(void)
{
    url = pf_test_db_url();
    if (!url) {
        pf_test_skip("PF_TEST_PG_URL is not set (tools/test.sh starts a PostgreSQL)");
        return false;
    }
    struct pf_store_options options = {.pool_size = 4, .timeout_s = 5};
    struct pf_error err = PF_ERROR_INIT;
    PF_CHECK_STATUS(pf_store_open(url, &options, &store, &err), PF_OK);
    int applied = -1;
    PF_CHECK_STATUS(pf_store_migrate(store, &applied, &err), PF_OK);
    PF_CHECK(applied >= 1);
    arena = pf_arena_new();
    return true;
}

static void close_store(void)
{
    pf_store_close(store);
    pf_arena_free(arena);
    store = NULL;
    arena = NULL;
}

static struct pf_user *make_user(const char *email)
{
    struct pf_user *user = pf_arena_alloc(arena, sizeof(*user));
    char generated[64];
    if (!email) {
        snprintf(generated, sizeof(generated), "user%d@example.com", ++user_counter);
        email = generated;
    }
    user->id = pf_id_new();
    user->email = pf_arena_strdup(arena, email);
    user->name = "Test User";
    user->password_hash = "$argon2id$fake";
    user->plan = PF_PLAN_FREE;
    user->created_at = user->updated_at = pf_time_now_ms();
    struct pf_error err = PF_ERROR_INIT;
    PF_CHECK_STATUS(pf_store_user_create(store, user, 50, &err), PF_OK);
    return user;
}

static struct pf_persona *make_persona(const struct pf_user *owner, const char *title)
{
    struct pf_persona *p = pf_arena_alloc(arena, sizeof(*p));
    p->id = pf_id_new();
    p->workspace_id = pf_user_workspace(owner);
    p->user_id = owner->id;
    p->title = (char *)title;
    p->summary = "Builds things";
    p->tags = pf_json_arena(arena, json_pack("[s]", "backend"));
    p->data = pf_json_arena(arena, json_object());
    p->version = 1;
    p->created_at = p->updated_at = pf_time_now_ms();
    struct pf_error err = PF_ERROR_INIT;
    PF_CHECK_STATUS(pf_store_persona_create(store, p, &err), PF_OK);
    return p;
}

static void test_migrations_are_idempotent_and_ping_works(void)
{
    if (!open_store())
        return;
    struct pf_error err = PF_ERROR_INIT;
    int applied = -1;
    PF_CHECK_STATUS(pf_store_migrate(store, &applied, &err), PF_OK);
    PF_CHECK_INT_EQ(applied, 0);
    PF_CHECK_STATUS(pf_store_ping(store, &err), PF_OK);
    close_store();
}

static void test_users_are_unique_by_email(void)
{
    if (!open_store())
        return;
    struct pf_error err = PF_ERROR_INIT;
    struct pf_user *user = make_user("ada@example.com");
    struct pf_user *again = pf_arena_alloc(arena, sizeof(*again));
    *again = *user;
    again->id = pf_id_new();
    PF_CHECK_STATUS(pf_store_user_create(store, again, 50, &err), PF_E_CONFLICT);
    PF_CHECK_STR_EQ(err.field, "email");

    struct pf_user *got = NULL;
    PF_CHECK_STATUS(pf_store_user_get_by_email(store, arena, "ada@example.com", &got, &err), PF_OK);
    PF_CHECK(got && pf_id_eq(got->id, user->id));
    PF_CHECK_STR_EQ(got->name, "Test User");
    PF_CHECK_INT_EQ(got->plan, PF_PLAN_FREE);
    PF_CHECK(pf_id_is_nil(got->team_id));
    PF_CHECK_INT_EQ(got->created_at, user->created_at);
    PF_CHECK_STATUS(pf_store_user_set_plan(store, user->id, PF_PLAN_PRO, &err), PF_OK);
    PF_CHECK_STATUS(pf_store_user_get(store, arena, user->id, &got, &err), PF_OK);
    PF_CHECK_INT_EQ(got->plan, PF_PLAN_PRO);
    PF_CHECK_STATUS(pf_store_user_get(store, arena, pf_id_new(), &got, &err), PF_E_NOT_FOUND);
    close_store();
}

static void test_sessions_expire_and_revoke(void)
{
    if (!open_store())
        return;
    struct pf_error err = PF_ERROR_INIT;
    struct pf_user *user = make_user(NULL);
    int64_t now = pf_time_now_ms();
    struct pf_session session = {.id = pf_id_new(), .user_id = user->id, .csrf_token = "csrf",
                                 .created_at = now, .expires_at = now + 60000};
    PF_CHECK_STATUS(pf_store_session_create(store, &session, "hash-1", &err), PF_OK);
    struct pf_session *found = NULL;
    struct pf_user *who = NULL;
    PF_CHECK_STATUS(pf_store_session_lookup(store, arena, "hash-1", now, &found, &who, &err),
                    PF_OK);
    PF_CHECK(who && pf_id_eq(who->id, user->id));
    PF_CHECK_STR_EQ(found->csrf_token, "csrf");
    PF_CHECK_STATUS(pf_store_session_lookup(store, arena, "hash-1", now + 60001, &found, &who,
                                            &err),
                    PF_E_UNAUTHORIZED);
    PF_CHECK_STATUS(pf_store_session_lookup(store, arena, "nope", now, &found, &who, &err),
                    PF_E_UNAUTHORIZED);
    PF_CHECK_STATUS(pf_store_session_revoke(store, "hash-1", now, &err), PF_OK);
    PF_CHECK_STATUS(pf_store_session_lookup(store, arena, "hash-1", now, &found, &who, &err),
                    PF_E_UNAUTHORIZED);
    close_store();
}

static void test_login_failures_count_within_window(void)
{
    if (!open_store())
        return;
    struct pf_error err = PF_ERROR_INIT;
    int64_t now = pf_time_now_ms();
    int64_t count = 0;
    for (int i = 1; i <= 3; i++) {
        PF_CHECK_STATUS(pf_store_login_failure(store, "a@b.c", now + i, 1000, &count, &err),
                        PF_OK);
        PF_CHECK_INT_EQ(count, i);
    }
    PF_CHECK_STATUS(pf_store_login_failures(store, "a@b.c", now + 10, 1000, &count, &err), PF_OK);
    PF_CHECK_INT_EQ(count, 3);
    PF_CHECK_STATUS(pf_store_login_failures(store, "a@b.c", now + 5000, 1000, &count, &err),
                    PF_OK);
    PF_CHECK_INT_EQ(count, 0);
    PF_CHECK_STATUS(pf_store_login_failure(store, "a@b.c", now + 5000, 1000, &count, &err), PF_OK);
    PF_CHECK_INT_EQ(count, 1); /* the window started afresh */
    PF_CHECK_STATUS(pf_store_login_clear(store, "a@b.c", &err), PF_OK);
    PF_CHECK_STATUS(pf_store_login_failures(store, "a@b.c", now + 5001, 1000, &count, &err),
                    PF_OK);
    PF_CHECK_INT_EQ(count, 0);
    close_store();
}

static void test_teams_share_a_workspace_and_move_data(void)
{
    if (!open_store())
        return;
    struct pf_error err = PF_ERROR_INIT;
    int64_t now = pf_time_now_ms();
    struct pf_user *owner = make_user(NULL);
    struct pf_user *coach = make_user(NULL);
    struct pf_persona *owners = make_persona(owner, "Owner persona");
    struct pf_persona *coachs = make_persona(coach, "Coach persona");

    struct pf_team team = {.id = pf_id_new(), .name = "Agency", .owner_id = owner->id,
                           .plan = PF_PLAN_TEAM, .created_at = now, .updated_at = now};
    PF_CHECK_STATUS(pf_store_team_create(store, &team, &err), PF_OK);
    PF_CHECK_STATUS(pf_store_team_create(store, &team, &err), PF_E_CONFLICT);
    struct pf_persona *got = NULL;
    PF_CHECK_STATUS(pf_store_persona_get(store, arena, team.id, owners->id, &got, &err), PF_OK);
    PF_CHECK_STATUS(pf_store_persona_get(store, arena, owner->id, owners->id, &got, &err),
                    PF_E_NOT_FOUND);

    struct pf_team_member *member = NULL;
    PF_CHECK_STATUS(pf_store_team_add_member(store, arena, team.id, coach->email, owner->id, 3,
                                             now, &member, &err),
                    PF_OK);
    PF_CHECK(member && !member->is_pending && pf_id_eq(member->user_id, coach->id));
    PF_CHECK_STATUS(pf_store_persona_get(store, arena, team.id, coachs->id, &got, &err), PF_OK);
    PF_CHECK_STATUS(pf_store_team_add_member(store, arena, team.id, coach->email, owner->id, 3,
                                             now, &member, &err),
                    PF_E_CONFLICT);

    /* An unknown address becomes an invite that takes effect when it registers. */
    PF_CHECK_STATUS(pf_store_team_add_member(store, arena, team.id, "later@example.com",
                                             owner->id, 3, now, &member, &err),
                    PF_OK);
    PF_CHECK(member && member->is_pending);
    PF_CHECK_STATUS(pf_store_team_add_member(store, arena, team.id, "fourth@example.com",
                                             owner->id, 3, now, &member, &err),
                    PF_E_PLAN_LIMIT);
    struct pf_user *later = make_user("later@example.com");
    PF_CHECK(pf_id_eq(later->team_id, team.id));

    struct pf_team_member *members = NULL;
    size_t count = 0;
    PF_CHECK_STATUS(pf_store_team_members(store, arena, team.id, &members, &count, &err), PF_OK);
    PF_CHECK_INT_EQ(count, 3);
    PF_CHECK(members[0].is_owner && pf_id_eq(members[0].user_id, owner->id));

    /* A member who leaves takes their own data back; the owner cannot leave. */
    PF_CHECK_STATUS(pf_store_team_remove_member(store, team.id, coach->id, NULL, now, &err),
                    PF_OK);
    PF_CHECK_STATUS(pf_store_persona_get(store, arena, coach->id, coachs->id, &got, &err), PF_OK);
    PF_CHECK_STATUS(pf_store_persona_get(store, arena, team.id, coachs->id, &got, &err),
                    PF_E_NOT_FOUND);
    PF_CHECK_STATUS(pf_store_team_remove_member(store, team.id, owner->id, NULL, now, &err),
                    PF_E_CONFLICT);
    PF_CHECK_STATUS(pf_store_team_delete(store, team.id, now, &err), PF_E_CONFLICT);
    PF_CHECK_STATUS(pf_store_team_transfer(store, team.id, coach->id, now, &err), PF_E_NOT_FOUND);
    PF_CHECK_STATUS(pf_store_team_transfer(store, team.id, later->id, now, &err), PF_OK);
    struct pf_team *t = NULL;
    PF_CHECK_STATUS(pf_store_team_get(store, arena, team.id, &t, &err), PF_OK);
    PF_CHECK(pf_id_eq(t->owner_id, later->id));
    PF_CHECK_STATUS(pf_store_team_remove_member(store, team.id, owner->id, NULL, now, &err),
                    PF_OK);
    PF_CHECK_STATUS(pf_store_persona_get(store, arena, owner->id, owners->id, &got, &err), PF_OK);
    PF_CHECK_STATUS(pf_store_team_delete(store, team.id, now, &err), PF_OK);
    struct pf_user *u = NULL;
    PF_CHECK_STATUS(pf_store_user_get(store, arena, later->id, &u, &err), PF_OK);
    PF_CHECK(pf_id_is_nil(u->team_id));
    close_store();
}

static void test_personas_paginate_version_and_stay_in_workspace(void)
{
    if (!open_store())
        return;
    struct pf_error err = PF_ERROR_INIT;
    struct pf_user *alice = make_user(NULL);
    struct pf_user *bob = make_user(NULL);
    for (int i = 0; i < 5; i++)
        make_persona(alice, "Engineer");
    struct pf_persona *bobs = make_persona(bob, "Manager");

    struct pf_persona **items = NULL;
    size_t count = 0;
    pf_id next;
    struct pf_page page = {.limit = 2};
    size_t seen = 0;
    do {
        PF_CHECK_STATUS(pf_store_persona_list(store, arena, alice->id, page, &items, &count,
                                              &next, &err),
                        PF_OK);
        seen += count;
        for (size_t i = 0; i < count; i++)
            PF_CHECK(pf_id_eq(items[i]->workspace_id, alice->id));
        page.after = next;
    } while (!pf_id_is_nil(next) && seen < 10);
    PF_CHECK_INT_EQ(seen, 5);

    struct pf_persona *got = NULL;
    PF_CHECK_STATUS(pf_store_persona_get(store, arena, alice->id, bobs->id, &got, &err),
                    PF_E_NOT_FOUND);
    PF_CHECK_STATUS(pf_store_persona_get(store, arena, bob->id, bobs->id, &got, &err), PF_OK);
    PF_CHECK_STR_EQ(json_string_value(json_array_get(got->tags, 0)), "backend");

    got->title = "Engineering Manager";
    got->data = pf_json_arena(arena, json_pack("{s:{s:s}}", "basics", "label", "EM"));
    got->updated_at = pf_time_now_ms();
    PF_CHECK_STATUS(pf_store_persona_update(store, got, 1, bob->id, &err), PF_OK);
    PF_CHECK_INT_EQ(got->version, 2);
    PF_CHECK_STATUS(pf_store_persona_update(store, got, 1, bob->id, &err), PF_E_PRECONDITION);
    got->workspace_id = alice->id;
    PF_CHECK_STATUS(pf_store_persona_update(store, got, 0, alice->id, &err), PF_E_NOT_FOUND);
    got->workspace_id = bob->id;

    struct pf_persona_version *versions = NULL;
    PF_CHECK_STATUS(pf_store_persona_versions(store, arena, bob->id, bobs->id, &versions, &count,
                                              &err),
                    PF_OK);
    PF_CHECK_INT_EQ(count, 2);
    PF_CHECK_INT_EQ(versions[0].version, 2);
    PF_CHECK_STR_EQ(versions[0].title, "Engineering Manager");
    PF_CHECK_STR_EQ(versions[1].title, "Manager");

    int64_t usage = 0;
    PF_CHECK_STATUS(pf_store_usage(store, alice->id, PF_USAGE_PERSONAS, 0, &usage, &err), PF_OK);
    PF_CHECK_INT_EQ(usage, 5);
    PF_CHECK_STATUS(pf_store_persona_delete(store, alice->id, bobs->id, &err), PF_E_NOT_FOUND);
    PF_CHECK_STATUS(pf_store_persona_delete(store, bob->id, bobs->id, &err), PF_OK);
    PF_CHECK_STATUS(pf_store_persona_get(store, arena, bob->id, bobs->id, &got, &err),
                    PF_E_NOT_FOUND);
    close_store();
}

static struct pf_cv *make_cv(const struct pf_user *owner, const void *bytes, size_t len)
{
    struct pf_cv *cv = pf_arena_alloc(arena, sizeof(*cv));
    cv->id = pf_id_new();
    cv->workspace_id = pf_user_workspace(owner);
    cv->user_id = owner->id;
    cv->filename = "cv.pdf";
    cv->content_type = "application/pdf";
    cv->size_bytes = (int64_t)len;
    cv->sha256 = "00";
    cv->created_at = pf_time_now_ms();
    struct pf_error err = PF_ERROR_INIT;
    PF_CHECK_STATUS(pf_store_cv_create(store, cv, bytes, len, &err), PF_OK);
    return cv;
}

static void test_cv_upload_stores_file_and_job_and_result(void)
{
    if (!open_store())
        return;
    struct pf_error err = PF_ERROR_INIT;
    struct pf_user *user = make_user(NULL);
    static const char bytes[] = "%PDF-1.7\0binary\xff\x00 tail";
    struct pf_cv *cv = make_cv(user, bytes, sizeof(bytes));

    const char *file = NULL;
    size_t len = 0;
    PF_CHECK_STATUS(pf_store_cv_file(store, arena, user->id, cv->id, &file, &len, &err), PF_OK);
    PF_CHECK_INT_EQ(len, sizeof(bytes));
    PF_CHECK(file && memcmp(file, bytes, sizeof(bytes)) == 0);
    PF_CHECK_STATUS(pf_store_cv_file(store, arena, pf_id_new(), cv->id, &file, &len, &err),
                    PF_E_NOT_FOUND);

    struct pf_job *job = NULL;
    int64_t now = pf_time_now_ms();
    PF_CHECK_STATUS(pf_store_job_claim(store, arena, "w1", now, 60000, &job, &err), PF_OK);
    PF_CHECK(job && pf_id_eq(job->subject_id, cv->id));
    PF_CHECK_STR_EQ(job ? job->kind : NULL, "parse_cv");
    PF_CHECK_STATUS(pf_store_cv_set_processing(store, cv->id, now, &err), PF_OK);
    /* A reparse while the job runs does not queue a second one. */
    PF_CHECK_STATUS(pf_store_cv_reparse(store, user->id, cv->id, now, &err), PF_OK);
    struct pf_job *none = NULL;
    PF_CHECK_STATUS(pf_store_job_claim(store, arena, "w2", now, 60000, &none, &err), PF_OK);
    PF_CHECK(none == NULL);

    json_t *parsed = pf_json_arena(arena, json_pack("{s:{s:s}}", "basics", "name", "Ada"));
    json_t *diag = pf_json_arena(arena, json_pack("{s:s,s:i}", "format", "pdf", "pages", 1));
    struct pf_cv_result result = {.id = cv->id, .status = PF_CV_PARSED, .format = "pdf",
                                  .raw_text = "Ada Lovelace\nAnalyst", .raw_text_len = 20,
                                  .parsed_json = parsed, .diagnostics = diag, .now = now};
    PF_CHECK_STATUS(pf_store_cv_finish(store, &result, &err), PF_OK);
    PF_CHECK_STATUS(pf_store_job_done(store, job->id, "w1", now, &err), PF_OK);
    PF_CHECK_STATUS(pf_store_job_done(store, job->id, "w1", now, &err), PF_E_CONFLICT);

    struct pf_cv *got = NULL;
    PF_CHECK_STATUS(pf_store_cv_get(store, arena, user->id, cv->id, &got, &err), PF_OK);
    PF_CHECK_INT_EQ(got->status, PF_CV_PARSED);
    PF_CHECK_STR_EQ(got->raw_text, "Ada Lovelace\nAnalyst");
    PF_CHECK_STR_EQ(pf_json_get_str(json_object_get(got->parsed_json, "basics"), "name"), "Ada");
    PF_CHECK_INT_EQ(pf_json_get_int(got->diagnostics, "pages", 0), 1);

    struct pf_cv **items = NULL;
    size_t count = 0;
    pf_id next;
    PF_CHECK_STATUS(pf_store_cv_list(store, arena, user->id, (struct pf_page){.limit = 10},
                                     &items, &count, &next, &err),
                    PF_OK);
    PF_CHECK_INT_EQ(count, 1);
    PF_CHECK(items[0]->raw_text == NULL);
    close_store();
}

static void test_cv_delete_removes_every_trace(void)
{
    if (!open_store())
        return;
    struct pf_error err = PF_ERROR_INIT;
    struct pf_user *user = make_user(NULL);
    struct pf_cv *cv = make_cv(user, "x", 1);
    struct pf_cv *other = make_cv(user, "y", 1);
    int64_t now = pf_time_now_ms();
    char cv_text[PF_ID_STR_LEN], other_text[PF_ID_STR_LEN];
    pf_id_format(cv->id, cv_text);
    pf_id_format(other->id, other_text);
    struct pf_kb_row only = {.id = pf_id_new(), .workspace_id = user->id, .user_id = user->id,
                               .type = "skill", .value = "Go", .normalized_value = "go",
                               .source = "cv", .confidence = 0.9, .confirmed = true,
                               .created_at = now, .updated_at = now};
    only.evidence = pf_json_arena(arena, json_pack("[{s:s,s:i}]", "cv_id", cv_text, "start", 3));
    struct pf_kb_row shared = only;
    shared.id = pf_id_new();
    shared.value = "SQL";
    shared.normalized_value = "sql";
    shared.evidence = pf_json_arena(arena, json_pack("[{s:s},{s:s}]", "cv_id", cv_text, "cv_id",
                                                     other_text));
    struct pf_kb_row answered = only;
    answered.id = pf_id_new();
    answered.value = "Remote";
    answered.normalized_value = "remote";
    answered.type = "preference";
    answered.source = "user_answer";
    PF_CHECK_STATUS(pf_store_kb_create(store, &only, &err), PF_OK);
    PF_CHECK_STATUS(pf_store_kb_create(store, &shared, &err), PF_OK);
    PF_CHECK_STATUS(pf_store_kb_create(store, &answered, &err), PF_OK);

    PF_CHECK_STATUS(pf_store_cv_delete(store, pf_id_new(), cv->id, &err), PF_E_NOT_FOUND);
    PF_CHECK_STATUS(pf_store_cv_delete(store, user->id, cv->id, &err), PF_OK);
    struct pf_cv *got = NULL;
    PF_CHECK_STATUS(pf_store_cv_get(store, arena, user->id, cv->id, &got, &err), PF_E_NOT_FOUND);
    const char *file = NULL;
    size_t len = 0;
    PF_CHECK_STATUS(pf_store_cv_file(store, arena, pf_id_new(), cv->id, &file, &len, &err),
                    PF_E_NOT_FOUND);
    struct pf_kb_row *entry = NULL;
    PF_CHECK_STATUS(pf_store_kb_get(store, arena, user->id, only.id, &entry, &err),
                    PF_E_NOT_FOUND);
    PF_CHECK_STATUS(pf_store_kb_get(store, arena, user->id, shared.id, &entry, &err), PF_OK);
    PF_CHECK_INT_EQ(json_array_size(entry->evidence), 1);
    PF_CHECK_STR_EQ(pf_json_get_str(json_array_get(entry->evidence, 0), "cv_id"), other_text);
    PF_CHECK_STATUS(pf_store_kb_get(store, arena, user->id, answered.id, &entry, &err), PF_OK);
    /* Only the other CV's job is left. */
    struct pf_job *job = NULL;
    PF_CHECK_STATUS(pf_store_job_claim(store, arena, "w", now, 1000, &job, &err), PF_OK);
    PF_CHECK(job && pf_id_eq(job->subject_id, other->id));
    PF_CHECK_STATUS(pf_store_job_claim(store, arena, "w", now, 1000, &job, &err), PF_OK);
    PF_CHECK(job == NULL);
    close_store();
}

static void test_jobs_retry_and_recover_abandoned_leases(void)
{
    if (!open_store())
        return;
    struct pf_error err = PF_ERROR_INIT;
    struct pf_user *user = make_user(NULL);
    struct pf_cv *cv = make_cv(user, "x", 1);
    int64_t now = pf_time_now_ms();
    struct pf_job *job = NULL;
    PF_CHECK_STATUS(pf_store_job_claim(store, arena, "w1", now, 1000, &job, &err), PF_OK);
    PF_CHECK(job && job->attempts == 1);
    PF_CHECK_STATUS(pf_store_job_fail(store, job->id, "w1", "boom", now, now + 500, &err), PF_OK);
    struct pf_job *again = NULL;
    PF_CHECK_STATUS(pf_store_job_claim(store, arena, "w1", now + 100, 1000, &again, &err), PF_OK);
    PF_CHECK(again == NULL); /* not before retry_at */
    PF_CHECK_STATUS(pf_store_job_claim(store, arena, "w1", now + 600, 1000, &again, &err), PF_OK);
    PF_CHECK(again && again->attempts == 2);

    /* The worker dies: after the lease the job is queued again, then failed for good. */
    struct pf_job **failed = NULL;
    size_t failed_count = 0;
    int64_t requeued = 0;
    PF_CHECK_STATUS(pf_store_job_recover(store, arena, now + 5000, 3, &failed, &failed_count,
                                         &requeued, &err),
                    PF_OK);
    PF_CHECK_INT_EQ(requeued, 1);
    PF_CHECK_INT_EQ(failed_count, 0);
    PF_CHECK_STATUS(pf_store_job_claim(store, arena, "w2", now + 5000, 1000, &again, &err), PF_OK);
    PF_CHECK(again && again->attempts == 3);
    PF_CHECK_STATUS(pf_store_job_done(store, again->id, "w1", now, &err), PF_E_CONFLICT);
    PF_CHECK_STATUS(pf_store_job_recover(store, arena, now + 10000, 3, &failed, &failed_count,
                                         &requeued, &err),
                    PF_OK);
    PF_CHECK_INT_EQ(failed_count, 1);
    PF_CHECK(failed_count == 1 && pf_id_eq(failed[0]->subject_id, cv->id));
    int64_t queued = 0, running = 0, failed_total = 0;
    PF_CHECK_STATUS(pf_store_job_counts(store, &queued, &running, &failed_total, &err), PF_OK);
    PF_CHECK(queued == 0 && running == 0 && failed_total == 1);
    close_store();
}

struct claimer {
    int claimed;
    pf_id ids[64];
};

static void *claim_all(void *arg)
{
    struct claimer *c = arg;
    struct pf_arena *local = pf_arena_new();
    char worker[32];
    snprintf(worker, sizeof(worker), "w%p", arg);
    for (;;) {
        struct pf_job *job = NULL;
        struct pf_error err = PF_ERROR_INIT;
        if (pf_store_job_claim(store, local, worker, pf_time_now_ms(), 60000, &job, &err) != PF_OK)
            continue; /* busy: try again */
        if (!job)
            break;
        c->ids[c->claimed++] = job->id;
    }
    pf_arena_free(local);
    return NULL;
}

static void test_concurrent_workers_never_claim_a_job_twice(void)
{
    if (!open_store())
        return;
    struct pf_user *user = make_user(NULL);
    for (int i = 0; i < 40; i++)
        make_cv(user, "x", 1);
    struct claimer claimers[3] = {0};
    pthread_t threads[3];
    for (int i = 0; i < 3; i++)
        pthread_create(&threads[i], NULL, claim_all, &claimers[i]);
    for (int i = 0; i < 3; i++)
        pthread_join(threads[i], NULL);
    int total = claimers[0].claimed + claimers[1].claimed + claimers[2].claimed;
    PF_CHECK_INT_EQ(total, 40);
    for (int a = 0; a < 3; a++)
        for (int b = 0; b < 3; b++)
            for (int i = 0; i < claimers[a].claimed; i++)
                for (int j = 0; j < claimers[b].claimed; j++)
                    if (!(a == b && i == j))
                        PF_CHECK(!pf_id_eq(claimers[a].ids[i], claimers[b].ids[j]));
    close_store();
}

/* Every KB entry of workspace (up to 100), rejected ones included. */
static struct pf_kb_row **list_kb(pf_id workspace, size_t *out_count)
{
    struct pf_kb_row **items = NULL;
    pf_id next;
    struct pf_kb_filter filter = {.confirmed = -1};
    struct pf_error err = PF_ERROR_INIT;
    *out_count = 0;
    PF_CHECK_STATUS(pf_store_kb_list(store, arena, workspace, &filter,
                                     (struct pf_page){.limit = 100}, &items, out_count, &next,
                                     &err),
                    PF_OK);
    return items;
}

/* Concurrent merges into one workspace (CVs of an agency parsed at once): every merge lands,
 * one row per key, and no merge's evidence is lost to another's. Each round the mergers start
 * together on keys none of them has stored yet. */
enum { MERGERS = 4, MERGE_ROUNDS = 8, MERGE_KEYS = 6 };

struct merger {
    pf_id workspace;
    int index;
    pthread_barrier_t *start;
    pf_status status;
};

static void *merge_keys(void *arg)
{
    struct merger *m = arg;
    for (int round = 0; round < MERGE_ROUNDS; round++) {
        struct pf_arena *local = pf_arena_new();
        struct pf_kb_row rows[MERGE_KEYS];
        struct pf_kb_row *ptrs[MERGE_KEYS];
        for (int k = 0; k < MERGE_KEYS; k++) {
            char *value = pf_arena_printf(local, "skill%d-%d", round, k);
            json_t *evidence = json_pack("[{s:s,s:i}]", "field",
                                         pf_arena_printf(local, "m%d", m->index), "start", 0);
            rows[k] = (struct pf_kb_row){.id = pf_id_new(), .type = "skill", .value = value,
                                         .normalized_value = value, .source = "cv",
                                         .confidence = 0.8, .confirmed = true,
                                         .evidence = pf_json_arena(local, evidence)};
            ptrs[k] = &rows[k];
        }
        struct pf_error err = PF_ERROR_INIT;
        pthread_barrier_wait(m->start);
        pf_status st = pf_store_kb_merge(store, m->workspace, m->workspace, ptrs, MERGE_KEYS,
                                         NULL, 0, pf_time_now_ms(), &err);
        if (st != PF_OK && m->status == PF_OK)
            m->status = st;
        pf_arena_free(local);
    }
    return NULL;
}

static void test_concurrent_kb_merges_into_one_workspace_all_land(void)
{
    if (!open_store())
        return;
    struct pf_user *user = make_user(NULL);
    pthread_barrier_t start;
    pthread_barrier_init(&start, NULL, MERGERS);
    struct merger mergers[MERGERS];
    pthread_t threads[MERGERS];
    for (int i = 0; i < MERGERS; i++) {
        mergers[i] = (struct merger){.workspace = user->id, .index = i, .start = &start};
        pthread_create(&threads[i], NULL, merge_keys, &mergers[i]);
    }
    for (int i = 0; i < MERGERS; i++)
        pthread_join(threads[i], NULL);
    pthread_barrier_destroy(&start);
    for (int i = 0; i < MERGERS; i++)
        PF_CHECK_STATUS(mergers[i].status, PF_OK);
    size_t count = 0;
    struct pf_kb_row **items = list_kb(user->id, &count);
    PF_CHECK_INT_EQ(count, MERGE_ROUNDS * MERGE_KEYS);
    for (size_t i = 0; i < count; i++)
        PF_CHECK_INT_EQ(json_array_size(items[i]->evidence), MERGERS);
    close_store();
}

static pf_status reject_entry(void *ctx, struct pf_arena *unused, struct pf_kb_row *e,
                              struct pf_error *err)
{
    (void)ctx, (void)unused, (void)err;
    e->rejected = true;
    e->updated_at = 42;
    return PF_OK;
}

static void test_kb_entries_dedupe_filter_and_answer_questions(void)
{
    if (!open_store())
        return;
    struct pf_error err = PF_ERROR_INIT;
    struct pf_user *user = make_user(NULL);
    int64_t now = pf_time_now_ms();
    struct pf_kb_row e = {.id = pf_id_new(), .workspace_id = user->id, .user_id = user->id,
                            .type = "skill", .value = "Kubernetes",
                            .normalized_value = "kubernetes", .source = "cv", .confidence = 0.9,
                            .confirmed = true, .created_at = now, .updated_at = now};
    PF_CHECK_STATUS(pf_store_kb_create(store, &e, &err), PF_OK);
    struct pf_kb_row dup = e;
    dup.id = pf_id_new();
    PF_CHECK_STATUS(pf_store_kb_create(store, &dup, &err), PF_E_CONFLICT);
    struct pf_kb_row inferred = e;
    inferred.id = pf_id_new();
    inferred.value = "Containers";
    inferred.normalized_value = "containers";
    inferred.source = "ai_extraction";
    inferred.confirmed = false;
    PF_CHECK_STATUS(pf_store_kb_create(store, &inferred, &err), PF_OK);

    struct pf_kb_row **items = NULL;
    size_t count = 0;
    pf_id next;
    struct pf_kb_filter filter = {.source = "ai_extraction", .confirmed = -1};
    PF_CHECK_STATUS(pf_store_kb_list(store, arena, user->id, &filter,
                                     (struct pf_page){.limit = 50}, &items, &count, &next, &err),
                    PF_OK);
    PF_CHECK_INT_EQ(count, 1);
    filter = (struct pf_kb_filter){.confirmed = 1};
    PF_CHECK_STATUS(pf_store_kb_list(store, arena, user->id, &filter,
                                     (struct pf_page){.limit = 50}, &items, &count, &next, &err),
                    PF_OK);
    PF_CHECK_INT_EQ(count, 1);
    PF_CHECK_STR_EQ(items[0]->value, "Kubernetes");
    struct pf_kb_row *edited = NULL;
    PF_CHECK_STATUS(pf_store_kb_update(store, arena, user->id, inferred.id, reject_entry, NULL,
                                       &edited, &err),
                    PF_OK);
    PF_CHECK(edited->rejected && edited->updated_at == 42);
    PF_CHECK_STR_EQ(edited->value, "Containers");
    PF_CHECK_STATUS(pf_store_kb_update(store, arena, user->id, pf_id_new(), reject_entry, NULL,
                                       &edited, &err),
                    PF_E_NOT_FOUND);
    PF_CHECK(!edited);
    filter = (struct pf_kb_filter){.confirmed = -1};
    PF_CHECK_STATUS(pf_store_kb_list(store, arena, user->id, &filter,
                                     (struct pf_page){.limit = 50}, &items, &count, &next, &err),
                    PF_OK);
    PF_CHECK_INT_EQ(count, 1); /* rejected entries are hidden unless asked for */

    struct pf_kb_question_row q = {.id = pf_id_new(), .workspace_id = user->id, .user_id = user->id,
                               .dedupe_key = "years:kubernetes", .kind = "years",
                               .question = "How many years?", .created_at = now};
    bool created = false;
    PF_CHECK_STATUS(pf_store_kb_question_add(store, &q, &created, &err), PF_OK);
    PF_CHECK(created);
    struct pf_kb_question_row q2 = q;
    q2.id = pf_id_new();
    PF_CHECK_STATUS(pf_store_kb_question_add(store, &q2, &created, &err), PF_OK);
    PF_CHECK(!created);
    struct pf_kb_row answer = e;
    answer.id = pf_id_new();
    answer.details = pf_json_arena(arena, json_pack("{s:i}", "years", 4));
    struct pf_kb_row *answers[] = {&answer};
    PF_CHECK_STATUS(pf_store_kb_question_close(store, user->id, q.id, "4", answers, 1, now, &err),
                    PF_OK);
    PF_CHECK_STATUS(pf_store_kb_question_close(store, user->id, q.id, "5", answers, 1, now, &err),
                    PF_E_CONFLICT);
    struct pf_kb_row *got = NULL;
    PF_CHECK_STATUS(pf_store_kb_get(store, arena, user->id, e.id, &got, &err), PF_OK);
    PF_CHECK_STR_EQ(got->source, "user_answer");
    PF_CHECK_INT_EQ(pf_json_get_int(got->details, "years", 0), 4);
    struct pf_kb_question_row **questions = NULL;
    PF_CHECK_STATUS(pf_store_kb_question_list(store, arena, user->id, "answered",
                                              (struct pf_page){.limit = 10}, &questions, &count,
                                              &next, &err),
                    PF_OK);
    PF_CHECK_INT_EQ(count, 1);
    PF_CHECK_STR_EQ(questions[0]->answer, "4");
    PF_CHECK_STATUS(pf_store_kb_delete(store, user->id, e.id, &err), PF_OK);
    PF_CHECK_STATUS(pf_store_kb_delete(store, user->id, e.id, &err), PF_E_NOT_FOUND);
    close_store();
}

static struct pf_kb_row merged_row(char *type, char *value, char *normalized,
                                   char *source, double confidence, const char *field)
{
    return (struct pf_kb_row){
        .id = pf_id_new(), .type = type, .value = value, .normalized_value = normalized,
        .source = source, .confidence = confidence, .confirmed = strcmp(source, "cv") == 0,
        .evidence = pf_json_arena(arena, json_pack("[{s:s,s:i}]", "field", field, "start", 0))};
}

static void test_kb_merge_inserts_folds_and_keeps_answers(void)
{
    if (!open_store())
        return;
    struct pf_error err = PF_ERROR_INIT;
    struct pf_user *user = make_user(NULL);
    int64_t now = pf_time_now_ms();
    /* A user's answer already there. */
    struct pf_kb_row answer = merged_row("preference", "Remote", "remote", "user_answer", 1.0,
                                         "answer");
    answer.workspace_id = answer.user_id = user->id;
    answer.created_at = answer.updated_at = now;
    PF_CHECK_STATUS(pf_store_kb_create(store, &answer, &err), PF_OK);
    /* First batch: new entries, one key twice in the batch. */
    struct pf_kb_row go = merged_row("skill", "Go", "go", "ai_extraction", 0.6, "work/0");
    struct pf_kb_row go_again = merged_row("skill", "Go", "go", "ai_extraction", 0.7, "work/1");
    struct pf_kb_row sql = merged_row("skill", "SQL", "sql", "cv", 0.9, "skills/0");
    struct pf_kb_row remote = merged_row("preference", "Remote", "remote", "cv", 0.5, "basics");
    struct pf_kb_row *first[] = {&go, &go_again, &sql, &remote};
    PF_CHECK_STATUS(pf_store_kb_merge(store, user->id, user->id, first, 4, NULL, 0, now, &err),
                    PF_OK);
    /* Second batch: the inferred skill now stated in a CV. */
    struct pf_kb_row go_cv = merged_row("skill", "Go", "go", "cv", 0.95, "skills/1");
    struct pf_kb_row *second[] = {&go_cv};
    PF_CHECK_STATUS(pf_store_kb_merge(store, user->id, user->id, second, 1, NULL, 0, now + 1,
                                      &err),
                    PF_OK);

    size_t count = 0;
    struct pf_kb_row **items = list_kb(user->id, &count);
    PF_CHECK_INT_EQ(count, 3); /* go, sql, remote: one row per key */
    for (size_t i = 0; i < count; i++) {
        const struct pf_kb_row *row = items[i];
        if (strcmp(row->normalized_value, "go") == 0) {
            PF_CHECK_STR_EQ(row->source, "cv"); /* a CV confirms what was inferred */
            PF_CHECK(row->confirmed);
            PF_CHECK(row->confidence > 0.94);
            PF_CHECK_INT_EQ(json_array_size(row->evidence), 3); /* work/0, work/1, skills/1 */
        } else if (strcmp(row->normalized_value, "remote") == 0) {
            PF_CHECK_STR_EQ(row->source, "user_answer"); /* the answer stays the user's */
            PF_CHECK_INT_EQ(json_array_size(row->evidence), 2);
        } else {
            PF_CHECK_STR_EQ(row->normalized_value, "sql");
        }
    }
    /* The same finding again changes nothing, not even updated_at. */
    struct pf_kb_row go_again_cv = merged_row("skill", "Go", "go", "cv", 0.95, "skills/1");
    struct pf_kb_row *third[] = {&go_again_cv};
    PF_CHECK_STATUS(pf_store_kb_merge(store, user->id, user->id, third, 1, NULL, 0, now + 2,
                                      &err),
                    PF_OK);
    items = list_kb(user->id, &count);
    for (size_t i = 0; i < count; i++) {
        if (strcmp(items[i]->normalized_value, "go") == 0) {
            PF_CHECK(items[i]->updated_at == now + 1);
            PF_CHECK_INT_EQ(json_array_size(items[i]->evidence), 3);
        }
    }
    close_store();
}

/* A merge changing more entries than one write-back statement carries updates them all. */
static void test_kb_merge_writes_back_many_changed_entries(void)
{
    if (!open_store())
        return;
    enum { KEYS = 75 };
    struct pf_error err = PF_ERROR_INIT;
    struct pf_user *user = make_user(NULL);
    int64_t now = pf_time_now_ms();
    for (int round = 0; round < 2; round++) {
        struct pf_kb_row rows[KEYS];
        struct pf_kb_row *ptrs[KEYS];
        for (int k = 0; k < KEYS; k++) {
            char *value = pf_arena_printf(arena, "tool%d", k);
            rows[k] = merged_row("tool", value, value, round ? "cv" : "ai_extraction",
                                 round ? 0.9 : 0.5, pf_arena_printf(arena, "work/%d", round));
            ptrs[k] = &rows[k];
        }
        PF_CHECK_STATUS(pf_store_kb_merge(store, user->id, user->id, ptrs, KEYS, NULL, 0,
                                          now + round, &err),
                        PF_OK);
    }
    size_t count = 0;
    struct pf_kb_row **items = list_kb(user->id, &count);
    PF_CHECK_INT_EQ(count, KEYS);
    for (size_t i = 0; i < count; i++) {
        PF_CHECK_INT_EQ(json_array_size(items[i]->evidence), 2);
        PF_CHECK_STR_EQ(items[i]->source, "cv");
        PF_CHECK(items[i]->confirmed && items[i]->confidence > 0.89);
        PF_CHECK(items[i]->updated_at == now + 1);
    }
    close_store();
}

/* An edit holds its entry from the read to the write: a merge of the workspace started in
 * between waits for it, so the edit keeps its change and the merge its evidence (without the
 * lock the merge landed in the gap and the edit wrote the old evidence back). */
struct edit_race {
    pf_id workspace;
    struct pf_kb_row *finding; /* the merge's: the same key, new evidence */
    pthread_t merger;
    pf_status merge_status;
};

static void *merge_finding(void *arg)
{
    struct edit_race *race = arg;
    struct pf_error err = PF_ERROR_INIT;
    race->merge_status = pf_store_kb_merge(store, race->workspace, race->workspace,
                                           &race->finding, 1, NULL, 0, pf_time_now_ms(), &err);
    return NULL;
}

static pf_status edit_while_a_merge_starts(void *ctx, struct pf_arena *local,
                                           struct pf_kb_row *e, struct pf_error *err)
{
    (void)err;
    struct edit_race *race = ctx;
    pthread_create(&race->merger, NULL, merge_finding, race);
    nanosleep(&(struct timespec){.tv_nsec = 300 * 1000 * 1000}, NULL); /* a merge takes ms */
    e->details = pf_json_arena(local, json_pack("{s:s}", "level", "expert"));
    e->confirmed = true;
    return PF_OK;
}

static void test_kb_edit_and_merge_meeting_keep_both(void)
{
    if (!open_store())
        return;
    struct pf_error err = PF_ERROR_INIT;
    struct pf_user *user = make_user(NULL);
    struct pf_kb_row go = merged_row("skill", "Go", "go", "ai_extraction", 0.6, "work/0");
    struct pf_kb_row *first[] = {&go};
    PF_CHECK_STATUS(pf_store_kb_merge(store, user->id, user->id, first, 1, NULL, 0,
                                      pf_time_now_ms(), &err),
                    PF_OK);
    size_t count = 0;
    struct pf_kb_row **items = list_kb(user->id, &count);
    PF_CHECK_INT_EQ(count, 1);
    struct pf_kb_row later = merged_row("skill", "Go", "go", "ai_extraction", 0.7, "work/1");
    struct edit_race race = {.workspace = user->id, .finding = &later};
    struct pf_kb_row *edited = NULL;
    PF_CHECK_STATUS(pf_store_kb_update(store, arena, user->id, items[0]->id,
                                       edit_while_a_merge_starts, &race, &edited, &err),
                    PF_OK);
    pthread_join(race.merger, NULL);
    PF_CHECK_STATUS(race.merge_status, PF_OK);
    struct pf_kb_row *got = NULL;
    PF_CHECK_STATUS(pf_store_kb_get(store, arena, user->id, items[0]->id, &got, &err), PF_OK);
    PF_CHECK_STR_EQ(pf_json_get_str(got->details, "level"), "expert");
    PF_CHECK(got->confirmed);
    PF_CHECK_INT_EQ(json_array_size(got->evidence), 2); /* work/0 and the merge's work/1 */
    PF_CHECK(got->confidence > 0.69);
    close_store();
}

static void test_templates_builtins_and_workspace_overrides(void)
{
    if (!open_store())
        return;
    struct pf_error err = PF_ERROR_INIT;
    struct pf_user *user = make_user(NULL);
    int64_t now = pf_time_now_ms();
    struct pf_template_row builtin = {.id = pf_id_new(), .name = "classic", .type = "cv",
                                  .engine = "markdown", .body = "# {{ basics.name }}",
                                  .created_at = now, .updated_at = now};
    builtin.config = pf_json_arena(arena, json_object());
    PF_CHECK_STATUS(pf_store_template_put_builtin(store, &builtin, &err), PF_OK);
    builtin.body = "# {{ basics.name | upper }}";
    PF_CHECK_STATUS(pf_store_template_put_builtin(store, &builtin, &err), PF_OK);

    struct pf_template_row own = builtin;
    own.id = pf_id_new();
    own.workspace_id = user->id;
    own.user_id = user->id;
    own.body = "mine";
    PF_CHECK_STATUS(pf_store_template_create(store, &own, &err), PF_OK);
    PF_CHECK_STATUS(pf_store_template_create(store, &own, &err), PF_E_CONFLICT);

    struct pf_template_row *found = NULL;
    PF_CHECK_STATUS(pf_store_template_find(store, arena, user->id, "classic", &found, &err), PF_OK);
    PF_CHECK_STR_EQ(found->body, "mine");
    PF_CHECK_STATUS(pf_store_template_find(store, arena, pf_id_new(), "classic", &found, &err),
                    PF_OK);
    PF_CHECK_STR_EQ(found->body, "# {{ basics.name | upper }}");
    char id_text[PF_ID_STR_LEN];
    pf_id_format(own.id, id_text);
    PF_CHECK_STATUS(pf_store_template_find(store, arena, pf_id_new(), id_text, &found, &err),
                    PF_E_NOT_FOUND);

    struct pf_template_row **items = NULL;
    size_t count = 0;
    PF_CHECK_STATUS(pf_store_template_list(store, arena, user->id, &items, &count, &err), PF_OK);
    PF_CHECK_INT_EQ(count, 2);
    PF_CHECK(pf_id_is_nil(items[0]->workspace_id));

    builtin.workspace_id = user->id;
    PF_CHECK_STATUS(pf_store_template_update(store, &builtin, &err), PF_E_NOT_FOUND);
    PF_CHECK_STATUS(pf_store_template_delete(store, user->id, builtin.id, &err), PF_E_NOT_FOUND);
    PF_CHECK_STATUS(pf_store_template_delete(store, user->id, own.id, &err), PF_OK);
    close_store();
}

static void test_gap_reports_are_listed_per_persona_and_counted(void)
{
    if (!open_store())
        return;
    struct pf_error err = PF_ERROR_INIT;
    struct pf_user *user = make_user(NULL);
    struct pf_persona *persona = make_persona(user, "Engineer");
    int64_t now = pf_time_now_ms();
    for (int i = 0; i < 3; i++) {
        struct pf_gap_report r = {.id = pf_id_new(), .workspace_id = user->id,
                                  .user_id = user->id, .persona_id = persona->id,
                                  .type = i ? "role_specific" : "general",
                                  .input_text = i ? "We need Go" : NULL, .has_score = i > 0,
                                  .score = 72.5, .created_at = now};
        r.issues = pf_json_arena(arena, json_pack("[{s:s,s:s,s:s}]", "field", "/basics",
                                                  "suggestion", "Add a phone", "severity", "low"));
        PF_CHECK_STATUS(pf_store_gap_create(store, &r, &err), PF_OK);
    }
    struct pf_gap_report **items = NULL;
    size_t count = 0;
    pf_id next;
    PF_CHECK_STATUS(pf_store_gap_list(store, arena, user->id, persona->id,
                                      (struct pf_page){.limit = 10}, &items, &count, &next, &err),
                    PF_OK);
    PF_CHECK_INT_EQ(count, 3);
    PF_CHECK(items[0]->has_score && items[0]->score > 72.4 && items[0]->score < 72.6);
    PF_CHECK(!items[2]->has_score);
    PF_CHECK_STR_EQ(pf_json_get_str(json_array_get(items[0]->issues, 0), "severity"), "low");
    int64_t usage = 0;
    PF_CHECK_STATUS(pf_store_usage(store, user->id, PF_USAGE_REPORTS_MONTH, now - 1000, &usage,
                                   &err),
                    PF_OK);
    PF_CHECK_INT_EQ(usage, 3);
    PF_CHECK_STATUS(pf_store_usage(store, user->id, PF_USAGE_REPORTS_MONTH, now + 1000, &usage,
                                   &err),
                    PF_OK);
    PF_CHECK_INT_EQ(usage, 0);
    close_store();
}

static void test_pool_recovers_after_connections_die(void)
{
    if (!open_store())
        return;
    if (strcmp(pf_test_backend(), "sqlite") == 0) {
        pf_test_skip("connections cannot die under SQLite");
        close_store();
        return;
    }
    struct pf_error err = PF_ERROR_INIT;
    struct pf_user *user = make_user(NULL);
    PF_CHECK(pf_test_db_kill_connections(url));
    /* A read on a dead pooled connection is retried on a fresh one. */
    struct pf_user *got = NULL;
    PF_CHECK_STATUS(pf_store_user_get(store, arena, user->id, &got, &err), PF_OK);
    PF_CHECK(pf_test_db_kill_connections(url));
    /* A write is not retried (it might have committed): it fails cleanly once... */
    pf_status first = pf_store_user_set_plan(store, user->id, PF_PLAN_PRO, &err);
    PF_CHECK(first == PF_OK || first == PF_E_STORE);
    /* ...and the next one works on a new connection. */
    PF_CHECK_STATUS(pf_store_user_set_plan(store, user->id, PF_PLAN_PRO, &err), PF_OK);
    PF_CHECK_STATUS(pf_store_ping(store, &err), PF_OK);
    close_store();
}

int main(int argc, char **argv)
{
    static const struct pf_test_case cases[] = {
        PF_CASE(test_migrations_are_idempotent_and_ping_works),
        PF_CASE(test_users_are_unique_by_email),
        PF_CASE(test_sessions_expire_and_revoke),
        PF_CASE(test_login_failures_count_within_window),
        PF_CASE(test_teams_share_a_workspace_and_move_data),
        PF_CASE(test_personas_paginate_version_and_stay_in_workspace),
        PF_CASE(test_cv_upload_stores_file_and_job_and_result),
        PF_CASE(test_cv_delete_removes_every_trace),
        PF_CASE(test_jobs_retry_and_recover_abandoned_leases),
        PF_CASE(test_concurrent_workers_never_claim_a_job_twice),
        PF_CASE(test_kb_entries_dedupe_filter_and_answer_questions),
        PF_CASE(test_kb_merge_inserts_folds_and_keeps_answers),
        PF_CASE(test_kb_merge_writes_back_many_changed_entries),
        PF_CASE(test_concurrent_kb_merges_into_one_workspace_all_land),
        PF_CASE(test_kb_edit_and_merge_meeting_keep_both),
        PF_CASE(test_templates_builtins_and_workspace_overrides),
        PF_CASE(test_gap_reports_are_listed_per_persona_and_counted),
        PF_CASE(test_pool_recovers_after_connections_die),
    };
    printf("# backend: %s\n", pf_test_backend());
    return pf_test_run(argc, argv, cases, PF_ARRAY_LEN(cases));
}
