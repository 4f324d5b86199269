import {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { ORDER_BATCH_MODULE } from "../../../../modules/order-batch"
import type OrderBatchModuleService from "../../../../modules/order-batch/service"

/** `GET /admin/batches/current`: the batch the caller's latest login closed. */
export const GET = async (
  req: AuthenticatedMedusaRequest,
  res: MedusaResponse
) => {
  const service: OrderBatchModuleService = req.scope.resolve(ORDER_BATCH_MODULE)
  const { actor_type, actor_id } = req.auth_context
  const batch = await service.retrieveCurrentBatch(
    actor_type === "user" ? actor_id : null
  )
  res.json({ batch })
}
