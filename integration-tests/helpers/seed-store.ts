import { MedusaContainer } from "@medusajs/framework/types"

// The same catalogue seeding as the demo store's, with products of our own.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { seedCatalog } = require("../../dev/seed-demo")

export type SeededStore = {
  regionId: string
  salesChannelId: string
  publishableKey: string
  secretKey: string
  shippingOptionId: string
  /** One variant a product, in this order; prices in EUR. */
  variants: { id: string; sku: string; title: string; price: number }[]
}

/** Products the HTTP tests count on: one size each, so variants[i] is product i. */
const PRODUCTS = [
  { title: "Canvas Tote", sizes: { "One size": "TOTE-NAT" }, price: 20 },
  { title: "Enamel Mug", sizes: { "One size": "MUG-BLU" }, price: 12 },
  { title: "Linen Apron", sizes: { "One size": "APRON-GRY" }, price: 35 },
]

/**
 * A store that can take a real checkout: a region paid through
 * `pp_system_default`, a sales channel with a publishable and a secret key,
 * a stock location that ships there, and three products.
 */
export async function seedStore(container: MedusaContainer): Promise<SeededStore> {
  return await seedCatalog(container, PRODUCTS)
}
