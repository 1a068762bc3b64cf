/* The effective persona: inheritance from the base, selection/order/overrides by id, KB skills. */
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "persona/persona_merge.h"

static const char base_text[] =
    "{\"basics\":{\"name\":\"Ada Example\",\"label\":\"Engineer\",\"email\":\"ada@example.com\"},"
    "\"work\":["
    "{\"name\":\"Acme\",\"position\":\"Staff Engineer\",\"startDate\":\"2020-01\","
    "\"highlights\":[\"Cut latency by 40%\",\"Led 5 engineers\",\"Wrote docs\"]},"
    "{\"name\":\"Initech\",\"position\":\"Engineer\",\"startDate\":\"2016-03\","
    "\"endDate\":\"2019-12\",\"highlights\":[\"Built the billing system\"]}],"
    "\"skills\":[{\"name\":\"Languages\",\"keywords\":[\"Go\",\"Postgres\"]}]}";

static json_t *load(const char *text)
{
    json_error_t error;
    json_t *json = json_loads(text, 0, &error);
    PF_CHECK(json != NULL);
    return json;
}

/* The value at a JSON Pointer without escapes (enough for these tests). */
static const json_t *at(const json_t *doc, const char *pointer)
{
    const json_t *cur = doc;
    const char *p = pointer;
    while (cur && *p == '/') {
        p++;
        size_t len = strcspn(p, "/");
        char part[128];
        snprintf(part, sizeof(part), "%.*s", (int)len, p);
        if (json_is_array(cur))
            cur = json_array_get(cur, strtoul(part, NULL, 10));
        else
            cur = json_object_get(cur, part);
        p += len;
    }
    return cur;
}

static const char *str_at(const json_t *doc, const char *pointer)
{
    return json_string_value(at(doc, pointer));
}

static json_t *merge(const json_t *base, const json_t *data)
{
    struct pf_persona_merge_input input = {.base = base, .data = data};
    return pf_persona_merge(&input);
}

static const char *id_of(const json_t *doc, const char *pointer)
{
    return json_string_value(json_object_get(at(doc, "/meta/personaforge/ids"), pointer));
}

static void test_base_only_gets_ids_and_origins(void)
{
    json_t *base = load(base_text);
    json_t *doc = merge(base, NULL);
    PF_CHECK_STR_EQ(str_at(doc, "/work/0/name"), "Acme");
    PF_CHECK(strncmp(id_of(doc, "/work/0"), "work-", 5) == 0);
    PF_CHECK(strstr(id_of(doc, "/work/0/highlights/1"), "/h-") != NULL);
    PF_CHECK_STR_EQ(json_string_value(json_object_get(at(doc, "/meta/personaforge/origins"),
                                                      "/work/1/highlights/0")),
                    "cv:/work/1/highlights/0");
    PF_CHECK_INT_EQ(json_array_size(at(doc, "/meta/personaforge/unresolved")), 0);
    json_decref(doc);
    json_decref(base);
}

static void test_merge_patch_follows_rfc7396(void)
{
    json_t *target = load("{\"a\":\"b\",\"c\":{\"d\":\"e\",\"f\":\"g\"}}");
    json_t *patch = load("{\"a\":\"z\",\"c\":{\"f\":null}}");
    json_t *out = pf_json_merge_patch(target, patch);
    json_t *want = load("{\"a\":\"z\",\"c\":{\"d\":\"e\"}}");
    PF_CHECK(json_equal(out, want));
    json_decref(out);
    json_t *array = load("[1]");
    out = pf_json_merge_patch(target, array);
    PF_CHECK(json_is_array(out));
    json_decref(out);
    json_decref(array);
    json_decref(want);
    json_decref(patch);
    json_decref(target);
}

static void test_select_reorder_and_override_single_bullets(void)
{
    json_t *base = load(base_text);
    json_t *plain = merge(base, NULL);
    char acme[64], initech[64], bullet[64], docs[64];
    snprintf(acme, sizeof(acme), "%s", id_of(plain, "/work/0"));
    snprintf(initech, sizeof(initech), "%s", id_of(plain, "/work/1"));
    snprintf(bullet, sizeof(bullet), "%s", strchr(id_of(plain, "/work/0/highlights/0"), '/') + 1);
    snprintf(docs, sizeof(docs), "%s", strchr(id_of(plain, "/work/0/highlights/2"), '/') + 1);
    json_t *data = json_pack("{s:{s:s},s:{s:[s,s],s:{s:s,s:{s:s,s:n}}}}", "basics", "label",
                             "Platform Lead", "work", "$order", initech, acme, acme, "position",
                             "Principal Engineer", "highlights", bullet,
                             "Cut p99 latency by 40%", docs);
    json_t *doc = merge(base, data);
    PF_CHECK_STR_EQ(str_at(doc, "/basics/label"), "Platform Lead");
    PF_CHECK_STR_EQ(str_at(doc, "/basics/name"), "Ada Example");
    PF_CHECK_STR_EQ(str_at(doc, "/work/0/name"), "Initech");
    PF_CHECK_STR_EQ(str_at(doc, "/work/1/position"), "Principal Engineer");
    PF_CHECK_STR_EQ(str_at(doc, "/work/1/highlights/0"), "Cut p99 latency by 40%");
    PF_CHECK_INT_EQ(json_array_size(at(doc, "/work/1/highlights")), 2);
    PF_CHECK_STR_EQ(id_of(doc, "/work/1"), acme);
    json_t *origins = (json_t *)at(doc, "/meta/personaforge/origins");
    PF_CHECK_STR_EQ(json_string_value(json_object_get(origins, "/work/1/highlights/0")),
                    "persona");
    PF_CHECK_STR_EQ(json_string_value(json_object_get(origins, "/work/1/highlights/1")),
                    "cv:/work/0/highlights/1");
    json_t *overridden = (json_t *)at(doc, "/meta/personaforge/overridden");
    bool saw_position = false;
    size_t i;
    json_t *item;
    json_array_foreach(overridden, i, item) {
        saw_position |= strcmp(json_string_value(item), "/work/1/position") == 0;
    }
    PF_CHECK(saw_position);
    json_decref(doc);
    json_decref(data);
    json_decref(plain);
    json_decref(base);
}

static void test_order_selects_hide_removes_add_appends(void)
{
    json_t *base = load(base_text);
    json_t *plain = merge(base, NULL);
    char acme[64];
    snprintf(acme, sizeof(acme), "%s", id_of(plain, "/work/0"));
    json_t *data = json_pack("{s:{s:[s],s:[{s:s,s:s}]}}", "work", "$order", acme, "$add",
                             "name", "Side project", "position", "Founder");
    json_t *doc = merge(base, data);
    PF_CHECK_INT_EQ(json_array_size(at(doc, "/work")), 2);
    PF_CHECK_STR_EQ(str_at(doc, "/work/0/name"), "Acme");
    PF_CHECK_STR_EQ(str_at(doc, "/work/1/name"), "Side project");
    json_decref(doc);
    json_decref(data);
    data = json_pack("{s:{s:[s]}}", "work", "$hide", acme);
    doc = merge(base, data);
    PF_CHECK_INT_EQ(json_array_size(at(doc, "/work")), 1);
    PF_CHECK_STR_EQ(str_at(doc, "/work/0/name"), "Initech");
    json_decref(doc);
    json_decref(data);
    data = json_pack("{s:{s:n},s:n}", "work", acme, "skills");
    doc = merge(base, data);
    PF_CHECK_INT_EQ(json_array_size(at(doc, "/work")), 1);
    PF_CHECK(at(doc, "/skills") == NULL);
    json_decref(doc);
    json_decref(data);
    json_decref(plain);
    json_decref(base);
}

static void test_base_edits_show_where_not_overridden(void)
{
    json_t *base = load(base_text);
    json_t *plain = merge(base, NULL);
    char acme[64];
    snprintf(acme, sizeof(acme), "%s", id_of(plain, "/work/0"));
    json_t *data = json_pack("{s:{s:{s:s}}}", "work", acme, "position", "Head of Platform");
    /* The base CV is corrected: a new e-mail, a fixed bullet, a new summary at Acme. */
    json_t *edited = json_deep_copy(base);
    json_object_set_new(json_object_get(edited, "basics"), "email",
                        json_string("ada@new.example"));
    json_t *acme_entry = json_array_get(json_object_get(edited, "work"), 0);
    json_object_set_new(acme_entry, "summary", json_string("Platform team"));
    json_object_set_new(acme_entry, "position", json_string("Senior Staff Engineer"));
    json_t *doc = merge(edited, data);
    PF_CHECK_STR_EQ(str_at(doc, "/basics/email"), "ada@new.example");
    PF_CHECK_STR_EQ(str_at(doc, "/work/0/summary"), "Platform team");
    /* Changing the position changes Acme's id (it is identifying), so the override that
     * named the old id no longer applies and is reported. */
    PF_CHECK_INT_EQ(json_array_size(at(doc, "/meta/personaforge/unresolved")), 1);
    json_decref(doc);
    json_object_set_new(acme_entry, "position", json_string("Staff Engineer"));
    doc = merge(edited, data);
    PF_CHECK_STR_EQ(str_at(doc, "/work/0/position"), "Head of Platform");
    PF_CHECK_STR_EQ(str_at(doc, "/work/0/summary"), "Platform team");
    PF_CHECK_INT_EQ(json_array_size(at(doc, "/meta/personaforge/unresolved")), 0);
    json_decref(doc);
    json_decref(edited);
    json_decref(data);
    json_decref(plain);
    json_decref(base);
}

static void test_unknown_ids_are_reported_not_fatal(void)
{
    json_t *base = load(base_text);
    json_t *data = json_pack("{s:{s:[s],s:{s:s}}}", "work", "$order", "work-00000000",
                             "work-11111111", "position", "X");
    json_t *doc = merge(base, data);
    PF_CHECK_INT_EQ(json_array_size(at(doc, "/work")), 0);
    PF_CHECK_INT_EQ(json_array_size(at(doc, "/meta/personaforge/unresolved")), 2);
    json_decref(doc);
    json_decref(data);
    json_decref(base);
}

static void test_confirmed_kb_skills_join_once(void)
{
    json_t *base = load(base_text);
    struct pf_kb_row e1 = {.type = "tool", .value = "Kubernetes", .confirmed = true,
                             .confidence = 1};
    struct pf_kb_row e2 = {.type = "tool", .value = "postgres", .confirmed = true,
                             .confidence = 1};
    struct pf_kb_row e3 = {.type = "skill", .value = "Rust", .confirmed = true,
                             .rejected = true};
    struct pf_kb_row e4 = {.type = "preference", .value = "Remote work", .confirmed = true};
    struct pf_kb_row *entries[] = {&e1, &e2, &e3, &e4};
    struct pf_persona_merge_input input = {.base = base, .kb_entries = entries, .kb_count = 4};
    json_t *doc = pf_persona_merge(&input);
    PF_CHECK_INT_EQ(json_array_size(at(doc, "/skills")), 2);
    PF_CHECK_STR_EQ(str_at(doc, "/skills/1/name"), "Tools");
    PF_CHECK_INT_EQ(json_array_size(at(doc, "/skills/1/keywords")), 1);
    PF_CHECK_STR_EQ(str_at(doc, "/skills/1/keywords/0"), "Kubernetes");
    const char *origin = json_string_value(
        json_object_get(at(doc, "/meta/personaforge/origins"), "/skills/1/keywords/0"));
    PF_CHECK(origin && strncmp(origin, "kb:", 3) == 0);
    json_decref(doc);
    json_decref(base);
}

static void test_blank_persona_and_replaced_sections(void)
{
    json_t *data = load("{\"basics\":{\"name\":\"Blank\"},\"work\":[{\"name\":\"Own\"}],"
                        "\"meta\":{\"personaforge\":{\"ids\":1},\"note\":\"x\"}}");
    json_t *doc = merge(NULL, data);
    PF_CHECK_STR_EQ(str_at(doc, "/basics/name"), "Blank");
    PF_CHECK_STR_EQ(str_at(doc, "/work/0/name"), "Own");
    PF_CHECK_STR_EQ(str_at(doc, "/meta/note"), "x");
    PF_CHECK(json_is_object(at(doc, "/meta/personaforge/ids")));
    PF_CHECK_STR_EQ(json_string_value(json_object_get(at(doc, "/meta/personaforge/origins"),
                                                      "/work/0")),
                    "persona");
    json_decref(doc);
    json_decref(data);
}

int main(int argc, char **argv)
{
    static const struct pf_test_case cases[] = {
        PF_CASE(test_base_only_gets_ids_and_origins),
        PF_CASE(test_merge_patch_follows_rfc7396),
        PF_CASE(test_select_reorder_and_override_single_bullets),
        PF_CASE(test_order_selects_hide_removes_add_appends),
        PF_CASE(test_base_edits_show_where_not_overridden),
        PF_CASE(test_unknown_ids_are_reported_not_fatal),
        PF_CASE(test_confirmed_kb_skills_join_once),
        PF_CASE(test_blank_persona_and_replaced_sections),
    };
    return pf_test_run(argc, argv, cases, PF_ARRAY_LEN(cases));
}
