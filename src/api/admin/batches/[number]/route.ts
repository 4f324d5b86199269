import {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import { retrieveRequestedBatch } from "../helpers"

/** `GET /admin/batches/:number` */
export const GET = async (
  req: AuthenticatedMedusaRequest,
  res: MedusaResponse
) => {
  const batch = await retrieveRequestedBatch(req)
  res.json({ batch })
}
