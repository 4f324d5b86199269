import {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { retrieveRequestedRun } from "../helpers"
import { AdminGetBatchActionRunParamsType } from "../../../validators"

/**
 * `GET /admin/batches/:number/actions/:id`: one run of the batch, polled
 * while it runs, with a page of its failed orders (`limit`, `offset`).
 */
export const GET = async (
  req: AuthenticatedMedusaRequest<unknown, AdminGetBatchActionRunParamsType>,
  res: MedusaResponse
) => {
  const { limit, offset } = req.validatedQuery
  const run = await retrieveRequestedRun(req, { failures: { limit, offset } })
  res.json({ run })
}
