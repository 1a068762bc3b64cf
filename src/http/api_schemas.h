/* The request and response field tables of every resource (defined in its api_<resource>.c),
 * named by routes.def and gathered into the OpenAPI document. */
#ifndef PF_HTTP_API_SCHEMAS_H
#define PF_HTTP_API_SCHEMAS_H

#include "http/http_schema.h"

/* api_auth.c */
extern const struct pf_schema pf_schema_register;
extern const struct pf_schema pf_schema_login;
extern const struct pf_schema pf_schema_login_result;
extern const struct pf_schema pf_schema_user;
/* api_teams.c */
extern const struct pf_schema pf_schema_team_create;
extern const struct pf_schema pf_schema_team;
extern const struct pf_schema pf_schema_member_add;
extern const struct pf_schema pf_schema_member;
extern const struct pf_schema pf_schema_transfer;
/* api_personas.c */
extern const struct pf_schema pf_schema_persona_create;
extern const struct pf_schema pf_schema_persona_update;
extern const struct pf_schema pf_schema_persona;
extern const struct pf_schema pf_schema_persona_list;
extern const struct pf_schema pf_schema_persona_version_list;
/* api_gap.c */
extern const struct pf_schema pf_schema_gap_create;
extern const struct pf_schema pf_schema_gap_issue;
extern const struct pf_schema pf_schema_gap_report;
extern const struct pf_schema pf_schema_tailor;
extern const struct pf_schema pf_schema_tailor_result;
extern const struct pf_schema pf_schema_gap_report_list;
extern const struct pf_schema pf_schema_gap_compare;

/* api_cvs.c */
extern const struct pf_schema pf_schema_cv;
extern const struct pf_schema pf_schema_cv_update;
extern const struct pf_schema pf_schema_cv_list;

/* api_kb.c */
extern const struct pf_schema pf_schema_kb_entry;
extern const struct pf_schema pf_schema_kb_entry_create;
extern const struct pf_schema pf_schema_kb_entry_update;
extern const struct pf_schema pf_schema_kb_question;
extern const struct pf_schema pf_schema_kb_answer;
extern const struct pf_schema pf_schema_kb_entry_list;
extern const struct pf_schema pf_schema_kb_question_list;
extern const struct pf_schema pf_schema_kb_answered;

/* api_search.c */
extern const struct pf_schema pf_schema_search_hit;
extern const struct pf_schema pf_schema_search_result;

/* api_templates.c */
extern const struct pf_schema pf_schema_template;
extern const struct pf_schema pf_schema_template_list;
extern const struct pf_schema pf_schema_template_create;
extern const struct pf_schema pf_schema_template_update;
extern const struct pf_schema pf_schema_template_preview;
extern const struct pf_schema pf_schema_export;

#endif
