#!/usr/bin/env node
// Runs every test set (unit, modules, HTTP) one after another with jest and
// ends with one line of jest's own counts: "N passed, M failed".
// Reads DB_HOST / DB_PORT / DB_USERNAME / DB_PASSWORD for PostgreSQL.
const { spawnSync } = require("node:child_process")
const fs = require("node:fs")
const path = require("node:path")

const root = path.resolve(__dirname, "..")
const sets = process.argv.slice(2).length
  ? process.argv.slice(2)
  : ["unit", "integration:modules", "integration:http"]

const env = {
  ...process.env,
  DB_HOST: process.env.DB_HOST || "localhost",
  DB_USERNAME: process.env.DB_USERNAME || "postgres",
  NODE_OPTIONS: [process.env.NODE_OPTIONS, "--experimental-vm-modules"]
    .filter(Boolean)
    .join(" "),
}

const cache = path.join(root, ".cache")
fs.mkdirSync(cache, { recursive: true })

let passed = 0
let failed = 0
let broken = false
for (const set of sets) {
  const out = path.join(cache, `jest-${set.replace(/\W/g, "-")}.json`)
  fs.rmSync(out, { force: true })
  console.log(`\n=== ${set} tests`)
  const run = spawnSync(
    process.execPath,
    [
      require.resolve("jest/bin/jest"),
      "--runInBand",
      "--forceExit",
      "--json",
      `--outputFile=${out}`,
    ],
    { cwd: root, env: { ...env, TEST_TYPE: set }, stdio: "inherit" }
  )
  if (!fs.existsSync(out)) {
    console.error(`jest wrote no results for the ${set} set (exit ${run.status})`)
    broken = true
    continue
  }
  const result = JSON.parse(fs.readFileSync(out, "utf8"))
  passed += result.numPassedTests
  failed += result.numFailedTests
  // A suite that fails to load counts no test, but is a failure all the same.
  if (result.numFailedTestSuites > 0 && result.numFailedTests === 0) {
    broken = true
  }
}

fs.writeFileSync(
  path.join(cache, "test-summary.json"),
  JSON.stringify({ passed, failed, broken })
)
console.log(`\n${passed} passed, ${failed} failed`)
process.exit(failed > 0 || broken ? 1 : 0)
