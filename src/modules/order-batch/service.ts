import {
  InjectManager,
  InjectTransactionManager,
  MedusaContext,
  MedusaError,
  MedusaService,
} from "@medusajs/framework/utils"
import { lockForAssignment, lockForNewBatch, lockForRotation } from "./lib/locks"
import { sweepUnassignedOrders } from "./lib/order"
import { insertBatchOrders, withStats } from "./lib/order-batch-order"
import { setUserBatch } from "./lib/order-batch-user"
import { knexOf, managerOf, ModuleContext, transactionOf } from "./lib/transaction"
import { OrderBatch, OrderBatchOrder, OrderBatchUser } from "./models"
import { ResolvedOrderBatchOptions, resolveOptions } from "./options"
import {
  AssignOrderInput,
  AssignOrdersResult,
  BATCH_FIELDS,
  BatchDTO,
  IOrderBatchModuleService,
  RotateBatchInput,
  RotateBatchResult,
} from "./types"

type Page = { skip?: number; take?: number }
type Ctx = ModuleContext
type BatchRecord = Omit<BatchDTO, "order_count" | "totals">

const batchSelect = { select: [...BATCH_FIELDS] }

/**
 * The order batch module (methods documented on IOrderBatchModuleService).
 * It owns the two writes that the invariants rest on, rotation and
 * assignment, each one transaction serialised by an advisory lock in the
 * database, so they stay exact with any number of server and worker
 * processes. What the options mean for a login is decided here, next to the
 * lock it takes.
 */
export default class OrderBatchModuleService extends MedusaService({
  OrderBatch,
  OrderBatchOrder,
  OrderBatchUser,
}) implements IOrderBatchModuleService {
  protected readonly options_: ResolvedOrderBatchOptions

  constructor(container: Record<string, unknown>, options?: Record<string, unknown>) {
    super(...arguments)
    this.options_ = resolveOptions(options)
  }

  async getOptions(): Promise<ResolvedOrderBatchOptions> {
    return { ...this.options_ }
  }

  @InjectManager()
  async retrieveOpenBatch(@MedusaContext() sharedContext: Ctx = {}): Promise<BatchDTO | null> {
    const open = await this.findBatch_({ status: "open" }, sharedContext)
    return open && (await this.withStats_(open, sharedContext))
  }

  @InjectManager()
  async retrieveBatchByNumber(number: number, @MedusaContext() sharedContext: Ctx = {}): Promise<BatchDTO> {
    const batch = await this.findBatch_({ number }, sharedContext)
    if (!batch) {
      throw await this.notFound_(number, sharedContext)
    }
    return await this.withStats_(batch, sharedContext)
  }

  @InjectManager()
  async listAndCountBatchSummaries(
    { skip = 0, take = 20 }: Page = {},
    @MedusaContext() sharedContext: Ctx = {}
  ): Promise<[BatchDTO[], number]> {
    const config = { ...batchSelect, order: { number: "DESC" as const }, skip, take }
    const [batches, count] = await this.listAndCountOrderBatches({}, config, sharedContext)
    return [await withStats(knexOf(sharedContext), batches.map(pick)), count]
  }

  @InjectManager()
  async listAndCountBatchOrderIds(
    batchId: string,
    { skip = 0, take = 50 }: Page = {},
    @MedusaContext() sharedContext: Ctx = {}
  ): Promise<[string[], number]> {
    const config = { select: ["order_id"], order: { placed_at: "ASC" as const, order_id: "ASC" as const }, skip, take }
    const [assignments, count] = await this.listAndCountOrderBatchOrders({ batch_id: batchId }, config, sharedContext)
    return [assignments.map((a) => a.order_id), count]
  }

  @InjectManager()
  async retrieveCurrentBatch(userId: string | null, @MedusaContext() sharedContext: Ctx = {}): Promise<BatchDTO | null> {
    const [login] = userId ? await this.listOrderBatchUsers({ user_id: userId }, { take: 1 }, sharedContext) : []
    const batch = !login
      ? await this.findNewestClosed_(sharedContext)
      : login.batch_id && (await this.findBatch_({ id: login.batch_id }, sharedContext))
    return batch ? await this.withStats_(batch, sharedContext) : null
  }

  @InjectManager()
  async rotate(input: RotateBatchInput, @MedusaContext() sharedContext: Ctx = {}): Promise<RotateBatchResult> {
    return await this.rotate_(input, sharedContext)
  }

  @InjectManager()
  async assignOrders(orders: AssignOrderInput[], @MedusaContext() sharedContext: Ctx = {}): Promise<AssignOrdersResult> {
    return await this.assignOrders_(orders, sharedContext)
  }

  @InjectTransactionManager()
  protected async rotate_(
    input: RotateBatchInput,
    @MedusaContext() sharedContext: Ctx = {}
  ): Promise<RotateBatchResult> {
    const trx = transactionOf(sharedContext)
    const login = input.reason === "login"
    if (login && !this.options_.rotateOnLogin) {
      // Nothing closes, so nothing needs the exclusive lock or a sweep.
      return await this.keepOpen_(input, await this.findBatch_({ status: "open" }, sharedContext), sharedContext)
    }

    await lockForRotation(trx)
    const open = await this.ensureOpenBatch_(sharedContext)
    if (input.number !== undefined && input.number !== open.number) {
      return await this.previousRotation_(input.number, sharedContext)
    }

    const swept = await sweepUnassignedOrders(trx, open.id)
    if (login && !this.options_.rotateEmptyBatch) {
      const [any] = await this.listOrderBatchOrders({ batch_id: open.id }, { take: 1 }, sharedContext)
      if (!any) {
        return await this.keepOpen_(input, open, sharedContext)
      }
    }

    const closed = await this.updateOrderBatches(
      { id: open.id, status: "closed", closed_at: new Date(), closed_by: input.actor_id ?? null, close_reason: input.reason },
      sharedContext
    )
    // The one-open-batch index refuses the next batch while this one is open.
    await managerOf(sharedContext).flush()
    const opened = await this.createOpenBatch_(open.number + 1, sharedContext)
    if (input.user_id) {
      await setUserBatch(trx, input.user_id, open.id)
    }
    return await this.result_(sharedContext, pick(closed), opened, swept)
  }

  @InjectTransactionManager()
  protected async assignOrders_(
    orders: AssignOrderInput[],
    @MedusaContext() sharedContext: Ctx = {}
  ): Promise<AssignOrdersResult> {
    const trx = transactionOf(sharedContext)
    await lockForAssignment(trx)
    const open = await this.ensureOpenBatch_(sharedContext)
    const inserted = new Set(await insertBatchOrders(trx, open.id, orders))
    const assignments = await this.listOrderBatchOrders(
      { order_id: orders.map((order) => order.order_id) },
      { select: ["order_id", "batch.id", "batch.number"], relations: ["batch"] },
      sharedContext
    )
    const result: AssignOrdersResult = { assigned: [], existing: [] }
    for (const a of assignments) {
      const entry = { order_id: a.order_id, batch_id: a.batch.id, batch_number: a.batch.number }
      result[inserted.has(a.order_id) ? "assigned" : "existing"].push(entry)
    }
    return result
  }

  /** A login that closes nothing: the administrator keeps the newest closed batch. */
  protected async keepOpen_(input: RotateBatchInput, open: BatchRecord | null, sharedContext: Ctx) {
    if (input.user_id) {
      const newestClosed = await this.findNewestClosed_(sharedContext)
      await setUserBatch(transactionOf(sharedContext), input.user_id, newestClosed?.id ?? null)
    }
    return await this.result_(sharedContext, null, open)
  }

  /**
   * The open batch, created where none exists yet (a new store), by the
   * first assignment or rotation that needs it.
   */
  protected async ensureOpenBatch_(sharedContext: Ctx): Promise<BatchRecord> {
    const open = await this.findBatch_({ status: "open" }, sharedContext)
    if (open) {
      return open
    }
    await lockForNewBatch(transactionOf(sharedContext))
    // A new statement sees the batch that a concurrent first order created meanwhile.
    const created = await this.findBatch_({ status: "open" }, sharedContext)
    if (created) {
      return created
    }
    const newest = await this.findBatch_({}, sharedContext, { number: "DESC" })
    const batch = await this.createOpenBatch_(newest ? newest.number + 1 : this.options_.firstBatchNumber, sharedContext)
    // Assignments are inserted with raw SQL that must see the batch row.
    await managerOf(sharedContext).flush()
    return batch
  }

  protected async createOpenBatch_(number: number, sharedContext: Ctx): Promise<BatchRecord> {
    const batch = await this.createOrderBatches({ number, status: "open", opened_at: new Date() }, sharedContext)
    return pick(batch)
  }

  /** What a rotation of `number` did, for a client that retries one. */
  protected async previousRotation_(number: number, sharedContext: Ctx) {
    const closed = await this.findBatch_({ number, status: "closed" }, sharedContext)
    const next = closed && (await this.findBatch_({ number: number + 1 }, sharedContext))
    if (!closed || !next) {
      throw await this.notFound_(number, sharedContext)
    }
    return await this.result_(sharedContext, closed, next)
  }

  /** `swept` is given only where this call closed the batch. */
  protected async result_(
    sharedContext: Ctx,
    closed: BatchRecord | null,
    opened: BatchRecord | null,
    swept?: string[]
  ): Promise<RotateBatchResult> {
    const dto = async (batch: BatchRecord | null) => batch && (await this.withStats_(batch, sharedContext))
    return { closed: await dto(closed), opened: await dto(opened), rotated: !!swept, swept_order_ids: swept ?? [] }
  }

  protected async findBatch_(
    filters: Record<string, unknown>,
    sharedContext: Ctx,
    order: Record<string, "ASC" | "DESC"> = {}
  ): Promise<BatchRecord | null> {
    const [batch] = await this.listOrderBatches(filters, { ...batchSelect, order, take: 1 }, sharedContext)
    return batch ? pick(batch) : null
  }

  protected async findNewestClosed_(sharedContext: Ctx): Promise<BatchRecord | null> {
    return await this.findBatch_({ status: "closed" }, sharedContext, { number: "DESC" })
  }

  protected async withStats_(batch: BatchRecord, sharedContext: Ctx): Promise<BatchDTO> {
    return (await withStats(knexOf(sharedContext), [batch]))[0]
  }

  protected async notFound_(number: number, sharedContext: Ctx): Promise<MedusaError> {
    const first = await this.findBatch_({}, sharedContext, { number: "ASC" })
    const last = await this.findBatch_({}, sharedContext, { number: "DESC" })
    const exist = first && last ? `batches ${first.number} to ${last.number} exist` : "no batch exists yet"
    return new MedusaError(MedusaError.Types.NOT_FOUND, `Batch ${number} does not exist; ${exist}.`)
  }
}

/** Only the batch's own fields, in their order, whatever the generated method returned. */
function pick(batch: BatchRecord): BatchRecord {
  return Object.fromEntries(BATCH_FIELDS.map((field) => [field, batch[field] ?? null])) as BatchRecord
}
