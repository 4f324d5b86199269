import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { updateProductVariantsWorkflow } from "@medusajs/medusa/core-flows"
// csv-parse comes with @medusajs/core-flows; it reads the files as a spreadsheet would.
import { parse } from "csv-parse/sync"
import { batchOrderPages } from "../../src/lib/batch-order-pages"
import { readOrdersByQuery } from "../../src/lib/read-orders"
import { Admin, bearer, createAdmin, loginForSession, loginForToken, session } from "../helpers/admin"
import { barcodesIn, decodeBarcodeSvg } from "../../src/lib/documents/__tests__/decode-barcode"
import { checkout } from "../helpers/checkout"
import { SeededStore, seedStore } from "../helpers/seed-store"
import { waitForAssignments } from "../helpers/wait"

jest.setTimeout(180_000)

type Auth = { headers: Record<string, string> }
type Placed = { id: string; display_id: number }

/** A shopper who types formulas and markup into the checkout form. */
const HOSTILE_ADDRESS = {
  first_name: '=HYPERLINK("http://evil.example","Click")',
  last_name: "Mallory",
  address_1: "=1+2 <script>alert(1)</script>",
  city: "Paris",
  country_code: "fr",
  postal_code: "75001",
}

const readAll = async (stream: AsyncIterable<Buffer>) => {
  const chunks: Buffer[] = []
  for await (const chunk of stream) {
    chunks.push(chunk)
  }
  return Buffer.concat(chunks).toString("utf8")
}

const csv = (text: string) =>
  parse(text, { bom: true, columns: true, skip_empty_lines: true }) as Record<string, string>[]

/** The pick list's table rows, barcodes aside. */
const pickListRows = (html: string) =>
  [...html.replace(/<svg [\s\S]*?<\/svg>/g, "").matchAll(/<tr><td>(.*?)<\/td><td>(.*?)<\/td><td>(.*?)<\/td><td class="num">(\d+)<\/td><td class="num">(\d+)<\/td><\/tr>/g)]
    .map(([, product, variant, sku, quantity, orders]) => ({
      product,
      variant,
      sku: sku === "—" ? "" : sku,
      quantity,
      orders,
    }))

/** The packing slips of a print document, one string each. */
const slips = (html: string) => html.split('<section class="order sheet').slice(1)

medusaIntegrationTestRunner({
  inApp: true,
  env: {},
  testSuite: ({ api, getContainer }) => {
    let store: SeededStore
    let admin: Admin

    beforeEach(async () => {
      store = await seedStore(getContainer())
      admin = await createAdmin(api, getContainer())
    })

    const variant = (sku: string) => store.variants.find((v) => v.sku === sku)!.id

    /**
     * Batch 1: three checkouts with several SKUs and quantities, one of them
     * hostile; `close` (a login) closes it; then one order in batch 2.
     */
    async function placeBatches<T>(close: () => Promise<T>) {
      const ada = await checkout(api, store, {
        email: "ada@example.com",
        items: [
          { variant_id: variant("TOTE-NAT"), quantity: 2 },
          { variant_id: variant("MUG-BLU"), quantity: 1 },
        ],
      })
      const mallory = await checkout(api, store, {
        email: "mallory@example.com",
        address: HOSTILE_ADDRESS,
        items: [
          { variant_id: variant("MUG-BLU"), quantity: 3 },
          { variant_id: variant("APRON-GRY"), quantity: 1 },
        ],
      })
      const grace = await checkout(api, store, {
        email: "grace@example.com",
        address: { first_name: "Grace", last_name: "Hopper" },
        items: [
          { variant_id: variant("TOTE-NAT"), quantity: 1 },
          { variant_id: variant("MUG-BLU"), quantity: 2 },
        ],
      })
      await waitForAssignments(getContainer(), [ada.id, mallory.id, grace.id])
      const closed = await close()

      const later = await checkout(api, store, {
        email: "late@example.com",
        items: [{ variant_id: variant("MUG-BLU"), quantity: 5 }],
      })
      await waitForAssignments(getContainer(), [later.id])
      return { batch1: [ada, mallory, grace], later, closed }
    }

    const batch = async (number: number, auth: Auth) =>
      (await api.get(`/admin/batches/${number}`, auth)).data.batch

    it("prints every order of the batch, escaped, one a page, with a cookie session, and records who printed", async () => {
      const { batch1, later, closed: cookie } = await placeBatches(() =>
        loginForSession(api, admin)
      )
      const [ada, mallory] = batch1

      const response = await api.get("/admin/batches/1/print", {
        ...session(cookie),
        responseType: "stream",
      })
      // Recorded as the document starts, before a byte of it is read, so the
      // dashboard shows it as soon as the administrator comes back to it.
      const printed = await batch(1, session(cookie))
      expect(printed).toMatchObject({ printed_by: admin.id, exported_at: null, exported_by: null })
      expect(new Date(printed.printed_at).getTime()).toBeGreaterThan(Date.now() - 60_000)
      expect((await batch(2, session(cookie))).printed_at).toBeNull()

      expect(response.status).toBe(200)
      expect(response.headers["content-type"]).toBe("text/html; charset=utf-8")
      expect(response.headers["content-security-policy"]).toContain("default-src 'none'")
      expect(response.headers["cache-control"]).toBe("no-store")
      const html = await readAll(response.data)
      expect(html).toMatch(/^<!doctype html>/)
      expect(html).toContain("@page")
      expect(html).toContain("break-after: page")

      const pages = slips(html)
      expect(pages).toHaveLength(3)
      batch1.forEach((order: Placed, i) => {
        expect(pages[i]).toContain(`<h1>Order #${order.display_id}</h1>`)
        expect(pages[i]).toContain("Batch 1")
      })
      expect(html).not.toContain(`Order #${later.display_id}<`)

      // Ada: two totes at 20 and a mug at 12, shipping 5, no tax in the region.
      const adaPage = pages[0]
      expect(adaPage).toContain("ada@example.com")
      expect(adaPage).toContain("1 Analytical Way<br>10115 Berlin<br>DE")
      expect(adaPage).toMatch(/Canvas Tote.*?<td>TOTE-NAT<\/td><td class="num">2<\/td>/s)
      expect(adaPage).toMatch(/Enamel Mug.*?<td>MUG-BLU<\/td><td class="num">1<\/td>/s)
      expect(adaPage).toMatch(/Subtotal<\/th><td class="num">€52\.00/)
      expect(adaPage).toMatch(/Shipping<\/th><td class="num">€5\.00/)
      expect(adaPage).toMatch(/Tax<\/th><td class="num">€0\.00/)
      expect(adaPage).toMatch(/Total<\/th><td class="num">€57\.00/)

      // Mallory's markup is shown as text, never run.
      expect(pages[1]).toContain(`Order #${mallory.display_id}`)
      expect(pages[1]).toContain("=1+2 &lt;script&gt;alert(1)&lt;/script&gt;")
      expect(pages[1]).toContain("=HYPERLINK(&quot;http://evil.example&quot;,&quot;Click&quot;) Mallory")
      expect(html).not.toContain("<script>")
    })

    it("streams the batch as CSV, one row per order, formulas neutralised, and records who exported", async () => {
      const { batch1, later, closed: token } = await placeBatches(() =>
        loginForToken(api, admin)
      )
      const [ada, mallory, grace] = batch1

      const response = await api.get("/admin/batches/1/export", {
        ...bearer(token),
        responseType: "text",
      })

      expect(response.headers["content-type"]).toBe("text/csv; charset=utf-8")
      expect(response.headers["content-disposition"]).toBe('attachment; filename="batch-1.csv"')
      const rows = csv(response.data)
      expect(rows.map((row) => row.order_id)).toEqual([ada.id, mallory.id, grace.id])
      expect(rows.map((row) => row.order_id)).not.toContain(later.id)

      expect(rows[0]).toEqual({
        batch_number: "1",
        order_number: String(ada.display_id),
        order_id: ada.id,
        placed_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
        email: "ada@example.com",
        customer_name: "Ada Lovelace",
        shipping_name: "Ada Lovelace",
        shipping_address: "1 Analytical Way, 10115 Berlin, DE",
        item_count: "3",
        currency_code: "eur",
        total: "57",
        payment_status: "authorized",
        fulfillment_status: "not_fulfilled",
        status: "pending",
      })
      expect(rows[1]).toMatchObject({
        customer_name: `'${HOSTILE_ADDRESS.first_name} Mallory`,
        shipping_name: `'${HOSTILE_ADDRESS.first_name} Mallory`,
        shipping_address: "'=1+2 <script>alert(1)</script>, 75001 Paris, FR",
        item_count: "4",
        total: "76",
      })
      expect(rows[2]).toMatchObject({ customer_name: "Grace Hopper", total: "49" })

      const exported = await batch(1, bearer(token))
      expect(exported).toMatchObject({ exported_by: admin.id, printed_at: null, printed_by: null })
      expect(exported.exported_at).not.toBeNull()

      // The routes read a batch a page at a time; pages of two show the seam.
      const pages: { ids: string[]; offset: number; count: number }[] = []
      for await (const page of batchOrderPages(
        getContainer(),
        exported.id,
        readOrdersByQuery<{ id: string }>(getContainer(), ["id"]),
        2
      )) {
        pages.push({ ids: page.orders.map((o) => o.id), offset: page.offset, count: page.count })
      }
      expect(pages).toEqual([
        { ids: [ada.id, mallory.id], offset: 0, count: 3 },
        { ids: [grace.id], offset: 2, count: 3 },
      ])
    })

    it("sums the pick list over the batch's line items, as a page and as CSV", async () => {
      // The apron loses its SKU: its line is grouped by variant and listed last.
      await updateProductVariantsWorkflow(getContainer()).run({
        input: { selector: { id: variant("APRON-GRY") }, update: { sku: null } },
      })
      const { closed: token } = await placeBatches(() => loginForToken(api, admin))
      const auth = bearer(token)

      // What the batch's orders hold, read through the batch's own orders route.
      const { data } = await api.get(
        "/admin/batches/1/orders?fields=id,items.product_title,items.variant_sku,items.quantity",
        auth
      )
      const expected = new Map<string, { quantity: number; orders: Set<string> }>()
      for (const order of data.orders) {
        for (const item of order.items) {
          const key = item.variant_sku ?? item.product_title
          const line = expected.get(key) ?? { quantity: 0, orders: new Set<string>() }
          line.quantity += Number(item.quantity)
          line.orders.add(order.id)
          expected.set(key, line)
        }
      }
      const expectedRows = [
        ["Enamel Mug", "One size", "MUG-BLU"],
        ["Canvas Tote", "One size", "TOTE-NAT"],
        ["Linen Apron", "One size", ""],
      ].map(([product, variantTitle, sku]) => {
        const line = expected.get(sku || product)!
        return {
          product,
          variant: variantTitle,
          sku,
          quantity: String(line.quantity),
          orders: String(line.orders.size),
        }
      })
      expect(expectedRows.map((row) => row.quantity)).toEqual(["6", "3", "1"])

      const csvResponse = await api.get("/admin/batches/1/pick-list?format=csv", {
        ...auth,
        responseType: "text",
      })
      expect(csvResponse.headers["content-type"]).toBe("text/csv; charset=utf-8")
      expect(csvResponse.headers["content-disposition"]).toBe(
        'attachment; filename="batch-1-pick-list.csv"'
      )
      expect(csv(csvResponse.data)).toEqual(expectedRows)

      const page = await api.get("/admin/batches/1/pick-list", auth)
      expect(page.headers["content-type"]).toBe("text/html; charset=utf-8")
      expect(pickListRows(page.data)).toEqual(expectedRows)
      expect(page.data).toContain("3 orders · 10 units · 3 lines")

      // A pick list is not a print or an export of the batch.
      expect(await batch(1, auth)).toMatchObject({ printed_at: null, exported_at: null })
    })

    /** Polls the batch until `done` holds (the module marks a cancel from its event). */
    const batchWhen = async (number: number, auth: Auth, done: (b: any) => boolean) => {
      const deadline = Date.now() + 30_000
      for (;;) {
        const found = await batch(number, auth)
        if (done(found) || Date.now() > deadline) {
          return found
        }
        await new Promise((resolve) => setTimeout(resolve, 200))
      }
    }

    it("keeps an order canceled after the close in its batch: off the pick list, CANCELED on its slip, canceled in the export, out of the totals", async () => {
      const { batch1, closed: token } = await placeBatches(() => loginForToken(api, admin))
      const auth = bearer(token)
      const [ada, mallory, grace] = batch1
      expect(await batch(1, auth)).toMatchObject({
        order_count: 3,
        canceled_count: 0,
        totals: [{ currency_code: "eur", amount: 182 }],
      })

      // Canceled the way the dashboard's Cancel button does it, after the close.
      const canceled = await api.post(`/admin/orders/${mallory.id}/cancel`, {}, auth)
      expect(canceled.data.order.status).toBe("canceled")

      const after = await batchWhen(1, auth, (b) => b.canceled_count === 1)
      expect(after).toMatchObject({
        status: "closed",
        order_count: 3,
        canceled_count: 1,
        totals: [{ currency_code: "eur", amount: 57 + 49 }],
        totals_pending: false,
      })
      const { data: listed } = await api.get("/admin/batches/1/orders?fields=id,status", auth)
      expect(listed.orders.map((o: { id: string }) => o.id)).toEqual([ada.id, mallory.id, grace.id])

      // Mallory's three mugs and the apron are not picked.
      const expectedRows = [
        { product: "Enamel Mug", variant: "One size", sku: "MUG-BLU", quantity: "3", orders: "2" },
        { product: "Canvas Tote", variant: "One size", sku: "TOTE-NAT", quantity: "3", orders: "2" },
      ]
      const page = (await api.get("/admin/batches/1/pick-list", auth)).data as string
      expect(pickListRows(page)).toEqual(expectedRows)
      expect(page).toContain("2 orders · 6 units · 2 lines")
      expect(page).toContain("Left out: 1 canceled order of this batch; its items are not on this list.")
      const pickCsv = csv(
        (await api.get("/admin/batches/1/pick-list?format=csv", { ...auth, responseType: "text" })).data
      )
      expect(pickCsv.filter((row) => !row.product.startsWith("Left out:"))).toEqual(expectedRows)
      expect(pickCsv.at(-1)).toMatchObject({ product: "Left out: 1 canceled order", orders: "1" })

      // The slip is still printed, in its place, marked so nobody packs it.
      const print = slips((await api.get("/admin/batches/1/print", auth)).data)
      expect(print).toHaveLength(3)
      expect(print[1]).toMatch(/^ canceled" data-order-id="[^"]+">/)
      expect(print[1]).toContain(`Order #${mallory.display_id}`)
      expect(print[1]).toMatch(/<p class="canceled-mark" role="alert"><strong>CANCELED<\/strong> Do not pack/)
      for (const other of [print[0], print[2]]) {
        expect(other).not.toContain("CANCELED")
      }

      const exported = csv(
        (await api.get("/admin/batches/1/export", { ...auth, responseType: "text" })).data
      )
      expect(exported.map((row) => [row.order_id, row.status])).toEqual([
        [ada.id, "pending"],
        [mallory.id, "canceled"],
        [grace.id, "pending"],
      ])
    })

    it("exports each order's current total, as Medusa's own order has it after an edit confirmed after the close, while the batch keeps the total the order joined with", async () => {
      const { batch1, closed: token } = await placeBatches(() => loginForToken(api, admin))
      const auth = bearer(token)
      const [ada] = batch1
      expect((await batch(1, auth)).totals).toEqual([{ currency_code: "eur", amount: 182 }])

      // Two more mugs for Ada, the way the dashboard's Edit order does it.
      await api.post("/admin/order-edits", { order_id: ada.id }, auth)
      await api.post(`/admin/order-edits/${ada.id}/items`, { items: [{ variant_id: variant("MUG-BLU"), quantity: 2 }] }, auth)
      await api.post(`/admin/order-edits/${ada.id}/request`, {}, auth)
      await api.post(`/admin/order-edits/${ada.id}/confirm`, {}, auth)
      const { order } = (await api.get(`/admin/orders/${ada.id}?fields=total`, auth)).data
      expect(order.total).toBeGreaterThan(57)

      const exported = csv(
        (await api.get("/admin/batches/1/export", { ...auth, responseType: "text" })).data
      )
      expect(exported[0]).toMatchObject({ order_id: ada.id, item_count: "5", total: String(order.total) })
      expect((await batch(1, auth)).totals).toEqual([{ currency_code: "eur", amount: 182 }])
    })

    it("puts a Code 128 barcode of the order number on every slip and of the SKU on every pick-list line, and a decoder reads them back", async () => {
      const { batch1, closed: token } = await placeBatches(() => loginForToken(api, admin))
      const auth = bearer(token)

      const print = await api.get("/admin/batches/1/print", auth)
      // Inline SVG: the policy that forbids scripts and loading anything still holds.
      expect(print.headers["content-security-policy"]).toContain("default-src 'none'")
      expect(print.data).not.toMatch(/<script|<img|<image|href=/)
      const slipCodes = slips(print.data).map((slip) => {
        const [svg, ...more] = barcodesIn(slip)
        expect(more).toHaveLength(0)
        return decodeBarcodeSvg(svg)
      })
      expect(slipCodes).toEqual(batch1.map((order: Placed) => String(order.display_id)))

      const pickList = (await api.get("/admin/batches/1/pick-list", auth)).data as string
      expect(barcodesIn(pickList).map((svg) => decodeBarcodeSvg(svg))).toEqual([
        "APRON-GRY",
        "MUG-BLU",
        "TOTE-NAT",
      ])
    })

    it("refuses anonymous callers and answers bad numbers and formats as the other routes do", async () => {
      const auth = bearer(await loginForToken(api, admin))
      const get = (url: string, config = {}) =>
        api.get(url, { ...config, validateStatus: () => true })

      for (const document of ["print", "pick-list", "export"]) {
        expect((await get(`/admin/batches/1/${document}`)).status).toBe(401)
        for (const bad of ["abc", "0", "-1", "1.5", "1e3"]) {
          const response = await get(`/admin/batches/${bad}/${document}`, auth)
          expect([document, bad, response.status, response.data.type]).toEqual([
            document, bad, 400, "invalid_data",
          ])
        }
        const missing = await get(`/admin/batches/99/${document}`, auth)
        expect(missing.status).toBe(404)
        expect(missing.data).toMatchObject({ type: "not_found", message: expect.stringContaining("batches 1 to 2 exist") })
      }

      const badFormat = await get("/admin/batches/1/pick-list?format=pdf", auth)
      expect(badFormat.status).toBe(400)
      expect(badFormat.data).toMatchObject({ type: "invalid_data", message: expect.stringContaining("'html, csv' for field 'format'") })

      // Empty batches still give whole documents.
      const print = await get("/admin/batches/1/print", auth)
      expect(print.status).toBe(200)
      expect(print.data).toContain("This batch has no orders.")
      const exported = await get("/admin/batches/2/export", { ...auth, responseType: "text" })
      expect(exported.status).toBe(200)
      expect(exported.data.replace(/^\uFEFF/, "").trim()).toBe(
        "batch_number,order_number,order_id,placed_at,email,customer_name,shipping_name,shipping_address,item_count,currency_code,total,payment_status,fulfillment_status,status"
      )
      const open = await get("/admin/batches/2/pick-list", auth)
      expect(open.data).toContain("Batch 2 is still open and receiving orders")
    })
  },
})
