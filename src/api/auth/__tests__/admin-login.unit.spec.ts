import { adminLoginOfAnswer } from "../admin-login"

/** A JWT-shaped token; only the payload is read, Medusa signed it in the same request. */
const token = (payload: unknown) =>
  ["e30", Buffer.from(JSON.stringify(payload)).toString("base64url"), "sig"].join(".")

describe("adminLoginOfAnswer", () => {
  it("answers the user of a token that carries a user actor", () => {
    expect(adminLoginOfAnswer({ token: token({ actor_type: "user", actor_id: "user_1" }) })?.userId).toBe(
      "user_1"
    )
  })

  it.each([
    ["a customer's token", { token: token({ actor_type: "customer", actor_id: "cus_1" }) }],
    ["an identity without a user yet (SSO, unprovisioned)", { token: token({ actor_type: "user", actor_id: "" }) }],
    ["a token still waiting for MFA", { token: token({ actor_type: "user", actor_id: "user_1" }), mfa_required: true }],
    [
      "a token waiting for verification",
      { token: token({ actor_type: "user", actor_id: "user_1" }), verification_required: true },
    ],
    ["an SSO redirect (no token)", { location: "https://accounts.example/authorize" }],
    ["an error body", { type: "unauthorized", message: "Invalid email or password" }],
    ["a token that is not a JWT", { token: "not-a-jwt" }],
    ["a token whose payload is not JSON", { token: "a.bm90LWpzb24.c" }],
    ["a token that is not a string", { token: 42 }],
    ["no body", undefined],
    ["null", null],
  ])("answers null for %s", (_, body) => {
    expect(adminLoginOfAnswer(body)).toBeNull()
  })

  it("answers the user and the roles Medusa put in the token", () => {
    const body = {
      token: token({ actor_type: "user", actor_id: "user_1", app_metadata: { user_id: "user_1", roles: ["role_a", "role_b"] } }),
    }
    expect(adminLoginOfAnswer(body)).toEqual({ userId: "user_1", roles: ["role_a", "role_b"] })
  })

  it.each([
    ["no app_metadata (RBAC off)", {}],
    ["no roles", { app_metadata: { user_id: "user_1" } }],
    ["roles that are not a list", { app_metadata: { roles: "role_a" } }],
  ])("answers no roles for %s", (_, extra) => {
    expect(adminLoginOfAnswer({ token: token({ actor_type: "user", actor_id: "user_1", ...extra }) })).toEqual({
      userId: "user_1",
      roles: [],
    })
  })
})
