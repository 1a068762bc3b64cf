/* Fuzz target: the html reader (first byte: options, see fuzz_ingest.h). */
#include "fuzz_ingest.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    pf_fuzz_ingest(data[0], PF_DOC_FORMAT_HTML, data + 1, size - 1);
    return 0;
}
