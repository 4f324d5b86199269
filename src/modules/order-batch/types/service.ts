import { Context } from "@medusajs/framework/types"
import { ResolvedOrderBatchOptions } from "../options"
import {
  AssignOrderInput,
  AssignOrdersResult,
  AssignQueuedOrdersInput,
  BatchDTO,
  OrderAssignment,
  QueueState,
  RecordLoginFailureInput,
  RotateBatchInput,
  RotateBatchResult,
} from "./common"
import {
  ClaimBatchActionOutcomesInput,
  ClaimedBatchActionOutcome,
  CreateBatchActionRunInput,
  OrderBatchActionRunRecord,
  SettleBatchActionOutcomeInput,
} from "./batch-action"

/**
 * What the order batch module adds to its generated methods
 * (`listOrderBatches`, `updateOrderBatches`, `listOrderBatchOrders`, …).
 * Resolve it with `container.resolve(ORDER_BATCH_MODULE)`; write through the
 * plugin's workflows.
 */
export interface IOrderBatchModuleService {
  /** The plugin's options with their defaults filled in. */
  getOptions(): Promise<ResolvedOrderBatchOptions>

  /** The open batch, receiving new orders; null on a store that has none yet. */
  retrieveOpenBatch(sharedContext?: Context): Promise<BatchDTO | null>

  /** A batch by its number; a NOT_FOUND error names the numbers that exist. */
  retrieveBatchByNumber(number: number, sharedContext?: Context): Promise<BatchDTO>

  /** Batches, newest first, with their order counts and totals. */
  listAndCountBatchSummaries(
    page?: { skip?: number; take?: number },
    sharedContext?: Context
  ): Promise<[BatchDTO[], number]>

  /** Ids of a batch's orders, oldest first, and how many it has. */
  listAndCountBatchOrderIds(
    batchId: string,
    page?: { skip?: number; take?: number },
    sharedContext?: Context
  ): Promise<[string[], number]>

  /**
   * An administrator's current batch: the batch their latest login closed,
   * or the newest closed batch at that login where it closed none. For a
   * caller who never logged in since the plugin was installed (an API key,
   * say), the newest closed batch. Null where no batch was ever closed.
   */
  retrieveCurrentBatch(userId: string | null, sharedContext?: Context): Promise<BatchDTO | null>

  /**
   * Closes the open batch and opens the next one, in one transaction; orders
   * that have no batch yet are taken into the closing batch first. A login
   * closes nothing with `rotateOnLogin: false` (and takes no lock), and keeps
   * an empty batch open with `rotateEmptyBatch: false`; it records the
   * administrator's current batch either way. The first rotation of a new
   * store creates the batch it closes.
   */
  rotate(input: RotateBatchInput, sharedContext?: Context): Promise<RotateBatchResult>

  /**
   * Puts orders into the open batch (creating the first batch on a new
   * store). Orders that already have a batch keep it, so repeating a call
   * changes nothing.
   */
  assignOrders(orders: AssignOrderInput[], sharedContext?: Context): Promise<AssignOrdersResult>

  /**
   * Puts queued orders that still have no batch (their order.placed
   * subscriber failed, or they were imported) into the open batch, in the
   * background, so a close has little left to take in.
   */
  assignQueuedOrders(input: AssignQueuedOrdersInput, sharedContext?: Context): Promise<OrderAssignment[]>

  /**
   * Whether the trigger that queues every order on Medusa's `"order"` table
   * is there and enabled: `problem` says what is missing and how to restore
   * it, null where it holds. Until it is restored, a close reads the store's
   * history to take every order.
   */
  retrieveQueueState(sharedContext?: Context): Promise<QueueState>

  /**
   * Creates the queue trigger where it is missing (short transactions, each
   * waiting at most a second for `"order"`); then, on a store that has
   * orders and no batch yet, puts them all into one batch closed with
   * `close_reason: "install"`, a chunk at a time; on a store that has
   * batches, queues every order without one for the next close. `db:migrate`
   * runs it through the plugin's migration script. Safe to run again.
   */
  createQueue(sharedContext?: Context): Promise<{
    trigger_created: boolean
    install_batch: { number: number; orders: number } | null
    queued: number
  }>

  /**
   * Queues every order without a batch where the trigger counted an order it
   * could not queue; nothing otherwise. Null where a transaction that may
   * hold such an order is still open (the reconcile job tries again).
   */
  queueMissedOrders(sharedContext?: Context): Promise<number | null>

  /**
   * Records that an administrator's login got in without its rotation, and
   * why, for the dashboard to say so; their current batch stays.
   */
  recordLoginFailure(input: RecordLoginFailureInput, sharedContext?: Context): Promise<void>

  // A batch action run's coordination (src/workflows/batch-actions): each a
  // conditional write that one processor wins, whatever the number of workers.

  /** A running run with one `pending` outcome per order of the batch; its total is their number. */
  createBatchActionRun(input: CreateBatchActionRunInput, sharedContext?: Context): Promise<OrderBatchActionRunRecord>

  /** Takes up to `limit` of the run's next orders (pending, or whose holder's lease ran out) for `owner`. */
  claimBatchActionOutcomes(input: ClaimBatchActionOutcomesInput, sharedContext?: Context): Promise<ClaimedBatchActionOutcome[]>

  /** Renews the leases of `owner`'s rows of the run and the run's heartbeat. */
  renewBatchActionLeases(runId: string, owner: string, sharedContext?: Context): Promise<void>

  /** Marks `owner`'s claimed row `processing` before it acts; false where it is no longer its own. */
  startBatchActionOutcome(id: string, owner: string, sharedContext?: Context): Promise<boolean>

  /** Settles `owner`'s row and counts it into the run, in one statement; false where it is no longer its own. */
  settleBatchActionOutcome(input: SettleBatchActionOutcomeInput, sharedContext?: Context): Promise<boolean>

  /** Completes the run where none of its orders is left unsettled. */
  completeBatchActionRun(runId: string, sharedContext?: Context): Promise<boolean>

  /** Whether some order of the run can be claimed now. */
  hasClaimableBatchActionOutcomes(runId: string, sharedContext?: Context): Promise<boolean>

  /** Running runs that no processor touched for two leases, each returned to one caller only. */
  takeStaleBatchActionRuns(sharedContext?: Context): Promise<string[]>

  /** Batches with orders whose total is not read yet (at most `limit`). */
  listBatchIdsWithMissingTotals(limit: number, sharedContext?: Context): Promise<string[]>

  /**
   * Fills the totals of the batch's next `limit` orders without one, with
   * what `readTotals` gives (an order it does not give counts as 0), in a
   * transaction holding the batch's fill lock. The count filled, or null
   * where another filler holds the lock.
   */
  fillBatchOrderTotalsPage(
    batchId: string,
    limit: number,
    readTotals: (orderIds: string[]) => Promise<Map<string, number>>,
    sharedContext?: Context
  ): Promise<number | null>
}
