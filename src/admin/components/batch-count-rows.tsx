import { Text } from "@medusajs/ui"
import { useTranslation } from "react-i18next"
import { formatAmount } from "../lib/format"
import { AdminBatch } from "../lib/types"
import { SectionRow } from "./section-row"

/**
 * The batch's orders and totals: how many of its orders were canceled (they
 * stay in the batch), that the totals leave them out, and whether the totals
 * are still being read after a close.
 */
export const BatchCountRows = ({ batch }: { batch: AdminBatch }) => {
  const { t } = useTranslation()
  const totals = batch.totals
    .map((total) => formatAmount(total.amount, total.currency_code))
    .join(" · ")

  return (
    <>
      <SectionRow
        title={t("orderBatches.fields.orders")}
        value={
          <span data-testid="batch-order-count">
            {batch.order_count}
            {batch.canceled_count > 0 && (
              <Text as="span" size="small" className="text-ui-fg-muted" data-testid="batch-canceled-count">
                {" · "}
                {t("orderBatches.counts.canceled", { count: batch.canceled_count })}
              </Text>
            )}
            {batch.status === "open" && (
              <Text as="span" size="xsmall" className="text-ui-fg-muted block">
                {t("orderBatches.counts.liveOpen")}
              </Text>
            )}
          </span>
        }
      />
      <SectionRow
        title={t("orderBatches.fields.totals")}
        value={
          <span data-testid="batch-totals">
            {batch.totals_pending ? t("orderBatches.counts.totalsPending") : totals || "-"}
            {batch.canceled_count > 0 && (
              <Text as="span" size="xsmall" className="text-ui-fg-muted block">
                {t("orderBatches.counts.totalsLeaveOutCanceled")}
              </Text>
            )}
          </span>
        }
      />
    </>
  )
}
