import {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { retrieveRequestedBatch } from "../../retrieve-requested-batch"
import { AdminGetBatchPickListParamsType } from "../../documents-validators"
import { createCsvStringifier, csvHeaders } from "../../lib/csv"
import { HTML_DOCUMENT_HEADERS } from "../../lib/html-document"
import { computePickList, PICK_LIST_CSV_COLUMNS } from "../../lib/pick-list"
import { renderPickListHtml } from "../../lib/pick-list-html"
import { sendStream } from "../../lib/send-stream"

/**
 * `GET /admin/batches/:number/pick-list`: everything the batch needs
 * picked, one line per SKU, as a printer-ready page or with `?format=csv`
 * as CSV.
 */
export const GET = async (
  req: AuthenticatedMedusaRequest<unknown, AdminGetBatchPickListParamsType>,
  res: MedusaResponse
) => {
  const batch = await retrieveRequestedBatch(req)
  const pickList = await computePickList(req.scope, batch)

  if (req.validatedQuery.format === "csv") {
    await sendStream(
      req,
      res,
      csvHeaders(`batch-${batch.number}-pick-list.csv`),
      pickList.lines,
      createCsvStringifier(PICK_LIST_CSV_COLUMNS)
    )
    return
  }

  await sendStream(req, res, HTML_DOCUMENT_HEADERS, [
    renderPickListHtml(batch, pickList),
  ])
}
