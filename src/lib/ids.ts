import { randomFillSync } from "node:crypto";

let lastMs = 0;
let sequence = 0;

/** Random bytes drawn 8 at a time from a pool refilled by the CSPRNG, as crypto.randomUUID does. */
const POOL_IDS = 256;
const pool = Buffer.alloc(8 * POOL_IDS);
let poolOffset = pool.length;

/** The id is written here as ASCII and read out as one string: no intermediate strings per id. */
const text = Buffer.alloc(36);
const HEX = Buffer.from("0123456789abcdef", "latin1");
/** Where each of the 16 bytes' two hex digits go in `8-4-4-4-12`. */
const HEX_AT = [0, 2, 4, 6, 9, 11, 14, 16, 19, 21, 24, 26, 28, 30, 32, 34];
text.fill(0x2d); // "-" at 8, 13, 18, 23; the rest is overwritten

function putByte(index: number, value: number): void {
  const at = HEX_AT[index] as number;
  text[at] = HEX[value >> 4] as number;
  text[at + 1] = HEX[value & 0x0f] as number;
}

/**
 * UUIDv7 (RFC 9562 §5.7): ids sort by creation time, so keyset pagination by id lists rows in the order
 * they were made. A 12-bit counter in rand_a (method 1 of §6.2) keeps ids made in one millisecond
 * in order, too; rand_b is 62 bits from the CSPRNG. Made without intermediate buffers or strings: an
 * import makes two ids per invitation.
 */
export function newId(): string {
  let ms = Date.now();
  if (ms <= lastMs) {
    ms = lastMs;
    sequence += 1;
    if (sequence > 0xfff) {
      ms += 1;
      sequence = 0;
    }
  } else {
    sequence = 0;
  }
  lastMs = ms;
  if (poolOffset === pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  // 48-bit big-endian milliseconds: the high 16 bits, then the low 32.
  const high = Math.floor(ms / 0x100000000);
  const low = ms >>> 0;
  putByte(0, (high >>> 8) & 0xff);
  putByte(1, high & 0xff);
  putByte(2, low >>> 24);
  putByte(3, (low >>> 16) & 0xff);
  putByte(4, (low >>> 8) & 0xff);
  putByte(5, low & 0xff);
  putByte(6, 0x70 | (sequence >> 8));
  putByte(7, sequence & 0xff);
  putByte(8, 0x80 | ((pool[poolOffset] as number) & 0x3f));
  for (let i = 1; i < 8; i++) putByte(8 + i, pool[poolOffset + i] as number);
  poolOffset += 8;
  return text.toString("latin1", 0, 36);
}

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
