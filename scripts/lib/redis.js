// The few Redis commands the cluster test needs (PING, SELECT, DBSIZE,
// FLUSHDB), spoken in RESP over a socket, so the scripts need no Redis client
// package of their own.
const net = require("node:net")

/** Where the test's Redis is: REDIS_URL, else the usual local server. */
const redisUrlFromEnv = () => process.env.REDIS_URL || "redis://localhost:6379"

const encode = (args) =>
  `*${args.length}\r\n${args.map((a) => `$${Buffer.byteLength(String(a))}\r\n${a}\r\n`).join("")}`

/** One reply of `count` simple replies (+OK, :1, -ERR…, $n…). */
function parseReplies(buffer, count) {
  const replies = []
  let at = 0
  while (replies.length < count) {
    const end = buffer.indexOf("\r\n", at)
    if (end < 0) {
      return null
    }
    const type = buffer[at]
    const line = buffer.slice(at + 1, end)
    if (type === "$") {
      const length = Number(line)
      if (length < 0) {
        replies.push(null)
        at = end + 2
        continue
      }
      if (buffer.length < end + 2 + length + 2) {
        return null
      }
      replies.push(buffer.slice(end + 2, end + 2 + length))
      at = end + 2 + length + 2
    } else {
      replies.push(type === "-" ? new Error(line) : type === ":" ? Number(line) : line)
      at = end + 2
    }
  }
  return replies
}

/**
 * Runs `commands` (arrays of arguments) on the database of `url` and
 * resolves to their replies; rejects where nothing answers within
 * `timeoutMs` or a command fails.
 */
function redisCommands(url, commands, timeoutMs = 3_000) {
  const u = new URL(url)
  const db = Number(u.pathname.slice(1) || 0)
  const all = [
    ...(u.password ? [u.username ? ["AUTH", decodeURIComponent(u.username), decodeURIComponent(u.password)] : ["AUTH", decodeURIComponent(u.password)]] : []),
    ...(db ? [["SELECT", db]] : []),
    ...commands,
  ]
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: u.hostname, port: Number(u.port || 6379) })
    let data = ""
    const timer = setTimeout(() => {
      socket.destroy()
      reject(new Error(`Redis at ${u.host} did not answer within ${timeoutMs} ms`))
    }, timeoutMs)
    socket.setEncoding("utf8")
    socket.once("error", (error) => {
      clearTimeout(timer)
      reject(error)
    })
    socket.on("data", (chunk) => {
      data += chunk
      const replies = parseReplies(data, all.length)
      if (!replies) {
        return
      }
      clearTimeout(timer)
      socket.end()
      const failed = replies.find((r) => r instanceof Error)
      failed ? reject(failed) : resolve(replies.slice(all.length - commands.length))
    })
    socket.write(all.map(encode).join(""))
  })
}

/** Whether a Redis answers PING at `url`. */
async function redisAnswers(url) {
  try {
    const [pong] = await redisCommands(url, [["PING"]])
    return pong === "PONG"
  } catch {
    return false
  }
}

/**
 * A database of the Redis at `url` that holds no keys, so a test's queues
 * and locks cannot meet another user's: `url` itself where it names one,
 * else the first empty database from 15 down (0 is where others live).
 */
async function emptyDatabase(url) {
  const u = new URL(url)
  if (u.pathname.length > 1) {
    return url
  }
  for (let db = 15; db >= 1; db--) {
    u.pathname = `/${db}`
    try {
      const [size] = await redisCommands(u.toString(), [["DBSIZE"]])
      if (size === 0) {
        return u.toString()
      }
    } catch {
      break // a Redis with fewer databases, or a proxy: use its default
    }
  }
  return url
}

module.exports = { redisUrlFromEnv, redisCommands, redisAnswers, emptyDatabase }
