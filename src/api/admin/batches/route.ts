import {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { ORDER_BATCH_MODULE } from "../../../modules/order-batch"
import type OrderBatchModuleService from "../../../modules/order-batch/service"
import { AdminGetBatchesParamsType } from "./validators"

/** `GET /admin/batches`: batches, newest first. */
export const GET = async (
  req: AuthenticatedMedusaRequest<unknown, AdminGetBatchesParamsType>,
  res: MedusaResponse
) => {
  const service: OrderBatchModuleService = req.scope.resolve(ORDER_BATCH_MODULE)
  const { skip, take } = req.queryConfig.pagination
  const [batches, count] = await service.listAndCountBatchSummaries({
    skip,
    take,
  })
  res.json({ batches, count, limit: take, offset: skip })
}
