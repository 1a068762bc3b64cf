/* Entry and item ids: derived from identifying content, stable, unique within a section. */
#include <string.h>

#include "harness.h"
#include "persona/persona_ids.h"

static void test_entry_id_ignores_case_spacing_and_other_fields(void)
{
    const struct pf_persona_section *work = pf_persona_section_find("work");
    json_t *a = json_pack("{s:s,s:s,s:s,s:[s]}", "name", "Acme  Corp", "position", "Engineer",
                          "startDate", "2019-01", "highlights", "Built things");
    json_t *b = json_pack("{s:s,s:s,s:s,s:[]}", "name", "acme corp", "position", "ENGINEER",
                          "startDate", "2019-01", "highlights");
    json_t *c = json_pack("{s:s,s:s,s:s}", "name", "Acme Corp", "position", "Manager",
                          "startDate", "2019-01");
    char ida[PF_PERSONA_ID_MAX], idb[PF_PERSONA_ID_MAX], idc[PF_PERSONA_ID_MAX];
    pf_persona_entry_id(work, a, ida);
    pf_persona_entry_id(work, b, idb);
    pf_persona_entry_id(work, c, idc);
    PF_CHECK_STR_EQ(ida, idb);
    PF_CHECK(strcmp(ida, idc) != 0);
    PF_CHECK(strncmp(ida, "work-", 5) == 0);
    PF_CHECK_INT_EQ(strlen(ida), 13);
    PF_CHECK(pf_persona_is_entry_id(ida));
    json_decref(a);
    json_decref(b);
    json_decref(c);
}

static void test_entry_without_identifying_fields_hashes_its_content(void)
{
    const struct pf_persona_section *awards = pf_persona_section_find("awards");
    json_t *a = json_pack("{s:s}", "summary", "one");
    json_t *b = json_pack("{s:s}", "summary", "two");
    char ida[PF_PERSONA_ID_MAX], idb[PF_PERSONA_ID_MAX];
    pf_persona_entry_id(awards, a, ida);
    pf_persona_entry_id(awards, b, idb);
    PF_CHECK(strcmp(ida, idb) != 0);
    json_decref(a);
    json_decref(b);
}

static void test_item_ids_and_claims_are_unique(void)
{
    char id[PF_PERSONA_ID_MAX], again[PF_PERSONA_ID_MAX];
    pf_persona_item_id("highlights", "Cut costs by 20%", id);
    pf_persona_item_id("highlights", "cut  costs by 20%", again);
    PF_CHECK_STR_EQ(id, again);
    PF_CHECK(id[0] == 'h' && id[1] == '-');
    PF_CHECK(pf_persona_is_item_id(id));
    json_t *used = json_object();
    pf_persona_id_claim(used, id);
    pf_persona_id_claim(used, again);
    PF_CHECK(strcmp(id, again) != 0);
    PF_CHECK(strstr(again, "-2") != NULL);
    PF_CHECK(pf_persona_is_item_id(again));
    json_decref(used);
}

static void test_id_syntax_is_recognised(void)
{
    PF_CHECK(pf_persona_is_entry_id("work-0a1b2c3d"));
    PF_CHECK(pf_persona_is_entry_id("skills-0a1b2c3d-3"));
    PF_CHECK(!pf_persona_is_entry_id("work-0A1B2C3D"));
    PF_CHECK(!pf_persona_is_entry_id("jobs-0a1b2c3d"));
    PF_CHECK(!pf_persona_is_entry_id("work-0a1b2c3"));
    PF_CHECK(!pf_persona_is_item_id("work-0a1b2c3d"));
    PF_CHECK(!pf_persona_is_item_id(NULL));
    PF_CHECK(pf_persona_section_has_list(pf_persona_section_find("projects"), "roles"));
    PF_CHECK(!pf_persona_section_has_list(pf_persona_section_find("work"), "name"));
}

int main(int argc, char **argv)
{
    static const struct pf_test_case cases[] = {
        PF_CASE(test_entry_id_ignores_case_spacing_and_other_fields),
        PF_CASE(test_entry_without_identifying_fields_hashes_its_content),
        PF_CASE(test_item_ids_and_claims_are_unique),
        PF_CASE(test_id_syntax_is_recognised),
    };
    return pf_test_run(argc, argv, cases, PF_ARRAY_LEN(cases));
}
