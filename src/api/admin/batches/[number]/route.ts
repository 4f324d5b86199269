import {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { ORDER_BATCH_MODULE } from "../../../../modules/order-batch"
import type OrderBatchModuleService from "../../../../modules/order-batch/service"
import { parseBatchNumber } from "../validators"

/** `GET /admin/batches/:number` */
export const GET = async (
  req: AuthenticatedMedusaRequest,
  res: MedusaResponse
) => {
  const service: OrderBatchModuleService = req.scope.resolve(ORDER_BATCH_MODULE)
  const batch = await service.retrieveBatchByNumber(
    parseBatchNumber(req.params.number)
  )
  res.json({ batch })
}
