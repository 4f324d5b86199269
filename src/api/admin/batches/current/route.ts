import {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { ORDER_BATCH_MODULE } from "../../../../modules/order-batch"
import type OrderBatchModuleService from "../../../../modules/order-batch/service"

type FailedLogin = { at: Date; reason: string }

/**
 * `GET /admin/batches/current`: the batch the caller's latest login closed,
 * and that login's failure where it got in without closing one (the Batches
 * page warns about it). A later login clears the failure; so does a batch
 * the caller closed by hand since, which is what the warning offers.
 * `queue_problem` says where the trigger that queues every order is missing
 * or disabled (the same words as the start-up log), null where it holds.
 */
export const GET = async (
  req: AuthenticatedMedusaRequest,
  res: MedusaResponse
) => {
  const service: OrderBatchModuleService = req.scope.resolve(ORDER_BATCH_MODULE)
  const { actor_type, actor_id } = req.auth_context
  const userId = actor_type === "user" ? actor_id : null
  const [batch, failed_login, queue] = await Promise.all([
    service.retrieveCurrentBatch(userId),
    userId ? failedLoginOf(service, userId) : null,
    service.retrieveQueueState(),
  ])
  res.json({ batch, failed_login, queue_problem: queue.problem })
}

async function failedLoginOf(
  service: OrderBatchModuleService,
  userId: string
): Promise<FailedLogin | null> {
  const [login] = await service.listOrderBatchUsers(
    { user_id: userId },
    { select: ["failed_login_at", "failed_login_reason"], take: 1 }
  )
  if (!login?.failed_login_at) {
    return null
  }
  const [closedSince] = await service.listOrderBatches(
    { closed_by: userId, closed_at: { $gte: login.failed_login_at } },
    { select: ["id"], take: 1 }
  )
  return closedSince
    ? null
    : { at: login.failed_login_at, reason: login.failed_login_reason ?? "" }
}
