// What `npm run dev` remembers between starts, in `.data/`: whether the
// store was set up and migrated, and which processes the last run started.
const crypto = require("node:crypto")
const fs = require("node:fs")
const path = require("node:path")
const { groupAlive } = require("./store")

/** DATABASE_URL from the environment or `.env`, which medusa-config also reads. */
function configuredDatabaseUrl(root) {
  if (process.env.DATABASE_URL) {
    return process.env.DATABASE_URL
  }
  const file = path.join(root, ".env")
  return fs.existsSync(file)
    ? require("dotenv").parse(fs.readFileSync(file)).DATABASE_URL
    : undefined
}

/**
 * What decides whether migrations must run again: Medusa's version, the
 * config and every migration and link of the plugin. A pulled change with a
 * new migration migrates at the next start; an unchanged tree skips the
 * half-minute `medusa db:migrate` takes.
 */
function migrationsFingerprint(root) {
  const hash = crypto.createHash("sha1")
  hash.update(require(path.join(root, "node_modules/@medusajs/medusa/package.json")).version)
  hash.update(fs.readFileSync(path.join(root, "medusa-config.ts")))
  const modules = path.join(root, "src", "modules")
  const dirs = fs.existsSync(modules)
    ? fs.readdirSync(modules).map((m) => path.join(modules, m, "migrations"))
    : []
  for (const dir of [...dirs, path.join(root, "src", "links")]) {
    if (fs.existsSync(dir)) {
      for (const file of fs.readdirSync(dir).sort()) {
        hash.update(`${dir}/${file}`)
        hash.update(fs.readFileSync(path.join(dir, file)))
      }
    }
  }
  return hash.digest("hex")
}

const readState = (file) => (fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, "utf8")) : {})
const writeState = (file, state) => fs.writeFileSync(file, JSON.stringify(state, null, 2))

/**
 * A run killed hard (kill -9, a closed terminal) leaves its store running in
 * its own process group; its PostgreSQL is handled by startEmbeddedPostgres.
 */
async function stopLeftoverStore(runFile, step) {
  if (!fs.existsSync(runFile)) {
    return
  }
  const { pid, storeGroup } = JSON.parse(fs.readFileSync(runFile, "utf8"))
  let alive = true
  try {
    process.kill(pid, 0)
  } catch {
    alive = false
  }
  if (alive) {
    return // another npm run dev of this folder: the port check or the database says so
  }
  if (storeGroup && groupAlive(storeGroup)) {
    const s = step(`Stopping the store that an earlier run left running (process group ${storeGroup})`)
    process.kill(-storeGroup, "SIGTERM")
    const deadline = Date.now() + 15_000
    while (groupAlive(storeGroup) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200))
    }
    try {
      process.kill(-storeGroup, "SIGKILL")
    } catch {
      // all gone
    }
    s.done()
  }
  fs.rmSync(runFile, { force: true })
}

module.exports = {
  configuredDatabaseUrl,
  migrationsFingerprint,
  readState,
  writeState,
  stopLeftoverStore,
}
