import { useDataTable } from "@medusajs/ui"
import { keepPreviousData } from "@tanstack/react-query"
import { useTranslation } from "react-i18next"
import { useNavigate } from "react-router-dom"
import { OPEN_BATCH_REFRESH_MS, useBatchOrders } from "../hooks/api/batches"
import { useBatchOrderColumns } from "../hooks/table/use-batch-order-columns"
import { usePageQuery } from "../hooks/table/use-page-query"
import { rowData } from "../lib/row-data"
import { AdminBatch } from "../lib/types"
import { TableSection } from "./table-section"

const PAGE_SIZE = 20

/** The batch's orders, oldest first, a page at a time; an open batch's list refreshes. */
export const BatchOrdersSection = ({ batch }: { batch: AdminBatch }) => {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const columns = useBatchOrderColumns()
  const { query, pagination } = usePageQuery(PAGE_SIZE)
  const { orders, count, isPending, isError, error } = useBatchOrders(
    batch.number,
    query,
    {
      placeholderData: keepPreviousData,
      // The preview's list follows the open batch; the page shown stays put.
      refetchInterval: batch.status === "open" ? OPEN_BATCH_REFRESH_MS : false,
    }
  )
  const table = useDataTable({
    data: orders ?? [],
    columns,
    getRowId: (order) => order.id,
    rowCount: count ?? 0,
    isLoading: isPending,
    pagination,
    onRowClick: (_, order) => navigate(`/orders/${rowData(order).id}`),
  })

  if (isError) {
    throw error
  }

  return (
    <TableSection
      table={table}
      testId="batch-orders"
      heading={t("orderBatches.orders.heading")}
      count={count}
      empty={{
        heading: t("orderBatches.orders.empty.heading"),
        description:
          batch.status === "open"
            ? t("orderBatches.orders.empty.openDescription")
            : t("orderBatches.orders.empty.closedDescription"),
      }}
    />
  )
}
