/* PDF writer: the document model typeset with Pango and Cairo. */
#include "render/render_int.h"

pf_status pf_render_pdf(const struct pf_render_ctx *ctx, const struct pf_doc *doc,
                        struct pf_buf *out, struct pf_error *err)
{
    (void)ctx;
    (void)doc;
    (void)out;
    return pf_error_set(err, PF_E_NOT_ACCEPTABLE, "PDF export is not built yet");
}
