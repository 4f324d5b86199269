import {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import {
  HTML_DOCUMENT_HEADERS,
  renderPrintDocument,
} from "../../../../../lib/documents"
import { recordHandled, retrieveRequestedBatch, sendStream } from "../../helpers"

/**
 * `GET /admin/batches/:number/print`: a printer-ready HTML document of the
 * batch's orders, one packing slip a page, written as the orders are read.
 * The print is recorded once the first page of orders is read.
 */
export const GET = async (
  req: AuthenticatedMedusaRequest,
  res: MedusaResponse
) => {
  const batch = await retrieveRequestedBatch(req)

  await sendStream(req, res, {
    headers: HTML_DOCUMENT_HEADERS,
    chunks: renderPrintDocument(req.scope, batch),
    onStart: recordHandled(req, batch, "printed"),
  })
}
