import { useParams } from "react-router-dom"
import { BatchBreadcrumb } from "../../../components/batch-breadcrumb"
import { BatchWorkspace } from "../../../components/batch-workspace"

/** `/batches/:number`: any batch by number, so a link or reload keeps it. */
const BatchPage = () => {
  const { number } = useParams()
  // Keyed by the number: moving to another batch starts the page afresh, so
  // every section reads the batches again and the form forgets old input.
  return <BatchWorkspace key={number} numberParam={number ?? ""} />
}

export const handle = {
  breadcrumb: ({ params }: { params: { number?: string } }) => (
    <BatchBreadcrumb number={params.number} />
  ),
}

export default BatchPage
