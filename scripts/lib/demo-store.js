// The steps that turn an empty database into a demo store with batch
// history, shared by `npm run dev`, the install test and the browser tests.
const crypto = require("node:crypto")
const fs = require("node:fs")
const os = require("node:os")
const path = require("node:path")
const { runMedusa, startStore } = require("./store")
const { placeDemoOrders } = require("./demo-orders")

const root = path.resolve(__dirname, "../..")
const SEED_SCRIPT = path.join(root, "dev", "seed-demo.js")

/** Two administrators with fresh passwords, so the history shows who closed what. */
function demoAdmins() {
  const password = () => crypto.randomBytes(12).toString("hex")
  return [
    { email: "admin@example.com", password: password(), first_name: "Ada", last_name: "Admin" },
    { email: "warehouse@example.com", password: password(), first_name: "Wendy", last_name: "Warehouse" },
  ]
}

/** `medusa db:migrate`; `onOutput` receives its log as it comes. */
async function migrate({ cwd = root, env, onOutput }) {
  await runMedusa(cwd, ["db:migrate"], { env, output: onOutput })
}

/**
 * Runs dev/seed-demo.js in the store at `cwd` with `medusa exec`: the
 * administrators and the catalogue. A store other than this repository gets
 * its own copy of the script, so that it runs on that store's Medusa.
 */
async function seedCatalog({ cwd = root, env, admins, onOutput }) {
  let script = SEED_SCRIPT
  if (path.resolve(cwd) !== root) {
    script = path.join(cwd, "scripts", "seed-demo.js")
    fs.mkdirSync(path.dirname(script), { recursive: true })
    fs.copyFileSync(SEED_SCRIPT, script)
  }
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "seed-demo-")), "catalog.json")
  try {
    await runMedusa(cwd, ["exec", script, out], {
      env: { ...env, DEMO_ADMINS: JSON.stringify(admins) },
      output: onOutput,
    })
    return JSON.parse(fs.readFileSync(out, "utf8"))
  } finally {
    fs.rmSync(path.dirname(out), { recursive: true, force: true })
  }
}

/**
 * A throwaway seeded store for tests that drive it from outside (the browser
 * tests): an embedded PostgreSQL on a free port in a temporary folder (or
 * the server in `conn`), a new database, migrations, the demo catalogue and
 * orders in `plan` batches, and the store on `port`. `stop()` ends the store
 * and the database and removes what it made.
 *
 * `cwd` is the store project (this repository by default). With `build`,
 * `medusa build` runs there while the database is prepared, and
 * `command: "start"` then serves the built server and admin from
 * `<cwd>/.medusa/server`, as a deployed store does.
 *
 * @returns {Promise<{url: string, port: number, admins: {email: string, password: string}[],
 *   catalog: object, batches: object[][], databaseUrl: string, stop: () => Promise<void>}>}
 */
async function startSeededStore({
  port,
  cwd = root,
  command = "develop",
  build = false,
  env = {},
  plan,
  output,
  log = () => {},
} = {}) {
  const { freePort } = require("./preflight")
  const pg = require("./postgres")
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "order-batches-store-"))
  const stops = []
  const stop = async () => {
    for (const fn of stops.reverse()) {
      await fn().catch(() => {})
    }
    fs.rmSync(dir, { recursive: true, force: true })
  }
  try {
    log("starting an embedded PostgreSQL")
    const db = await pg.startEmbeddedPostgres({
      dataDir: path.join(dir, "postgres"),
      ownedUpTo: dir,
      fast: true,
    })
    stops.push(db.stop)
    await pg.createDatabase(db, "store")
    const storeEnv = { DATABASE_URL: db.url("store"), ...env }
    // The build needs no database, so it runs alongside migrations and seeding.
    const built = build ? buildStore(cwd, log) : null
    built?.catch(() => {}) // awaited below; not unhandled meanwhile
    log("running migrations")
    await migrate({ cwd, env: storeEnv })
    log("seeding the catalogue")
    const admins = demoAdmins()
    const catalog = await seedCatalog({ cwd, env: storeEnv, admins })
    const serverDir = built ? await built : cwd
    port = port ?? (await freePort())
    log(`starting the store on port ${port}`)
    const store = await startStore({
      cwd: serverDir,
      port,
      command,
      args: command === "develop" ? ["--no-lint"] : [],
      env: {
        ...storeEnv,
        ADMIN_CORS: `http://localhost:${port}`,
        AUTH_CORS: `http://localhost:${port}`,
      },
      output: output ?? path.join(dir, "store.log"),
    })
    stops.push(store.stop)
    log("placing orders")
    const { batches } = await placeDemoOrders(store.url, catalog, admins, { plan })
    return { url: store.url, port, admins, catalog, batches, databaseUrl: storeEnv.DATABASE_URL, stop }
  } catch (error) {
    await stop()
    throw error
  }
}

/**
 * `medusa build` in the store at `cwd`; resolves to the built server's
 * folder, given the project's node_modules (a deployment would install them
 * there) so that `medusa start` runs in it.
 */
async function buildStore(cwd, log) {
  const started = Date.now()
  // A production bundle of the admin, as a deployment builds it.
  await runMedusa(cwd, ["build"], { env: { NODE_ENV: "production" } })
  const serverDir = path.join(cwd, ".medusa", "server")
  const modules = path.join(serverDir, "node_modules")
  if (!fs.existsSync(modules)) {
    fs.symlinkSync(fs.realpathSync(path.join(cwd, "node_modules")), modules, "dir")
  }
  log(`store built in ${((Date.now() - started) / 1000).toFixed(0)} s`)
  return serverDir
}

module.exports = { demoAdmins, migrate, seedCatalog, startSeededStore, buildStore, SEED_SCRIPT }
