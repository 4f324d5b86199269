// The SPEC's invariants read straight from a store's database, for the
// script tests that run a store from outside (cluster, faults). `query` is
// `(sql, params) => rows`.

/**
 * Counts over the whole store:
 *
 * - `orders`: committed orders (not drafts, not deleted); `lost`: those in
 *   no batch; `inTwoBatches`: orders with more than one assignment row.
 * - How each assignment came about. The order.placed subscriber always
 *   writes the order's total; a close's sweep and the reconcile job never do
 *   (the totals fill writes it later, which moves `updated_at` past
 *   `created_at`). Of the assignments written without a total, `swept` are
 *   those in a closed batch written within its close (`created_at`, the
 *   writing transaction's start, at most 20 s before `closed_at`: a login's
 *   close is limited to 5 s, any close's lock wait to 15 s); the rest
 *   `byReconcile`.
 * - `joinedAfterClose`: assignments written after their batch closed
 *   (`created_at` > `closed_at`), which PostgreSQL's guard must make
 *   impossible.
 * - `totalsMissing`: batches with an order (not canceled) whose total is
 *   still unread.
 */
async function readCounts(query) {
  const [row] = await query(`
    WITH orders AS (
      SELECT id FROM "order" WHERE is_draft_order = false AND deleted_at IS NULL
    ), a AS (
      SELECT a.*, b.status, b.closed_at,
             (a.total IS NOT NULL AND a.updated_at = a.created_at) AS with_total
        FROM order_batch_order a JOIN order_batch b ON b.id = a.batch_id
       WHERE a.deleted_at IS NULL
    )
    SELECT
      (SELECT count(*) FROM orders)::int AS orders,
      (SELECT count(*) FROM orders o WHERE NOT EXISTS (SELECT 1 FROM a WHERE a.order_id = o.id))::int AS lost,
      (SELECT count(*) FROM (SELECT order_id FROM order_batch_order GROUP BY order_id HAVING count(*) > 1) d)::int AS in_two,
      (SELECT count(*) FROM a WHERE with_total)::int AS by_subscriber,
      (SELECT count(*) FROM a WHERE NOT with_total AND status = 'closed'
          AND created_at BETWEEN closed_at - interval '20 seconds' AND closed_at)::int AS swept,
      (SELECT count(*) FROM a WHERE NOT with_total AND NOT (status = 'closed'
          AND created_at BETWEEN closed_at - interval '20 seconds' AND closed_at))::int AS by_reconcile,
      (SELECT count(*) FROM a WHERE status = 'closed' AND created_at > closed_at)::int AS joined_after_close,
      (SELECT count(DISTINCT batch_id) FROM a WHERE total IS NULL AND canceled_at IS NULL)::int AS totals_missing,
      (SELECT count(*) FROM order_batch_pending_order)::int AS queued`)
  return {
    orders: row.orders,
    lost: row.lost,
    inTwoBatches: row.in_two,
    bySubscriber: row.by_subscriber,
    swept: row.swept,
    byReconcile: row.by_reconcile,
    joinedAfterClose: row.joined_after_close,
    totalsMissing: row.totals_missing,
    queued: row.queued,
  }
}

/** The batches, oldest first. */
const readBatches = (query) =>
  query(`SELECT id, number, status, opened_at, closed_at, closed_by, close_reason
           FROM order_batch WHERE deleted_at IS NULL ORDER BY number`)

/**
 * Invariant 1: numbers unique and contiguous from the first, exactly one
 * open batch and it has the highest number. Returns what is wrong, or null.
 */
function numberingProblem(batches) {
  if (!batches.length) {
    return "no batch at all"
  }
  const first = batches[0].number
  const gap = batches.find((b, i) => b.number !== first + i)
  if (gap) {
    return `batch numbers are not contiguous at ${gap.number}`
  }
  const open = batches.filter((b) => b.status === "open")
  if (open.length !== 1) {
    return `${open.length} open batches`
  }
  if (open[0].number !== batches[batches.length - 1].number) {
    return `the open batch ${open[0].number} is not the highest (${batches[batches.length - 1].number})`
  }
  return null
}

/** Every order of a closed batch, with that batch's number. */
async function closedMembership(query) {
  const rows = await query(`
    SELECT a.order_id, b.number FROM order_batch b
      JOIN order_batch_order a ON a.batch_id = b.id AND a.deleted_at IS NULL
     WHERE b.status = 'closed'`)
  return new Map(rows.map((r) => [r.order_id, r.number]))
}

/**
 * Proof that a closed batch never gains or loses an order (invariant 3):
 * feed it closedMembership readings taken while the store works and after;
 * it keeps the batch each order was first seen in once that batch was
 * closed, and each closed batch's size when first seen, and reports the
 * orders that later were elsewhere or gone and the batches whose size
 * changed.
 */
function membershipWatch() {
  const batchOf = new Map()
  const sizeOf = new Map()
  const moved = new Set()
  const resized = new Set()
  return {
    record(reading) {
      const sizes = new Map()
      for (const n of reading.values()) {
        sizes.set(n, (sizes.get(n) ?? 0) + 1)
      }
      for (const [number, size] of sizes) {
        if (!sizeOf.has(number)) {
          sizeOf.set(number, size)
        } else if (sizeOf.get(number) !== size) {
          resized.add(number)
        }
      }
      for (const [order, number] of batchOf) {
        if (reading.get(order) !== number) {
          moved.add(order)
        }
      }
      for (const [order, number] of reading) {
        if (!batchOf.has(order) && sizeOf.get(number) === sizes.get(number)) {
          batchOf.set(order, number)
        }
      }
    },
    moved: () => [...moved],
    resized: () => [...resized],
    batchesSeen: () => sizeOf.size,
  }
}

/** Each order's batch number. */
async function batchOfOrders(query) {
  const rows = await query(`SELECT a.order_id, b.number FROM order_batch_order a
                              JOIN order_batch b ON b.id = a.batch_id WHERE a.deleted_at IS NULL`)
  return new Map(rows.map((r) => [r.order_id, r.number]))
}

module.exports = { readCounts, readBatches, numberingProblem, closedMembership, membershipWatch, batchOfOrders }
