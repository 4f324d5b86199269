import { adminOfLoginAnswer } from "../admin-login"

/** A JWT-shaped token; only the payload is read, Medusa signed it in the same request. */
const token = (payload: unknown) =>
  ["e30", Buffer.from(JSON.stringify(payload)).toString("base64url"), "sig"].join(".")

describe("adminOfLoginAnswer", () => {
  it("answers the user of a token that carries a user actor", () => {
    expect(adminOfLoginAnswer({ token: token({ actor_type: "user", actor_id: "user_1" }) })).toBe(
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
    expect(adminOfLoginAnswer(body)).toBeNull()
  })
})
