import { AxiosInstance } from "axios"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { bearer, createAdmin, loginForToken, secretKey } from "../helpers/admin"
import { checkout } from "../helpers/checkout"
import { seedStore } from "../helpers/seed-store"
import { waitForAssignments } from "../helpers/wait"

// The app's boot and migrations in the hooks; the fuzz itself has its own bound below.
jest.setTimeout(300_000)

/** At least this many requests; FUZZ_SEED replays a run, FUZZ_COUNT makes it longer. */
const COUNT = Math.max(2_000, Number(process.env.FUZZ_COUNT) || 0)
const SEED = Number(process.env.FUZZ_SEED) || Date.now() % 2 ** 31
/** Few in flight: the point is bad input, not load (concurrency.spec.ts does load). */
const IN_FLIGHT = 3
/** The fuzz's own bound: 2,000 requests take well under it on a busy 2-core machine. */
const FUZZ_TIMEOUT = 240_000

/** mulberry32: small, fast and seeded, so a failing run can be replayed. */
function prng(seed: number) {
  let a = seed >>> 0
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32
  }
  const int = (n: number) => Math.floor(next() * n)
  const pick = <T>(list: readonly T[]): T => list[int(list.length)]
  return { next, int, pick }
}

type Rng = ReturnType<typeof prng>

const WEIRD = [
  "", " ", "0", "-1", "1.5", "1e3", "01", "0x10", "+1", "2147483647", "2147483648", "99999999999999999999",
  "NaN", "Infinity", "-0", "null", "undefined", "true", "[]", "{}", "abc", "ü", "😀", "%", "%00", "%zz",
  "...", "\\", "'", "\"", "<script>", "${1}", "1;DROP TABLE order_batch", "1 OR 1=1", "\u0000", "\t",
  "current", "open", "rotate", "orders", "export", "actions", "obrun_01", "order_01",
]

/**
 * A path segment where a batch number (or a run id) goes: mostly wrong,
 * sometimes a batch that exists. Never a slash, a backslash or a dot segment:
 * the URL parser would make those another route.
 */
function segment(rng: Rng): string {
  switch (rng.int(6)) {
    case 0:
      return String(rng.int(6)) // 0..5: batches that exist (1..3) and some that do not
    case 1:
      return String(rng.int(2 ** 31) * (rng.next() < 0.3 ? -1 : 1))
    case 2: // an empty segment is no batch route at all (Express's own 404): a blank one instead
      return encodeURIComponent(rng.pick(WEIRD)) || "%20"
    case 3: // printable bytes and percent-escapes, well-formed or not
      // No dot, plain or as %2e: "." and ".." segments are removed by the
      // client's URL parser, so the request would name no batch route at all.
      return Array.from({ length: 1 + rng.int(12) }, () =>
        rng.next() < 0.5
          ? String.fromCharCode(33 + rng.int(94)).replace(/[/?#\\.]/, "_")
          : `%${rng.int(256).toString(16).padStart(2, "0").replace(/^2e$/, "5f")}`
      ).join("")
    case 4:
      return "9".repeat(1 + rng.int(40))
    default:
      return `${rng.int(100)}${rng.pick([".", "e", ",", "_", "-", " ", "%20", "+"])}${rng.int(100)}`
  }
}

const KEYS = ["limit", "offset", "fields", "format", "order", "q", "expand", "limit[]", "offset[$gt]", "fields[a]", "number", "x"]

function queryString(rng: Rng): string {
  const parts = Array.from({ length: rng.int(4) }, () => {
    const key = rng.pick(KEYS)
    const value =
      rng.next() < 0.5
        ? rng.pick(["1", "20", "500", "501", "0", "-1", "1.5", "1e2", "csv", "html", "pdf", "*", "id", "+id", "-id", "*items", "batch.*", "%2A", ""])
        : segment(rng)
    return `${encodeURIComponent(key)}=${value}`
  })
  return parts.length ? `?${parts.join("&")}` : ""
}

/** A batch-closing or action-starting body that is never valid: the fuzz must not close a batch or start a run. */
function malformedBody(rng: Rng): { body: unknown; raw: boolean } {
  const value = () =>
    rng.pick<unknown>([null, true, 0, -1, 1.5, 1e3, 2 ** 31, "", "abc", "1.5", "01", [], [1], {}, { a: 1 }, "9".repeat(30)])
  switch (rng.int(6)) {
    case 0: // any number, but always beside a key the route does not take
      return { body: { number: value(), [rng.pick(["x", "batch", "action", "id", "__proto__x"])]: value() }, raw: false }
    case 1:
      return {
        body: { number: rng.pick([null, true, false, -1, 0, 1.5, 1e3 + 0.5, "", "abc", "01", "1e3", " 1", "0x1", [], [1], {}, 2 ** 31, 1e21]) },
        raw: false,
      }
    case 2:
      return { body: { action: rng.pick(["", "FULFILL", "delete", "cancel", "fulfill ", 1, null, ["fulfill"], { a: 1 }]) }, raw: false }
    case 3:
      return { body: { action: rng.pick(["fulfill", "ship", "capture"]), [rng.pick(["x", "number", "batch"])]: value() }, raw: false }
    case 4:
      return { body: rng.pick<unknown>([[], [1, 2], "string", 42, null, true]), raw: false }
    default: // broken JSON, sent as it is
      return { body: rng.pick(["{", "{\"number\":", "not json", "\u0000", "{\"number\": 1,}", "{\"action\":\"fulfill\"", "[", "{}}"]), raw: true }
  }
}

type Request = {
  route: string
  method: "get" | "post"
  path: string
  body?: unknown
  /** Send the body as it is (broken JSON), not JSON-encoded. */
  raw?: boolean
  /** Medusa's own order route for the same input, to compare a 5xx with. */
  orders?: string
  /** Which credential: the secret API key or an administrator's token. */
  as: number
}

/** Batch numbers that exist when the fuzz runs: 1 and 2 closed, 3 open. */
const EXISTING = new Set(["1", "2", "3"])

/**
 * The print and export documents record `printed_at` / `exported_at` when a
 * batch's document starts: they are fuzzed only where no batch answers, so
 * that nothing may change (Express decodes the segment before the route
 * reads it, hence the decoding here).
 */
function noBatch(seg: string): string {
  let decoded = seg
  try {
    decoded = decodeURIComponent(seg)
  } catch {
    return seg // a broken escape: refused before any handler
  }
  return EXISTING.has(decoded) ? `${seg}0000` : seg
}

const decodes = (seg: string) => {
  try {
    decodeURIComponent(seg)
    return true
  } catch {
    return false
  }
}

/**
 * One request over one of the batch routes, weighted to the cheap ones: the
 * documents (print, pick list, export) are 6 in 100.
 */
function request(rng: Rng): Request {
  const seg = segment(rng)
  const q = queryString(rng)
  // The secret API key costs Medusa a scrypt per request: one request in ten.
  const as = rng.int(10) === 0 ? 0 : 1
  const roll = rng.int(100)
  if (roll < 10) {
    return { route: "GET /batches", method: "get", path: `/admin/batches${q}`, orders: `/admin/orders${q}`, as }
  }
  if (roll < 15) {
    return { route: "GET /batches/current", method: "get", path: `/admin/batches/current${q}`, orders: `/admin/orders${q}`, as }
  }
  if (roll < 20) {
    return { route: "GET /batches/open", method: "get", path: `/admin/batches/open${q}`, orders: `/admin/orders${q}`, as }
  }
  if (roll < 34) {
    return { route: "GET /batches/:n", method: "get", path: `/admin/batches/${seg}${q}`, orders: `/admin/orders/${seg}${q}`, as }
  }
  if (roll < 48) {
    return { route: "GET /batches/:n/orders", method: "get", path: `/admin/batches/${seg}/orders${q}`, orders: `/admin/orders/${seg}${q}`, as }
  }
  if (roll < 50) {
    const path = `/admin/batches/${noBatch(seg)}/print${q}`
    return { route: "GET /batches/:n/print", method: "get", path, orders: `/admin/orders/${seg}${q}`, as }
  }
  if (roll < 52) {
    return { route: "GET /batches/:n/pick-list", method: "get", path: `/admin/batches/${seg}/pick-list${q}`, orders: `/admin/orders/${seg}${q}`, as }
  }
  if (roll < 54) {
    const path = `/admin/batches/${noBatch(seg)}/export${q}`
    return { route: "GET /batches/:n/export", method: "get", path, orders: `/admin/orders/${seg}${q}`, as }
  }
  if (roll < 62) {
    return { route: "GET /batches/:n/actions", method: "get", path: `/admin/batches/${seg}/actions${q}`, orders: `/admin/orders/${seg}${q}`, as }
  }
  if (roll < 70) {
    const id = segment(rng)
    const path = `/admin/batches/${seg}/actions/${id}${q}`
    const orders = `/admin/orders/${decodes(seg) ? id : seg}${q}`
    return { route: "GET /batches/:n/actions/:id", method: "get", path, orders, as }
  }
  const { body, raw } = malformedBody(rng)
  if (roll < 85) {
    // A segment Express cannot decode fails before any route, whatever the method: compared with Medusa's GET.
    const orders = `/admin/orders/${seg}${q}`
    return { route: "POST /batches/:n/actions", method: "post", path: `/admin/batches/${seg}/actions${q}`, body, raw, orders, as }
  }
  return { route: "POST /batches/rotate", method: "post", path: `/admin/batches/rotate${q}`, body, raw, as }
}

type Answer = { status: number; data: string; ms: number }

const rows = (result: { rows: unknown[] }) => result.rows

medusaIntegrationTestRunner({
  inApp: true,
  testSuite: ({ api, getContainer, dbConnection, utils }) => {
    it(
      `answers ${COUNT} generated requests over every batch route with 2xx or a { type, message } 4xx, and changes no batch`,
      async () => {
        console.log(`batch fuzz: seed ${SEED} (FUZZ_SEED=${SEED} replays it), ${COUNT} requests, ${IN_FLIGHT} in flight`)
        const container = getContainer()
        const store = await seedStore(container)
        const admin = await createAdmin(api, container)
        await loginForToken(api, admin) // batch 1 closed, empty
        await waitForAssignments(container, [(await checkout(api, store)).id])
        const token = await loginForToken(api, admin) // batch 2, with the order, closed; 3 open
        await utils.waitWorkflowExecutions() // the close's subscribers (totals, notifications) are done
        const auth = [secretKey(store.secretKey), bearer(token)]

        // Whole rows: any column of a batch, any assignment, any run.
        const snapshot = async () => ({
          batches: await dbConnection.raw("SELECT * FROM order_batch ORDER BY number").then(rows),
          members: await dbConnection.raw("SELECT * FROM order_batch_order ORDER BY order_id").then(rows),
          runs: await dbConnection.raw("SELECT * FROM order_batch_action_run ORDER BY id").then(rows),
        })
        const before = await snapshot()
        expect(before.batches.map((b: { number: number; status: string }) => [b.number, b.status])).toEqual([
          [1, "closed"],
          [2, "closed"],
          [3, "open"],
        ])
        expect(before.members).toHaveLength(1)

        const send = (r: Request, path: string, method = r.method): Promise<Answer> => {
          const started = Date.now()
          return (api as AxiosInstance)
            .request({
              method,
              url: path,
              data: method === "get" ? undefined : r.raw ? r.body : JSON.stringify(r.body),
              // As it is: axios would JSON-encode a string that does not parse.
              transformRequest: (data) => data,
              headers: { ...auth[r.as].headers, "content-type": "application/json" },
              transformResponse: (data) => data,
              validateStatus: () => true,
              maxRedirects: 0,
              timeout: 30_000,
            })
            .then(
              (answer) => ({ status: answer.status, data: String(answer.data), ms: Date.now() - started }),
              (e: Error) => ({ status: -1, data: e.message, ms: Date.now() - started })
            )
        }

        const problems: string[] = []
        const problem = (text: string) => {
          if (problems.push(text) <= 20) {
            console.log(`batch fuzz: ${text}`)
          }
        }
        const statuses = new Map<string, Map<number, number>>()
        let slowest = { ms: 0, where: "" }
        /** 5xx that Medusa's own order route gives for the same input (a path segment Express cannot decode). */
        let sameAsMedusa = 0
        const check = async (r: Request) => {
          const answer = await send(r, r.path)
          const byRoute = statuses.get(r.route) ?? new Map<number, number>()
          byRoute.set(answer.status, (byRoute.get(answer.status) ?? 0) + 1)
          statuses.set(r.route, byRoute)
          const where = `${r.method.toUpperCase()} ${r.path}${r.body !== undefined ? ` ${JSON.stringify(r.body)}` : ""}`
          if (answer.ms > slowest.ms) {
            slowest = { ms: answer.ms, where }
          }
          if (answer.status >= 500) {
            // The plugin's fault, unless Medusa's own order route gives a 5xx for the same input.
            const theirs = r.orders ? await send(r, r.orders, "get") : null
            if (theirs && theirs.status >= 500) {
              sameAsMedusa++
              return
            }
            problem(`${where} → ${answer.status} (Medusa's ${r.orders ?? "-"} → ${theirs?.status ?? "-"}): ${answer.data.slice(0, 200)}`)
            return
          }
          if (answer.status < 200 || (answer.status >= 300 && answer.status < 400)) {
            problem(`${where} → ${answer.status}: ${answer.data.slice(0, 200)}`)
            return
          }
          if (answer.status >= 400) {
            let body: { type?: unknown; message?: unknown } = {}
            try {
              body = JSON.parse(answer.data)
            } catch {
              // not JSON: reported below
            }
            if (typeof body.type !== "string" || typeof body.message !== "string" || !body.message) {
              problem(`${where} → ${answer.status} without { type, message }: ${answer.data.slice(0, 200)}`)
            }
          }
        }

        const rng = prng(SEED)
        const requests = Array.from({ length: COUNT }, () => request(rng))
        const started = Date.now()
        let next = 0
        await Promise.all(
          Array.from({ length: IN_FLIGHT }, async () => {
            while (next < requests.length) {
              const i = next++
              await check(requests[i])
              if ((i + 1) % 500 === 0) {
                console.log(`batch fuzz: ${i + 1} requests in ${((Date.now() - started) / 1000).toFixed(1)} s`)
              }
            }
          })
        )
        const seconds = (Date.now() - started) / 1000

        const summary = [...statuses]
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([route, counts]) => `${route} ${JSON.stringify(Object.fromEntries([...counts].sort(([a], [b]) => a - b)))}`)
        console.log(
          `batch fuzz: seed ${SEED}, ${COUNT} requests in ${seconds.toFixed(1)} s, slowest ${slowest.ms} ms (${slowest.where.slice(0, 120)}), ${sameAsMedusa} 5xx as Medusa's /admin/orders gives them\n${summary.join("\n")}`
        )
        expect(problems).toEqual([])
        await utils.waitWorkflowExecutions()
        expect(await snapshot()).toEqual(before)
      },
      FUZZ_TIMEOUT
    )
  },
})
