// A store deployed the way Medusa's deployment guide deploys one: built with
// `medusa build`, served with `medusa start` from the build, as server
// processes (HTTP only) and a worker (subscribers, scheduled jobs) sharing
// one PostgreSQL and one Redis (event bus, workflow engine, locking,
// sessions). The repository's medusa-config.ts turns those on from
// REDIS_URL and MEDUSA_WORKER_MODE.
const fs = require("node:fs")
const path = require("node:path")
const { startStore } = require("./store")
const { buildStore, demoAdmins, migrate, seedCatalog } = require("./demo-store")
const { freePort } = require("./preflight")

/**
 * Copies the store project (see e2e/support/store-snapshot.js), builds it
 * while the database is migrated and seeded, and returns
 * `{ serverDir, admins, catalog }`. The admin dashboard is not built: the
 * run drives the HTTP API only, and the bundle would cost minutes.
 */
async function prepareBuiltStore({ dir, databaseUrl, log, env: extraEnv = {} }) {
  const env = { DATABASE_URL: databaseUrl, MEDUSA_ADMIN_DISABLE: "true", REDIS_URL: "", MEDUSA_WORKER_MODE: "", ...extraEnv }
  const built = withEnv(env, () => buildStore(dir, log)).then((serverDir) => {
    copyFixtures(dir, serverDir)
    return serverDir
  })
  built.catch(() => {}) // awaited below
  log("migrating and seeding while it builds")
  await migrate({ cwd: dir, env })
  const admins = demoAdmins()
  const catalog = await seedCatalog({ cwd: dir, env, admins })
  const serverDir = await built
  return { serverDir, admins, catalog }
}

/**
 * The test providers (integration-tests/fixtures/test-*, plain JavaScript
 * that medusa-config.ts resolves from the working folder with
 * TEST_PROVIDERS=true) are not part of the build: a deployment would ship
 * them beside it, so they are copied into the built server's folder.
 */
function copyFixtures(dir, serverDir) {
  const from = path.join(dir, "integration-tests", "fixtures")
  if (!fs.existsSync(from)) {
    return
  }
  for (const name of fs.readdirSync(from).filter((n) => n.startsWith("test-"))) {
    const to = path.join(serverDir, "integration-tests", "fixtures", name)
    fs.mkdirSync(path.dirname(to), { recursive: true })
    fs.cpSync(path.join(from, name), to, { recursive: true })
  }
}

/** buildStore reads the environment of this process; this sets it for one call. */
function withEnv(env, fn) {
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]))
  Object.assign(process.env, env)
  try {
    return fn()
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      v === undefined ? delete process.env[k] : (process.env[k] = v)
    }
  }
}

/**
 * Starts one `medusa start` process of the built store in `mode` ("server"
 * or "worker") on a free port; its log goes to `<logDir>/<name>.log`.
 * Resolves once /health answers, with startStore's handle plus `kill()`,
 * a SIGKILL to the process and its children.
 */
async function startProcess({ serverDir, mode, name, databaseUrl, redisUrl, logDir, env = {} }) {
  const port = await freePort()
  const store = await startStore({
    cwd: serverDir,
    port,
    command: "start",
    env: {
      NODE_ENV: "production",
      DATABASE_URL: databaseUrl,
      REDIS_URL: redisUrl,
      MEDUSA_WORKER_MODE: mode,
      MEDUSA_ADMIN_DISABLE: "true",
      ADMIN_CORS: `http://localhost:${port}`,
      AUTH_CORS: `http://localhost:${port}`,
      ...env,
    },
    output: path.join(logDir, `${name}.log`),
    timeoutMs: 180_000,
  })
  const kill = async () => {
    try {
      process.kill(-store.process.pid, "SIGKILL")
    } catch {
      // gone
    }
    await store.exited
  }
  return { ...store, name, mode, kill }
}

/** A folder for the processes' logs, kept after the run for a failed check. */
function logFolder(name) {
  const dir = path.resolve(__dirname, "../../.cache", name)
  fs.rmSync(dir, { recursive: true, force: true })
  fs.mkdirSync(dir, { recursive: true })
  return dir
}

module.exports = { prepareBuiltStore, startProcess, logFolder }
