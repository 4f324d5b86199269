import { defineRouteConfig } from "@medusajs/admin-sdk"
import { ArchiveBox } from "@medusajs/icons"
import { BatchesBreadcrumb } from "../../components/batch-breadcrumb"
import { BatchWorkspace } from "../../components/batch-workspace"

/** `/batches`: the administrator's current batch. */
const BatchesPage = () => <BatchWorkspace />

export const config = defineRouteConfig({
  label: "orderBatches.menuLabel",
  translationNs: "translation",
  icon: ArchiveBox,
  nested: "/orders",
})

export const handle = {
  breadcrumb: () => <BatchesBreadcrumb />,
}

export default BatchesPage
