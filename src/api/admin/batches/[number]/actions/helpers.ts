import { AuthenticatedMedusaRequest } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { ORDER_BATCH_MODULE } from "../../../../../modules/order-batch"
import { listBatchActionRunDTOs } from "../../../../../modules/order-batch/lib/order-batch-action-run"
import type OrderBatchModuleService from "../../../../../modules/order-batch/service"
import { BatchActionRunDTO } from "../../../../../modules/order-batch/types/batch-action"
import { retrieveRequestedBatch } from "../../helpers"

/** The run `:id` of batch `:number`, or Medusa's 404 when the batch has no such run. */
export async function retrieveRequestedRun(
  req: AuthenticatedMedusaRequest<any, any>,
  { failures }: { failures: { limit: number; offset: number } | null }
): Promise<BatchActionRunDTO> {
  const batch = await retrieveRequestedBatch(req)
  const service: OrderBatchModuleService = req.scope.resolve(ORDER_BATCH_MODULE)
  const [run] = await listBatchActionRunDTOs(service, { id: req.params.id, batch_id: batch.id }, { take: 1, failures })
  if (!run) {
    throw new MedusaError(
      MedusaError.Types.NOT_FOUND,
      `Batch ${batch.number} has no action run "${req.params.id.slice(0, 40)}".`
    )
  }
  return run
}
