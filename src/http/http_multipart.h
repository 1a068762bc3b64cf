/* multipart/form-data (RFC 7578): finding one field's part in a buffered body. */
#ifndef PF_HTTP_HTTP_MULTIPART_H
#define PF_HTTP_HTTP_MULTIPART_H

#include "base/status.h"
#include "base/str.h"

#define PF_MULTIPART_MAX_PARTS 32

/* One part; views into the body or the Content-Type header. */
struct pf_multipart_part {
    struct pf_str name;         /* the form field name */
    struct pf_str filename;     /* as sent (unsanitised); empty when absent */
    struct pf_str content_type; /* the part's Content-Type; empty when absent */
    struct pf_str body;         /* the part's bytes */
};

/* The boundary of a "multipart/form-data; boundary=…" Content-Type. False when content_type
 * is not multipart/form-data or has no valid boundary (1..70 characters, RFC 2046). */
bool pf_multipart_boundary(struct pf_str content_type, struct pf_str *out_boundary);

/* Finds the part whose name is field. PF_E_NOT_FOUND when there is none, PF_E_INVALID (with a
 * message) for a malformed body or more than PF_MULTIPART_MAX_PARTS parts. */
PF_MUST_CHECK pf_status pf_multipart_find(struct pf_str boundary, struct pf_str body,
                                          const char *field, struct pf_multipart_part *out_part,
                                          struct pf_error *err);

#endif
