import { Badge, createDataTableColumnHelper } from "@medusajs/ui"
import { useMemo } from "react"
import { useTranslation } from "react-i18next"
import { ActorName } from "../../components/actor-name"
import { BatchStatusBadge } from "../../components/batch-status-badge"
import { formatDateTime } from "../../lib/format"
import { AdminBatch } from "../../lib/types"

const columnHelper = createDataTableColumnHelper<AdminBatch>()

export const useBatchHistoryColumns = (shownNumber?: number) => {
  const { t } = useTranslation()

  return useMemo(
    () => [
      columnHelper.accessor("number", {
        header: t("orderBatches.history.columns.batch"),
        cell: ({ getValue }) => (
          <div className="flex items-center gap-x-2">
            <span>{t("orderBatches.batchLink", { number: getValue() })}</span>
            {getValue() === shownNumber && (
              <Badge size="2xsmall">{t("orderBatches.history.shown")}</Badge>
            )}
          </div>
        ),
      }),
      columnHelper.accessor("status", {
        header: t("orderBatches.history.columns.status"),
        cell: ({ getValue }) => <BatchStatusBadge status={getValue()} />,
      }),
      columnHelper.accessor("opened_at", {
        header: t("orderBatches.history.columns.opened"),
        cell: ({ getValue }) => formatDateTime(getValue()),
      }),
      columnHelper.accessor("closed_at", {
        header: t("orderBatches.history.columns.closed"),
        cell: ({ getValue }) => formatDateTime(getValue()) ?? "-",
      }),
      columnHelper.accessor("closed_by", {
        header: t("orderBatches.history.columns.closedBy"),
        cell: ({ getValue }) => <ActorName actorId={getValue()} />,
      }),
      columnHelper.accessor("order_count", {
        header: t("orderBatches.history.columns.orders"),
      }),
    ],
    [t, shownNumber]
  )
}
