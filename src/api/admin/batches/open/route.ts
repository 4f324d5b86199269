import {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { ORDER_BATCH_MODULE } from "../../../../modules/order-batch"
import type OrderBatchModuleService from "../../../../modules/order-batch/service"

/**
 * `GET /admin/batches/open`: the batch still receiving orders (the next
 * batch), or `{ batch: null }` on a new store before its first order or close:
 * a read never creates one.
 */
export const GET = async (
  req: AuthenticatedMedusaRequest,
  res: MedusaResponse
) => {
  const service: OrderBatchModuleService = req.scope.resolve(ORDER_BATCH_MODULE)
  res.json({ batch: await service.retrieveOpenBatch() })
}
