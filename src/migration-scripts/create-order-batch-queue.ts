import { ExecArgs } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { ORDER_BATCH_MODULE } from "../modules/order-batch"
import type OrderBatchModuleService from "../modules/order-batch/service"

/**
 * Creates the trigger that queues every order on Medusa's `"order"` table,
 * and queues the orders from before the install. A migration script, not a
 * module migration: `db:migrate` runs scripts after every module's
 * migrations, so `"order"` exists here on a new store too, whatever order
 * the modules migrated in. The trigger comes first, in short transactions
 * that wait at most a second each for `"order"` (checkouts go on between
 * tries); a store's history then becomes one closed batch of its own (or,
 * where batches exist, is queued for the next close), in chunks that hold
 * no lock an insert waits for. Running it again changes nothing.
 */
export default async function createOrderBatchQueue({ container }: Pick<ExecArgs, "container">) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const service: OrderBatchModuleService = container.resolve(ORDER_BATCH_MODULE)
  const started = Date.now()
  const { trigger_created, install_batch, queued } = await service.createQueue()
  const history = install_batch
    ? `the ${install_batch.orders} orders from before the install are batch ${install_batch.number} (closed)`
    : `${queued} orders without a batch queued for the next close`
  logger.info(
    `medusa-order-batches: queue trigger ${trigger_created ? "created" : "already there"}; ${history} (${Date.now() - started} ms)`
  )
}
