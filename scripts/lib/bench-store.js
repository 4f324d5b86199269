// The store that `npm run bench` measures: a plain Medusa store project (as
// the install test makes one), the plugin packed from the repository's HEAD
// and installed into it with npm, and a medusa-config that registers the
// plugin only when BENCH_PLUGIN=on. Two servers of that one project run side
// by side on one database, one with the plugin and one without, so that each
// pair of measurements is taken back to back under the same load.
const { execFile } = require("node:child_process")
const fs = require("node:fs")
const path = require("node:path")
const { promisify } = require("node:util")
const { npm, writeStoreProject, writeConfig, installedVersion } = require("./store-project")
const { startStore, groupAlive } = require("./store")

const run = promisify(execFile)
const root = path.resolve(__dirname, "../..")
const CACHE = path.join(root, ".cache", "bench")

/**
 * The store project, kept in `.cache/bench-store-<version>` between runs so
 * that a run does not wait for npm to install Medusa again.
 */
async function prepareStoreProject(version, log) {
  const dir = path.join(root, ".cache", `bench-store-${version}`)
  const installed = (() => {
    try {
      return installedVersion(dir, "@medusajs/medusa")
    } catch {
      return null
    }
  })()
  if (installed !== version) {
    log(`installing a Medusa ${version} store project in ${path.relative(root, dir)} (kept for later runs)`)
    fs.rmSync(dir, { recursive: true, force: true })
    writeStoreProject(dir, version)
    await npm(dir, ["install"])
  }
  writeBenchConfig(dir)
  return dir
}

/**
 * Builds and packs the plugin from a commit (`ref`, HEAD by default) in a
 * temporary copy, so that the bench measures committed code, whatever is
 * being edited in the work tree meanwhile. Returns the tarball and the commit.
 */
async function packPlugin(tmp, ref = "HEAD") {
  const src = path.join(tmp, "plugin-src")
  fs.mkdirSync(src, { recursive: true })
  const { stdout: commit } = await run("git", ["rev-parse", "--short", `${ref}^{commit}`], { cwd: root })
  // One build per commit: the tarball is kept for the next run of the same commit.
  const kept = path.join(CACHE, `plugin-${commit.trim()}.tgz`)
  if (fs.existsSync(kept)) {
    return { tarball: kept, commit: commit.trim(), cached: true }
  }
  await run("bash", ["-c", `git archive ${commit.trim()} | tar -x -C ${JSON.stringify(src)}`], { cwd: root, maxBuffer: 1 << 26 })
  fs.symlinkSync(path.join(root, "node_modules"), path.join(src, "node_modules"), "dir")
  try {
    await run(process.execPath, [path.join(root, "node_modules", ".bin", "medusa"), "plugin:build"], {
      cwd: src,
      maxBuffer: 1 << 26,
      env: { ...process.env, MEDUSA_DISABLE_TELEMETRY: "true" },
    })
  } catch (error) {
    const why = `${error.stdout ?? ""}${error.stderr ?? ""}`.replace(/\x1b\[[0-9;]*m/g, "").trim().split("\n").slice(-8).join("\n")
    throw new Error(`The plugin at ${commit.trim()} does not build (BENCH_PLUGIN_REF=<commit> measures another):\n${why}`)
  }
  const { stdout } = await run("npm", ["pack", "--json", "--pack-destination", tmp], { cwd: src })
  fs.mkdirSync(CACHE, { recursive: true })
  fs.copyFileSync(path.join(tmp, JSON.parse(stdout)[0].filename), kept)
  return { tarball: kept, commit: commit.trim(), cached: false }
}

/**
 * The database server, kept in `.cache/bench-postgres` with a template
 * database per Medusa version: the plain store migrated and its catalogue
 * seeded, made once (a few minutes on a busy machine) and copied for every
 * run in seconds. `seed(env)` makes the template's contents and returns the
 * catalogue. Returns the server, the run's database URL and the catalogue;
 * the run's database is dropped by `drop()`.
 */
async function benchDatabase(version, seed, log) {
  const pg = require("./postgres")
  const dir = path.join(root, ".cache", "bench-postgres")
  const server = await pg.startEmbeddedPostgres({
    dataDir: path.join(dir, "data"),
    ownedUpTo: dir,
    movable: true,
    logFile: path.join(dir, "postgres.log"),
    fast: true,
  })
  try {
    const template = `plain_medusa_${version.replace(/\W/g, "_")}`
    const marker = path.join(dir, `${template}.json`)
    if (!fs.existsSync(marker) || !(await pg.databaseExists(server, template))) {
      log(`making the plain store's template database ${template} (once per Medusa version)`)
      fs.rmSync(marker, { force: true })
      await pg.dropDatabase(server, template)
      await pg.createDatabase(server, template)
      const catalog = await seed({ DATABASE_URL: server.url(template) })
      fs.writeFileSync(marker, JSON.stringify(catalog))
    }
    const database = `bench_${process.pid}`
    await pg.dropDatabase(server, database)
    await pg.query(server, "postgres", `CREATE DATABASE ${database} TEMPLATE ${template}`)
    return {
      server,
      databaseUrl: server.url(database),
      catalog: JSON.parse(fs.readFileSync(marker, "utf8")),
      drop: () => pg.dropDatabase(server, database),
    }
  } catch (error) {
    await server.stop()
    throw error
  }
}

/** Installs the tarball as a merchant would (npm checks its peers), without recording it. */
async function installPlugin(dir, tarball) {
  await npm(dir, ["install", "--no-save", tarball])
}

/** medusa-config.ts with the plugin registered only under BENCH_PLUGIN=on. */
function writeBenchConfig(dir) {
  writeConfig(dir, null, {
    pluginsSource: `process.env.BENCH_PLUGIN === "on" ? [{ resolve: "medusa-order-batches", options: {} }] : []`,
    production: true,
  })
}

/**
 * `medusa start` of the project, with or without the plugin. With
 * `redisUrl`, Medusa's production layout: this server in `server` mode
 * (HTTP only) and a worker beside it (subscribers, jobs) on `workerPort`,
 * both on that Redis; the handle's `stop()` ends both.
 */
async function startBenchServer({ dir, port, databaseUrl, plugin, logFile, nodeOptions, redisUrl, workerPort }) {
  const origin = `http://localhost:${port}`
  const start = async (mode, at, log) => {
    try {
      return await startStore({
        cwd: dir,
        port: at,
        command: "start",
        env: {
          DATABASE_URL: databaseUrl,
          BENCH_PLUGIN: plugin ? "on" : "off",
          STORE_CORS: origin,
          ADMIN_CORS: origin,
          AUTH_CORS: origin,
          LOG_LEVEL: "warn",
          REDIS_URL: redisUrl ?? "",
          MEDUSA_WORKER_MODE: mode,
          ...(nodeOptions ? { NODE_OPTIONS: nodeOptions } : {}),
        },
        output: log,
      })
    } catch (error) {
      const tail = fs.existsSync(log) ? fs.readFileSync(log, "utf8").trim().split("\n").slice(-30).join("\n") : ""
      throw new Error(`${error.message}\n--- ${log} ---\n${tail}`)
    }
  }
  if (!redisUrl) {
    return await start("shared", port, logFile)
  }
  const [server, worker] = await Promise.all([
    start("server", port, logFile),
    start("worker", workerPort, logFile.replace(/\.log$/, "-worker.log")),
  ])
  return { ...server, worker, stop: async () => Promise.all([server.stop(), worker.stop()]) }
}

/** Resident memory of every live process in a process group, in bytes (Linux). */
function groupRss(pgid) {
  let total = 0
  if (!groupAlive(pgid)) {
    return 0
  }
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) {
      continue
    }
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8")
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ")
      if (Number(fields[2]) === pgid) {
        total += Number(fields[21]) * 4096 // rss in pages
      }
    } catch {
      // ended while we looked
    }
  }
  return total
}

module.exports = { prepareStoreProject, packPlugin, installPlugin, benchDatabase, startBenchServer, groupRss }
