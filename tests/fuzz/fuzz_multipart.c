/* Fuzz target: multipart/form-data bodies (uploads). The first byte picks the boundary length. */
#include <stdint.h>

#include "http/http_multipart.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    size_t blen = (size_t)(data[0] % 16) + 1;
    if (blen > size - 1)
        blen = size - 1;
    struct pf_str boundary = pf_str_make((const char *)data + 1, blen);
    struct pf_str body = pf_str_make((const char *)data + 1 + blen, size - 1 - blen);
    struct pf_multipart_part part;
    struct pf_error err = PF_ERROR_INIT;
    if (pf_multipart_find(boundary, body, "file", &part, &err) == PF_OK)
        PF_ASSERT(part.body.ptr >= body.ptr && part.body.ptr + part.body.len <= body.ptr + body.len);
    return 0;
}
