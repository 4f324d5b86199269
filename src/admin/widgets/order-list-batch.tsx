import { defineWidgetConfig } from "@medusajs/admin-sdk"
import { Button, Container, Heading } from "@medusajs/ui"
import { useTranslation } from "react-i18next"
import { Link } from "react-router-dom"
import { CurrentBatchSummary } from "../components/current-batch-summary"
import { GoToBatchForm } from "../components/go-to-batch-form"

/** Above the order list: the administrator's current batch and "Go to batch #". */
const OrderListBatchWidget = () => {
  const { t } = useTranslation()
  return (
    <Container className="flex flex-wrap items-start justify-between gap-4 px-6 py-4" data-testid="order-list-batch-widget">
      <div className="flex flex-col gap-y-1">
        <Heading level="h2">{t("orderBatches.widgets.currentBatch")}</Heading>
        <CurrentBatchSummary />
      </div>
      <div className="flex flex-wrap items-start gap-3">
        <GoToBatchForm />
        <Button size="small" variant="secondary" asChild>
          <Link to="/batches">{t("orderBatches.actions.viewBatches")}</Link>
        </Button>
      </div>
    </Container>
  )
}

export const config = defineWidgetConfig({
  zone: "order.list.before",
  id: "order-batches:order-list-batch",
})

export default OrderListBatchWidget
