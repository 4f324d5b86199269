import { BigNumber } from "@medusajs/framework/utils"
import {
  emptyPickListTally,
  PickOrder,
  tallyPickList,
  toPickList,
} from "../pick-list-tally"

type Item = NonNullable<PickOrder["items"]>[number]

const item = (fields: Partial<Item>): Item => ({
  title: null,
  product_title: null,
  variant_id: null,
  variant_title: null,
  variant_sku: null,
  quantity: 1,
  ...fields,
})

const pickList = (...pages: PickOrder[][]) =>
  toPickList(pages.reduce(tallyPickList, emptyPickListTally()))

const summary = (...pages: PickOrder[][]) =>
  pickList(...pages).lines.map((l) => [l.sku ?? l.product_title, l.quantity, l.order_count])

describe("the pick list's sums", () => {
  it("sums a SKU over orders and counts each order once", () => {
    const list = pickList([
      { id: "o1", items: [item({ variant_sku: "MUG", quantity: 2 })] },
      {
        id: "o2",
        // The same SKU on two lines of one order: one order, both quantities.
        items: [
          item({ variant_sku: "MUG", quantity: 1 }),
          item({ variant_sku: "MUG", quantity: 3 }),
        ],
      },
    ])
    expect(list).toEqual({
      order_count: 2,
      quantity: 6,
      canceled_count: 0,
      lines: [
        { product_title: "", variant_title: "", sku: "MUG", quantity: 6, order_count: 2 },
      ],
    })
  })

  it("sums across pages as across one page", () => {
    const orders: PickOrder[] = [
      { id: "o1", items: [item({ variant_sku: "A", quantity: 1 })] },
      { id: "o2", items: [item({ variant_sku: "A", quantity: 2 })] },
      { id: "o3", items: [item({ variant_sku: "B", quantity: 4 })] },
    ]
    expect(pickList(orders.slice(0, 2), orders.slice(2))).toEqual(pickList(orders))
  })

  it("reads quantities given as numbers, strings and BigNumbers", () => {
    const list = pickList([
      {
        id: "o1",
        items: [
          item({ variant_sku: "A", quantity: "2" }),
          item({ variant_sku: "A", quantity: new BigNumber(3) }),
          item({ variant_sku: "A", quantity: { value: "4", precision: 20 } }),
        ],
      },
    ])
    expect(list.quantity).toBe(9)
    expect(list.lines[0].quantity).toBe(9)
  })

  it("sorts SKUs numeric-aware and lists items without a SKU last, by variant", () => {
    expect(
      summary([
        {
          id: "o1",
          items: [
            item({ variant_sku: "SHELF-10" }),
            item({ variant_id: "var_apron", product_title: "Linen Apron" }),
            item({ variant_sku: "SHELF-2" }),
            item({ variant_sku: "  ", variant_id: "var_bag", product_title: "Bag" }),
            item({ variant_sku: "SHELF-1" }),
          ],
        },
        { id: "o2", items: [item({ variant_id: "var_apron", product_title: "Linen Apron", quantity: 2 })] },
      ])
    ).toEqual([
      ["SHELF-1", 1, 1],
      ["SHELF-2", 1, 1],
      ["SHELF-10", 1, 1],
      ["Bag", 1, 1],
      ["Linen Apron", 3, 2],
    ])
  })

  it("keeps custom items without a variant apart by title", () => {
    expect(
      summary([
        {
          id: "o1",
          items: [
            item({ title: "Gift wrap" }),
            item({ title: "Engraving", quantity: 2 }),
            item({ title: "Gift wrap" }),
          ],
        },
      ])
    ).toEqual([
      ["Engraving", 2, 1],
      ["Gift wrap", 2, 1],
    ])
  })

  it("counts orders without items, and an empty batch has no lines", () => {
    expect(pickList([{ id: "o1", items: null }, { id: "o2", items: [] }])).toEqual({
      lines: [],
      order_count: 2,
      quantity: 0,
      canceled_count: 0,
    })
    expect(pickList()).toEqual({ lines: [], order_count: 0, quantity: 0, canceled_count: 0 })
  })

  it("leaves canceled orders' items out and counts the orders it left out", () => {
    const list = pickList(
      [
        { id: "o1", status: "pending", items: [item({ variant_sku: "MUG", quantity: 2 })] },
        { id: "o2", status: "canceled", items: [item({ variant_sku: "MUG", quantity: 5 })] },
      ],
      [
        // A cancel the order records by its date alone still counts.
        { id: "o3", canceled_at: "2026-11-30T10:00:00Z", items: [item({ variant_sku: "CAP" })] },
        { id: "o4", status: "completed", items: [item({ variant_sku: "MUG" })] },
      ]
    )
    expect(list).toEqual({
      order_count: 2,
      quantity: 3,
      canceled_count: 2,
      lines: [
        { product_title: "", variant_title: "", sku: "MUG", quantity: 3, order_count: 2 },
      ],
    })
  })
})
