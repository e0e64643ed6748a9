import forge from 'node-forge';

/**
 * Thin Buffer-friendly helpers over node-forge's ASN.1 builder. forge works on
 * "binary strings" (one char per byte); these helpers keep that detail in one place so
 * the rest of the generator speaks Buffers.
 */

const { asn1 } = forge;
const { Class, Type } = asn1;

export type Asn1 = forge.asn1.Asn1;

/** Converts a Buffer to the binary string that forge expects. */
export function toBinary(bytes: Buffer): string {
  return bytes.toString('latin1');
}

/** Converts a forge binary string back to a Buffer. */
export function fromBinary(binary: string): Buffer {
  return Buffer.from(binary, 'latin1');
}

export function sequence(...items: Asn1[]): Asn1 {
  return asn1.create(Class.UNIVERSAL, Type.SEQUENCE, true, items);
}

export function set(...items: Asn1[]): Asn1 {
  return asn1.create(Class.UNIVERSAL, Type.SET, true, items);
}

export function oid(dotted: string): Asn1 {
  return asn1.create(Class.UNIVERSAL, Type.OID, false, asn1.oidToDer(dotted).getBytes());
}

export function octetString(bytes: Buffer): Asn1 {
  return asn1.create(Class.UNIVERSAL, Type.OCTETSTRING, false, toBinary(bytes));
}

export function integer(value: number): Asn1 {
  return asn1.create(Class.UNIVERSAL, Type.INTEGER, false, asn1.integerToDer(value).getBytes());
}

export function nullValue(): Asn1 {
  return asn1.create(Class.UNIVERSAL, Type.NULL, false, '');
}

/** A BMPString, the type PKCS#12 uses for friendly names; forge encodes it as UTF-16BE. */
export function bmpString(text: string): Asn1 {
  return asn1.create(Class.UNIVERSAL, Type.BMPSTRING, false, text);
}

/** An explicitly tagged `[tag]` wrapper, as in `content [0] EXPLICIT ...`. */
export function explicit(tag: number, inner: Asn1): Asn1 {
  return asn1.create(Class.CONTEXT_SPECIFIC, tag, true, [inner]);
}

/** An AlgorithmIdentifier whose parameters are NULL (digests, RSA signatures). */
export function algorithmWithNull(dotted: string): Asn1 {
  return sequence(oid(dotted), nullValue());
}

/** Encodes a node to DER bytes. */
export function toDer(node: Asn1): Buffer {
  return fromBinary(asn1.toDer(node).getBytes());
}

/** Wraps already encoded DER bytes so they can be nested in a forge tree. */
export function fromDer(bytes: Buffer): Asn1 {
  return asn1.fromDer(toBinary(bytes));
}

/** Encodes text as UTF-16 big-endian, the byte order Java and PKCS#12 use. */
export function utf16be(text: string): Buffer {
  const bytes = Buffer.alloc(text.length * 2);
  for (let i = 0; i < text.length; i++) {
    bytes.writeUInt16BE(text.charCodeAt(i), i * 2);
  }
  return bytes;
}

/** Wraps DER bytes in PEM armour with 64-character lines. */
export function toPem(label: string, der: Buffer): string {
  const base64 = der.toString('base64');
  const lines = base64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}
