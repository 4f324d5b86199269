import { Context } from "@medusajs/framework/types"
import { Knex } from "@medusajs/framework/mikro-orm/knex"
import {
  InjectManager,
  InjectTransactionManager,
  MedusaContext,
  MedusaError,
  MedusaService,
} from "@medusajs/framework/utils"
import * as batchRows from "./lib/batch-rows"
import { lockForAssignment, lockForRotation } from "./lib/locks"
import * as orderRows from "./lib/order-rows"
import { OrderBatch, OrderBatchOrder, OrderBatchUser } from "./models"
import { ResolvedOrderBatchOptions, resolveOptions } from "./options"
import {
  AssignOrderInput,
  AssignOrdersResult,
  BatchDTO,
  RotateBatchInput,
  RotateBatchResult,
} from "./types"

type Page = { skip?: number; take?: number }

/**
 * The order batch module. Beside the generated methods for its models, it
 * owns the two writes that the invariants rest on, rotation and assignment,
 * each one transaction serialised by an advisory lock in the database, so
 * they stay exact with any number of server and worker processes.
 */
export default class OrderBatchModuleService extends MedusaService({
  OrderBatch,
  OrderBatchOrder,
  OrderBatchUser,
}) {
  protected readonly options_: ResolvedOrderBatchOptions

  constructor(container: Record<string, unknown>, options?: Record<string, unknown>) {
    super(...arguments)
    this.options_ = resolveOptions(options)
  }

  /** The plugin's options with their defaults filled in. */
  async getOptions(): Promise<ResolvedOrderBatchOptions> {
    return { ...this.options_ }
  }

  /**
   * The open batch, the one receiving new orders. The first call on a new
   * store creates it, numbered `firstBatchNumber`.
   */
  @InjectManager()
  async retrieveOpenBatch(@MedusaContext() sharedContext: Context = {}): Promise<BatchDTO> {
    return await this.retrieveOpenBatch_(sharedContext)
  }

  /**
   * Closes the open batch and opens the next one, in one transaction. Orders
   * that have no batch yet are taken into the closing batch first.
   */
  @InjectManager()
  async rotate(
    input: RotateBatchInput,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<RotateBatchResult> {
    return await this.rotate_(input, sharedContext)
  }

  /**
   * Puts orders into the open batch. Orders that already have a batch keep
   * it, so repeating a call changes nothing.
   */
  @InjectManager()
  async assignOrders(
    orders: AssignOrderInput[],
    @MedusaContext() sharedContext: Context = {}
  ): Promise<AssignOrdersResult> {
    return await this.assignOrders_(orders, sharedContext)
  }

  /** Up to `take` orders of a batch whose total is not recorded yet (orders a close swept in). */
  @InjectManager()
  async listOrderIdsWithoutTotal(
    batchId: string,
    take = 500,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<string[]> {
    return await orderRows.listOrderIdsWithoutTotal(knexOf(sharedContext), batchId, take)
  }

  /** Records the totals of orders that a close took in without them. */
  @InjectManager()
  async setOrderTotals(
    totals: { order_id: string; total: number | string }[],
    @MedusaContext() sharedContext: Context = {}
  ): Promise<void> {
    await this.setOrderTotals_(totals, sharedContext)
  }

  /** Records that a batch was printed or exported, and by whom. */
  @InjectManager()
  async markBatchHandled(
    batchId: string,
    kind: "printed" | "exported",
    actorId: string | null,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<void> {
    await this.markBatchHandled_(batchId, kind, actorId, sharedContext)
  }

  /** A batch by its number; a NOT_FOUND error names the numbers that exist. */
  @InjectManager()
  async retrieveBatchByNumber(
    number: number,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<BatchDTO> {
    const knex = knexOf(sharedContext)
    const row = await batchRows.findBatchByNumber(knex, number)
    if (!row) {
      throw await this.notFound_(knex, number)
    }
    return (await this.withStats_(knex, [row]))[0]
  }

  /** Batches, newest first, with their order counts and totals. */
  @InjectManager()
  async listAndCountBatchSummaries(
    { skip = 0, take = 20 }: Page = {},
    @MedusaContext() sharedContext: Context = {}
  ): Promise<[BatchDTO[], number]> {
    const knex = knexOf(sharedContext)
    const [rows, count] = await batchRows.listBatchRows(knex, { skip, take })
    return [await this.withStats_(knex, rows), count]
  }

  /** Ids of a batch's orders, oldest first, and how many it has. */
  @InjectManager()
  async listAndCountBatchOrderIds(
    batchId: string,
    { skip = 0, take = 50 }: Page = {},
    @MedusaContext() sharedContext: Context = {}
  ): Promise<[string[], number]> {
    return await orderRows.listBatchOrderIds(knexOf(sharedContext), batchId, {
      skip,
      take,
    })
  }

  /**
   * An administrator's current batch: the batch their latest login closed,
   * or the newest closed batch at that login where it closed none. For a
   * caller who never logged in since the plugin was installed (an API key,
   * say), the newest closed batch. Null where no batch was ever closed.
   */
  @InjectManager()
  async retrieveCurrentBatch(
    userId: string | null,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<BatchDTO | null> {
    const knex = knexOf(sharedContext)
    const recorded = userId
      ? await orderRows.findUserBatchId(knex, userId)
      : undefined
    const row = recorded
      ? recorded.batch_id
        ? await batchRows.findBatchById(knex, recorded.batch_id)
        : undefined
      : await batchRows.findNewestClosedBatch(knex)
    return row ? (await this.withStats_(knex, [row]))[0] : null
  }

  @InjectTransactionManager()
  protected async retrieveOpenBatch_(
    @MedusaContext() sharedContext: Context = {}
  ): Promise<BatchDTO> {
    const trx = transactionOf(sharedContext)
    await lockForAssignment(trx)
    const open = await this.ensureOpenBatch_(trx)
    return (await this.withStats_(trx, [open]))[0]
  }

  @InjectTransactionManager()
  protected async rotate_(
    input: RotateBatchInput,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<RotateBatchResult> {
    const trx = transactionOf(sharedContext)
    await lockForRotation(trx)
    const open = await this.ensureOpenBatch_(trx)

    if (input.number !== undefined && input.number !== open.number) {
      return await this.previousRotation_(trx, input.number)
    }

    const keepOpen = input.keep_open ?? "never"
    const swept =
      keepOpen === "always"
        ? []
        : await orderRows.sweepUnassignedOrders(trx, open.id)

    if (
      keepOpen === "always" ||
      (keepOpen === "if_empty" && !(await orderRows.countBatchOrders(trx, open.id)))
    ) {
      const newestClosed = await batchRows.findNewestClosedBatch(trx)
      if (input.user_id) {
        await orderRows.setUserBatch(trx, input.user_id, newestClosed?.id ?? null)
      }
      const [opened] = await this.withStats_(trx, [open])
      return { closed: null, opened, rotated: false, swept_order_ids: [] }
    }

    // The close is written before the insert: the one-open-batch index would
    // refuse the new batch while the old one is still open.
    await batchRows.closeBatch(trx, open.id, {
      reason: input.reason,
      actorId: input.actor_id ?? null,
    })
    await batchRows.insertOpenBatch(trx, open.number + 1)
    if (input.user_id) {
      await orderRows.setUserBatch(trx, input.user_id, open.id)
    }

    const [closed, opened] = await this.withStats_(trx, [
      (await batchRows.findBatchById(trx, open.id))!,
      (await batchRows.findOpenBatch(trx))!,
    ])
    return { closed, opened, rotated: true, swept_order_ids: swept }
  }

  @InjectTransactionManager()
  protected async assignOrders_(
    orders: AssignOrderInput[],
    @MedusaContext() sharedContext: Context = {}
  ): Promise<AssignOrdersResult> {
    const trx = transactionOf(sharedContext)
    await lockForAssignment(trx)
    const open = await this.ensureOpenBatch_(trx)
    const inserted = new Set(await orderRows.insertBatchOrders(trx, open.id, orders))
    const assignments = await orderRows.findAssignments(
      trx,
      orders.map((order) => order.order_id)
    )
    return {
      assigned: assignments.filter((a) => inserted.has(a.order_id)),
      existing: assignments.filter((a) => !inserted.has(a.order_id)),
    }
  }

  @InjectTransactionManager()
  protected async setOrderTotals_(
    totals: { order_id: string; total: number | string }[],
    @MedusaContext() sharedContext: Context = {}
  ): Promise<void> {
    await orderRows.setOrderTotals(transactionOf(sharedContext), totals)
  }

  @InjectTransactionManager()
  protected async markBatchHandled_(
    batchId: string,
    kind: "printed" | "exported",
    actorId: string | null,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<void> {
    await batchRows.markBatchHandled(transactionOf(sharedContext), batchId, kind, actorId)
  }

  /** The open batch, created where none exists yet (a new store). */
  protected async ensureOpenBatch_(trx: Knex.Transaction): Promise<batchRows.BatchRow> {
    const open = await batchRows.findOpenBatch(trx)
    if (open) {
      return open
    }
    const { max } = await batchRows.numberRange(trx)
    await batchRows.insertOpenBatch(trx, max === null ? this.options_.firstBatchNumber : max + 1)
    // A new statement sees the batch that this call or a concurrent first order created.
    return (await batchRows.findOpenBatch(trx))!
  }

  /** What a rotation of `number` did, for a client that retries one. */
  protected async previousRotation_(
    trx: Knex.Transaction,
    number: number
  ): Promise<RotateBatchResult> {
    const closed = await batchRows.findBatchByNumber(trx, number)
    const next = closed && (await batchRows.findBatchByNumber(trx, number + 1))
    if (!closed || !next) {
      throw await this.notFound_(trx, number)
    }
    const [closedDto, opened] = await this.withStats_(trx, [closed, next])
    return { closed: closedDto, opened, rotated: false, swept_order_ids: [] }
  }

  protected async withStats_(knex: Knex, rows: batchRows.BatchRow[]): Promise<BatchDTO[]> {
    const stats = await orderRows.statsByBatch(
      knex,
      rows.map((row) => row.id)
    )
    return rows.map((row) => ({
      ...row,
      number: Number(row.number),
      ...stats.get(row.id)!,
    }))
  }

  protected async notFound_(knex: Knex, number: number): Promise<MedusaError> {
    const { min, max } = await batchRows.numberRange(knex)
    const range =
      min === null ? "no batch exists yet" : `batches ${min} to ${max} exist`
    return new MedusaError(
      MedusaError.Types.NOT_FOUND,
      `Batch ${number} does not exist; ${range}.`
    )
  }
}

function knexOf(sharedContext: Context): Knex {
  const manager = (sharedContext.transactionManager ?? sharedContext.manager) as {
    getTransactionContext(): Knex.Transaction | undefined
    getKnex(): Knex
  }
  return manager.getTransactionContext() ?? manager.getKnex()
}

function transactionOf(sharedContext: Context): Knex.Transaction {
  const trx = (sharedContext.transactionManager as {
    getTransactionContext(): Knex.Transaction | undefined
  })?.getTransactionContext()
  if (!trx) {
    // Advisory xact locks on a pooled autocommit connection would be released
    // at once and silently stop serialising.
    throw new MedusaError(
      MedusaError.Types.UNEXPECTED_STATE,
      "Order batch writes must run inside a transaction."
    )
  }
  return trx
}
