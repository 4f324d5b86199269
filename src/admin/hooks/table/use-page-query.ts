import { DataTablePaginationState } from "@medusajs/ui"
import { useState } from "react"
import { PageQuery } from "../../lib/types"

/** A table's page state, and the `limit`/`offset` query that reads that page. */
export const usePageQuery = (pageSize: number) => {
  const [pagination, setPagination] = useState<DataTablePaginationState>({
    pageIndex: 0,
    pageSize,
  })
  const query: PageQuery = {
    limit: pagination.pageSize,
    offset: pagination.pageIndex * pagination.pageSize,
  }
  return { query, pagination: { state: pagination, onPaginationChange: setPagination } }
}
