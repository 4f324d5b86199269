import {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { readBatchOrderPage } from "../../../../../lib/batch-order-pages"
import { readOrdersWithStatuses } from "../../../../../lib/read-orders"
import { retrieveRequestedBatch } from "../../helpers"
import { AdminGetBatchOrdersParamsType } from "../../validators"

/**
 * `GET /admin/batches/:number/orders`: the batch's orders, oldest first, read
 * through the same workflow as Medusa's order list, so `fields` and the
 * computed totals and statuses behave as they do there.
 */
export const GET = async (
  req: AuthenticatedMedusaRequest<unknown, AdminGetBatchOrdersParamsType>,
  res: MedusaResponse
) => {
  const batch = await retrieveRequestedBatch(req)
  const { skip, take } = req.queryConfig.pagination

  // The id keeps the batch's order, whatever `fields` asks for.
  const fields = [...new Set(["id", ...req.queryConfig.fields])]
  const { orders, count } = await readBatchOrderPage(
    req.scope,
    batch.id,
    readOrdersWithStatuses<{ id: string }>(req.scope, fields),
    { skip, take }
  )

  res.json({ orders, count, limit: take, offset: skip })
}
