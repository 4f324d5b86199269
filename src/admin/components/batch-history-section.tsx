import { useDataTable } from "@medusajs/ui"
import { keepPreviousData } from "@tanstack/react-query"
import { useTranslation } from "react-i18next"
import { useNavigate } from "react-router-dom"
import { useBatches } from "../hooks/api/batches"
import { useBatchHistoryColumns } from "../hooks/table/use-batch-history-columns"
import { usePageQuery } from "../hooks/table/use-page-query"
import { rowData } from "../lib/row-data"
import { TableSection } from "./table-section"

const PAGE_SIZE = 10

/** Every batch, newest first; a row opens that batch. */
export const BatchHistorySection = ({ shownNumber }: { shownNumber?: number }) => {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const columns = useBatchHistoryColumns(shownNumber)
  const { query, pagination } = usePageQuery(PAGE_SIZE)
  const { batches, count, isPending, isError, error } = useBatches(query, {
    placeholderData: keepPreviousData,
  })
  const table = useDataTable({
    data: batches ?? [],
    columns,
    getRowId: (batch) => batch.id,
    rowCount: count ?? 0,
    isLoading: isPending,
    pagination,
    onRowClick: (_, batch) => navigate(`/batches/${rowData(batch).number}`),
  })

  if (isError) {
    throw error
  }

  return (
    <TableSection
      table={table}
      testId="batch-history"
      heading={t("orderBatches.history.heading")}
      count={count}
      empty={{ heading: t("orderBatches.history.empty") }}
    />
  )
}
