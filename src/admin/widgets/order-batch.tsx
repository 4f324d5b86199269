import { defineWidgetConfig } from "@medusajs/admin-sdk"
import { AdminOrder, DetailWidgetProps } from "@medusajs/framework/types"
import { Container, Heading, Text } from "@medusajs/ui"
import { useTranslation } from "react-i18next"
import { Link } from "react-router-dom"
import { useOrderBatch } from "../hooks/api/batches"

/** On the order page: the order's batch number, linking to that batch. */
const OrderBatchWidget = ({ data: order }: DetailWidgetProps<AdminOrder>) => {
  const { t } = useTranslation()
  const { batch, isPending, isError, error } = useOrderBatch(order.id)

  return (
    <Container className="flex flex-col gap-y-1 px-6 py-4" data-testid="order-batch-widget">
      <div className="flex items-center justify-between gap-x-2">
        <Heading level="h2">{t("orderBatches.widgets.orderBatch")}</Heading>
        {batch && (
          <Link
            to={`/batches/${batch.number}`}
            className="txt-compact-medium-plus text-ui-fg-interactive hover:text-ui-fg-interactive-hover"
          >
            {t("orderBatches.batchLink", { number: batch.number })}
          </Link>
        )}
      </div>
      {batch?.status === "open" && (
        <Text size="small" className="text-ui-fg-subtle">
          {t("orderBatches.widgets.stillOpen")}
        </Text>
      )}
      {isError && (
        <Text size="small" className="text-ui-fg-error">
          {error.message}
        </Text>
      )}
      {!isPending && !isError && !batch && (
        <Text size="small" className="text-ui-fg-subtle">
          {t("orderBatches.widgets.unassigned")}
        </Text>
      )}
    </Container>
  )
}

export const config = defineWidgetConfig({
  zone: "order.details.side.before",
  id: "order-batches:order-batch",
})

export default OrderBatchWidget
