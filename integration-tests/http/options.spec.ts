import { spawn } from "node:child_process"
import path from "node:path"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { Admin, bearer, createAdmin, loginForToken, secretKey } from "../helpers/admin"
import { checkout } from "../helpers/checkout"
import { SeededStore, seedStore } from "../helpers/seed-store"
import { waitForAssignments } from "../helpers/wait"

jest.setTimeout(180_000)

// The repository's medusa-config.ts passes ORDER_BATCH_OPTIONS to the plugin.
// It is read when the runner loads the config, in its own beforeAll.
const previous = process.env.ORDER_BATCH_OPTIONS
beforeAll(() => {
  process.env.ORDER_BATCH_OPTIONS = JSON.stringify({
    rotateEmptyBatch: false,
    firstBatchNumber: 500,
  })
})
afterAll(() => {
  process.env.ORDER_BATCH_OPTIONS = previous
})

/** Starts the store with the given options and resolves with its exit and output. */
const startStore = (databaseUrl: string, options: unknown) =>
  new Promise<{ code: number | null; output: string }>((resolve) => {
    const child = spawn(
      path.join(process.cwd(), "node_modules/.bin/medusa"),
      ["start"],
      {
        env: {
          ...process.env,
          DATABASE_URL: databaseUrl,
          ORDER_BATCH_OPTIONS: JSON.stringify(options),
          MEDUSA_ADMIN_DISABLE: "true",
          PORT: "0",
        },
      }
    )
    let output = ""
    child.stdout.on("data", (d) => (output += d))
    child.stderr.on("data", (d) => (output += d))
    // A store that starts despite bad options would keep running: stop it.
    const timer = setTimeout(() => child.kill("SIGKILL"), 90_000)
    child.on("exit", (code) => {
      clearTimeout(timer)
      resolve({ code, output })
    })
  })

medusaIntegrationTestRunner({
  inApp: true,
  testSuite: ({ api, getContainer, dbConfig }) => {
    let store: SeededStore
    let admin: Admin

    beforeEach(async () => {
      store = await seedStore(getContainer())
      admin = await createAdmin(api, getContainer())
    })

    const openNumber = async (): Promise<number | null> =>
      (await api.get("/admin/batches/open", secretKey(store.secretKey))).data.batch?.number ?? null

    it("numbers from firstBatchNumber and keeps an empty batch open at login (rotateEmptyBatch: false)", async () => {
      // A new store has no batch; the first login creates batch 500 and, empty, keeps it open.
      expect(await openNumber()).toBeNull()

      const empty = bearer(await loginForToken(api, admin))
      expect(await openNumber()).toBe(500)
      expect((await api.get("/admin/batches/current", empty)).data.batch).toBeNull()

      const order = await checkout(api, store)
      await waitForAssignments(getContainer(), [order.id])
      const withOrder = bearer(await loginForToken(api, admin))
      const current = (await api.get("/admin/batches/current", withOrder)).data.batch
      expect(current).toMatchObject({ number: 500, order_count: 1 })
      expect(await openNumber()).toBe(501)

      // Empty again: the login keeps 501 open and the current batch stays 500.
      const again = bearer(await loginForToken(api, admin))
      expect(await openNumber()).toBe(501)
      expect((await api.get("/admin/batches/current", again)).data.batch.number).toBe(500)
    })

    it("refuses to start with an invalid option, naming it", async () => {
      for (const [options, message] of [
        [{ firstBatchNumber: 0 }, 'option "firstBatchNumber" must be a whole number from 1 to 2146483647 (room for 1,000,000 batches below the largest batch number, 2147483647); received 0.'],
        [{ firstBatchNumber: 2147483000 }, 'option "firstBatchNumber" must be a whole number from 1 to 2146483647'],
        [{ rotateOnLogin: "yes" }, 'option "rotateOnLogin" must be true or false; received "yes".'],
      ] as const) {
        const { code, output } = await startStore(dbConfig.clientUrl, options)
        expect(code).not.toBe(0)
        expect(output).toContain(`medusa-order-batches: ${message}`)
      }
    })
  },
})
