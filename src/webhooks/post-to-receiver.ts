import type { LookupAddress } from "node:dns";
import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import {
  ADDRESS_RANGE_LABELS,
  classifyIpAddress,
  nonPublicHostReason,
  parseIpAddress,
} from "../domain/network-address.js";
import { NOT_PUBLIC_NEXT } from "../domain/webhooks.js";
import type { Deps, ResolvedAddress } from "../services/context.js";

/** Why Gatehouse will not call a receiver: final, never retried (the URL has to change). */
export class ReceiverRefused extends Error {
  override name = "ReceiverRefused";
}

/**
 * The addresses to connect to for `url`, all of them checked: with WEBHOOK_ALLOW_PRIVATE_URLS off, a
 * non-public literal, a local name, or a name with ANY non-public address is refused (ReceiverRefused).
 * Null for an IP literal (nothing to resolve). Resolution failures (ENOTFOUND) reject as they are.
 */
export async function resolveReceiver(deps: Deps, url: URL): Promise<ResolvedAddress[] | null> {
  const allowPrivate = deps.config.webhooks.allowPrivateUrls;
  const literal = parseIpAddress(url.hostname);
  const reason = allowPrivate ? null : nonPublicHostReason(url.hostname);
  if (reason) throw new ReceiverRefused(`Refused: ${reason}. ${NOT_PUBLIC_NEXT}`);
  if (literal) return null;
  const addresses = await deps.hosts.lookup(url.hostname);
  if (addresses.length === 0) throw new Error(`${url.hostname} has no address.`);
  if (!allowPrivate) {
    for (const { address } of addresses) {
      const parsed = parseIpAddress(address);
      const range = parsed ? classifyIpAddress(parsed) : "reserved";
      if (range !== "public") {
        throw new ReceiverRefused(
          `Refused: ${url.hostname} resolves to ${address}, ${ADDRESS_RANGE_LABELS[range]}. ${NOT_PUBLIC_NEXT}`,
        );
      }
    }
  }
  return addresses;
}

/**
 * A `lookup` for node:http that answers with the addresses already checked, so a second DNS answer
 * (DNS rebinding) cannot send the connection elsewhere.
 */
function pinnedLookup(addresses: readonly ResolvedAddress[]): LookupFunction {
  return (_hostname, options, callback) => {
    const all: LookupAddress[] = addresses.map((a) => ({ address: a.address, family: a.family }));
    const family = typeof options === "object" ? options.family : undefined;
    const usable = family === 4 || family === 6 ? all.filter((a) => a.family === family) : all;
    if (usable.length === 0) {
      const error = Object.assign(new Error(`No IPv${family} address for ${_hostname}`), {
        code: "ENOTFOUND",
      });
      callback(error, "", 0);
      return;
    }
    if (typeof options === "object" && options.all) callback(null, usable);
    else callback(null, usable[0]?.address ?? "", usable[0]?.family ?? 4);
  };
}

export type ReceiverAnswer = { status: number; body: string };

/**
 * POSTs `body` to `url` (no redirects followed), connecting only to `addresses` when given. Resolves
 * with the status and the first `bodyLimit` characters of the answer; rejects on network errors and
 * when `signal` fires.
 */
export function postToReceiver(
  url: URL,
  request: {
    headers: Record<string, string>;
    body: string;
    addresses: readonly ResolvedAddress[] | null;
    signal: AbortSignal;
    bodyLimit: number;
  },
): Promise<ReceiverAnswer> {
  const client = url.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.request(
      url,
      {
        method: "POST",
        headers: { ...request.headers, "content-length": String(Buffer.byteLength(request.body)) },
        signal: request.signal,
        ...(request.addresses && { lookup: pinnedLookup(request.addresses) }),
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on("data", (chunk: Buffer) => {
          // Keep a little more than the limit (multi-byte characters), read and drop the rest.
          if (size < request.bodyLimit * 4) chunks.push(chunk);
          size += chunk.length;
        });
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString("utf8").slice(0, request.bodyLimit),
          }),
        );
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(request.body);
  });
}
