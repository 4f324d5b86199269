import { Badge, Container, Heading } from "@medusajs/ui"
import { useTranslation } from "react-i18next"
import { useActorName } from "../hooks/use-actor-name"
import { formatDateTime } from "../lib/format"
import { AdminBatch } from "../lib/types"
import { BatchCountRows } from "./batch-count-rows"
import { BatchDocumentActions } from "./batch-document-actions"
import { BatchStatusBadge } from "./batch-status-badge"
import { SectionRow } from "./section-row"

/** The batch shown: its number, state, who closed it and whether it was handled. */
export const BatchHeaderSection = ({
  batch,
  isCurrent,
}: {
  batch: AdminBatch
  isCurrent: boolean
}) => {
  const { t } = useTranslation()
  const closedBy = useActorName(batch.closed_by)
  const printedBy = useActorName(batch.printed_by)
  const exportedBy = useActorName(batch.exported_by)

  const handled = (at: string | null, by: string | null, none: string) =>
    at ? t("orderBatches.handledBy", { date: formatDateTime(at), name: by ?? "-" }) : none

  return (
    <Container className="divide-y p-0" data-testid="batch-header">
      <div className="flex flex-wrap items-center justify-between gap-3 px-6 py-4">
        <div className="flex items-center gap-x-2">
          <Heading level="h2">
            {t("orderBatches.batchTitle", { number: batch.number })}
          </Heading>
          <BatchStatusBadge status={batch.status} />
          {isCurrent && (
            <Badge size="2xsmall" color="blue">
              {t("orderBatches.yourCurrentBatch")}
            </Badge>
          )}
        </div>
        <BatchDocumentActions batch={batch} />
      </div>
      <SectionRow title={t("orderBatches.fields.opened")} value={formatDateTime(batch.opened_at)} />
      <SectionRow
        title={t("orderBatches.fields.closed")}
        value={formatDateTime(batch.closed_at) ?? t("orderBatches.notClosedYet")}
      />
      <SectionRow
        title={t("orderBatches.fields.closedBy")}
        value={
          batch.close_reason === "schedule" || batch.close_reason === "install"
            ? t(`orderBatches.closeReason.${batch.close_reason}`)
            : closedBy && batch.close_reason
              ? t(`orderBatches.closeReason.${batch.close_reason}`, { name: closedBy })
              : closedBy
        }
      />
      <BatchCountRows batch={batch} />
      <SectionRow
        title={t("orderBatches.fields.printed")}
        value={handled(batch.printed_at, printedBy, t("orderBatches.notPrintedYet"))}
      />
      <SectionRow
        title={t("orderBatches.fields.exported")}
        value={handled(batch.exported_at, exportedBy, t("orderBatches.notExportedYet"))}
      />
    </Container>
  )
}
