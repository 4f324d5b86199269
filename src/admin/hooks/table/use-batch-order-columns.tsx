import { createDataTableColumnHelper, StatusBadge } from "@medusajs/ui"
import { useMemo } from "react"
import { useTranslation } from "react-i18next"
import { Link } from "react-router-dom"
import { formatAmount, formatDateTime } from "../../lib/format"
import { fulfillmentStatus, paymentStatus } from "../../lib/order-status"
import { AdminBatchOrder } from "../../lib/types"

const columnHelper = createDataTableColumnHelper<AdminBatchOrder>()

const customerName = (order: AdminBatchOrder) => {
  const person = order.customer?.first_name || order.customer?.last_name
    ? order.customer
    : order.shipping_address
  return [person?.first_name, person?.last_name].filter(Boolean).join(" ") || "-"
}

const itemCount = (order: AdminBatchOrder) =>
  (order.items ?? []).reduce((sum, item) => sum + Number(item.quantity ?? 0), 0)

export const useBatchOrderColumns = () => {
  const { t } = useTranslation()

  return useMemo(
    () => [
      columnHelper.accessor("display_id", {
        header: t("orderBatches.orders.columns.order"),
        cell: ({ row }) => (
          <Link
            to={`/orders/${row.original.id}`}
            onClick={(event) => event.stopPropagation()}
            className="text-ui-fg-interactive hover:text-ui-fg-interactive-hover"
          >
            #{row.original.display_id}
          </Link>
        ),
      }),
      columnHelper.accessor("created_at", {
        header: t("orderBatches.orders.columns.date"),
        cell: ({ getValue }) => formatDateTime(getValue()),
      }),
      columnHelper.display({
        id: "customer",
        header: t("orderBatches.orders.columns.customer"),
        cell: ({ row }) => customerName(row.original),
      }),
      columnHelper.accessor("email", {
        header: t("orderBatches.orders.columns.email"),
        cell: ({ getValue }) => getValue() || "-",
      }),
      columnHelper.display({
        id: "items",
        header: t("orderBatches.orders.columns.items"),
        cell: ({ row }) => itemCount(row.original),
      }),
      columnHelper.accessor("total", {
        header: t("orderBatches.orders.columns.total"),
        cell: ({ row }) =>
          formatAmount(Number(row.original.total), row.original.currency_code),
      }),
      columnHelper.accessor("payment_status", {
        header: t("orderBatches.orders.columns.payment"),
        cell: ({ getValue }) => {
          const { key, color } = paymentStatus(getValue())
          return <StatusBadge color={color}>{key ? t(key) : getValue()}</StatusBadge>
        },
      }),
      columnHelper.accessor("fulfillment_status", {
        header: t("orderBatches.orders.columns.fulfillment"),
        cell: ({ getValue }) => {
          const { key, color } = fulfillmentStatus(getValue())
          return <StatusBadge color={color}>{key ? t(key) : getValue()}</StatusBadge>
        },
      }),
    ],
    [t]
  )
}
