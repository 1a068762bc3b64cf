/* The search contract: the same cases on SQLite and PostgreSQL (PF_TEST_BACKEND) — ranking,
 * phrases, OR, exclusions, stemming, prefixes, the typo fallback, filters, paging, workspace
 * isolation (hits, snippets and totals), and edits and deletions visible at once. */
#include <string.h>
#include <time.h>

#include "base/clock.h"
#include "harness.h"
#include "store/store.h"
#include "store/store_cvs.h"
#include "store/store_kb.h"
#include "store/store_personas.h"
#include "store/store_search.h"
#include "store/store_seed.h"
#include "test_db.h"

static struct pf_store *store;
static struct pf_arena *arena;
static int user_counter;

static bool open_store_with(int pool_size)
{
    const char *url = pf_test_db_url();
    if (!url) {
        pf_test_skip("PF_TEST_PG_URL is not set (tools/test.sh starts a PostgreSQL)");
        return false;
    }
    struct pf_store_options options = {.pool_size = pool_size, .timeout_s = 5};
    struct pf_error err = PF_ERROR_INIT;
    PF_CHECK_STATUS(pf_store_open(url, &options, &store, &err), PF_OK);
    PF_CHECK_STATUS(pf_store_migrate(store, NULL, &err), PF_OK);
    arena = pf_arena_new();
    return true;
}

static bool open_store(void)
{
    return open_store_with(2);
}

static void close_store(void)
{
    pf_store_close(store);
    pf_arena_free(arena);
    store = NULL;
    arena = NULL;
}

static struct pf_user *make_user(void)
{
    struct pf_user *user = pf_arena_alloc(arena, sizeof(*user));
    user->id = pf_id_new();
    user->email = pf_arena_printf(arena, "search%d@example.com", ++user_counter);
    user->name = "Searcher";
    user->password_hash = "$argon2id$fake";
    user->plan = PF_PLAN_TEAM;
    user->created_at = user->updated_at = pf_time_now_ms();
    struct pf_error err = PF_ERROR_INIT;
    PF_CHECK_STATUS(pf_store_user_create(store, user, 50, &err), PF_OK);
    return user;
}

static struct pf_persona *make_persona(pf_id workspace, const struct pf_user *owner,
                                       const char *title, const char *summary, const char *tag,
                                       const char *highlight)
{
    struct pf_persona *p = pf_arena_alloc(arena, sizeof(*p));
    p->id = pf_id_new();
    p->workspace_id = workspace;
    p->user_id = owner->id;
    p->title = (char *)title;
    p->summary = (char *)summary;
    p->tags = pf_json_arena(arena, tag ? json_pack("[s]", tag) : json_array());
    p->data = pf_json_arena(arena, highlight ? json_pack("{s:{s:[s]}}", "basics", "highlights",
                                                         highlight)
                                             : json_object());
    p->version = 1;
    p->created_at = p->updated_at = pf_time_now_ms();
    struct pf_error err = PF_ERROR_INIT;
    PF_CHECK_STATUS(pf_store_persona_create(store, p, &err), PF_OK);
    return p;
}

static struct pf_cv *make_cv(pf_id workspace, const struct pf_user *owner, const char *name,
                             const char *raw_text)
{
    struct pf_cv *cv = pf_arena_alloc(arena, sizeof(*cv));
    cv->id = pf_id_new();
    cv->workspace_id = workspace;
    cv->user_id = owner->id;
    cv->filename = "cv.txt";
    cv->content_type = "text/plain";
    cv->size_bytes = (int64_t)strlen(raw_text);
    cv->sha256 = "00";
    cv->created_at = cv->updated_at = pf_time_now_ms();
    struct pf_error err = PF_ERROR_INIT;
    PF_CHECK_STATUS(pf_store_cv_create(store, cv, raw_text, strlen(raw_text), &err), PF_OK);
    json_t *parsed = json_pack("{s:{s:s,s:s}}", "basics", "name", name, "label", "Engineer");
    struct pf_cv_result result = {.id = cv->id, .status = PF_CV_PARSED, .format = "text",
                                  .raw_text = raw_text, .raw_text_len = strlen(raw_text),
                                  .parsed_json = parsed, .now = pf_time_now_ms()};
    PF_CHECK_STATUS(pf_store_cv_finish(store, &result, &err), PF_OK);
    json_decref(parsed);
    return cv;
}

/* A KB entry whose evidence is the JSON array evidence (stolen). */
static struct pf_kb_row *make_kb_with(pf_id workspace, const struct pf_user *owner,
                                      const char *type, const char *value, const char *source,
                                      json_t *evidence)
{
    struct pf_kb_row *e = pf_arena_alloc(arena, sizeof(*e));
    e->id = pf_id_new();
    e->workspace_id = workspace;
    e->user_id = owner->id;
    e->type = (char *)type;
    e->value = (char *)value;
    e->normalized_value = pf_arena_printf(arena, "%s-%d", value, ++user_counter);
    e->source = (char *)source;
    e->confidence = 0.9;
    e->evidence = pf_json_arena(arena, evidence);
    e->details = pf_json_arena(arena, json_object());
    e->confirmed = true;
    e->created_at = e->updated_at = pf_time_now_ms();
    struct pf_error err = PF_ERROR_INIT;
    PF_CHECK_STATUS(pf_store_kb_create(store, e, &err), PF_OK);
    return e;
}

static struct pf_kb_row *make_kb(pf_id workspace, const struct pf_user *owner,
                                 const char *type, const char *value, const char *source,
                                 const char *evidence)
{
    return make_kb_with(workspace, owner, type, value, source,
                        json_pack("[{s:s,s:s,s:s}]", "cv_id",
                                  "01890a5d-ac96-774b-bcce-b302099a8057", "field",
                                  "work[0].summary", "snippet", evidence));
}

/* A query from clause strings: "a|b" alternatives, "-x" excluded, "\"x y\"" a phrase, "x*" a
 * prefix. NULL ends the list. */
static const struct pf_search_query *query_of(const char *const *spec)
{
    size_t count = 0;
    while (spec[count])
        count++;
    struct pf_search_clause *clauses = pf_arena_alloc(arena, count * sizeof(*clauses));
    for (size_t i = 0; i < count; i++) {
        const char *p = spec[i];
        clauses[i].is_negated = *p == '-';
        if (*p == '-')
            p++;
        struct pf_search_atom *atoms = pf_arena_alloc(arena, 8 * sizeof(*atoms));
        size_t n = 0;
        for (;;) {
            size_t len = strcspn(p, "|");
            char *text = pf_arena_strndup(arena, p, len);
            size_t tlen = strlen(text);
            atoms[n].is_prefix = tlen > 0 && text[tlen - 1] == '*';
            if (atoms[n].is_prefix)
                text[--tlen] = '\0';
            atoms[n].is_phrase = text[0] == '"';
            if (atoms[n].is_phrase)
                text = pf_arena_strndup(arena, text + 1, tlen - 2);
            atoms[n++].text = text;
            if (p[len] != '|')
                break;
            p += len + 1;
        }
        clauses[i].atoms = atoms;
        clauses[i].count = n;
    }
    struct pf_search_query *q = pf_arena_alloc(arena, sizeof(*q));
    q->clauses = clauses;
    q->count = count;
    q->term_count = count;
    return q;
}

#define QUERY(...) query_of((const char *const[]){__VA_ARGS__, NULL})

static struct pf_search_result run(pf_id workspace, const struct pf_search_query *q,
                                   unsigned types, bool fuzzy)
{
    struct pf_search_request request = {.workspace_id = workspace, .query = q, .offset = 0,
                                        .limit = 50, .fuzzy = fuzzy, .timeout_ms = 5000};
    request.filter.types = types;
    struct pf_search_result result;
    struct pf_error err = PF_ERROR_INIT;
    PF_CHECK_STATUS(pf_store_search(store, arena, &request, &result, &err), PF_OK);
    if (err.status != PF_OK)
        pf_test_fail(__FILE__, __LINE__, "%s", pf_error_message(&err));
    return result;
}

static bool has_hit(const struct pf_search_result *r, pf_id id)
{
    for (size_t i = 0; i < r->count; i++) {
        if (pf_id_eq(r->hits[i].id, id))
            return true;
    }
    return false;
}

#define PERSONAS PF_SEARCH_TYPE_BIT(PF_SEARCH_PERSONA)

static void test_title_outranks_summary_outranks_body(void)
{
    if (!open_store())
        return;
    struct pf_user *u = make_user();
    pf_id ws = pf_user_workspace(u);
    struct pf_persona *body = make_persona(ws, u, "Platform lead", "Builds delivery pipelines",
                                           NULL, "Ran terraform modules for the platform");
    struct pf_persona *title = make_persona(ws, u, "Terraform lead", "Builds delivery pipelines",
                                            NULL, "Ran shell modules for the platform");
    struct pf_persona *summary = make_persona(ws, u, "Platform lead", "Builds terraform pipelines",
                                              NULL, "Ran shell modules for the platform");
    struct pf_search_result r = run(ws, QUERY("terraform"), PERSONAS, false);
    PF_CHECK_INT_EQ(r.count, 3);
    PF_CHECK_INT_EQ(r.totals[PF_SEARCH_PERSONA], 3);
    if (r.count == 3) {
        PF_CHECK(pf_id_eq(r.hits[0].id, title->id));
        PF_CHECK(pf_id_eq(r.hits[1].id, summary->id));
        PF_CHECK(pf_id_eq(r.hits[2].id, body->id));
        PF_CHECK(r.hits[0].rank > r.hits[1].rank && r.hits[1].rank > r.hits[2].rank);
        PF_CHECK(r.hits[0].rank <= 1.0 && r.hits[2].rank > 0);
        PF_CHECK_STR_EQ(r.hits[0].title, "Terraform lead");
        PF_CHECK(r.hits[0].title_highlight_count == 1 &&
                 r.hits[0].title_highlights[0].start == 0 &&
                 r.hits[0].title_highlights[0].end == 9);
        PF_CHECK(strstr(r.hits[2].snippet, "terraform") != NULL);
        PF_CHECK(r.hits[2].highlight_count >= 1);
    }
    close_store();
}

/* The rank is the row's own: more hits rank higher, and the same hit in a longer text lower
 * (on both engines; neither weighs words by how common they are in the table). */
static void test_more_hits_and_shorter_texts_rank_higher(void)
{
    if (!open_store())
        return;
    struct pf_user *u = make_user();
    pf_id ws = pf_user_workspace(u);
    struct pf_persona *longer = make_persona(
        ws, u, "Rust developer", "Writes services", NULL,
        "Ran the payments platform, the billing ledger, the customer portal, the data "
        "warehouse, the release train, the on-call rota and the hiring loop for three years");
    struct pf_persona *more = make_persona(ws, u, "Rust developer", "Writes rust services", NULL,
                                           "Ran rust teams");
    struct pf_persona *once = make_persona(ws, u, "Rust developer", "Writes services", NULL,
                                           "Ran teams");
    /* Another workspace's rows holding the word change nothing. */
    struct pf_user *other = make_user();
    for (int i = 0; i < 3; i++)
        make_persona(pf_user_workspace(other), other, "Rust", "rust", NULL, "rust");
    struct pf_search_result r = run(ws, QUERY("rust"), PERSONAS, false);
    PF_CHECK_INT_EQ(r.count, 3);
    if (r.count == 3) {
        PF_CHECK(pf_id_eq(r.hits[0].id, more->id));
        PF_CHECK(pf_id_eq(r.hits[1].id, once->id));
        PF_CHECK(pf_id_eq(r.hits[2].id, longer->id));
        PF_CHECK(r.hits[0].rank > r.hits[1].rank && r.hits[1].rank > r.hits[2].rank);
    }
    close_store();
}

static void test_every_type_is_searched_with_its_fields(void)
{
    if (!open_store())
        return;
    struct pf_user *u = make_user();
    pf_id ws = pf_user_workspace(u);
    struct pf_persona *p = make_persona(ws, u, "Ansible engineer", NULL, "ops", NULL);
    struct pf_cv *cv = make_cv(ws, u, "Ada Lovelace", "Ada Lovelace\nAutomated ansible playbooks.");
    struct pf_kb_row *kb = make_kb(ws, u, "tool", "Ansible", "cv", "wrote ansible roles");
    struct pf_search_result r = run(ws, QUERY("ansible"), 0, false);
    PF_CHECK_INT_EQ(r.count, 3);
    PF_CHECK_INT_EQ(r.totals[PF_SEARCH_PERSONA], 1);
    PF_CHECK_INT_EQ(r.totals[PF_SEARCH_CV], 1);
    PF_CHECK_INT_EQ(r.totals[PF_SEARCH_KB], 1);
    for (size_t i = 0; i < r.count; i++) {
        const struct pf_search_hit *h = &r.hits[i];
        if (h->type == PF_SEARCH_PERSONA) {
            PF_CHECK(pf_id_eq(h->id, p->id));
            PF_CHECK(json_is_array(h->tags) && json_array_size(h->tags) == 1);
        } else if (h->type == PF_SEARCH_CV) {
            PF_CHECK(pf_id_eq(h->id, cv->id));
            PF_CHECK_STR_EQ(h->title, "Ada Lovelace");
            PF_CHECK_STR_EQ(h->filename, "cv.txt");
            PF_CHECK(strstr(h->snippet, "ansible") != NULL);
        } else {
            PF_CHECK(pf_id_eq(h->id, kb->id));
            PF_CHECK_STR_EQ(h->title, "Ansible");
            PF_CHECK_STR_EQ(h->category, "tool");
            PF_CHECK_STR_EQ(h->source, "cv");
            PF_CHECK_STR_EQ(h->snippet, "wrote ansible roles"); /* the quote, not the ids */
            PF_CHECK(h->highlight_count == 1 && h->highlights[0].start == 6);
        }
    }
    r = run(ws, QUERY("ansible"), PF_SEARCH_TYPE_BIT(PF_SEARCH_CV), false);
    PF_CHECK(r.count == 1 && r.hits[0].type == PF_SEARCH_CV);
    PF_CHECK_INT_EQ(r.totals[PF_SEARCH_PERSONA], 0);
    close_store();
}

/* The same sentence quoted from two uploads of one CV is indexed and shown once. */
static void test_kb_evidence_quoted_twice_is_shown_once(void)
{
    if (!open_store())
        return;
    struct pf_user *u = make_user();
    pf_id ws = pf_user_workspace(u);
    static const char quote[] = "moved forty services to nomad";
    json_t *evidence = json_pack("[{s:s,s:s},{s:s,s:s},{s:s,s:s}]",
                                 "cv_id", "01890a5d-ac96-774b-bcce-b302099a8057", "snippet", quote,
                                 "cv_id", "01890a5d-ac96-774b-bcce-b302099a8058", "snippet", quote,
                                 "cv_id", "01890a5d-ac96-774b-bcce-b302099a8058", "text",
                                 "nomad clusters on call");
    make_kb_with(ws, u, "tool", "Nomad", "cv", evidence);
    struct pf_search_result r = run(ws, QUERY("nomad"), 0, false);
    PF_CHECK_INT_EQ(r.count, 1);
    if (r.count == 1) {
        const char *first = strstr(r.hits[0].snippet, quote);
        PF_CHECK(first != NULL);
        PF_CHECK(first && strstr(first + 1, quote) == NULL);
        PF_CHECK(strstr(r.hits[0].snippet, "clusters") != NULL);
    }
    close_store();
}

static void test_phrases_or_and_exclusions(void)
{
    if (!open_store())
        return;
    struct pf_user *u = make_user();
    pf_id ws = pf_user_workspace(u);
    struct pf_persona *a = make_persona(ws, u, "Platform engineer", "Golang and PHP", NULL, NULL);
    struct pf_persona *b = make_persona(ws, u, "Engineer, platform team", "Rust", NULL, NULL);
    struct pf_persona *c = make_persona(ws, u, "Data engineer", "Golang and Rust", NULL, NULL);
    struct pf_search_result r = run(ws, QUERY("\"platform engineer\""), PERSONAS, false);
    PF_CHECK(r.count == 1 && pf_id_eq(r.hits[0].id, a->id));
    r = run(ws, QUERY("golang|rust"), PERSONAS, false);
    PF_CHECK_INT_EQ(r.count, 3);
    r = run(ws, QUERY("golang", "rust"), PERSONAS, false);
    PF_CHECK(r.count == 1 && pf_id_eq(r.hits[0].id, c->id));
    r = run(ws, QUERY("engineer", "-php"), PERSONAS, false);
    PF_CHECK(r.count == 2 && !has_hit(&r, a->id) && has_hit(&r, b->id));
    r = run(ws, QUERY("engineer", "-\"platform team\"", "-\"data engineer\""), PERSONAS, false);
    PF_CHECK(r.count == 1 && pf_id_eq(r.hits[0].id, a->id));
    PF_CHECK_INT_EQ(r.totals[PF_SEARCH_PERSONA], 1);
    close_store();
}

static void test_stemming_and_prefixes(void)
{
    if (!open_store())
        return;
    struct pf_user *u = make_user();
    pf_id ws = pf_user_workspace(u);
    struct pf_persona *a = make_persona(ws, u, "Managing director", NULL, NULL, NULL);
    struct pf_persona *b = make_persona(ws, u, "Kubernetes administrator", NULL, NULL, NULL);
    struct pf_search_result r = run(ws, QUERY("managed"), PERSONAS, false);
    PF_CHECK(r.count == 1 && pf_id_eq(r.hits[0].id, a->id));
    r = run(ws, QUERY("manages"), PERSONAS, false);
    PF_CHECK(r.count == 1 && pf_id_eq(r.hits[0].id, a->id));
    r = run(ws, QUERY("kube*"), PERSONAS, false);
    PF_CHECK(r.count == 1 && pf_id_eq(r.hits[0].id, b->id));
    PF_CHECK(r.count == 1 && r.hits[0].title_highlight_count == 1);
    r = run(ws, QUERY("kube"), PERSONAS, false);
    PF_CHECK_INT_EQ(r.count, 0);
    r = run(ws, QUERY("\"kubernetes admin\"*"), PERSONAS, false);
    PF_CHECK(r.count == 1 && pf_id_eq(r.hits[0].id, b->id));
    close_store();
}

static void test_typo_fallback_resembles_short_fields(void)
{
    if (!open_store())
        return;
    struct pf_user *u = make_user();
    pf_id ws = pf_user_workspace(u);
    struct pf_persona *a = make_persona(ws, u, "Kubernetes engineer", "Berlin", NULL, NULL);
    struct pf_persona *b = make_persona(ws, u, "Kubernetes engineer", "PHP too", NULL, NULL);
    struct pf_kb_row *kb = make_kb(ws, u, "tool", "Kubernetes", "cv", "ran clusters");
    struct pf_search_result r = run(ws, QUERY("kuberntes"), 0, false);
    PF_CHECK_INT_EQ(r.count, 0); /* the exact search finds nothing … */
    r = run(ws, QUERY("kuberntes"), 0, true);
    PF_CHECK_INT_EQ(r.count, 3); /* … the fallback resembles */
    PF_CHECK(has_hit(&r, a->id) && has_hit(&r, b->id) && has_hit(&r, kb->id));
    PF_CHECK_INT_EQ(r.totals[PF_SEARCH_PERSONA], 2);
    PF_CHECK_INT_EQ(r.totals[PF_SEARCH_KB], 1);
    for (size_t i = 0; i < r.count; i++) {
        PF_CHECK(r.hits[i].rank >= 0.5 && r.hits[i].rank <= 1.0);
        PF_CHECK(r.hits[i].title_highlight_count == 1 &&
                 r.hits[i].title_highlights[0].start == 0 &&
                 r.hits[i].title_highlights[0].end == 10);
    }
    r = run(ws, QUERY("kuberntes", "berln"), PERSONAS, true);
    PF_CHECK(r.count == 1 && pf_id_eq(r.hits[0].id, a->id));
    r = run(ws, QUERY("kuberntes", "-php"), PERSONAS, true);
    PF_CHECK(r.count == 1 && pf_id_eq(r.hits[0].id, a->id));
    r = run(ws, QUERY("zzzqqq"), 0, true);
    PF_CHECK_INT_EQ(r.count, 0);
    r = run(ws, QUERY("go"), 0, true); /* too short to resemble anything */
    PF_CHECK_INT_EQ(r.count, 0);
    close_store();
}

static void test_filters_narrow_kb_entries_and_personas(void)
{
    if (!open_store())
        return;
    struct pf_user *u = make_user();
    pf_id ws = pf_user_workspace(u);
    struct pf_kb_row *skill = make_kb(ws, u, "skill", "Python", "cv", "python scripts");
    struct pf_kb_row *tool = make_kb(ws, u, "tool", "Python tooling", "user_answer", "python");
    struct pf_persona *tagged = make_persona(ws, u, "Python dev", NULL, "backend", NULL);
    make_persona(ws, u, "Python analyst", NULL, "data", NULL);
    const char *categories[] = {"tool", "domain"};
    const char *sources[] = {"cv"};
    const char *tags[] = {"backend"};
    struct pf_search_request request = {.workspace_id = ws, .query = QUERY("python"),
                                        .limit = 10, .timeout_ms = 5000};
    request.filter.kb_categories = categories;
    request.filter.kb_category_count = 2;
    struct pf_search_result r;
    struct pf_error err = PF_ERROR_INIT;
    request.filter.types = PF_SEARCH_TYPE_BIT(PF_SEARCH_KB);
    PF_CHECK_STATUS(pf_store_search(store, arena, &request, &r, &err), PF_OK);
    PF_CHECK(r.count == 1 && pf_id_eq(r.hits[0].id, tool->id));
    PF_CHECK_INT_EQ(r.totals[PF_SEARCH_KB], 1);
    request.filter.kb_category_count = 0;
    request.filter.kb_sources = sources;
    request.filter.kb_source_count = 1;
    PF_CHECK_STATUS(pf_store_search(store, arena, &request, &r, &err), PF_OK);
    PF_CHECK(r.count == 1 && pf_id_eq(r.hits[0].id, skill->id));
    request.filter.kb_source_count = 0;
    request.filter.types = PERSONAS;
    request.filter.tags = tags;
    request.filter.tag_count = 1;
    PF_CHECK_STATUS(pf_store_search(store, arena, &request, &r, &err), PF_OK);
    PF_CHECK(r.count == 1 && pf_id_eq(r.hits[0].id, tagged->id));
    PF_CHECK_INT_EQ(r.totals[PF_SEARCH_PERSONA], 1);
    request.fuzzy = true;
    request.query = QUERY("pythn");
    PF_CHECK_STATUS(pf_store_search(store, arena, &request, &r, &err), PF_OK);
    PF_CHECK(r.count == 1 && pf_id_eq(r.hits[0].id, tagged->id));
    close_store();
}

static void test_pages_cover_every_hit_once(void)
{
    if (!open_store())
        return;
    struct pf_user *u = make_user();
    pf_id ws = pf_user_workspace(u);
    for (int i = 0; i < 7; i++)
        make_persona(ws, u, pf_arena_printf(arena, "Scala engineer %d", i), NULL, NULL, NULL);
    pf_id seen[7];
    size_t seen_count = 0;
    struct pf_search_request request = {.workspace_id = ws, .query = QUERY("scala"),
                                        .limit = 3, .timeout_ms = 5000};
    for (int page = 0; page < 3; page++) {
        request.offset = page * 3;
        struct pf_search_result r;
        struct pf_error err = PF_ERROR_INIT;
        PF_CHECK_STATUS(pf_store_search(store, arena, &request, &r, &err), PF_OK);
        PF_CHECK_INT_EQ(r.count, page < 2 ? 3 : 1);
        PF_CHECK(r.has_more == (page < 2));
        PF_CHECK_INT_EQ(r.totals[PF_SEARCH_PERSONA], 7);
        for (size_t i = 0; i < r.count && seen_count < 7; i++) {
            for (size_t j = 0; j < seen_count; j++)
                PF_CHECK(!pf_id_eq(seen[j], r.hits[i].id));
            seen[seen_count++] = r.hits[i].id;
        }
    }
    PF_CHECK_INT_EQ(seen_count, 7);
    close_store();
}

/* Past the rank pool and the total cap: totals say "200 or more", paging still visits every
 * hit exactly once, the ranked hits are the newest PF_SEARCH_RANK_POOL and the others follow
 * newest first (on both engines). */
static void test_common_words_cap_totals_and_page_consistently(void)
{
    if (!open_store())
        return;
    struct pf_user *u = make_user();
    pf_id ws = pf_user_workspace(u);
    enum { COUNT = PF_SEARCH_TOTAL_CAP + 40 };
    struct pf_persona *rows = pf_arena_alloc(arena, COUNT * sizeof(*rows));
    for (int i = 0; i < COUNT; i++) {
        rows[i] = (struct pf_persona){.id = pf_id_new(), .workspace_id = ws, .user_id = u->id,
                                      .version = 1, .created_at = pf_time_now_ms(),
                                      .updated_at = pf_time_now_ms()};
        rows[i].title = pf_arena_printf(arena, "Rust engineer %d", i);
        rows[i].summary = i % 3 ? "Rust and Go" : "Rust, Rust and more Rust";
        rows[i].tags = pf_json_arena(arena, json_array());
        rows[i].data = pf_json_arena(arena, json_object());
    }
    struct pf_error err = PF_ERROR_INIT;
    PF_CHECK_STATUS(pf_store_seed_personas(store, rows, COUNT, &err), PF_OK);
    bool *seen = pf_arena_alloc(arena, COUNT * sizeof(*seen));
    int *order = pf_arena_alloc(arena, COUNT * sizeof(*order)); /* row index of each hit */
    int total_seen = 0;
    struct pf_search_request request = {.workspace_id = ws, .query = QUERY("rust"),
                                        .limit = 50, .timeout_ms = 5000};
    for (int page = 0; page < 6; page++) {
        request.offset = page * 50;
        struct pf_search_result r;
        PF_CHECK_STATUS(pf_store_search(store, arena, &request, &r, &err), PF_OK);
        PF_CHECK_INT_EQ(r.totals[PF_SEARCH_PERSONA], PF_SEARCH_TOTAL_CAP);
        PF_CHECK(r.totals_capped);
        PF_CHECK(r.has_more == (request.offset + 50 < COUNT));
        for (size_t i = 0; i < r.count; i++) {
            for (int k = 0; k < COUNT; k++) {
                if (!pf_id_eq(rows[k].id, r.hits[i].id))
                    continue;
                if (seen[k])
                    pf_test_fail(__FILE__, __LINE__, "hit %d seen twice", k);
                seen[k] = true;
                PF_CHECK((total_seen < PF_SEARCH_RANK_POOL) == (r.hits[i].rank > 0));
                order[total_seen++] = k;
            }
        }
        if (!r.has_more)
            break;
    }
    PF_CHECK_INT_EQ(total_seen, COUNT);
    for (int i = 0; i < total_seen; i++) {
        if (i < PF_SEARCH_RANK_POOL && order[i] < COUNT - PF_SEARCH_RANK_POOL)
            pf_test_fail(__FILE__, __LINE__, "ranked hit %d is row %d, not one of the newest", i,
                         order[i]);
        if (i > PF_SEARCH_RANK_POOL && order[i] > order[i - 1])
            pf_test_fail(__FILE__, __LINE__, "unranked hit %d (row %d) is newer than the one "
                         "before it (row %d)", i, order[i], order[i - 1]);
    }
    close_store();
}

/* Two workspaces holding the same words: neither sees the other's rows, snippets or counts. */
static void test_no_row_of_another_workspace_ever_appears(void)
{
    if (!open_store())
        return;
    struct pf_error err = PF_ERROR_INIT;
    struct pf_user *alice = make_user();
    struct pf_user *bob = make_user();
    struct pf_user *member = make_user();
    pf_id wa = pf_user_workspace(alice);
    make_persona(wa, alice, "Haskell consultant", "alice persona", NULL, NULL);
    make_cv(wa, alice, "Alice A", "Alice A\nHaskell compilers");
    make_kb(wa, alice, "skill", "Haskell", "cv", "alice evidence haskell");
    struct pf_team team = {.id = pf_id_new(), .name = "Bob's agency", .owner_id = bob->id,
                           .plan = PF_PLAN_TEAM, .created_at = pf_time_now_ms(),
                           .updated_at = pf_time_now_ms()};
    PF_CHECK_STATUS(pf_store_team_create(store, &team, &err), PF_OK);
    struct pf_team_member *added = NULL;
    PF_CHECK_STATUS(pf_store_team_add_member(store, arena, team.id, member->email, bob->id, 50,
                                             pf_time_now_ms(), &added, &err),
                    PF_OK);
    make_persona(team.id, bob, "Haskell consultant", "bob persona secretbob", NULL, NULL);
    make_cv(team.id, bob, "Bob B", "Bob B\nHaskell compilers secretbob");
    make_kb(team.id, member, "skill", "Haskell", "cv", "bob evidence haskell secretbob");

    struct pf_search_result r = run(wa, QUERY("haskell"), 0, false);
    PF_CHECK_INT_EQ(r.count, 3);
    for (int t = 0; t < PF_SEARCH_TYPE_COUNT; t++)
        PF_CHECK_INT_EQ(r.totals[t], 1);
    for (size_t i = 0; i < r.count; i++) {
        PF_CHECK(strstr(r.hits[i].snippet, "bob") == NULL);
        PF_CHECK(strstr(r.hits[i].title, "Bob") == NULL);
    }
    r = run(wa, QUERY("secretbob"), 0, false);
    PF_CHECK_INT_EQ(r.count, 0);
    for (int t = 0; t < PF_SEARCH_TYPE_COUNT; t++)
        PF_CHECK_INT_EQ(r.totals[t], 0);
    r = run(wa, QUERY("secretbob"), 0, true);
    PF_CHECK_INT_EQ(r.count, 0);
    r = run(wa, QUERY("bob"), 0, true);
    PF_CHECK_INT_EQ(r.count, 0);
    r = run(team.id, QUERY("secretbob"), 0, false); /* the team sees its own */
    PF_CHECK_INT_EQ(r.count, 3);
    r = run(team.id, QUERY("alice"), 0, false);
    PF_CHECK_INT_EQ(r.count, 0);
    r = run(bob->id, QUERY("secretbob"), 0, false); /* bob's personal workspace is not the team */
    PF_CHECK_INT_EQ(r.count, 0);
    close_store();
}

/* Merging SQLite's index segments (idle job workers, after a bulk load) changes no result: rows
 * written one at a time leave a segment each, the steps merge them (a level's pair, then all into
 * one), end, and the search finds the same hits in the same order. PostgreSQL has nothing to
 * merge. */
static int merge_until_done(bool full)
{
    int worked = 0;
    for (int step = 0; step < 500; step++) {
        bool more = false;
        struct pf_error err = PF_ERROR_INIT;
        PF_CHECK_STATUS(pf_store_search_merge_step(store, 4, full, &more, &err), PF_OK);
        if (!more)
            return worked;
        worked++;
    }
    pf_test_fail(__FILE__, __LINE__, "merging never ended");
    return worked;
}

static void test_merging_index_segments_keeps_every_hit(void)
{
    if (!open_store())
        return;
    bool sqlite = strncmp(pf_test_db_url(), "sqlite:", 7) == 0;
    struct pf_user *u = make_user();
    pf_id ws = pf_user_workspace(u);
    enum { COUNT = 24 };
    pf_id ids[COUNT];
    for (int i = 0; i < COUNT; i++)
        ids[i] = make_persona(ws, u, pf_arena_printf(arena, "Kotlin developer %d", i),
                              i % 2 ? "Kotlin and Kotlin" : "Kotlin", NULL, NULL)->id;
    make_kb(ws, u, "skill", "Kotlin", "cv", "kotlin");
    struct pf_search_result before = run(ws, QUERY("kotlin"), 0, false);
    PF_CHECK_INT_EQ(before.count, COUNT + 1);
    int pairs = merge_until_done(false);
    int all = merge_until_done(true);
    PF_CHECK(sqlite ? pairs + all > 0 : pairs + all == 0);
    PF_CHECK_INT_EQ(merge_until_done(true), 0); /* one segment a table: nothing left */
    PF_CHECK_INT_EQ(merge_until_done(false), 0);
    struct pf_search_result after = run(ws, QUERY("kotlin"), 0, false);
    PF_CHECK_INT_EQ(after.count, before.count);
    for (size_t i = 0; i < after.count && i < before.count; i++)
        PF_CHECK(pf_id_eq(after.hits[i].id, before.hits[i].id));
    for (int i = 0; i < COUNT; i++)
        PF_CHECK(has_hit(&after, ids[i]));
    close_store();
}

static pf_status rename_to_pascal(void *ctx, struct pf_arena *unused, struct pf_kb_row *e,
                                  struct pf_error *err)
{
    (void)ctx, (void)unused, (void)err;
    e->value = "Pascal";
    e->updated_at = pf_time_now_ms();
    return PF_OK;
}

static void test_edits_and_deletions_are_visible_at_once(void)
{
    if (!open_store())
        return;
    struct pf_error err = PF_ERROR_INIT;
    struct pf_user *u = make_user();
    pf_id ws = pf_user_workspace(u);
    struct pf_persona *p = make_persona(ws, u, "Erlang engineer", NULL, NULL, NULL);
    struct pf_cv *cv = make_cv(ws, u, "Grace Hopper", "Grace Hopper\nCobol compilers");
    struct pf_kb_row *kb = make_kb(ws, u, "skill", "Fortran", "cv", "fortran");

    p->title = "Elixir engineer";
    p->updated_at = pf_time_now_ms();
    PF_CHECK_STATUS(pf_store_persona_update(store, p, 0, u->id, &err), PF_OK);
    PF_CHECK_INT_EQ(run(ws, QUERY("erlang"), 0, false).count, 0);
    PF_CHECK_INT_EQ(run(ws, QUERY("elixir"), 0, false).count, 1);
    PF_CHECK_INT_EQ(run(ws, QUERY("erlan"), 0, true).count, 0); /* the fallback follows too */

    json_t *parsed = json_pack("{s:{s:s}}", "basics", "name", "Grace Brewster");
    PF_CHECK_STATUS(pf_store_cv_set_parsed(store, ws, cv->id, parsed, pf_time_now_ms(), &err),
                    PF_OK);
    json_decref(parsed);
    PF_CHECK_INT_EQ(run(ws, QUERY("brewster"), 0, false).count, 1);

    struct pf_kb_row *renamed = NULL;
    PF_CHECK_STATUS(pf_store_kb_update(store, arena, ws, kb->id, rename_to_pascal, NULL,
                                       &renamed, &err),
                    PF_OK);
    PF_CHECK_INT_EQ(run(ws, QUERY("pascal"), 0, false).count, 1);

    PF_CHECK_STATUS(pf_store_persona_delete(store, ws, p->id, &err), PF_OK);
    PF_CHECK_STATUS(pf_store_cv_delete(store, ws, cv->id, &err), PF_OK);
    PF_CHECK_STATUS(pf_store_kb_delete(store, ws, kb->id, &err), PF_OK);
    PF_CHECK_INT_EQ(run(ws, QUERY("elixir"), 0, false).count, 0);
    PF_CHECK_INT_EQ(run(ws, QUERY("cobol"), 0, false).count, 0);
    PF_CHECK_INT_EQ(run(ws, QUERY("pascal"), 0, false).count, 0);
    PF_CHECK_INT_EQ(run(ws, QUERY("elixr"), 0, true).count, 0);

    /* Creating a team moves the owner's data: search follows the workspace at once. */
    make_persona(ws, u, "Clojure engineer", NULL, NULL, NULL);
    struct pf_team team = {.id = pf_id_new(), .name = "Moved", .owner_id = u->id,
                           .plan = PF_PLAN_TEAM, .created_at = pf_time_now_ms(),
                           .updated_at = pf_time_now_ms()};
    PF_CHECK_STATUS(pf_store_team_create(store, &team, &err), PF_OK);
    PF_CHECK_INT_EQ(run(ws, QUERY("clojure"), 0, false).count, 0);
    PF_CHECK_INT_EQ(run(team.id, QUERY("clojure"), 0, false).count, 1);
    close_store();
}

/* Whatever an atom holds, the engines get a valid query (no syntax error reaches the user). */
static void test_hostile_atoms_never_break_the_engines(void)
{
    if (!open_store())
        return;
    struct pf_user *u = make_user();
    pf_id ws = pf_user_workspace(u);
    make_persona(ws, u, "O'Brien: C++ & C# {title} NEAR(x) engineer", NULL, NULL, NULL);
    static const char *const atoms[] = {
        "o'brien", "c++", "c#", "x'|!&:*", "NEAR", "AND", "OR", "NOT", "{title}", "ws:x",
        "title:engineer", "\xf3\xb0\x80\x81\xf3\xb0\x80\x82", "\xe2\x80\x94", "a'", "'''",
        "x)(", "^engineer", "engineer:*", "\xe5\xb7\xa5\xe7\xa8\x8b", "caf\xc3\xa9", "\\",
    };
    for (size_t i = 0; i < PF_ARRAY_LEN(atoms); i++) {
        struct pf_search_atom atom = {atoms[i], false, i % 2 == 0};
        struct pf_search_atom phrase = {pf_arena_printf(arena, "engineer %s", atoms[i]), true,
                                        false};
        struct pf_search_clause clauses[] = {{&atom, 1, false}, {&phrase, 1, true}};
        struct pf_search_query q = {clauses, 2, 3};
        for (int fuzzy = 0; fuzzy < 2; fuzzy++) {
            struct pf_search_request request = {.workspace_id = ws, .query = &q, .limit = 5,
                                                .fuzzy = fuzzy, .timeout_ms = 5000};
            struct pf_search_result r;
            struct pf_error err = PF_ERROR_INIT;
            pf_status st = pf_store_search(store, arena, &request, &r, &err);
            if (st != PF_OK)
                pf_test_fail(__FILE__, __LINE__, "atom %zu: %s", i, pf_error_message(&err));
        }
    }
    struct pf_search_query none = {NULL, 0, 1};
    struct pf_search_request request = {.workspace_id = ws, .query = &none, .limit = 5};
    struct pf_search_result r;
    struct pf_error err = PF_ERROR_INIT;
    PF_CHECK_STATUS(pf_store_search(store, arena, &request, &r, &err), PF_E_INVALID);
    close_store();
}

/* A search's statement deadline ends with it: the pooled connection serves the next caller. */
static void test_deadline_does_not_outlive_the_search(void)
{
    if (!open_store_with(1))
        return;
    struct pf_user *u = make_user();
    pf_id ws = pf_user_workspace(u);
    struct pf_persona *p = make_persona(ws, u, "Ocaml engineer", NULL, NULL, NULL);
    struct pf_search_request request = {.workspace_id = ws, .query = QUERY("ocaml"),
                                        .limit = 5, .timeout_ms = 20};
    struct pf_search_result r;
    struct pf_error err = PF_ERROR_INIT;
    PF_CHECK_STATUS(pf_store_search(store, arena, &request, &r, &err), PF_OK);
    PF_CHECK_INT_EQ(r.count, 1);
    nanosleep(&(struct timespec){0, 60 * 1000000}, NULL);
    struct pf_persona *got = NULL;
    PF_CHECK_STATUS(pf_store_persona_get(store, arena, ws, p->id, &got, &err), PF_OK);
    close_store();
}

int main(int argc, char **argv)
{
    static const struct pf_test_case cases[] = {
        PF_CASE(test_title_outranks_summary_outranks_body),
        PF_CASE(test_more_hits_and_shorter_texts_rank_higher),
        PF_CASE(test_every_type_is_searched_with_its_fields),
        PF_CASE(test_kb_evidence_quoted_twice_is_shown_once),
        PF_CASE(test_phrases_or_and_exclusions),
        PF_CASE(test_stemming_and_prefixes),
        PF_CASE(test_typo_fallback_resembles_short_fields),
        PF_CASE(test_filters_narrow_kb_entries_and_personas),
        PF_CASE(test_pages_cover_every_hit_once),
        PF_CASE(test_common_words_cap_totals_and_page_consistently),
        PF_CASE(test_no_row_of_another_workspace_ever_appears),
        PF_CASE(test_edits_and_deletions_are_visible_at_once),
        PF_CASE(test_merging_index_segments_keeps_every_hit),
        PF_CASE(test_hostile_atoms_never_break_the_engines),
        PF_CASE(test_deadline_does_not_outlive_the_search),
    };
    return pf_test_run(argc, argv, cases, PF_ARRAY_LEN(cases));
}
