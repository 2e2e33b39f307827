import { AppError } from "./errors.js";

/** RFC 5321 caps a path at 256 octets including the brackets, so an address at 254. */
const MAX_EMAIL_LENGTH = 254;
const MAX_LOCAL_LENGTH = 64;
/**
 * Deliberately plain: one @, a local part without spaces or control characters, and a dotted domain of
 * LDH labels. Quoted local parts and IP literals are legal in RFC 5322 but never seen in real
 * invitations, and accepting them only widens what a lookalike can hide.
 */
const LOCAL_PART = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+$/;
const DOMAIN_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** Trims and lower-cases; returns null when the result is not an address we accept. */
export function normalizeEmail(input: string): string | null {
  const email = input.trim().toLowerCase();
  if (email.length === 0 || email.length > MAX_EMAIL_LENGTH) return null;
  const at = email.lastIndexOf("@");
  if (at <= 0 || at !== email.indexOf("@")) return null;
  const local = email.slice(0, at);
  const domain = email.slice(at + 1);
  if (local.length > MAX_LOCAL_LENGTH || !LOCAL_PART.test(local)) return null;
  if (local.startsWith(".") || local.endsWith(".") || local.includes("..")) return null;
  const labels = domain.split(".");
  if (labels.length < 2) return null;
  if (!labels.every((label) => DOMAIN_LABEL.test(label))) return null;
  if (/^[0-9]+$/.test(labels[labels.length - 1] ?? "")) return null;
  return email;
}

export function requireEmail(input: string): string {
  const email = normalizeEmail(input);
  if (email === null) {
    throw new AppError("VALIDATION_FAILED", {
      message: `"${input.trim().slice(0, 80)}" is not a valid email address. Check the spelling.`,
      details: { field: "email" },
    });
  }
  return email;
}
