import {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { retrieveRequestedBatch } from "../../retrieve-requested-batch"
import { HTML_DOCUMENT_HEADERS } from "../../lib/html-document"
import { renderPrintDocument } from "../../lib/print-html"
import { thenRecordHandled } from "../../lib/record-handled"
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

  await sendStream(
    req,
    res,
    HTML_DOCUMENT_HEADERS,
    thenRecordHandled(req, batch.id, "printed", renderPrintDocument(req.scope, batch))
  )
}
