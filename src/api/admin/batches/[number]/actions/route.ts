import {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { ORDER_BATCH_MODULE } from "../../../../../modules/order-batch"
import { listBatchActionRunDTOs } from "../../../../../modules/order-batch/lib/order-batch-action-run"
import type OrderBatchModuleService from "../../../../../modules/order-batch/service"
import { startBatchActionWorkflow } from "../../../../../workflows"
import { retrieveRequestedBatch } from "../../helpers"
import { AdminRunBatchActionType } from "../../validators"

/**
 * `POST /admin/batches/:number/actions`: starts `fulfill`, `ship` or
 * `capture` over every order of a closed batch and answers 202 with the run
 * at once; the orders are worked through in the background.
 */
export const POST = async (
  req: AuthenticatedMedusaRequest<AdminRunBatchActionType>,
  res: MedusaResponse
) => {
  const batch = await retrieveRequestedBatch(req)
  try {
    const { result: run } = await startBatchActionWorkflow(req.scope).run({
      input: {
        batch_id: batch.id,
        action: req.validatedBody.action,
        actor_id: req.auth_context.actor_id,
      },
    })
    res.status(202).json({ run })
  } catch (error) {
    // Medusa's error handler gives every conflict one generic message; this
    // one names the run that is already going, so it is answered here.
    if ((error as MedusaError).type === MedusaError.Types.CONFLICT) {
      res.status(409).json({ type: error.type, message: error.message })
      return
    }
    throw error
  }
}

/** `GET /admin/batches/:number/actions`: the batch's runs, newest first. */
export const GET = async (
  req: AuthenticatedMedusaRequest,
  res: MedusaResponse
) => {
  const batch = await retrieveRequestedBatch(req)
  const service: OrderBatchModuleService = req.scope.resolve(ORDER_BATCH_MODULE)
  const runs = await listBatchActionRunDTOs(service, { batch_id: batch.id })
  res.json({ runs })
}
