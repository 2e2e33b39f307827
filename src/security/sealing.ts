import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * Secrets Gatehouse must read back (an OIDC client secret, an invitation link a reminder re-sends) are
 * stored sealed: AES-256-GCM under the instance's secret key, with a fresh 96-bit nonce each time.
 * A sealed value is `v1.<nonce>.<ciphertext+tag>` in base64url; the version leaves room to rotate.
 * The database alone reveals nothing; tampering makes `unseal` throw.
 */
export type Sealer = {
  /**
   * `context` (e.g. `invitation:<id>`) is authenticated with the value: a sealed value copied onto
   * another row does not open there.
   */
  seal(plaintext: string, context?: string): string;
  /** Throws when the value was altered, sealed under another key or for another context. */
  unseal(sealed: string, context?: string): string;
};

const KEY_BYTES = 32;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

export function createSealer(key: Buffer): Sealer {
  if (key.length !== KEY_BYTES)
    throw new Error(`A sealing key must be ${KEY_BYTES} bytes, not ${key.length}.`);
  return {
    seal(plaintext, context = "") {
      const nonce = randomBytes(NONCE_BYTES);
      const cipher = createCipheriv("aes-256-gcm", key, nonce);
      cipher.setAAD(Buffer.from(context, "utf8"));
      const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final(), cipher.getAuthTag()]);
      return `v1.${nonce.toString("base64url")}.${body.toString("base64url")}`;
    },
    unseal(sealed, context = "") {
      const [version, nonceText, bodyText] = sealed.split(".");
      if (version !== "v1" || !nonceText || !bodyText) throw new Error("Not a sealed value.");
      const body = Buffer.from(bodyText, "base64url");
      if (body.length < TAG_BYTES) throw new Error("Not a sealed value.");
      const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(nonceText, "base64url"));
      decipher.setAAD(Buffer.from(context, "utf8"));
      decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
      return Buffer.concat([
        decipher.update(body.subarray(0, body.length - TAG_BYTES)),
        decipher.final(),
      ]).toString("utf8");
    },
  };
}

/** Reads `SECRET_KEY` (64 hex characters or base64 of 32 bytes); undefined when it is not one. */
export function parseSecretKey(text: string): Buffer | undefined {
  const trimmed = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(trimmed)) return Buffer.from(trimmed, "hex");
  const decoded = Buffer.from(trimmed, "base64");
  return decoded.length === KEY_BYTES && /^[A-Za-z0-9+/_-]+={0,2}$/.test(trimmed) ? decoded : undefined;
}

/**
 * The configured key, or one generated once into `<dataDir>/secret.key` (mode 0600). Several instances
 * on one PostgreSQL must share a key: set SECRET_KEY on all of them.
 */
export function loadOrCreateSecretKey(configured: Buffer | null, dataDir: string): Buffer {
  if (configured) return configured;
  const file = path.join(dataDir, "secret.key");
  try {
    const key = parseSecretKey(readFileSync(file, "utf8"));
    if (!key)
      throw new Error(`${file} does not hold a 32-byte key. Restore it from a backup, or set SECRET_KEY.`);
    return key;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(KEY_BYTES);
  // "wx": never overwrite a key another process wrote first; read theirs instead.
  try {
    writeFileSync(file, `${key.toString("hex")}\n`, { flag: "wx", mode: 0o600 });
    chmodSync(file, 0o600);
    return key;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    return loadOrCreateSecretKey(null, dataDir);
  }
}
