import {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { ORDER_BATCH_MODULE } from "../../../../../../../modules/order-batch"
import { listAndCountBatchActionOutcomeDTOs } from "../../../../../../../modules/order-batch/lib/order-batch-action-run"
import type OrderBatchModuleService from "../../../../../../../modules/order-batch/service"
import { retrieveRequestedRun } from "../../helpers"
import { AdminGetBatchActionOutcomesParamsType } from "../../../../validators"

/**
 * `GET /admin/batches/:number/actions/:id/outcomes`: what the run did with
 * each order of the batch, in the batch's order, a page at a time
 * (`limit` at most 100, `offset`, `status` to keep one kind).
 */
export const GET = async (
  req: AuthenticatedMedusaRequest<unknown, AdminGetBatchActionOutcomesParamsType>,
  res: MedusaResponse
) => {
  const { limit, offset, status } = req.validatedQuery
  const run = await retrieveRequestedRun(req, { failures: null })
  const service: OrderBatchModuleService = req.scope.resolve(ORDER_BATCH_MODULE)
  const [outcomes, count] = await listAndCountBatchActionOutcomeDTOs(service, run.id, { status, limit, offset })
  res.json({ outcomes, count, limit, offset })
}
