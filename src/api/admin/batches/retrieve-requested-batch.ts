import { MedusaRequest } from "@medusajs/framework/http"
import { ORDER_BATCH_MODULE } from "../../../modules/order-batch"
import type OrderBatchModuleService from "../../../modules/order-batch/service"
import { BatchDTO } from "../../../modules/order-batch/types"
import { parseBatchNumber } from "./validators"

/**
 * The batch that a `/admin/batches/:number/...` route names: a malformed
 * number is a 400, a missing batch a 404 naming the range that exists.
 */
export async function retrieveRequestedBatch(req: MedusaRequest): Promise<BatchDTO> {
  const service: OrderBatchModuleService = req.scope.resolve(ORDER_BATCH_MODULE)
  return await service.retrieveBatchByNumber(parseBatchNumber(req.params.number))
}
