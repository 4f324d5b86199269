// Batch actions driven from outside, for the script tests (cluster, faults):
// starting a run, waiting for it, and the checks of invariant 10 read from
// the test providers' log (integration-tests/fixtures/test-fulfillment/
// control.js) and from the database.
const { request } = require("./demo-orders")
const { readLog } = require("../../integration-tests/fixtures/test-fulfillment/control")

/** `POST /admin/batches/:number/actions`: 202 and the run. */
async function startAction(baseUrl, headers, number, action, body = {}) {
  const { run } = await request(baseUrl, "POST", `/admin/batches/${number}/actions`, {
    headers,
    body: { action, ...body },
  })
  if (!run?.id) {
    throw new Error(`POST /admin/batches/${number}/actions (${action}) answered no run`)
  }
  return run
}

/**
 * Polls `GET /admin/batches/:number/actions/:id` until the run is no longer
 * running; `urls()` gives the servers to ask (a server that is down is
 * skipped, the next one asked). Resolves to the last run read.
 */
async function waitForRun(urls, headers, number, id, { timeoutMs = 15 * 60_000, intervalMs = 1_000, onPoll } = {}) {
  const deadline = Date.now() + timeoutMs
  let run = null
  let lastError = null
  for (let i = 0; ; i++) {
    const list = urls()
    const url = list[i % list.length]
    try {
      run = (await request(url, "GET", `/admin/batches/${number}/actions/${id}`, { headers })).run
      lastError = null
      onPoll?.(run)
      if (run.status !== "running") {
        return run
      }
    } catch (error) {
      lastError = error
    }
    if (Date.now() > deadline) {
      const state = run ? `${run.status}, ${settled(run)} of ${run.total} settled` : `never read (${lastError?.message})`
      throw new Error(`run ${id} (${run?.action ?? "?"}) still running after ${Math.round(timeoutMs / 1000)} s: ${state}`)
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs))
  }
}

/** The run's failed count: `failed_count` where the engine gives it, else its list. */
const failedCount = (run) => run.failed_count ?? (Array.isArray(run.failed) ? run.failed.length : 0)
const settled = (run) => (run.succeeded ?? 0) + (run.skipped ?? 0) + failedCount(run)

/** What is wrong with a finished run (null when it completed with an outcome for every order). */
function runProblem(run) {
  const problems = []
  if (run.status !== "completed") {
    problems.push(`status ${run.status}${run.error ? ` (${run.error})` : ""}`)
  }
  if (run.failed_count === undefined) {
    problems.push("no failed_count field")
  }
  if (settled(run) !== run.total) {
    problems.push(`succeeded ${run.succeeded} + skipped ${run.skipped} + failed ${failedCount(run)} != total ${run.total}`)
  }
  return problems.length ? `${run.action}: ${problems.join("; ")}` : null
}

/** The test providers' log, one record a line, as the providers read it. */
const readProviderLog = readLog

/**
 * From the providers' log: orders with two fulfillment records, payments
 * with two capture records (a payment is its session; records without an
 * order id are mapped to their order through the database), and the orders
 * each kind was made for.
 */
async function providerTwice(records, query) {
  const sessions = [...new Set(records.filter((r) => r.kind === "capture" && !r.order_id && r.session_id).map((r) => r.session_id))]
  const orderOfSession = new Map()
  if (sessions.length) {
    const rows = await query(
      `SELECT ps.id AS session_id, opc.order_id FROM payment_session ps
         JOIN order_payment_collection opc ON opc.payment_collection_id = ps.payment_collection_id AND opc.deleted_at IS NULL
        WHERE ps.id = ANY($1)`,
      [sessions]
    )
    rows.forEach((r) => orderOfSession.set(r.session_id, r.order_id))
  }
  const countBy = (list, key) => {
    const m = new Map()
    list.forEach((r) => m.set(key(r), (m.get(key(r)) ?? 0) + 1))
    return m
  }
  const fulfillments = countBy(records.filter((r) => r.kind === "fulfillment"), (r) => r.order_id)
  const captures = countBy(records.filter((r) => r.kind === "capture"), (r) => r.session_id ?? r.order_id)
  const orderOfCapture = (key) => records.find((r) => r.kind === "capture" && (r.session_id ?? r.order_id) === key)?.order_id ?? orderOfSession.get(key) ?? key
  return {
    fulfilledTwice: [...fulfillments].filter(([, n]) => n > 1).map(([order]) => order),
    capturedTwice: [...captures].filter(([, n]) => n > 1).map(([key]) => orderOfCapture(key)),
    fulfilled: new Set(fulfillments.keys()),
    captured: new Set([...captures.keys()].map(orderOfCapture)),
    fulfillmentsOf: (orderId) => fulfillments.get(orderId) ?? 0,
  }
}

/** Orders (of `orderIds`, or all) with more than one fulfillment in Medusa that is not canceled. */
async function ordersWithTwoFulfillments(query, orderIds = null) {
  const rows = await query(
    `SELECT ofl.order_id, count(*)::int AS n FROM order_fulfillment ofl
       JOIN fulfillment f ON f.id = ofl.fulfillment_id
      WHERE ofl.deleted_at IS NULL AND f.deleted_at IS NULL AND f.canceled_at IS NULL
        AND ($1::text[] IS NULL OR ofl.order_id = ANY($1))
      GROUP BY ofl.order_id HAVING count(*) > 1`,
    [orderIds]
  )
  return rows
}

/** The non-canceled fulfillments of one order in Medusa. */
async function fulfillmentsOf(query, orderId) {
  const [{ n }] = await query(
    `SELECT count(*)::int AS n FROM order_fulfillment ofl JOIN fulfillment f ON f.id = ofl.fulfillment_id
      WHERE ofl.order_id = $1 AND ofl.deleted_at IS NULL AND f.deleted_at IS NULL AND f.canceled_at IS NULL`,
    [orderId]
  )
  return n
}

/** Outcomes without a final status (of the given runs, or all). */
async function outcomesWithoutFinalStatus(query, runIds = null) {
  const [{ n }] = await query(
    `SELECT count(*)::int AS n FROM order_batch_action_outcome
      WHERE status NOT IN ('succeeded', 'skipped', 'failed') AND ($1::text[] IS NULL OR run_id = ANY($1))`,
    [runIds]
  )
  return n
}

/** One order's outcome in a run. */
async function outcomeOf(query, runId, orderId) {
  const [row] = await query(
    `SELECT status, message, claims FROM order_batch_action_outcome WHERE run_id = $1 AND order_id = $2`,
    [runId, orderId]
  )
  return row ?? null
}

/**
 * How long each of `orderIds` waited for its batch: the assignment's
 * `created_at` (written by the order.placed subscriber, or a close) minus
 * the order's. Orders without an assignment yet are `null`.
 */
async function batchWaits(query, orderIds) {
  if (!orderIds.length) {
    return []
  }
  const rows = await query(
    `SELECT o.id, o.created_at AS placed, obo.created_at AS assigned,
            EXTRACT(EPOCH FROM (obo.created_at - o.created_at))::float8 AS wait_s
       FROM "order" o LEFT JOIN order_batch_order obo ON obo.order_id = o.id
      WHERE o.id = ANY($1)`,
    [orderIds]
  )
  return rows.map((r) => ({ id: r.id, placed: r.placed, assigned: r.assigned, waitS: r.wait_s }))
}

/** Orders of the runs' batches with no outcome row in that run. */
async function ordersWithoutOutcome(query, runIds) {
  const [{ n }] = await query(
    `SELECT count(*)::int AS n FROM order_batch_action_run r
       JOIN order_batch_order obo ON obo.batch_id = r.batch_id AND obo.deleted_at IS NULL
      WHERE r.id = ANY($1)
        AND NOT EXISTS (SELECT 1 FROM order_batch_action_outcome o WHERE o.run_id = r.id AND o.order_id = obo.order_id)`,
    [runIds]
  )
  return n
}

/** Failed outcomes of the runs without a message: a merchant would not know why. */
async function failedWithoutMessage(query, runIds) {
  const [{ n }] = await query(
    `SELECT count(*)::int AS n FROM order_batch_action_outcome
      WHERE run_id = ANY($1) AND status = 'failed' AND coalesce(btrim(message), '') = ''`,
    [runIds]
  )
  return n
}

/**
 * Acted twice as Medusa's own tables record it, over `orderIds`: a
 * fulfillment marked shipped by two order changes (its SHIP_ITEM actions
 * reference the fulfillment), a payment with two captures.
 */
async function medusaTwice(query, orderIds) {
  const shipped = await query(
    `SELECT oca.reference_id FROM order_change_action oca
      WHERE oca.action = 'SHIP_ITEM' AND oca.reference = 'fulfillment' AND oca.deleted_at IS NULL
        AND oca.order_id = ANY($1)
      GROUP BY oca.reference_id HAVING count(DISTINCT oca.order_change_id) > 1`,
    [orderIds]
  )
  const captured = await query(
    `SELECT c.payment_id FROM capture c
       JOIN payment p ON p.id = c.payment_id
       JOIN order_payment_collection opc ON opc.payment_collection_id = p.payment_collection_id AND opc.deleted_at IS NULL
      WHERE c.deleted_at IS NULL AND opc.order_id = ANY($1)
      GROUP BY c.payment_id HAVING count(*) > 1`,
    [orderIds]
  )
  return { shippedTwice: shipped.map((r) => r.reference_id), capturedTwice: captured.map((r) => r.payment_id) }
}

/** A finished run's orders per second, from its own start and finish. */
const runRate = (run) =>
  run.finished_at ? run.total / Math.max(0.001, (new Date(run.finished_at) - new Date(run.started_at)) / 1000) : null

module.exports = {
  startAction,
  waitForRun,
  failedCount,
  settled,
  runProblem,
  readProviderLog,
  providerTwice,
  ordersWithTwoFulfillments,
  fulfillmentsOf,
  outcomesWithoutFinalStatus,
  outcomeOf,
  batchWaits,
  ordersWithoutOutcome,
  failedWithoutMessage,
  medusaTwice,
  runRate,
}
