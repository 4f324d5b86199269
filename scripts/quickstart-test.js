#!/usr/bin/env node
// `npm run test:quickstart`: the README's quick start on a fresh clone.
// Clones this repository's HEAD into a temporary folder, runs `npm ci` and
// `npm run dev` there with DATABASE_URL and DB_HOST unset, waits for the
// store's health check and the admin page, reads the seeded batches through
// the admin API, stops it with Ctrl-C (SIGINT to the terminal's process
// group), starts it again to see that it reuses the store, and checks that
// no process is left. Ends with "N passed, M failed".
const { execFile, spawn } = require("node:child_process")
const fs = require("node:fs")
const os = require("node:os")
const path = require("node:path")
const { promisify } = require("node:util")
const { preflight, freePort } = require("./lib/preflight")
const { reportCounts } = require("./lib/summary")

const root = path.resolve(__dirname, "..")
preflight(root, [])
const { request, bearer, login } = require("./lib/demo-orders")

const { createChecks, expect } = require("./lib/checks")

const run = promisify(execFile)
const { check: checkOne, fail, counts } = createChecks()
const check = (name, fn) => checkOne(name, fn, { required: true })
const started = Date.now()
let clone = null
let dev = null

/** Processes whose working folder or command line is inside `dir`. */
function processesIn(dir) {
  const found = []
  for (const pid of fs.readdirSync("/proc").filter((e) => /^\d+$/.test(e))) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8")
      if (stat.slice(stat.lastIndexOf(")") + 2).startsWith("Z")) {
        continue
      }
      const cwd = fs.readlinkSync(`/proc/${pid}/cwd`)
      const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").replace(/\0/g, " ")
      if (cwd.startsWith(dir) || cmd.includes(dir)) {
        found.push(`${pid} ${cmd.trim().slice(0, 100)}`)
      }
    } catch {
      // ended, or not ours to read
    }
  }
  return found
}

/**
 * `npm run dev` as a terminal runs it: in its own process group, so that a
 * SIGINT to the group is the Ctrl-C a user types.
 */
function startDev(port) {
  const env = { ...process.env, PORT: String(port) }
  delete env.DATABASE_URL
  delete env.DB_HOST
  const child = spawn("npm", ["run", "dev"], { cwd: clone, env, detached: true, stdio: ["ignore", "pipe", "pipe"] })
  let output = ""
  const ready = new Promise((resolve, reject) => {
    const onData = (chunk) => {
      output += chunk
      if (/The store is ready/.test(output)) {
        resolve()
      }
    }
    child.stdout.on("data", onData)
    child.stderr.on("data", onData)
    child.once("exit", (code) => reject(new Error(`npm run dev exited (${code}) before the store was ready:\n${output.slice(-3000)}`)))
  })
  const exited = new Promise((resolve) => child.once("exit", (code, signal) => resolve(code ?? signal)))
  dev = { child, ready, exited, output: () => output }
  return dev
}

async function ctrlC() {
  process.kill(-dev.child.pid, "SIGINT")
  const timer = new Promise((resolve) => setTimeout(() => resolve("timeout"), 60_000).unref())
  const code = await Promise.race([dev.exited, timer])
  dev = null
  expect(code !== "timeout", "npm run dev did not stop within 60 s of Ctrl-C")
  // The database's backends end a moment after the postmaster reports.
  const deadline = Date.now() + 10_000
  let left = processesIn(clone)
  while (left.length && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 250))
    left = processesIn(clone)
  }
  expect(!left.length, `left running:\n${left.join("\n")}`)
  return `exit ${code}`
}

async function main() {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "order-batches-quickstart-"))
  // Like a folder a user clones into; mkdtemp's 0700 would keep the
  // embedded PostgreSQL (the "postgres" user, when run as root) out.
  fs.chmodSync(tmp, 0o755)
  clone = path.join(tmp, "clone")
  const port = Number(process.env.PORT) || (await freePort())

  await check("git clone into a temporary folder", async () => {
    await run("git", ["clone", "--quiet", root, clone])
    return clone
  })
  await check("npm ci", async () => {
    await run("npm", ["ci", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error"], {
      cwd: clone,
      maxBuffer: 64 * 1024 * 1024,
    })
  })

  let admin
  await check(`first npm run dev (PORT=${port}) seeds a store and answers /health`, async () => {
    startDev(port)
    await dev.ready
    const health = await fetch(`http://localhost:${port}/health`)
    expect(health.ok, `/health answered ${health.status}`)
    const state = JSON.parse(fs.readFileSync(path.join(clone, ".data", "dev-store.json"), "utf8"))
    admin = state.admins[0]
    expect(dev.output().includes(admin.password), "the admin's password was not printed")
    return `${admin.email} printed with its password`
  })

  await check("the admin page /app answers", async () => {
    const response = await fetch(`http://localhost:${port}/app`)
    const html = await response.text()
    expect(response.ok && /<div id="medusa"|<script/.test(html), `/app answered ${response.status}`)
  })

  await check("the seeded batches are there (admin API)", async () => {
    const token = await login(`http://localhost:${port}`, admin)
    const { batches, count } = await request(`http://localhost:${port}`, "GET", "/admin/batches?limit=50", {
      headers: bearer(token),
    })
    const closedWithOrders = batches.filter((b) => b.status === "closed" && b.order_count > 0)
    expect(closedWithOrders.length >= 3, `only ${closedWithOrders.length} closed batches with orders`)
    return `${count} batches: ${batches.map((b) => `#${b.number} ${b.status} ${b.order_count}`).join(", ")}`
  })

  await check("Ctrl-C stops the store and the database, leaving no process", ctrlC)

  await check("a second npm run dev reuses the store (no migration, no seed)", async () => {
    startDev(port)
    await dev.ready
    const output = dev.output()
    expect(!/Running migrations|Placing demo orders|Creating the database/.test(output), "it set the store up again")
    await login(`http://localhost:${port}`, admin)
  })

  await check("Ctrl-C again leaves no process", ctrlC)
  fs.rmSync(tmp, { recursive: true, force: true })
}

function finish(code) {
  console.log(`\nTook ${((Date.now() - started) / 1000).toFixed(0)} s.`)
  reportCounts(counts())
  process.exit(code)
}

async function abort() {
  if (dev) {
    try {
      process.kill(-dev.child.pid, "SIGINT")
    } catch {
      // gone
    }
    await Promise.race([dev.exited, new Promise((resolve) => setTimeout(resolve, 30_000).unref())])
  }
  if (clone) {
    fs.rmSync(path.dirname(clone), { recursive: true, force: true })
  }
}

process.on("SIGINT", async () => {
  await abort()
  finish(130)
})

main().then(
  () => finish(0),
  async (error) => {
    if (!error.reported) {
      fail(error.message)
    }
    await abort()
    finish(1)
  }
)
