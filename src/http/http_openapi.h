/* The OpenAPI 3.1 document, generated from the route table and the field tables. */
#ifndef PF_HTTP_HTTP_OPENAPI_H
#define PF_HTTP_HTTP_OPENAPI_H

#include "base/json.h"

/* A new reference to the whole document. Deterministic: the same build gives the same text. */
json_t *pf_openapi_document(void);

#endif
