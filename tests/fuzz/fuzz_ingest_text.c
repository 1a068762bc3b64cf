/* Fuzz target: the plain text and Markdown readers with encoding detection (first byte:
 * options, see fuzz_ingest.h; bit 2 picks Markdown). */
#include "fuzz_ingest.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    enum pf_doc_format format = data[0] & 4 ? PF_DOC_FORMAT_MARKDOWN : PF_DOC_FORMAT_TEXT;
    pf_fuzz_ingest(data[0], format, data + 1, size - 1);
    return 0;
}
