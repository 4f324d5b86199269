import {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { retrieveRequestedBatch } from "../../retrieve-requested-batch"
import { createCsvStringifier, csvHeaders } from "../../lib/csv"
import { EXPORT_CSV_COLUMNS, exportRows } from "../../lib/export-csv"
import { thenRecordHandled } from "../../lib/record-handled"
import { sendStream } from "../../lib/send-stream"

/**
 * `GET /admin/batches/:number/export`: the batch's orders as CSV, one row
 * per order, streamed a page of orders at a time. The export is recorded
 * once every row is written and before the response ends.
 */
export const GET = async (
  req: AuthenticatedMedusaRequest,
  res: MedusaResponse
) => {
  const batch = await retrieveRequestedBatch(req)

  await sendStream(
    req,
    res,
    csvHeaders(`batch-${batch.number}.csv`),
    thenRecordHandled(req, batch.id, "exported", exportRows(req.scope, batch)),
    createCsvStringifier(EXPORT_CSV_COLUMNS)
  )
}
