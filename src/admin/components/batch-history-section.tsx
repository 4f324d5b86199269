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
import { useBatches } from "../hooks/api/batches"
import { useBatchHistoryColumns } from "../hooks/table/use-batch-history-columns"
import { rowData } from "../lib/row-data"

const PAGE_SIZE = 10

/** Every batch, newest first; a row opens that batch. */
export const BatchHistorySection = ({ shownNumber }: { shownNumber?: number }) => {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const columns = useBatchHistoryColumns(shownNumber)
  const [pagination, setPagination] = useState<DataTablePaginationState>({
    pageIndex: 0,
    pageSize: PAGE_SIZE,
  })
  const { batches, count, isPending, isError, error } = useBatches(
    {
      limit: pagination.pageSize,
      offset: pagination.pageIndex * pagination.pageSize,
    },
    { placeholderData: keepPreviousData }
  )
  const table = useDataTable({
    data: batches ?? [],
    columns,
    getRowId: (batch) => batch.id,
    rowCount: count ?? 0,
    isLoading: isPending,
    pagination: { state: pagination, onPaginationChange: setPagination },
    onRowClick: (_, batch) => navigate(`/batches/${rowData(batch).number}`),
  })

  if (isError) {
    throw error
  }

  return (
    <Container className="overflow-hidden p-0" data-testid="batch-history">
      <DataTable instance={table}>
        <DataTable.Toolbar>
          <Heading level="h2">{t("orderBatches.history.heading")}</Heading>
        </DataTable.Toolbar>
        <DataTable.Table
          emptyState={{ empty: { heading: t("orderBatches.history.empty") } }}
        />
        {!!count && <DataTable.Pagination />}
      </DataTable>
    </Container>
  )
}
