/**
 * Small helpers over node-forge's ASN.1 decoder, which works on binary strings
 * (one character a byte) rather than on byte arrays.
 */
import forge from 'node-forge';

export type Asn1 = forge.asn1.Asn1;

interface FromDerOptions {
  strict: boolean;
  parseAllBytes: boolean;
  decodeBitStrings: boolean;
}

// The typings only declare the older boolean argument; the options object is what lets us
// accept trailing bytes (as Java does) and skip guessing at the contents of BIT STRINGs.
const fromDer = forge.asn1.fromDer as unknown as (bytes: string, options: FromDerOptions) => Asn1;

/** Raised when bytes do not have the ASN.1 structure a reader expects. */
export class DerError extends Error {}

/** Converts bytes to the binary string form node-forge works on. */
export function toBinary(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
}

/** Converts a node-forge binary string back to bytes. */
export function fromBinary(binary: string): Uint8Array {
  return new Uint8Array(Buffer.from(binary, 'latin1'));
}

/** Decodes one DER (or BER) value; bytes after it are ignored, as Java's DerValue does. */
export function parseDer(binary: string): Asn1 {
  try {
    return fromDer(binary, { strict: false, parseAllBytes: false, decodeBitStrings: false });
  } catch (error) {
    throw new DerError(error instanceof Error ? error.message : String(error));
  }
}

/** The children of a constructed value, or an error naming what was expected. */
export function children(node: Asn1 | undefined, what: string): Asn1[] {
  if (node === undefined || !Array.isArray(node.value)) {
    throw new DerError(`${what} is not a constructed value`);
  }
  return node.value;
}

/** The child at an index, or an error naming what was expected. */
export function child(node: Asn1 | undefined, index: number, what: string): Asn1 {
  const found = children(node, what)[index];
  if (found === undefined) {
    throw new DerError(`${what} is missing`);
  }
  return found;
}

/** The dotted form of an OBJECT IDENTIFIER value. */
export function oidOf(node: Asn1 | undefined, what: string): string {
  if (node === undefined || node.type !== forge.asn1.Type.OID || typeof node.value !== 'string') {
    throw new DerError(`${what} is not an object identifier`);
  }
  return forge.asn1.derToOid(node.value);
}

/** The content of an OCTET STRING, joining the pieces of a BER constructed one. */
export function octets(node: Asn1 | undefined, what: string): string {
  if (node === undefined) {
    throw new DerError(`${what} is missing`);
  }
  if (typeof node.value === 'string') {
    return node.value;
  }
  return node.value.map((piece) => octets(piece, what)).join('');
}

/** A non-negative INTEGER small enough for a JavaScript number (iteration counts, versions). */
export function smallInteger(node: Asn1 | undefined, what: string): number {
  if (
    node === undefined ||
    node.type !== forge.asn1.Type.INTEGER ||
    typeof node.value !== 'string' ||
    node.value.length > 6
  ) {
    throw new DerError(`${what} is not a small integer`);
  }
  let value = 0;
  for (let i = 0; i < node.value.length; i++) {
    value = value * 256 + node.value.charCodeAt(i);
  }
  return value;
}

/** True when a node is the context-specific tag `[n]`. */
export function isContextTag(node: Asn1 | undefined, tag: number): boolean {
  return node?.tagClass === forge.asn1.Class.CONTEXT_SPECIFIC && node.type === tag;
}

/** The DER encoding of a node, as a binary string. */
export function encode(node: Asn1): string {
  return forge.asn1.toDer(node).getBytes();
}
