import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { updateProductVariantsWorkflow } from "@medusajs/medusa/core-flows"
// csv-parse comes with @medusajs/core-flows; it reads the files as a spreadsheet would.
import { parse } from "csv-parse/sync"
import { batchOrderPages } from "../../src/lib/batch-order-pages"
import { readOrdersByQuery } from "../../src/lib/read-orders"
import { Admin, bearer, createAdmin, loginForSession, loginForToken, session } from "../helpers/admin"
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

      const pages = html.split('<section class="order sheet">').slice(1)
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
      const rows = [...(page.data as string).matchAll(/<tr><td>(.*?)<\/td><td>(.*?)<\/td><td>(.*?)<\/td><td class="num">(\d+)<\/td><td class="num">(\d+)<\/td><\/tr>/g)]
      expect(rows.map(([, product, variantTitle, sku, quantity, orders]) => ({
        product,
        variant: variantTitle,
        sku: sku === "—" ? "" : sku,
        quantity,
        orders,
      }))).toEqual(expectedRows)
      expect(page.data).toContain("3 orders · 10 units · 3 lines")

      // A pick list is not a print or an export of the batch.
      expect(await batch(1, auth)).toMatchObject({ printed_at: null, exported_at: null })
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
        "batch_number,order_number,order_id,placed_at,email,customer_name,shipping_name,shipping_address,item_count,currency_code,total,payment_status,fulfillment_status"
      )
      const open = await get("/admin/batches/2/pick-list", auth)
      expect(open.data).toContain("Batch 2 is still open and receiving orders")
    })
  },
})
