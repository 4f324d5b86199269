// `npm run bench -- --actions`: a fulfill batch action run over closed
// batches of 100, 1,000 and 10,000 orders, in Medusa's production layout (a
// server and a worker on Redis; the run's pages are the worker's background
// workflow steps), against Medusa's own POST /admin/orders/:id/fulfillments
// (the dashboard's Fulfill button) per order in the same run.
//
// This file is two things:
// - inside the store project, run by `medusa exec` (its default export): it
//   makes the batches' orders through Medusa's order module, each a copy of
//   one of the run's real storefront checkouts (its items, shipping method of
//   the seeded shipping option, addresses) with rows of its own, in chunks;
//   the plugin's trigger queues them and a rotation between the groups
//   (POST /admin/batches/rotate) closes each group as one batch;
// - in the bench (`measureActions`): everything else.
//
// Only Node's own modules at the top: `medusa exec` runs a copy of this file
// in the store project, where ./demo-orders and the rest do not exist.
const fs = require("node:fs")
const path = require("node:path")

/** Line item fields of the source order that a copy keeps, as a checkout wrote them. */
const ITEM_FIELDS = [
  "title",
  "subtitle",
  "thumbnail",
  "variant_id",
  "product_id",
  "product_title",
  "product_description",
  "product_subtitle",
  "product_type",
  "product_type_id",
  "product_collection",
  "product_handle",
  "variant_sku",
  "variant_barcode",
  "variant_title",
  "variant_option_values",
  "requires_shipping",
  "is_giftcard",
  "is_discountable",
  "is_tax_inclusive",
  "is_custom_price",
  "compare_at_unit_price",
  "unit_price",
  "quantity",
  "metadata",
]
const SHIPPING_FIELDS = ["name", "description", "amount", "is_tax_inclusive", "is_custom_amount", "shipping_option_id", "data", "metadata"]
const ADDRESS_FIELDS = ["first_name", "last_name", "company", "address_1", "address_2", "city", "country_code", "province", "postal_code", "phone", "metadata"]
const TAX_LINE_FIELDS = ["description", "tax_rate_id", "code", "rate", "provider_id"]

const pick = (from, fields) => {
  const out = {}
  for (const field of fields) {
    if (from?.[field] !== undefined && from[field] !== null) {
      out[field] = from[field]
    }
  }
  return out
}

/** What the order module needs to write a copy of `order` (ids and dates left to it). */
function orderInput(order, n) {
  const taxLines = (lines) => (lines ?? []).map((line) => pick(line, TAX_LINE_FIELDS))
  return {
    region_id: order.region_id,
    customer_id: order.customer_id ?? undefined,
    sales_channel_id: order.sales_channel_id,
    currency_code: order.currency_code,
    email: `bench-action-${n}@example.com`,
    status: "pending",
    no_notification: false,
    shipping_address: pick(order.shipping_address, ADDRESS_FIELDS),
    billing_address: pick(order.billing_address ?? order.shipping_address, ADDRESS_FIELDS),
    items: order.items.map((item) => ({ ...pick(item, ITEM_FIELDS), tax_lines: taxLines(item.tax_lines) })),
    shipping_methods: order.shipping_methods.map((method) => ({
      ...pick(method, SHIPPING_FIELDS),
      tax_lines: taxLines(method.tax_lines),
    })),
  }
}

/**
 * `medusa exec <this file> <spec.json>`. The spec: `{ sources: [order id],
 * groups: [{ name, count, close }], chunk, url, headers, out }`. Rotates once
 * first (whatever is queued before stays out of the groups), then each
 * group's orders are created, `chunk` at a time through the order module's
 * createOrders (what createOrderWorkflow's createOrdersStep calls), and a
 * group with `close` is closed by a rotation. Writes `{ groups: [{ name,
 * ids, closed, ms }] }` to `out`.
 */
exports.default = async function createBenchOrders({ container, args }) {
  const spec = JSON.parse(fs.readFileSync(args[0], "utf8"))
  const query = container.resolve("query")
  const orderModule = container.resolve("order")
  const rotate = async () => {
    const response = await fetch(`${spec.url}/admin/batches/rotate`, {
      method: "POST",
      headers: { "content-type": "application/json", ...spec.headers },
      signal: AbortSignal.timeout(600_000),
    })
    const body = await response.json().catch(() => ({}))
    if (!response.ok) {
      throw new Error(`POST /admin/batches/rotate answered ${response.status}: ${body.message ?? ""}`)
    }
    return body.closed ?? null
  }
  const { data: sources } = await query.graph({
    entity: "order",
    fields: [
      "id",
      "region_id",
      "customer_id",
      "sales_channel_id",
      "currency_code",
      "shipping_address.*",
      "billing_address.*",
      "items.*",
      "items.tax_lines.*",
      "shipping_methods.*",
      "shipping_methods.tax_lines.*",
    ],
    filters: { id: spec.sources },
  })
  if (sources.length !== spec.sources.length) {
    throw new Error(`found ${sources.length} of the ${spec.sources.length} source orders`)
  }
  await rotate()
  const out = { groups: [] }
  let n = 0
  for (const group of spec.groups) {
    const started = Date.now()
    const ids = []
    for (let made = 0; made < group.count; ) {
      const size = Math.min(spec.chunk, group.count - made)
      const input = Array.from({ length: size }, () => {
        const copy = orderInput(sources[n % sources.length], n)
        n++
        return copy
      })
      const created = await orderModule.createOrders(input)
      ids.push(...created.map((order) => order.id))
      made += size
    }
    const closed = group.close ? await rotate() : null
    out.groups.push({ name: group.name, ids, closed: closed && { number: closed.number }, ms: Date.now() - started })
    console.log(`bench-actions: ${group.name}: ${ids.length} orders in ${((Date.now() - started) / 1000).toFixed(1)} s${closed ? `, closed as batch ${closed.number}` : ""}`)
  }
  fs.writeFileSync(spec.out, JSON.stringify(out))
}

// ---------------------------------------------------------------- the bench

/** Sizes of the batches a run is measured on; BENCH_SIZES overrides them. */
const SIZES = [100, 1_000, 10_000]
/** Medusa's route is timed on this many orders before each run and as many after it. */
const ROUTE_CALLS = 15
const ROUTE_WARMUP = 3
const CHUNK = 250

/**
 * An empty Redis database for the run's server and worker, from 1 upwards
 * (the script tests take theirs from 15 down), or REDIS_URL's own where it
 * names one; emptied again at the end.
 */
async function runRedis(base) {
  const { redisCommands } = require("./redis")
  const u = new URL(base)
  if (u.pathname.length > 1 && u.pathname !== "/") {
    return u.toString()
  }
  for (let db = 1; db <= 15; db++) {
    u.pathname = `/${db}`
    const [size] = await redisCommands(u.toString(), [["DBSIZE"]])
    if (size === 0) {
      return u.toString()
    }
  }
  throw new Error(`no empty Redis database at ${base} (1 to 15 are all in use)`)
}

/**
 * The whole `--actions` run. `ctx`: the store project, database URL and
 * catalogue, the work folder, `log`, `now`, the plugin's commit and the
 * bench's `startServer(side, opts)`; resolves to the run's record.
 */
async function measureActions(ctx) {
  const { request, secretKey, checkout } = require("./demo-orders")
  const { runMedusa } = require("./store")
  const { redisCommands } = require("./redis")
  const { median, throughput } = require("./bench-measure")
  const data = require("./bench-data")
  const { project, databaseUrl, catalog, tmp, log, now, cleanups, startBenchServer, freePort } = ctx
  const sizes = process.env.BENCH_SIZES ? process.env.BENCH_SIZES.split(",").map(Number) : SIZES
  const timeoutMin = Number(process.env.BENCH_ACTION_TIMEOUT_MIN || 45)
  const key = secretKey(catalog.secretKey)

  const redisUrl = await runRedis((process.env.REDIS_URL || "redis://localhost:6379").replace(/\/$/, ""))
  await redisCommands(redisUrl, [["FLUSHDB"]])
  cleanups.push(() => redisCommands(redisUrl, [["FLUSHDB"]]).catch(() => {}))
  log(`server and worker on Redis ${redisUrl}; sizes ${sizes.map(fmtN).join(", ")}; a run is given ${timeoutMin} min`)
  const logFile = path.join(tmp, "server-with.log")
  const server = await startBenchServer({
    dir: project,
    port: await freePort(),
    databaseUrl,
    plugin: true,
    logFile,
    redisUrl,
    workerPort: await freePort(),
  })
  cleanups.push(() => server.stop())
  // The store's logs outlive the work folder: an engine's error is read there.
  const keptLogs = path.join(ctx.root, ".cache", "bench", "actions-logs")
  cleanups.push(async () => {
    fs.mkdirSync(keptLogs, { recursive: true })
    for (const file of [logFile, logFile.replace(/\.log$/, "-worker.log")]) {
      if (fs.existsSync(file)) fs.copyFileSync(file, path.join(keptLogs, path.basename(file)))
    }
  })
  const db = await data.connect(databaseUrl)
  cleanups.push(() => db.end())
  const url = server.url

  log("5 real storefront checkouts to copy from")
  const seeded = []
  await throughput(async (i) => {
    const first = catalog.variants[i % catalog.variants.length]
    const second = catalog.variants[(i * 3 + 1) % catalog.variants.length]
    const items = [[first.id, 1 + (i % 3)], ...(i % 2 === 0 && second.id !== first.id ? [[second.id, 1]] : [])]
    seeded.push(await checkout(url, catalog, { email: `seed${i}@example.com`, items }))
  }, 5, 5)

  const routeOrders = ROUTE_WARMUP + 2 * ROUTE_CALLS * sizes.length
  const total = sizes.reduce((a, b) => a + b, 0) + routeOrders
  log(`${fmtN(total)} orders through Medusa's order module (copies of those checkouts), a closed batch per size`)
  const specFile = path.join(tmp, "bench-orders.json")
  const outFile = path.join(tmp, "bench-orders-out.json")
  fs.writeFileSync(
    specFile,
    JSON.stringify({
      sources: seeded.map((order) => order.id),
      groups: [
        ...sizes.map((size) => ({ name: `batch of ${fmtN(size)}`, count: size, close: true })),
        { name: "for Medusa's route", count: routeOrders, close: false },
      ],
      chunk: CHUNK,
      url,
      headers: key,
      out: outFile,
    })
  )
  const script = path.join(project, "scripts", "bench-actions.js")
  fs.mkdirSync(path.dirname(script), { recursive: true })
  fs.copyFileSync(__filename, script)
  let t = now()
  // The plain store boots for it (the plugin's subscribers and jobs stay out
  // of the way); the plugin's trigger on "order" queues every copy all the same.
  await runMedusa(project, ["exec", script, specFile], {
    env: { DATABASE_URL: databaseUrl, BENCH_PLUGIN: "off", REDIS_URL: "", LOG_LEVEL: "warn" },
  })
  const made = JSON.parse(fs.readFileSync(outFile, "utf8")).groups
  const madeMs = now() - t
  log(`  made in ${fmtS(madeMs)} (${((total / madeMs) * 1000).toFixed(0)} orders/s with the medusa exec boot)`)
  const batches = []
  for (const [i, size] of sizes.entries()) {
    const number = made[i].closed?.number
    const { n } = await db.one(
      `SELECT count(*)::int AS n FROM order_batch_order a JOIN order_batch b ON b.id = a.batch_id
        WHERE b.number = $1 AND a.deleted_at IS NULL AND b.status = 'closed'`,
      [number]
    )
    if (n !== size) {
      throw new Error(`batch ${number} holds ${n} orders, not the ${size} made for it`)
    }
    batches.push({ size, number, ids: made[i].ids })
  }
  for (const table of ["order", "order_item", "order_line_item", "order_shipping", "order_batch_order"]) {
    await db.sql(`ANALYZE "${table}"`)
  }

  // Medusa's route as the dashboard's Fulfill items form calls it: the
  // order's unfulfilled items, its shipping option and that option's stock
  // location (the form's preselection). The order is read before the clock
  // starts, as the form has it loaded.
  const { stock_locations: locations } = await request(url, "GET", "/admin/stock-locations?limit=1", { headers: key })
  const locationId = locations[0]?.id
  const routeQueue = [...made[sizes.length].ids]
  const fulfillOne = async () => {
    const id = routeQueue.shift()
    if (!id) throw new Error("no orders left for Medusa's route")
    const { order } = await request(url, "GET", `/admin/orders/${id}?fields=id,*items,*items.detail,shipping_methods.shipping_option_id`, { headers: key })
    const body = {
      location_id: locationId,
      shipping_option_id: order.shipping_methods[0]?.shipping_option_id,
      no_notification: false,
      items: order.items
        .map((item) => ({ id: item.id, quantity: Number(item.quantity ?? item.detail?.quantity) - Number(item.detail?.fulfilled_quantity ?? 0) }))
        .filter((item) => item.quantity > 0),
    }
    const start = now()
    await request(url, "POST", `/admin/orders/${id}/fulfillments`, { headers: key, body })
    return now() - start
  }
  const routeTimes = async (n) => {
    const times = []
    for (let i = 0; i < n; i++) times.push(await fulfillOne())
    return times
  }
  await routeTimes(ROUTE_WARMUP)

  const results = []
  for (const batch of batches) {
    const before = await routeTimes(ROUTE_CALLS)
    log(`fulfill over batch ${batch.number} (${fmtN(batch.size)} orders); Medusa's route just before: median ${fmtMs(median(before))} an order`)
    const outcome = await runFulfill({ url, key, request, batch, timeoutMin, log, now })
    const after = outcome.timedOut ? [] : await routeTimes(ROUTE_CALLS)
    const route = [...before, ...after]
    const check = await fulfilledCheck(db, batch.number)
    const r = { size: batch.size, batch: batch.number, ...outcome, route: { before, after, medianMs: median(route) }, check }
    r.ratioToRoute = r.perOrderMs != null ? r.perOrderMs / r.route.medianMs : null
    results.push(r)
    log(
      `  ${outcome.timedOut ? "TIMED OUT" : outcome.run.status}: ${fmtN(outcome.settled)} of ${fmtN(batch.size)} settled, ` +
        `${outcome.ordersPerS?.toFixed(2) ?? "n/a"} orders/s (${fmtMs(r.perOrderMs ?? NaN)} an order) against Medusa's route ${fmtMs(r.route.medianMs)}: ` +
        `${r.ratioToRoute?.toFixed(2) ?? "n/a"}; ${check.withoutFulfillment} of the batch's orders without a fulfillment, ${check.twice} with two`
    )
    fs.mkdirSync(path.join(ctx.root, ".cache", "bench"), { recursive: true })
    fs.writeFileSync(path.join(ctx.root, ".cache", "bench", "actions-partial.json"), JSON.stringify(results, null, 2))
    if (outcome.timedOut) {
      const left = batches.slice(batches.indexOf(batch) + 1)
      if (left.length) {
        log(`  the run goes on in the worker; ${left.map((b) => fmtN(b.size)).join(", ")} not measured beside it`)
      }
      break
    }
  }
  return { sizes, made: { orders: total, ms: madeMs, chunk: CHUNK }, redis: redisUrl, results }
}

/**
 * Starts fulfill over the batch and polls the run every second until it is
 * no longer running or `timeoutMin` is up. Orders per second are the run's
 * own (finished_at − started_at); a run cut short is measured to the last
 * poll. `progress` keeps a point every 10 s: whether a page late in the run
 * costs what an early one did.
 */
async function runFulfill({ url, key, request, batch, timeoutMin, log, now }) {
  const posted = now()
  const { run: startedRun } = await request(url, "POST", `/admin/batches/${batch.number}/actions`, { headers: key, body: { action: "fulfill" } })
  const accepted = now() - posted
  const deadline = posted + timeoutMin * 60_000
  const failedCount = (r) => r.failed_count ?? (Array.isArray(r.failed) ? r.failed.length : 0)
  const settledOf = (r) => (r.succeeded ?? 0) + (r.skipped ?? 0) + failedCount(r)
  const progress = []
  let run = startedRun
  let lastLog = now()
  let lastPoint = -Infinity
  let pollErrors = 0
  while (run.status === "running" && now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 1_000))
    try {
      run = (await request(url, "GET", `/admin/batches/${batch.number}/actions/${startedRun.id}`, { headers: key })).run
    } catch (error) {
      if (++pollErrors > 30) throw error
      continue
    }
    const at = now() - posted
    if (at - lastPoint >= 10_000) {
      progress.push([Math.round(at / 1000), settledOf(run)])
      lastPoint = at
    }
    if (now() - lastLog > 60_000) {
      log(`  ${fmtN(settledOf(run))} of ${fmtN(run.total)} settled after ${fmtS(at)}`)
      lastLog = now()
    }
  }
  const timedOut = run.status === "running"
  const settled = settledOf(run)
  const startedAt = new Date(run.started_at).getTime()
  const runMs = run.finished_at ? new Date(run.finished_at).getTime() - startedAt : now() - posted
  const counted = timedOut ? settled : run.total
  const ordersPerS = counted ? (counted / runMs) * 1000 : null
  return {
    run: {
      id: run.id,
      status: run.status,
      total: run.total,
      succeeded: run.succeeded,
      skipped: run.skipped,
      failed_count: failedCount(run),
      failed: (run.failed ?? []).slice(0, 10),
      error: run.error ?? null,
      started_at: run.started_at,
      finished_at: run.finished_at ?? null,
    },
    acceptedMs: accepted,
    wallMs: now() - posted,
    runMs,
    timedOut,
    settled,
    ordersPerS,
    perOrderMs: ordersPerS ? 1000 / ordersPerS : null,
    allSucceeded: !timedOut && run.succeeded === run.total,
    progress,
  }
}

/** From Medusa's tables: the batch's orders without a fulfillment, and with more than one. */
async function fulfilledCheck(db, number) {
  const { rows } = await db.sql(
    `SELECT count(*) FILTER (WHERE f.n = 0)::int AS without, count(*) FILTER (WHERE f.n > 1)::int AS twice
       FROM order_batch_order a JOIN order_batch b ON b.id = a.batch_id
       CROSS JOIN LATERAL (
         SELECT count(*)::int AS n FROM order_fulfillment ofl JOIN fulfillment ful ON ful.id = ofl.fulfillment_id
          WHERE ofl.order_id = a.order_id AND ofl.deleted_at IS NULL AND ful.deleted_at IS NULL AND ful.canceled_at IS NULL
       ) f
      WHERE b.number = $1 AND a.deleted_at IS NULL`,
    [number]
  )
  return { withoutFulfillment: rows[0].without, twice: rows[0].twice }
}

/** The table rows of an `--actions` run, in the shape of bench-report's rows. */
function actionRows(results) {
  const one = (x) => ({ median: x, min: x, max: x, n: 1 })
  const rows = []
  for (const r of results) {
    const problems = []
    if (r.timedOut) problems.push(`**cut off** after ${fmtS(r.wallMs)} with ${fmtN(r.settled)} settled`)
    if (!r.timedOut && !r.allSucceeded) {
      problems.push(`**${r.run.succeeded} of ${r.run.total} succeeded** (status ${r.run.status}, skipped ${r.run.skipped}, failed ${r.run.failed_count}${r.run.failed[0] ? `: "${r.run.failed[0].message}"` : ""}${r.run.error ? `; error ${r.run.error}` : ""})`)
    }
    if (r.check.withoutFulfillment || r.check.twice) {
      problems.push(`Medusa's tables: ${r.check.withoutFulfillment} orders without a fulfillment, ${r.check.twice} with two`)
    }
    rows.push({
      measure: `fulfill run on a closed batch of ${fmtN(r.size)} orders: orders/s`,
      value: one(r.ordersPerS ?? NaN),
      target: "every order fulfilled",
      met: r.allSucceeded && !r.check.withoutFulfillment && !r.check.twice,
      detail: `${fmtMs(r.perOrderMs ?? NaN)} an order, ${fmtS(r.runMs)} in all${problems.length ? `; ${problems.join("; ")}` : ""}`,
    })
  }
  const small = results[0]
  const large = results[results.length - 1]
  if (small && large && large !== small) {
    const ratio = large.perOrderMs / small.perOrderMs
    rows.push({
      measure: `per-order time of the run, ${fmtN(large.size)} ÷ ${fmtN(small.size)} orders`,
      value: one(ratio),
      target: "≤ 1.20",
      met: ratio <= 1.2 && !large.timedOut,
      detail: `${fmtMs(large.perOrderMs)} vs ${fmtMs(small.perOrderMs)}${large.timedOut ? " (the large run cut off: its rate is of the orders settled by then)" : ""}`,
    })
  }
  for (const r of results) {
    rows.push({
      measure: `  per-order time of the ${fmtN(r.size)}-order run ÷ Medusa's POST /admin/orders/:id/fulfillments`,
      value: { median: r.ratioToRoute ?? NaN, min: r.perOrderMs / Math.max(...r.route.before, ...r.route.after), max: r.perOrderMs / Math.min(...r.route.before, ...r.route.after), n: 2 },
      target: "—",
      met: null,
      detail: `${fmtMs(r.perOrderMs ?? NaN)} vs the route's median ${fmtMs(r.route.medianMs)} (${r.route.before.length} orders just before the run, ${r.route.after.length} just after; range against the route's slowest and fastest call)`,
    })
  }
  return rows
}

const fmtMs = (ms) => (Number.isFinite(ms) ? `${ms.toFixed(0)} ms` : "n/a")
const fmtS = (ms) => `${(ms / 1000).toFixed(1)} s`
const fmtN = (n) => n.toLocaleString("en")

exports.measureActions = measureActions
exports.actionRows = actionRows
exports.SIZES = SIZES
exports.orderInput = orderInput
