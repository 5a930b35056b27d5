/** Outcome of checking one request's credentials. The reason never contains a secret or a received credential. */
export type AuthResult = { success: true } | { success: false; reason: string };

export const authOk: AuthResult = { success: true };

export function authFail(reason: string): AuthResult {
  return { success: false, reason };
}
