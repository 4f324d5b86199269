import {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { retrieveRequestedBatch } from "../../retrieve-requested-batch"
import { markBatchHandledWorkflow } from "../../../../../workflows"
import { HTML_DOCUMENT_HEADERS } from "../../lib/html-document"
import { renderPrintDocument } from "../../lib/print-html"
import { sendStream } from "../../lib/send-stream"

/**
 * `GET /admin/batches/:number/print`: a printer-ready HTML document of the
 * batch's orders, one packing slip a page, written as the orders are read.
 * The print is recorded once the whole document is written and before the
 * response ends, so a print that failed half-way is not recorded.
 */
export const GET = async (
  req: AuthenticatedMedusaRequest,
  res: MedusaResponse
) => {
  const batch = await retrieveRequestedBatch(req)

  async function* document() {
    yield* renderPrintDocument(req.scope, batch)
    await markBatchHandledWorkflow(req.scope).run({
      input: { batch_id: batch.id, kind: "printed", actor_id: req.auth_context.actor_id },
    })
  }

  await sendStream(req, res, HTML_DOCUMENT_HEADERS, document())
}
