import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * AES-256-GCM sealing of secrets a worker must read back (the current invite token the email worker
 * mails). Format: "v1." + base64url(12-byte nonce | ciphertext | 16-byte tag). The `context` (e.g. the
 * invitation id) is authenticated data: a sealed value copied onto another row does not open.
 */
const VERSION = "v1.";

export function sealSecret(key: Buffer, plaintext: string, context: string): string {
  const nonce = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, nonce);
  cipher.setAAD(Buffer.from(context, "utf8"));
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return VERSION + Buffer.concat([nonce, body, cipher.getAuthTag()]).toString("base64url");
}

/** The plaintext, or null when the value was sealed under another key or context, or was altered. */
export function unsealSecret(key: Buffer, sealed: string, context: string): string | null {
  if (!sealed.startsWith(VERSION)) return null;
  const raw = Buffer.from(sealed.slice(VERSION.length), "base64url");
  if (raw.length < 12 + 16) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, raw.subarray(0, 12));
    decipher.setAAD(Buffer.from(context, "utf8"));
    decipher.setAuthTag(raw.subarray(raw.length - 16));
    return Buffer.concat([decipher.update(raw.subarray(12, raw.length - 16)), decipher.final()]).toString(
      "utf8",
    );
  } catch {
    return null;
  }
}

const keysByDir = new Map<string, Buffer>();

/**
 * The sealing key: SECRET_KEY when set, else DATA_DIR/secret.key, created once (mode 0600) with 32
 * random bytes. Instances sharing a database must share SECRET_KEY (or the file).
 */
export function resolveSealingKey(config: { secretKey: Buffer | null; dataDir: string }): Buffer {
  if (config.secretKey) return config.secretKey;
  const cached = keysByDir.get(config.dataDir);
  if (cached) return cached;
  const file = path.join(config.dataDir, "secret.key");
  let key: Buffer;
  try {
    key = Buffer.from(readFileSync(file, "utf8").trim(), "hex");
  } catch {
    mkdirSync(config.dataDir, { recursive: true });
    const fresh = randomBytes(32);
    try {
      // "wx": of two processes starting together, one writes; the other reads what it wrote.
      writeFileSync(file, `${fresh.toString("hex")}\n`, { mode: 0o600, flag: "wx" });
      chmodSync(file, 0o600);
      key = fresh;
    } catch {
      key = Buffer.from(readFileSync(file, "utf8").trim(), "hex");
    }
  }
  if (key.length !== 32) throw new Error(`${file} must hold 32 bytes as 64 hex characters`);
  keysByDir.set(config.dataDir, key);
  return key;
}
