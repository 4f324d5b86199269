import {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import {
  createCsvStringifier,
  csvHeaders,
  EXPORT_CSV_COLUMNS,
  exportRows,
} from "../../../../../lib/documents"
import { recordHandled, retrieveRequestedBatch, sendStream } from "../../helpers"

/**
 * `GET /admin/batches/:number/export`: the batch's orders as CSV, one row
 * per order, streamed a page of orders at a time. The export is recorded
 * once the first page of orders is read.
 */
export const GET = async (
  req: AuthenticatedMedusaRequest,
  res: MedusaResponse
) => {
  const batch = await retrieveRequestedBatch(req)

  await sendStream(req, res, {
    headers: csvHeaders(`batch-${batch.number}.csv`),
    chunks: exportRows(req.scope, batch),
    through: createCsvStringifier(EXPORT_CSV_COLUMNS),
    onStart: recordHandled(req, batch, "exported"),
  })
}
