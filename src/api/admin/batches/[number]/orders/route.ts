import {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { retrieveRequestedBatch } from "../../retrieve-requested-batch"
import { ORDER_BATCH_MODULE } from "../../../../../modules/order-batch"
import type OrderBatchModuleService from "../../../../../modules/order-batch/service"
import { readOrdersWithStatuses } from "../../lib/batch-order-pages"
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
  const service: OrderBatchModuleService = req.scope.resolve(ORDER_BATCH_MODULE)
  const { skip, take } = req.queryConfig.pagination
  const [ids, count] = await service.listAndCountBatchOrderIds(batch.id, {
    skip,
    take,
  })

  // The id is needed to keep the batch's order, whatever `fields` asks for.
  const read = readOrdersWithStatuses<{ id: string }>(req.scope, [
    ...new Set(["id", ...req.queryConfig.fields]),
  ])
  const byId = new Map((ids.length ? await read(ids) : []).map((o) => [o.id, o]))
  const orders = ids.flatMap((id) => byId.get(id) ?? [])

  res.json({ orders, count, limit: take, offset: skip })
}
