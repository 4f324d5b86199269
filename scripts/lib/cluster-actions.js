// The cluster test's batch actions (invariant 10 in production's layout): a
// closed batch of storefront orders, then fulfill, ship and capture over it
// in the background of both workers while checkouts go on, the test
// providers slow (some calls longer than a lease) and failing now and then,
// the worker that is acting SIGKILLed mid-fulfill and started again. Its
// checks read the providers' log and Medusa's and the plugin's tables.
const fs = require("node:fs")
const { expect } = require("./checks")
const { checkout, request } = require("./demo-orders")
const { runLoad } = require("./cluster-load")
const ba = require("./batch-actions")
const { waitFor } = require("./wait")

const ACTIONS = ["fulfill", "ship", "capture"]
/** 3 % of provider calls outlast the 5 s lease the cluster sets (actionLeaseSeconds); 2 % fail. */
const PROVIDERS = { slowFraction: 0.03, slowMs: 7_000, failFraction: 0.02 }
/** An order placed during a run reaches its batch within this, as with no run. */
const WAIT_LIMIT_S = 2
/** Orders placed this close before the kill may have had their order.placed job in the killed worker (redelivered after BullMQ's stall check), which is the kill's doing, not the run's. */
const KILL_WINDOW_MS = [10_000, 1_000]

/** Checkouts, `inFlight` at a time, until `stop()`, which resolves to what they placed. */
function keepCheckingOut({ servers, catalog, inFlight, label }) {
  let stopped = false
  let next = 0
  const placed = []
  const errors = []
  const lane = async () => {
    while (!stopped) {
      const i = next++
      try {
        const order = await checkout(servers[i % servers.length], catalog, {
          email: `${label}${i}@example.com`,
          items: [[catalog.variants[i % catalog.variants.length].id, 1 + (i % 2)]],
        })
        placed.push({ id: order.id, answeredAt: Date.now() })
      } catch (error) {
        errors.push(`checkout ${i}: ${error.message}`)
      }
    }
  }
  const lanes = Promise.all(Array.from({ length: inFlight }, lane))
  return {
    stop: async () => {
      stopped = true
      await lanes
      return { placed, errors }
    },
  }
}

/** The worker whose process made the providers' latest record of `kind` (the one acting now). */
function actingWorker(logFile, workers, kind) {
  const byPid = new Map(workers.map((w) => [w.process.pid, w]))
  const latest = ba.readProviderLog(logFile).reverse().find((r) => r.kind === kind && byPid.has(r.pid))
  return latest ? byPid.get(latest.pid) : workers[0]
}

/**
 * Runs the phase and its checks. `workers()` gives the live worker handles
 * (startProcess's), `restartWorker(name)` starts one again; `key` is the
 * secret API key's headers. Resolves to the figures of the counts line.
 */
async function batchActionPhase({ check, servers, catalog, query, key, workers, restartWorker, providerLog, providerControl, log, orders, inFlight, during }) {
  const figures = { actedTwice: null, withoutOutcome: null, slowWaits: null, rates: {} }
  let batch
  await check(
    `${orders} storefront checkouts into the open batch, then POST /admin/batches/rotate: a closed batch of at least ${orders} orders`,
    async () => {
      const load = await runLoad({ servers, catalog, checkouts: orders, logins: 0, inFlight, label: "batch" })
      expect(!load.checkoutErrors.length, `${load.checkoutErrors.length} checkouts failed, e.g. ${load.checkoutErrors[0]}`)
      const { batch: open } = await request(servers[0], "GET", "/admin/batches/open", { headers: key })
      batch = (await request(servers[0], "POST", "/admin/batches/rotate", { headers: key, body: { number: open.number } })).closed
      expect(batch.order_count >= orders, `batch ${batch.number} closed with ${batch.order_count} orders`)
      return `batch ${batch.number}, ${batch.order_count} orders`
    },
    { required: true }
  )
  const batchOrders = (await query(
    `SELECT order_id FROM order_batch_order WHERE batch_id = $1 AND deleted_at IS NULL`, [batch.id]
  )).map((r) => r.order_id)

  fs.writeFileSync(providerControl, JSON.stringify(PROVIDERS))
  const shoppers = keepCheckingOut({ servers, catalog, inFlight: during, label: "during" })
  const runsStarted = new Date()
  const kill = { at: null, name: null, restarting: null }
  const runs = {}
  const urls = () => servers
  for (const action of ACTIONS) {
    const note =
      action === "fulfill"
        ? `, the worker acting SIGKILLed once 30 % are settled and started again`
        : ""
    await check(
      `${action} over batch ${batch.number} in the background of both workers, ${during} checkouts in flight, providers slow and failing${note}: completed, succeeded + skipped + failed = total`,
      async () => {
        const started = await ba.startAction(servers[0], key, batch.number, action)
        const onPoll = (run) => {
          if (action !== "fulfill" || kill.at || ba.settled(run) < 0.3 * run.total) {
            return
          }
          const victim = actingWorker(providerLog, workers(), "fulfillment")
          kill.at = Date.now()
          kill.name = victim.name
          kill.restarting = victim.kill().then(() => {
            log(`${victim.name} killed (SIGKILL) with ${ba.settled(run)} of ${run.total} settled`)
            return restartWorker(victim.name)
          }).then(() => log(`${victim.name} back after ${((Date.now() - kill.at) / 1000).toFixed(0)} s`))
        }
        const run = (runs[action] = await ba.waitForRun(urls, key, batch.number, started.id, { timeoutMs: 8 * 60_000, onPoll }))
        const problem = ba.runProblem(run)
        expect(!problem, problem)
        if (action === "fulfill") {
          expect(kill.at, "no worker was killed: the run ended before 30 % were read as settled")
          await kill.restarting
        }
        figures.rates[action] = ba.runRate(run)
        return `${run.succeeded} succeeded, ${run.skipped} skipped, ${ba.failedCount(run)} failed of ${run.total}, ${figures.rates[action].toFixed(1)} orders/s`
      }
    )
  }
  const during_ = await shoppers.stop()
  fs.writeFileSync(providerControl, "{}")
  await kill.restarting?.catch(() => {})
  const runIds = Object.values(runs).map((r) => r.id)

  await check("acted on each order at most once: twice 0 in the providers' log (fulfillments, captures) and in Medusa's tables (fulfillments, shipments, captures)", async () => {
    const records = ba.readProviderLog(providerLog)
    const fromLog = await ba.providerTwice(records, query)
    const fulfillments = await ba.ordersWithTwoFulfillments(query, batchOrders)
    const medusa = await ba.medusaTwice(query, batchOrders)
    const twice = {
      "fulfilled twice (log)": fromLog.fulfilledTwice.length,
      "captured twice (log)": fromLog.capturedTwice.length,
      "with two fulfillments": fulfillments.length,
      "fulfillments shipped twice": medusa.shippedTwice.length,
      "payments captured twice": medusa.capturedTwice.length,
    }
    figures.actedTwice = fromLog.fulfilledTwice.length + fromLog.capturedTwice.length + fulfillments.length + medusa.shippedTwice.length + medusa.capturedTwice.length
    const wrong = Object.entries(twice).filter(([, n]) => n)
    expect(!wrong.length, wrong.map(([what, n]) => `${n} ${what}`).join(", "))
    const died = records.filter((r) => r.kind === "died").length
    return `${records.filter((r) => r.kind === "fulfillment").length} fulfillments and ${records.filter((r) => r.kind === "capture").length} captures made by the providers${died ? `, ${died} deaths` : ""}`
  })

  await check("every order of the batch settled in every run (without outcome 0), each failure with its message", async () => {
    expect(runIds.length === ACTIONS.length, `only ${runIds.length} of ${ACTIONS.length} runs finished`)
    const unsettled = await ba.outcomesWithoutFinalStatus(query, runIds)
    const missing = await ba.ordersWithoutOutcome(query, runIds)
    figures.withoutOutcome = unsettled + missing
    expect(!unsettled, `${unsettled} outcomes neither succeeded, skipped nor failed`)
    expect(!missing, `${missing} (run, order) pairs without an outcome`)
    const silent = await ba.failedWithoutMessage(query, runIds)
    expect(!silent, `${silent} failed outcomes without a message`)
    // The API's failed outcomes agree with the run's count.
    for (const run of Object.values(runs)) {
      const page = await request(servers[0], "GET", `/admin/batches/${batch.number}/actions/${run.id}/outcomes?status=failed&limit=1`, { headers: key })
      expect(page.count === ba.failedCount(run), `${run.action}: outcomes?status=failed counts ${page.count}, the run ${ba.failedCount(run)}`)
    }
    const notRepeated = (await query(
      `SELECT count(*)::int AS n FROM order_batch_action_outcome WHERE run_id = ANY($1) AND status = 'failed' AND message ILIKE '%not repeated%'`, [runIds]
    ))[0].n
    return `${notRepeated} failed as not repeated after the kill`
  })

  await check(`orders placed during the runs reached their batch within ${WAIT_LIMIT_S} s (the runs hold up no order.placed)`, async () => {
    expect(!during_.errors.length, `${during_.errors.length} checkouts during the runs failed, e.g. ${during_.errors[0]}`)
    const ids = during_.placed.map((o) => o.id)
    await waitFor(async () => (await ba.batchWaits(query, ids)).every((w) => w.assigned), 120_000, "every order placed during the runs to have a batch", 1_000)
    const waits = await ba.batchWaits(query, ids)
    const nearKill = (w) => kill.at && w.placed >= kill.at - KILL_WINDOW_MS[0] && w.placed <= kill.at + KILL_WINDOW_MS[1]
    const counted = waits.filter((w) => !nearKill(w))
    const slow = counted.filter((w) => w.waitS > WAIT_LIMIT_S)
    figures.slowWaits = slow.length
    const sorted = counted.map((w) => w.waitS).sort((a, b) => a - b)
    const p95 = sorted[Math.floor(sorted.length * 0.95)] ?? 0
    expect(counted.length > 0, "no order was placed during the runs")
    expect(!slow.length, `${slow.length} of ${counted.length} waited longer, up to ${sorted[sorted.length - 1].toFixed(1)} s`)
    return `${counted.length} orders from ${runsStarted.toISOString().slice(11, 19)}, wait p95 ${p95.toFixed(2)} s, max ${sorted[sorted.length - 1].toFixed(2)} s; ` +
      `${waits.length - counted.length} placed just before the kill not counted (max ${Math.max(0, ...waits.filter(nearKill).map((w) => w.waitS)).toFixed(1)} s)`
  })
  return figures
}

/** The counts line of the phase. */
function countsLine(f) {
  const n = (v) => (v === null ? "?" : v)
  const rate = (a) => `${a} ${f.rates[a] ? f.rates[a].toFixed(1) : "?"} orders/s`
  return `batch actions: acted twice ${n(f.actedTwice)}, without outcome ${n(f.withoutOutcome)}, ` +
    `placed during runs waited > ${WAIT_LIMIT_S} s ${n(f.slowWaits)}, ${ACTIONS.map(rate).join(", ")}`
}

module.exports = { batchActionPhase, countsLine, PROVIDERS }
