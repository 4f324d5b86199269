import { AxiosInstance } from "axios"
import { MedusaContainer } from "@medusajs/framework/types"
import { createUserAccountWorkflow } from "@medusajs/medusa/core-flows"

export type Admin = { id: string; email: string; password: string }

const payloadOf = (token: string) =>
  JSON.parse(Buffer.from(token.split(".")[1], "base64url").toString("utf8"))

/**
 * An administrator with a real emailpass identity, made the way
 * `npx medusa user` makes one: register the identity through the auth
 * route, then create the user account for it.
 */
export async function createAdmin(
  api: AxiosInstance,
  container: MedusaContainer,
  email = "admin@example.com",
  password = "supersecret-password"
): Promise<Admin> {
  const {
    data: { token },
  } = await api.post("/auth/user/emailpass/register", { email, password })
  const {
    result: user,
  } = await createUserAccountWorkflow(container).run({
    input: {
      authIdentityId: payloadOf(token).auth_identity_id,
      userData: { email, first_name: "Ada", last_name: "Admin" },
    },
  })
  return { id: user.id, email, password }
}

/** The first half of a dashboard login, and all of a JWT client's. */
export async function loginForToken(api: AxiosInstance, admin: Admin): Promise<string> {
  const { data } = await api.post("/auth/user/emailpass", {
    email: admin.email,
    password: admin.password,
  })
  return data.token
}

/** The dashboard's login: a token, turned into a cookie session. */
export async function loginForSession(api: AxiosInstance, admin: Admin): Promise<string> {
  const token = await loginForToken(api, admin)
  const response = await api.post("/auth/session", {}, {
    headers: { authorization: `Bearer ${token}` },
  })
  const cookie = response.headers["set-cookie"]?.map((c) => c.split(";")[0]).join("; ")
  if (!cookie) {
    throw new Error("POST /auth/session set no cookie")
  }
  return cookie
}

export const bearer = (token: string) => ({ headers: { authorization: `Bearer ${token}` } })
export const session = (cookie: string) => ({ headers: { cookie } })
export const secretKey = (key: string) => ({
  headers: { authorization: `Basic ${Buffer.from(`${key}:`).toString("base64")}` },
})
