/**
 * Reads the primitives of Java's DataInputStream, in which JKS and JCEKS files are written.
 */

/** Raised when a Java data stream ends early or holds an impossible value. */
export class JavaDataError extends Error {}

/** A cursor over bytes written by java.io.DataOutputStream. */
export class JavaDataReader {
  private offset = 0;
  private readonly view: DataView;

  constructor(private readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  /** How many bytes have been read, which is where the next value starts. */
  get position(): number {
    return this.offset;
  }

  private need(count: number, what: string): void {
    if (count < 0 || this.offset + count > this.bytes.length) {
      throw new JavaDataError(`the file ends inside ${what}`);
    }
  }

  readInt(what: string): number {
    this.need(4, what);
    const value = this.view.getInt32(this.offset);
    this.offset += 4;
    return value;
  }

  readLong(what: string): bigint {
    this.need(8, what);
    const value = this.view.getBigInt64(this.offset);
    this.offset += 8;
    return value;
  }

  readBytes(count: number, what: string): Uint8Array {
    this.need(count, what);
    const value = this.bytes.subarray(this.offset, this.offset + count);
    this.offset += count;
    return value;
  }

  /** Reads a length-prefixed block: an int length, then that many bytes. */
  readBlock(what: string): Uint8Array {
    const length = this.readInt(what);
    if (length < 0) {
      throw new JavaDataError(`${what} has a negative length`);
    }
    return this.readBytes(length, what);
  }

  /** Reads a string written by DataOutputStream.writeUTF: a short length and modified UTF-8. */
  readUtf(what: string): string {
    this.need(2, what);
    const length = this.view.getUint16(this.offset);
    this.offset += 2;
    return decodeModifiedUtf8(this.readBytes(length, what), what);
  }
}

/**
 * Decodes Java's modified UTF-8: like UTF-8, except that NUL takes two bytes and characters
 * outside the Basic Multilingual Plane are written as two three-byte surrogates.
 */
export function decodeModifiedUtf8(bytes: Uint8Array, what: string): string {
  const units: number[] = [];
  let i = 0;
  const next = (): number => {
    const byte = bytes[i++];
    if (byte === undefined || (byte & 0xc0) !== 0x80) {
      throw new JavaDataError(`${what} is not valid modified UTF-8`);
    }
    return byte & 0x3f;
  };
  while (i < bytes.length) {
    const first = bytes[i++] as number;
    if (first < 0x80) {
      units.push(first);
    } else if ((first & 0xe0) === 0xc0) {
      units.push(((first & 0x1f) << 6) | next());
    } else if ((first & 0xf0) === 0xe0) {
      const second = next();
      units.push(((first & 0x0f) << 12) | (second << 6) | next());
    } else {
      throw new JavaDataError(`${what} is not valid modified UTF-8`);
    }
  }
  return String.fromCharCode(...units);
}

/** A password as Java's JKS code turns it into bytes: each UTF-16 code unit big-endian. */
export function passwordUtf16Be(password: string): Uint8Array {
  const bytes = new Uint8Array(password.length * 2);
  for (let i = 0; i < password.length; i++) {
    const unit = password.charCodeAt(i);
    bytes[2 * i] = unit >> 8;
    bytes[2 * i + 1] = unit & 0xff;
  }
  return bytes;
}
