import {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import {
  computePickList,
  createCsvStringifier,
  csvHeaders,
  HTML_DOCUMENT_HEADERS,
  PICK_LIST_CSV_COLUMNS,
  pickListCsvRows,
  renderPickListHtml,
} from "../../../../../lib/documents"
import { retrieveRequestedBatch, sendStream } from "../../helpers"
import { AdminGetBatchPickListParamsType } from "../../validators"

/**
 * `GET /admin/batches/:number/pick-list`: everything the batch needs
 * picked, one line per SKU, as a printer-ready page or with `?format=csv`
 * as CSV. A pick list is not a print or an export: nothing is recorded.
 */
export const GET = async (
  req: AuthenticatedMedusaRequest<unknown, AdminGetBatchPickListParamsType>,
  res: MedusaResponse
) => {
  const batch = await retrieveRequestedBatch(req)
  const pickList = await computePickList(req.scope, batch)

  await sendStream(
    req,
    res,
    req.validatedQuery.format === "csv"
      ? {
          headers: csvHeaders(`batch-${batch.number}-pick-list.csv`),
          chunks: pickListCsvRows(pickList),
          through: createCsvStringifier(PICK_LIST_CSV_COLUMNS),
        }
      : {
          headers: HTML_DOCUMENT_HEADERS,
          chunks: [renderPickListHtml(batch, pickList)],
        }
  )
}
