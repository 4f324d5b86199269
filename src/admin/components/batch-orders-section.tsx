import {
  Container,
  DataTable,
  DataTablePaginationState,
  Heading,
  useDataTable,
} from "@medusajs/ui"
import { keepPreviousData } from "@tanstack/react-query"
import { useState } from "react"
import { useTranslation } from "react-i18next"
import { useNavigate } from "react-router-dom"
import { useBatchOrders } from "../hooks/api/batches"
import { useBatchOrderColumns } from "../hooks/table/use-batch-order-columns"
import { rowData } from "../lib/row-data"
import { AdminBatch } from "../lib/types"

const PAGE_SIZE = 20

/** The batch's orders, oldest first, a page at a time. */
export const BatchOrdersSection = ({ batch }: { batch: AdminBatch }) => {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const columns = useBatchOrderColumns()
  const [pagination, setPagination] = useState<DataTablePaginationState>({
    pageIndex: 0,
    pageSize: PAGE_SIZE,
  })
  const query = {
    limit: pagination.pageSize,
    offset: pagination.pageIndex * pagination.pageSize,
  }
  const { orders, count, isPending, isError, error } = useBatchOrders(
    batch.number,
    query,
    { placeholderData: keepPreviousData }
  )
  const table = useDataTable({
    data: orders ?? [],
    columns,
    getRowId: (order) => order.id,
    rowCount: count ?? 0,
    isLoading: isPending,
    pagination: { state: pagination, onPaginationChange: setPagination },
    onRowClick: (_, order) => navigate(`/orders/${rowData(order).id}`),
  })

  if (isError) {
    throw error
  }

  return (
    <Container className="overflow-hidden p-0" data-testid="batch-orders">
      <DataTable instance={table}>
        <DataTable.Toolbar>
          <Heading level="h2">{t("orderBatches.orders.heading")}</Heading>
        </DataTable.Toolbar>
        <DataTable.Table
          emptyState={{
            empty: {
              heading: t("orderBatches.orders.empty.heading"),
              description:
                batch.status === "open"
                  ? t("orderBatches.orders.empty.openDescription")
                  : t("orderBatches.orders.empty.closedDescription"),
            },
          }}
        />
        {!!count && <DataTable.Pagination />}
      </DataTable>
    </Container>
  )
}
