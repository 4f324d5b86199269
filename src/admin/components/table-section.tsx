import { Container, DataTable, Heading, UseDataTableReturn } from "@medusajs/ui"

/**
 * A paginated table in its own section: heading, rows or an empty state, and
 * the pagination once there is something to page through.
 */
export const TableSection = <T,>({
  table,
  heading,
  count,
  empty,
  testId,
}: {
  table: UseDataTableReturn<T>
  heading: string
  count: number | undefined
  empty: { heading: string; description?: string }
  testId: string
}) => (
  <Container className="overflow-hidden p-0" data-testid={testId}>
    <DataTable instance={table}>
      <DataTable.Toolbar>
        <Heading level="h2">{heading}</Heading>
      </DataTable.Toolbar>
      <DataTable.Table emptyState={{ empty }} />
      {!!count && <DataTable.Pagination />}
    </DataTable>
  </Container>
)
