import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"

/** One order through Query, with the fields an action needs; undefined where it is gone. */
export async function readOrder<T>(
  container: MedusaContainer,
  orderId: string,
  fields: string[]
): Promise<T | undefined> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({ entity: "order", fields, filters: { id: orderId } })
  return data[0] as T | undefined
}
