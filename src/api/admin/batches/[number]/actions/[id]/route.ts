import {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { ORDER_BATCH_MODULE } from "../../../../../../modules/order-batch"
import { listBatchActionRunDTOs } from "../../../../../../modules/order-batch/lib/order-batch-action-run"
import type OrderBatchModuleService from "../../../../../../modules/order-batch/service"
import { retrieveRequestedBatch } from "../../../helpers"

/** `GET /admin/batches/:number/actions/:id`: one run of the batch, polled while it runs. */
export const GET = async (
  req: AuthenticatedMedusaRequest,
  res: MedusaResponse
) => {
  const batch = await retrieveRequestedBatch(req)
  const service: OrderBatchModuleService = req.scope.resolve(ORDER_BATCH_MODULE)
  const [run] = await listBatchActionRunDTOs(service, { id: req.params.id, batch_id: batch.id }, { take: 1 })
  if (!run) {
    throw new MedusaError(
      MedusaError.Types.NOT_FOUND,
      `Batch ${batch.number} has no action run "${req.params.id.slice(0, 40)}".`
    )
  }
  res.json({ run })
}
