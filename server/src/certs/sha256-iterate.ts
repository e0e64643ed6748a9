/**
 * Repeated SHA-256 of a 32-byte value, H(H(...H(x))), for the PKCS#12 key derivation,
 * which hashes its own output thousands of times. Node has no native form of that
 * derivation, and one createHash() per round spends far more time creating objects and
 * collecting them than hashing 32 bytes (around 40 ms for two stores on a busy machine).
 * A 32-byte message is always exactly one padded block, so a round is just the
 * compression function below, run on preallocated arrays.
 */

// biome-ignore format: the 64 round constants read best as a table
const K = new Int32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

// biome-ignore format: initial hash values, one per state word
const INITIAL_STATE = new Int32Array([
  0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
]);

/** Applies SHA-256 `rounds` times to a 32-byte value. */
export function iterateSha256(value: Buffer, rounds: number): Buffer {
  if (value.length !== 32) {
    throw new RangeError('iterateSha256 hashes 32-byte values only.');
  }
  const state = new Int32Array(8);
  for (let i = 0; i < 8; i++) {
    state[i] = value.readInt32BE(i * 4);
  }
  const w = new Int32Array(64);
  for (let round = 0; round < rounds; round++) {
    compressOneBlock(state, w);
  }
  const digest = Buffer.alloc(32);
  for (let i = 0; i < 8; i++) {
    digest.writeInt32BE(state[i]!, i * 4);
  }
  return digest;
}

/** Replaces `state` (a 32-byte message) with its SHA-256 digest; `w` is scratch space. */
function compressOneBlock(state: Int32Array, w: Int32Array): void {
  w.set(state, 0);
  // Padding of a 256-bit message: one 1 bit, zeros, then the length in bits.
  w[8] = 0x80000000 | 0;
  w.fill(0, 9, 15);
  w[15] = 256;
  for (let i = 16; i < 64; i++) {
    const w15 = w[i - 15]!;
    const w2 = w[i - 2]!;
    const s0 = rotr(w15, 7) ^ rotr(w15, 18) ^ (w15 >>> 3);
    const s1 = rotr(w2, 17) ^ rotr(w2, 19) ^ (w2 >>> 10);
    w[i] = (w[i - 16]! + s0 + w[i - 7]! + s1) | 0;
  }

  let a = INITIAL_STATE[0]!;
  let b = INITIAL_STATE[1]!;
  let c = INITIAL_STATE[2]!;
  let d = INITIAL_STATE[3]!;
  let e = INITIAL_STATE[4]!;
  let f = INITIAL_STATE[5]!;
  let g = INITIAL_STATE[6]!;
  let h = INITIAL_STATE[7]!;
  for (let i = 0; i < 64; i++) {
    const t1 =
      (h + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + K[i]! + w[i]!) | 0;
    const t2 = ((rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) | 0;
    h = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) | 0;
  }
  state[0] = (INITIAL_STATE[0]! + a) | 0;
  state[1] = (INITIAL_STATE[1]! + b) | 0;
  state[2] = (INITIAL_STATE[2]! + c) | 0;
  state[3] = (INITIAL_STATE[3]! + d) | 0;
  state[4] = (INITIAL_STATE[4]! + e) | 0;
  state[5] = (INITIAL_STATE[5]! + f) | 0;
  state[6] = (INITIAL_STATE[6]! + g) | 0;
  state[7] = (INITIAL_STATE[7]! + h) | 0;
}

function rotr(x: number, n: number): number {
  return (x >>> n) | (x << (32 - n));
}
