/** Fields of a batch's orders unless the caller asks for others with `fields`. */
export const defaultAdminBatchOrderFields = [
  "id",
  "display_id",
  "status",
  "created_at",
  "email",
  "currency_code",
  "total",
  "payment_status",
  "fulfillment_status",
  "customer.id",
  "customer.first_name",
  "customer.last_name",
  "customer.email",
  "shipping_address.first_name",
  "shipping_address.last_name",
  "items.id",
  "items.quantity",
]

export const listBatchesQueryConfig = {
  defaults: ["id"],
  defaultLimit: 20,
  isList: true,
}

export const listBatchOrdersQueryConfig = {
  defaults: defaultAdminBatchOrderFields,
  defaultLimit: 50,
  isList: true,
}
