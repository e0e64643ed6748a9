import type { Scalar } from 'yaml';

/**
 * Maps offsets in a scalar's decoded value to offsets in the host file, so that a finding
 * inside an embedded configuration points at the characters the user typed.
 */
export class OffsetMap {
  /**
   * hostOffsets[i] is where value character i starts in the host text and hostEnds[i] where
   * its source ends: an escape such as `\u00e9`, a doubled quote or a CRLF is longer than one.
   */
  private constructor(
    private readonly hostOffsets: Int32Array,
    private readonly hostEnds: Int32Array,
    private readonly hostEnd: number,
  ) {}

  /** A map for a value that stands verbatim at `start` in the host text. */
  static identity(start: number, length: number): OffsetMap {
    const offsets = new Int32Array(length);
    const ends = new Int32Array(length);
    for (let i = 0; i < length; i++) {
      offsets[i] = start + i;
      ends[i] = start + i + 1;
    }
    return new OffsetMap(offsets, ends, start + length);
  }

  /**
   * Aligns a scalar's decoded value with its source in `hostText`. Every non-blank
   * character of the value maps exactly; blanks produced by folding or indentation map to
   * the nearest source blank. Escapes in double-quoted scalars map to their first character.
   */
  static forScalar(hostText: string, scalar: Scalar, base = 0): OffsetMap {
    const value = String(scalar.value ?? '');
    const [start = 0, end = start] = scalar.range ?? [];
    const sourceStart = base + start;
    const sourceEnd = base + end;
    const offsets = new Int32Array(value.length);
    const ends = new Int32Array(value.length);
    let r = bodyStart(hostText, scalar.type, sourceStart, sourceEnd);
    const quoted = scalar.type === 'QUOTE_DOUBLE' || scalar.type === 'QUOTE_SINGLE';
    const limit = quoted ? Math.max(r, sourceEnd - 1) : sourceEnd;
    for (let v = 0; v < value.length; v++) {
      const c = value[v] as string;
      r = skipContinuations(hostText, scalar.type, r, limit);
      const raw = hostText[r];
      offsets[v] = r;
      if (raw === c && !(scalar.type === 'QUOTE_DOUBLE' && raw === '\\')) {
        r += scalar.type === 'QUOTE_SINGLE' && c === "'" ? 2 : 1;
      } else if (raw === '\r' && c === '\n' && hostText[r + 1] === '\n') {
        r += 2;
      } else if (scalar.type === 'QUOTE_DOUBLE' && raw === '\\') {
        r += escapeLength(hostText, r);
        if (isHighSurrogate(c) && v + 1 < value.length) {
          // A `\U` escape beyond the BMP decodes to two UTF-16 units: both stand on it.
          v++;
          offsets[v] = offsets[v - 1] as number;
          ends[v - 1] = r;
        }
      } else {
        const found = skipBlanksTo(hostText, r, limit, c);
        offsets[v] = Math.min(found, limit);
        if (found < limit && hostText[found] === c) {
          r = found + 1;
        } else if (!isBlank(c)) {
          // The value and the source disagree; keep the rest of the map at the last known place.
          offsets.fill(Math.min(r, limit), v);
          ends.fill(Math.min(r, limit), v);
          break;
        }
        ends[v] = Math.min(found + 1, limit);
        continue;
      }
      ends[v] = r;
    }
    return new OffsetMap(offsets, ends, Math.min(r, limit));
  }

  /** The host offset of a value offset; the end of the value maps just past its last character. */
  toHost(offset: number): number {
    if (offset < 0) {
      return this.hostOffsets.length > 0 ? (this.hostOffsets[0] as number) : this.hostEnd;
    }
    if (offset >= this.hostOffsets.length) {
      const last = this.hostEnds[this.hostEnds.length - 1];
      return last === undefined ? this.hostEnd : Math.max(last, this.hostEnd);
    }
    return this.hostOffsets[offset] as number;
  }

  /** The host span of a value span; the end is where the source of its last character ends. */
  spanToHost(start: number, end: number): { start: number; end: number } {
    const hostStart = this.toHost(start);
    if (end <= start) {
      return { start: hostStart, end: hostStart };
    }
    const last = Math.min(end, this.hostEnds.length) - 1;
    const hostEnd = last < 0 ? this.hostEnd : (this.hostEnds[last] as number);
    return { start: hostStart, end: Math.max(hostStart, hostEnd) };
  }

  /** A map for the part of the value that starts at `from`, such as the text after `NAME=`. */
  slice(from: number): OffsetMap {
    return new OffsetMap(
      this.hostOffsets.subarray(from),
      this.hostEnds.subarray(from),
      this.hostEnd,
    );
  }
}

function bodyStart(text: string, type: Scalar['type'], start: number, end: number): number {
  if (type === 'QUOTE_DOUBLE' || type === 'QUOTE_SINGLE') {
    return start + 1;
  }
  if (type === 'BLOCK_LITERAL' || type === 'BLOCK_FOLDED') {
    // The body starts on the line after the header (`|`, `>-`, `|2`, and a comment).
    const lineBreak = text.indexOf('\n', start);
    return lineBreak === -1 || lineBreak >= end ? end : lineBreak + 1;
  }
  return start;
}

function skipContinuations(text: string, type: Scalar['type'], r: number, limit: number): number {
  // An escaped line break in a double-quoted scalar produces no character at all.
  let at = r;
  while (
    type === 'QUOTE_DOUBLE' &&
    text[at] === '\\' &&
    (text[at + 1] === '\n' || text[at + 1] === '\r')
  ) {
    at += text[at + 1] === '\r' && text[at + 2] === '\n' ? 3 : 2;
    while (at < limit && (text[at] === ' ' || text[at] === '\t')) {
      at++;
    }
  }
  return at;
}

function escapeLength(text: string, at: number): number {
  switch (text[at + 1]) {
    case 'x':
      return 4;
    case 'u':
      return 6;
    case 'U':
      return 10;
    default:
      return 2;
  }
}

function isHighSurrogate(c: string): boolean {
  const code = c.charCodeAt(0);
  return code >= 0xd800 && code <= 0xdbff;
}

function isBlank(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r';
}

function skipBlanksTo(text: string, from: number, limit: number, wanted: string): number {
  let at = from;
  while (at < limit && text[at] !== wanted && isBlank(text[at])) {
    at++;
  }
  return at;
}
