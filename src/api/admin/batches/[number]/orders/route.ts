import { getOrdersListWorkflow } from "@medusajs/medusa/core-flows"
import {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { ORDER_BATCH_MODULE } from "../../../../../modules/order-batch"
import type OrderBatchModuleService from "../../../../../modules/order-batch/service"
import { AdminGetBatchOrdersParamsType, parseBatchNumber } from "../../validators"

/**
 * `GET /admin/batches/:number/orders`: the batch's orders, oldest first, read
 * through the same workflow as Medusa's order list, so `fields` and the
 * computed totals and statuses behave as they do there.
 */
export const GET = async (
  req: AuthenticatedMedusaRequest<unknown, AdminGetBatchOrdersParamsType>,
  res: MedusaResponse
) => {
  const service: OrderBatchModuleService = req.scope.resolve(ORDER_BATCH_MODULE)
  const batch = await service.retrieveBatchByNumber(
    parseBatchNumber(req.params.number)
  )
  const { skip, take } = req.queryConfig.pagination
  const [ids, count] = await service.listAndCountBatchOrderIds(batch.id, {
    skip,
    take,
  })

  let orders: Record<string, unknown>[] = []
  if (ids.length) {
    const { result } = await getOrdersListWorkflow(req.scope).run({
      input: {
        // The id is needed to keep the batch's order, whatever `fields` asks for.
        fields: [...new Set(["id", ...req.queryConfig.fields])],
        variables: { filters: { id: ids }, skip: 0, take: ids.length },
      },
    })
    const rows = (Array.isArray(result) ? result : result.rows) as {
      id: string
    }[]
    const byId = new Map(rows.map((order) => [order.id, order]))
    orders = ids.flatMap((id) => byId.get(id) ?? [])
  }

  res.json({ orders, count, limit: take, offset: skip })
}
