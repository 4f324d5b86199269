import { Secret, TOTP } from "otpauth"

/**
 * The code an authenticator app shows now for a secret from Medusa's
 * `POST /auth/mfa/factors`: RFC 6238 with Medusa's parameters (base32 secret
 * without padding, HMAC-SHA-1, 6 digits, 30-second steps).
 */
export function totpCode(secret: string): string {
  return new TOTP({
    secret: Secret.fromBase32(secret),
    algorithm: "SHA1",
    digits: 6,
    period: 30,
  }).generate()
}
