// Runs Medusa's CLI for a store project: one-off commands (db:migrate, exec,
// user) and the server itself (develop or start), waiting for /health.
const { spawn } = require("node:child_process")
const fs = require("node:fs")
const path = require("node:path")

/** The Medusa CLI installed in a store project. */
function medusaCli(cwd) {
  const bin = path.join(cwd, "node_modules", ".bin", "medusa")
  if (!fs.existsSync(bin)) {
    throw new Error(`Medusa's CLI is not installed in ${cwd}; run \`npm install\` there.`)
  }
  return fs.realpathSync(bin)
}

/** The environment every Medusa process gets: the caller's, plus `env`. */
const storeEnv = (env) => ({
  ...process.env,
  // No phone-home from scripts and tests; a user can still turn it on.
  MEDUSA_DISABLE_TELEMETRY: process.env.MEDUSA_DISABLE_TELEMETRY ?? "true",
  ...env,
})

/**
 * Runs `medusa <args>` to the end. Its output goes to `output` (a function
 * per chunk) or is collected and shown only when the command fails, so a
 * first start prints progress lines rather than pages of migration logs.
 */
function runMedusa(cwd, args, { env = {}, output } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [medusaCli(cwd), ...args], {
      cwd,
      env: storeEnv(env),
      stdio: ["ignore", "pipe", "pipe"],
    })
    let log = ""
    const collect = (chunk) => {
      log += chunk
      output?.(chunk.toString())
    }
    child.stdout.on("data", collect)
    child.stderr.on("data", collect)
    // A script that exits mid-command (Ctrl-C) takes the command with it.
    const onExit = () => child.kill("SIGKILL")
    process.on("exit", onExit)
    child.once("error", reject)
    child.once("close", (code, signal) => {
      process.off("exit", onExit)
      if (code === 0) {
        resolve(log)
      } else {
        const tail = log.trim().split("\n").slice(-25).join("\n")
        reject(
          new Error(`\`medusa ${args[0]}\` failed (${signal ?? `exit ${code}`}):\n${tail}`)
        )
      }
    })
  })
}

/**
 * Whether a process group still has a live member. Zombies do not count: an
 * orphaned child is reaped by whatever runs as init, maybe late.
 */
function groupAlive(pgid) {
  if (process.platform !== "linux") {
    try {
      process.kill(-pgid, 0)
      return true
    } catch {
      return false
    }
  }
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) {
      continue
    }
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8")
      const [state, , group] = stat.slice(stat.lastIndexOf(")") + 2).split(" ")
      if (Number(group) === pgid && state !== "Z") {
        return true
      }
    } catch {
      // ended while we looked
    }
  }
  return false
}

async function waitForHealth(url, child, timeoutMs) {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `The store stopped while starting (${child.signalCode ?? `exit ${child.exitCode}`}); its log says why.`
      )
    }
    try {
      const response = await fetch(`${url}/health`, { signal: AbortSignal.timeout(5_000) })
      if (response.ok) {
        return
      }
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      throw new Error(`The store did not answer ${url}/health within ${Math.round(timeoutMs / 1000)} s`)
    }
    await new Promise((resolve) => setTimeout(resolve, 500))
  }
}

/**
 * Starts a store with `medusa develop` (watching files, serving the admin
 * from source) or `medusa start`, on `port`, and resolves once `/health`
 * answers. The server runs in its own process group: a Ctrl-C in the
 * terminal reaches only the calling script, which then stops the store
 * before the database, and `stop()` ends the whole group (develop forks a
 * child server).
 *
 * `output`: "inherit" to show the store's log in the terminal, or a path to
 * append it to. `onSpawn(child)` runs as soon as the process exists.
 */
async function startStore({
  cwd,
  port,
  command = "develop",
  args = [],
  env = {},
  output = "inherit",
  timeoutMs = 300_000,
  onSpawn,
}) {
  const out = output === "inherit" ? "inherit" : fs.openSync(output, "a")
  const cliArgs = [command, "--port", String(port), ...args]
  const child = spawn(process.execPath, [medusaCli(cwd), ...cliArgs], {
    cwd,
    env: storeEnv({ PORT: String(port), ...env }),
    detached: true,
    stdio: ["ignore", out, out],
  })
  if (out !== "inherit") {
    fs.closeSync(out)
  }
  onSpawn?.(child)
  const exit = new Promise((resolve) => child.once("exit", resolve))
  const signalGroup = (signal) => {
    try {
      process.kill(-child.pid, signal)
    } catch {
      // the group is gone
    }
  }
  // A script that ends without stop() must not leave a store behind.
  const onExit = () => signalGroup("SIGKILL")
  process.on("exit", onExit)

  /**
   * SIGTERM is Medusa's graceful shutdown; what is left after `graceMs` is
   * killed. develop's parent dies at once while its forked server shuts
   * down, so it waits for the whole group, not for the parent.
   */
  async function stop(graceMs = 15_000) {
    process.off("exit", onExit)
    signalGroup("SIGTERM")
    const deadline = Date.now() + graceMs
    while (groupAlive(child.pid) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200))
    }
    signalGroup("SIGKILL")
    await exit
  }

  const url = `http://localhost:${port}`
  try {
    await waitForHealth(url, child, timeoutMs)
  } catch (error) {
    await stop(5_000)
    throw error
  }
  return { url, port, process: child, exited: exit, stop }
}

module.exports = { medusaCli, runMedusa, startStore, waitForHealth, groupAlive }
