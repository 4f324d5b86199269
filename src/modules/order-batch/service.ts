import { InjectManager, InjectTransactionManager, MedusaContext, MedusaService } from "@medusajs/framework/utils"
import { fillInstallBatch } from "./lib/install-batch"
import { limitRotation, limitStatements, lockForAssignment, lockForNewBatch } from "./lib/locks"
import { drainQueuedOrders, hasQueuedOrders } from "./lib/order"
import { createQueueTrigger, queueMissedOrders, queueUnbatchedOrders, readQueueState } from "./lib/queue-trigger"
import { batchNotFound, BatchRecord, findBatch, findNewestClosedBatch, pickBatch } from "./lib/order-batch"
import { readBatches, rotateInDatabase } from "./lib/rotation"
import { insertBatchOrders, withStats } from "./lib/order-batch-order"
import {
  claimOutcomes,
  completeRun,
  hasClaimableOutcomes,
  insertPendingOutcomes,
  renewLeases,
  settleOutcome,
  startOutcome,
  takeStaleRuns,
} from "./lib/order-batch-action-outcome"
import { setUserBatch, setUserLoginFailure } from "./lib/order-batch-user"
import { knexOf, managerOf, ModuleContext, transactionOf } from "./lib/transaction"
import { OrderBatch, OrderBatchActionOutcome, OrderBatchActionRun, OrderBatchOrder, OrderBatchPendingOrder, OrderBatchUser } from "./models"
import { ResolvedOrderBatchOptions, resolveOptions } from "./options"
import {
  AssignOrderInput,
  AssignOrdersResult,
  AssignQueuedOrdersInput,
  BATCH_FIELDS,
  BatchDTO,
  ClaimBatchActionOutcomesInput,
  CreateBatchActionRunInput,
  IOrderBatchModuleService,
  OrderBatchActionRunRecord,
  OrderAssignment,
  QueueState,
  RecordLoginFailureInput,
  RotateBatchInput,
  RotateBatchResult,
  SettleBatchActionOutcomeInput,
} from "./types"

type Page = { skip?: number; take?: number }
type Ctx = ModuleContext

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
  OrderBatchPendingOrder,
  OrderBatchUser,
  OrderBatchActionRun, OrderBatchActionOutcome,
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
    const open = await findBatch(this, { status: "open" }, sharedContext)
    return open && (await this.withStats_(open, sharedContext))
  }

  @InjectManager()
  async retrieveBatchByNumber(number: number, @MedusaContext() sharedContext: Ctx = {}): Promise<BatchDTO> {
    const batch = await findBatch(this, { number }, sharedContext)
    if (!batch) {
      throw await batchNotFound(this, number, sharedContext)
    }
    return await this.withStats_(batch, sharedContext)
  }

  @InjectManager()
  async listAndCountBatchSummaries(
    { skip = 0, take = 20 }: Page = {},
    @MedusaContext() sharedContext: Ctx = {}
  ): Promise<[BatchDTO[], number]> {
    const config = { select: [...BATCH_FIELDS], order: { number: "DESC" as const }, skip, take }
    const [batches, count] = await this.listAndCountOrderBatches({}, config, sharedContext)
    return [await withStats(knexOf(sharedContext), batches.map(pickBatch)), count]
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
      ? await findNewestClosedBatch(this, sharedContext)
      : login.batch_id && (await findBatch(this, { id: login.batch_id }, sharedContext))
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

  @InjectManager()
  async assignQueuedOrders(input: AssignQueuedOrdersInput, @MedusaContext() sharedContext: Ctx = {}) {
    return await this.assignQueuedOrders_(input, sharedContext)
  }

  @InjectManager()
  async retrieveQueueState(@MedusaContext() sharedContext: Ctx = {}): Promise<QueueState> {
    return await readQueueState(knexOf(sharedContext))
  }

  @InjectManager()
  async createQueue(@MedusaContext() sharedContext: Ctx = {}) {
    const knex = knexOf(sharedContext)
    const trigger_created = await createQueueTrigger(knex)
    const install_batch = await fillInstallBatch(knex, { firstBatchNumber: this.options_.firstBatchNumber })
    // A store that has batches already: its first close takes what has none.
    const queued = install_batch ? 0 : await queueUnbatchedOrders(knex)
    return { trigger_created, install_batch, queued }
  }

  @InjectManager()
  async queueMissedOrders(@MedusaContext() sharedContext: Ctx = {}): Promise<number | null> {
    return await queueMissedOrders(knexOf(sharedContext))
  }

  @InjectManager()
  async recordLoginFailure(input: RecordLoginFailureInput, @MedusaContext() sharedContext: Ctx = {}) {
    await this.recordLoginFailure_(input, sharedContext)
  }

  @InjectManager()
  async createBatchActionRun(input: CreateBatchActionRunInput, @MedusaContext() sharedContext: Ctx = {}) {
    return await this.createBatchActionRun_(input, sharedContext)
  }

  @InjectManager()
  async claimBatchActionOutcomes(input: ClaimBatchActionOutcomesInput, @MedusaContext() sharedContext: Ctx = {}) {
    const leaseSeconds = this.options_.actionLeaseSeconds
    return await claimOutcomes(knexOf(sharedContext), { ...input, runId: input.run_id, leaseSeconds })
  }

  @InjectManager()
  async renewBatchActionLeases(runId: string, owner: string, @MedusaContext() sharedContext: Ctx = {}) {
    await renewLeases(knexOf(sharedContext), { runId, owner, leaseSeconds: this.options_.actionLeaseSeconds })
  }

  @InjectManager()
  async startBatchActionOutcome(id: string, owner: string, @MedusaContext() sharedContext: Ctx = {}) {
    return await startOutcome(knexOf(sharedContext), { id, owner })
  }

  @InjectManager()
  async settleBatchActionOutcome(input: SettleBatchActionOutcomeInput, @MedusaContext() sharedContext: Ctx = {}) {
    const { display_id, ...rest } = input
    return await settleOutcome(knexOf(sharedContext), { ...rest, displayId: display_id ?? null })
  }

  @InjectManager()
  async completeBatchActionRun(runId: string, @MedusaContext() sharedContext: Ctx = {}) {
    return await completeRun(knexOf(sharedContext), runId)
  }

  @InjectManager()
  async hasClaimableBatchActionOutcomes(runId: string, @MedusaContext() sharedContext: Ctx = {}) {
    return await hasClaimableOutcomes(knexOf(sharedContext), runId)
  }

  @InjectManager()
  async takeStaleBatchActionRuns(@MedusaContext() sharedContext: Ctx = {}) {
    // Renewals come every third of a lease: two leases without one is a stopped run.
    return await takeStaleRuns(knexOf(sharedContext), 2 * this.options_.actionLeaseSeconds)
  }

  @InjectManager()
  async listBatchIdsWithMissingTotals(limit: number, @MedusaContext() sharedContext: Ctx = {}) {
    const { rows } = await knexOf(sharedContext).raw(
      `SELECT DISTINCT batch_id FROM order_batch_order WHERE total IS NULL AND deleted_at IS NULL LIMIT ?`,
      [limit]
    )
    return rows.map((row: { batch_id: string }) => row.batch_id)
  }

  // The lock is the transaction's: the rows are read and written under it,
  // so the close subscriber and the reconcile job never fill the same rows.
  @InjectTransactionManager()
  async fillBatchOrderTotalsPage(
    batchId: string,
    limit: number,
    readTotals: (orderIds: string[]) => Promise<Map<string, number>>,
    @MedusaContext() sharedContext: Ctx = {}
  ): Promise<number | null> {
    const trx = transactionOf(sharedContext)
    const { rows: [lock] } = await trx.raw(
      `SELECT pg_try_advisory_xact_lock(hashtext('order_batch_totals'), hashtext(?)) AS taken`,
      [batchId]
    )
    if (!lock.taken) {
      return null
    }
    const missing = await this.listOrderBatchOrders(
      { batch_id: batchId, total: null },
      { select: ["order_id"], order: { order_id: "ASC" }, take: limit },
      sharedContext
    )
    if (!missing.length) {
      return 0
    }
    const totals = await readTotals(missing.map((row) => row.order_id))
    // An order deleted since counts as 0, so a fill always ends.
    await this.updateOrderBatchOrders(
      missing.map(({ order_id }) => ({ order_id, total: totals.get(order_id) ?? 0 })),
      sharedContext
    )
    return missing.length
  }

  @InjectTransactionManager()
  protected async createBatchActionRun_(
    input: CreateBatchActionRunInput,
    @MedusaContext() sharedContext: Ctx = {}
  ): Promise<OrderBatchActionRunRecord> {
    const now = new Date()
    const run = await this.createOrderBatchActionRuns(
      { ...input, status: "running", total: 0, succeeded: 0, skipped: 0, failed_count: 0, started_at: now, heartbeat_at: now },
      sharedContext
    )
    // The outcomes are inserted with raw SQL that must see the run (and the one-running index refuse it first).
    await managerOf(sharedContext).flush()
    const total = await insertPendingOutcomes(transactionOf(sharedContext), run.id, input.batch_id)
    return { ...(run as OrderBatchActionRunRecord), total }
  }

  @InjectTransactionManager()
  protected async rotate_(input: RotateBatchInput, @MedusaContext() sharedContext: Ctx = {}): Promise<RotateBatchResult> {
    const trx = transactionOf(sharedContext)
    const login = input.reason === "login"
    if (login && !this.options_.rotateOnLogin) {
      // Nothing closes, so nothing needs the exclusive lock or a sweep.
      await (input.time_limit_ms && limitStatements(trx, input.time_limit_ms))
      return await this.keepOpen_(input, await findBatch(this, { status: "open" }, sharedContext), sharedContext)
    }
    await limitRotation(trx, input.time_limit_ms)
    const rotation = await rotateInDatabase(trx, {
      ...input,
      first_number: this.options_.firstBatchNumber,
      keep_empty: (login || input.reason === "schedule") && !this.options_.rotateEmptyBatch,
    })
    if (rotation.previous) {
      return await this.previousRotation_(input.number!, sharedContext)
    }
    const [closed, opened] = await readBatches(trx, [rotation.closed_id, rotation.opened_id])
    return await this.result_(sharedContext, closed, opened, closed ? rotation.swept : undefined)
  }

  @InjectTransactionManager()
  protected async assignOrders_(orders: AssignOrderInput[], @MedusaContext() sharedContext: Ctx = {}) {
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

  @InjectTransactionManager()
  protected async assignQueuedOrders_(
    { limit, older_than_seconds }: AssignQueuedOrdersInput,
    @MedusaContext() sharedContext: Ctx = {}
  ): Promise<OrderAssignment[]> {
    const trx = transactionOf(sharedContext)
    await lockForAssignment(trx)
    // Nothing to take creates no batch: the drain runs on a schedule in every store.
    if (!(await hasQueuedOrders(trx, older_than_seconds))) {
      return []
    }
    const open = await this.ensureOpenBatch_(sharedContext)
    const ids = await drainQueuedOrders(trx, open.id, { limit, olderThanSeconds: older_than_seconds })
    return ids.map((order_id) => ({ order_id, batch_id: open.id, batch_number: open.number }))
  }

  @InjectTransactionManager()
  protected async recordLoginFailure_(input: RecordLoginFailureInput, @MedusaContext() sharedContext: Ctx = {}) {
    const newestClosed = await findNewestClosedBatch(this, sharedContext)
    await setUserLoginFailure(transactionOf(sharedContext), { ...input, batch_id: newestClosed?.id ?? null })
  }

  /** A login that closes nothing: the administrator keeps the newest closed batch. */
  protected async keepOpen_(input: RotateBatchInput, open: BatchRecord | null, sharedContext: Ctx) {
    if (input.user_id) {
      const newestClosed = await findNewestClosedBatch(this, sharedContext)
      await setUserBatch(transactionOf(sharedContext), input.user_id, newestClosed?.id ?? null, input.login_id)
    }
    return await this.result_(sharedContext, null, open)
  }

  /** The open batch, created by the first assignment or rotation that needs one (a new store). */
  protected async ensureOpenBatch_(sharedContext: Ctx): Promise<BatchRecord> {
    const open = await findBatch(this, { status: "open" }, sharedContext)
    if (open) {
      return open
    }
    await lockForNewBatch(transactionOf(sharedContext))
    // A new statement sees the batch that a concurrent first order created meanwhile.
    const created = await findBatch(this, { status: "open" }, sharedContext)
    if (created) {
      return created
    }
    const newest = await findBatch(this, {}, sharedContext, { number: "DESC" })
    const batch = await this.createOpenBatch_(newest ? newest.number + 1 : this.options_.firstBatchNumber, sharedContext)
    // Assignments are inserted with raw SQL that must see the batch row.
    await managerOf(sharedContext).flush()
    return batch
  }

  protected async createOpenBatch_(number: number, sharedContext: Ctx): Promise<BatchRecord> {
    const batch = await this.createOrderBatches({ number, status: "open", opened_at: new Date() }, sharedContext)
    return pickBatch(batch)
  }

  /** What a rotation of `number` did, for a client that retries one. */
  protected async previousRotation_(number: number, sharedContext: Ctx) {
    const closed = await findBatch(this, { number, status: "closed" }, sharedContext)
    const next = closed && (await findBatch(this, { number: number + 1 }, sharedContext))
    if (!closed || !next) {
      throw await batchNotFound(this, number, sharedContext)
    }
    return await this.result_(sharedContext, closed, next)
  }

  /** `swept` is given only where this call closed the batch. */
  protected async result_(ctx: Ctx, closed: BatchRecord | null, opened: BatchRecord | null, swept?: string[]) {
    const batches = [closed, opened].filter((batch) => batch !== null)
    const byId = new Map((await withStats(knexOf(ctx), batches)).map((dto) => [dto.id, dto]))
    const dto = (batch: BatchRecord | null) => (batch && byId.get(batch.id)) ?? null
    return { closed: dto(closed), opened: dto(opened), rotated: !!swept, swept_order_ids: swept ?? [] }
  }

  protected async withStats_(batch: BatchRecord, sharedContext: Ctx): Promise<BatchDTO> {
    return (await withStats(knexOf(sharedContext), [batch]))[0]
  }
}
