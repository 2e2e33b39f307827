import { type Algorithm, hash, verify } from "@node-rs/argon2";

/** `Algorithm.Argon2id`; the enum is `const` and ambient, so it cannot be imported as a value. */
const ARGON2ID = 2 as Algorithm;

export type Argon2Params = { memoryCost: number; timeCost: number; parallelism: number };

/**
 * argon2id at the first of OWASP's recommended configurations (Password Storage Cheat Sheet):
 * m = 19 MiB, t = 2, p = 1.
 */
export const OWASP_ARGON2ID: Argon2Params = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export const MIN_PASSWORD_LENGTH = 8;
export const MAX_PASSWORD_LENGTH = 256;

export type PasswordHasher = {
  hash(password: string): Promise<string>;
  verify(hash: string, password: string): Promise<boolean>;
  /** Spends the time of one verification, so an unknown email takes as long as a wrong password. */
  burn(password: string): Promise<void>;
};

/**
 * Verification reads the parameters from the stored hash, so hashes made with other parameters (older
 * ones, or the tests' cheaper ones) keep verifying.
 */
export function createArgon2Hasher(params: Argon2Params = OWASP_ARGON2ID): PasswordHasher {
  const options = { algorithm: ARGON2ID, ...params };
  let dummyHash: Promise<string> | undefined;
  return {
    hash: (password) => hash(password, options),
    async verify(stored, password) {
      try {
        return await verify(stored, password);
      } catch {
        return false;
      }
    },
    async burn(password) {
      dummyHash ??= hash("gatehouse-timing-equalizer", options);
      await verify(await dummyHash, password).catch(() => false);
    },
  };
}

export const argon2Hasher = createArgon2Hasher();
