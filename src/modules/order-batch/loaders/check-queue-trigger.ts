import { LoaderOptions } from "@medusajs/framework/types"
import { SqlEntityManager } from "@medusajs/framework/mikro-orm/postgresql"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { readQueueState } from "../lib/queue-trigger"

/**
 * Says at start-up, once, where the trigger that queues every order is
 * missing or disabled; the Batches page says the same. It does not restore
 * the trigger itself: that takes a lock on `"order"` that every server and
 * worker would take at each start, under a role that may not own the
 * table, and would undo a trigger a merchant disabled on purpose (a bulk
 * import). Until `db:migrate` restores it, a close reads the store's
 * history, so no order is left out meanwhile.
 */
export default async function checkQueueTrigger({ container, logger }: LoaderOptions) {
  try {
    const manager = container.resolve<SqlEntityManager>(ContainerRegistrationKeys.MANAGER)
    const { problem, pending_script } = await readQueueState(manager.getKnex())
    if (problem && pending_script) {
      logger?.info(`medusa-order-batches: ${problem.split(".")[0]}; db:migrate's migration scripts create it.`)
    } else if (problem) {
      logger?.warn(
        `medusa-order-batches: ${problem} Until then each close reads every order of the store to take in those without a batch.`
      )
    }
  } catch (error) {
    logger?.warn(`medusa-order-batches: could not check the order queue trigger: ${(error as Error).message}`)
  }
}
