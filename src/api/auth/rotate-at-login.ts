import { randomUUID } from "node:crypto"
import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { ORDER_BATCH_MODULE } from "../../modules/order-batch"
import { rolesAllow, updateOrders } from "../policies"
import type OrderBatchModuleService from "../../modules/order-batch/service"
import { recordLoginFailureWorkflow, rotateBatchWorkflow } from "../../workflows"

/** How long a login may wait for its rotation before it goes through without one. */
export const LOGIN_ROTATION_LIMIT_MS = 5_000

/** Past the limit the database gives up by itself; this covers a connection that never answers. */
const HARD_LIMIT_MS = LOGIN_ROTATION_LIMIT_MS + 2_000

/**
 * How long a login that got no rotation waits for the check and the record
 * of it. Both read tables that the rotation could not get (a table another
 * session locked), so past this they finish in the background.
 */
const AFTERMATH_LIMIT_MS = 2_000

/** A reason an administrator understands, for the log and the Batches page. */
export function loginFailureReason(error: unknown): string {
  const { code, message } = (error ?? {}) as { code?: string; message?: string }
  if (code === "55P03" || /lock timeout/i.test(message ?? "")) {
    return "the batches were busy for more than 5 seconds"
  }
  if (code === "57014" || /statement timeout|timed out/i.test(message ?? "")) {
    return "closing the batch took more than 5 seconds"
  }
  return message?.split("\n")[0].slice(0, 200) || "the rotation failed"
}

function within<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error("timed out waiting for the database")), ms)
  })
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer))
}

/**
 * Runs the rotation for an administrator's login and never fails: a login
 * always gets in. Where the rotation cannot complete in time (a held lock,
 * a database error, a missing migration) it rolls back, the reason is logged
 * and recorded for the dashboard, and the current batch stays. Where
 * something after its commit fails (an event, a hook), the login counts as
 * rotated: the worker's reconcile job does what the events would have, and
 * a retried login cannot close a second batch for it.
 *
 * Where Medusa's RBAC is on, a login closes a batch only where its token
 * could close one by `POST /admin/batches/rotate`: its roles (`roles`, from
 * the token) grant order update. Any other login closes nothing and records
 * nothing, since nothing went wrong: that user cannot close batches at all.
 */
export async function rotateAtLogin(scope: MedusaContainer, userId: string, roles: string[]): Promise<void> {
  const logger = scope.resolve(ContainerRegistrationKeys.LOGGER)
  const loginId = randomUUID()
  try {
    await within(
      (async () => {
        // Inside the limit and the try: a check that cannot answer is a rotation that failed.
        if (!(await rolesAllow(scope, roles, updateOrders))) {
          logger.debug(`medusa-order-batches: the login of ${userId} closes no batch: the user's roles may not update orders`)
          return
        }
        await rotateBatchWorkflow(scope).run({
          input: {
            reason: "login",
            actor_id: userId,
            user_id: userId,
            login_id: loginId,
            time_limit_ms: LOGIN_ROTATION_LIMIT_MS,
          },
        })
      })(),
      HARD_LIMIT_MS
    )
    return
  } catch (error) {
    const aftermath = afterFailedRotation(scope, userId, loginId, error)
    await within(aftermath, AFTERMATH_LIMIT_MS).catch(() =>
      logger.warn(`medusa-order-batches: the login of ${userId} goes through while its failure is still being recorded`)
    )
  }
}

/** Never rejects: every failure here is logged. */
async function afterFailedRotation(scope: MedusaContainer, userId: string, loginId: string, error: unknown) {
  const logger = scope.resolve(ContainerRegistrationKeys.LOGGER)
  if (await rotationCommitted(scope, userId, loginId)) {
    logger.error(
      `medusa-order-batches: a step after the login rotation of ${userId} failed (the batch closed): ${(error as Error).message}`
    )
    return
  }
  const reason = loginFailureReason(error)
  logger.warn(`medusa-order-batches: the login of ${userId} did not close a batch: ${reason}`)
  await recordLoginFailureWorkflow(scope)
    .run({ input: { user_id: userId, reason, login_id: loginId } })
    .catch((e: Error) => logger.error(`medusa-order-batches: could not record it: ${e.message}`))
}

async function rotationCommitted(scope: MedusaContainer, userId: string, loginId: string) {
  const service: OrderBatchModuleService = scope.resolve(ORDER_BATCH_MODULE)
  const found = await service
    .listOrderBatchUsers({ user_id: userId, login_id: loginId }, { take: 1 })
    .catch(() => [])
  return found.length > 0
}
