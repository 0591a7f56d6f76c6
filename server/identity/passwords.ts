import argon2 from "argon2";
import { AppError } from "../errors";

/**
 * Argon2id at OWASP's recommended minimum (19 MiB, 2 passes): costly for an attacker holding a
 * database dump, about 50 ms for a login here.
 */
const hashOptions = {
  type: argon2.argon2id,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

// Verifying against this when the username is unknown keeps the response time the same,
// so timing does not reveal which usernames exist.
const decoyHash = argon2.hash("relais-decoy-password", hashOptions);

const commonPasswords = new Set([
  "password1234",
  "123456789012",
  "qwertyuiopas",
  "azertyuiopqs",
  "motdepasse123",
  "passwordpassword",
  "iloveyou1234",
  "administrator",
  "welcome12345",
  "changeme1234",
]);

/**
 * The password policy (NIST SP 800-63B style): 12 to 256 characters, no composition rules, but
 * not a well-known password, not built on the username, not one repeated character.
 */
export function passwordProblems(password: string, username: string): string[] {
  const problems: string[] = [];
  if ([...password].length < 12) problems.push("use at least 12 characters");
  if ([...password].length > 256) problems.push("use at most 256 characters");
  const lower = password.toLowerCase();
  if (commonPasswords.has(lower)) problems.push("this password is too common");
  if (username.length >= 3 && lower.includes(username.toLowerCase()))
    problems.push("do not include your username");
  if (new Set(password).size < 5) problems.push("use more varied characters");
  return problems;
}

/** Throws `weak_password` listing every problem. */
export function assertPasswordPolicy(password: string, username: string, field = "password"): void {
  const problems = passwordProblems(password, username);
  if (problems.length > 0) {
    throw new AppError(
      "weak_password",
      "The password does not meet the policy.",
      problems.map((message) => ({ path: field, message })),
    );
  }
}

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, hashOptions);
}

/** Verifies a password; with no stored hash, verifies against a decoy and returns false. */
export async function verifyPassword(
  storedHash: string | null | undefined,
  password: string,
): Promise<boolean> {
  try {
    if (!storedHash) {
      await argon2.verify(await decoyHash, password);
      return false;
    }
    return await argon2.verify(storedHash, password);
  } catch {
    return false;
  }
}
