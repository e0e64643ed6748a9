/** A zero-based position as LSP counts it: UTF-16 code units within a line. */
export interface Position {
  line: number;
  character: number;
}

/** A half-open range of positions, in LSP's shape. */
export interface Range {
  start: Position;
  end: Position;
}

/** A carriage return that is not the start of a CRLF: a line break of its own. */
const LONE_CR = /\r(?!\n)/;

/**
 * Converts offsets into a text to line and column positions. JavaScript strings are
 * UTF-16, so an offset's distance from its line start is already the LSP column.
 */
export class LineIndex {
  private readonly lineStarts: number[] = [0];

  constructor(readonly text: string) {
    if (!LONE_CR.test(text)) {
      // Without old Mac line breaks, a line starts after each LF: a native search finds
      // them several times faster than a loop over every character, on every keystroke.
      for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) {
        this.lineStarts.push(at + 1);
      }
      return;
    }
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) {
        this.lineStarts.push(i + 1);
      } else if (c === 13 && text.charCodeAt(i + 1) !== 10) {
        this.lineStarts.push(i + 1);
      }
    }
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  /** The position of an offset; one between the two characters of a CRLF is the line's end. */
  positionAt(offset: number): Position {
    let clamped = Math.max(0, Math.min(offset, this.text.length));
    if (this.text.charCodeAt(clamped) === 10 && this.text.charCodeAt(clamped - 1) === 13) {
      clamped--;
    }
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((this.lineStarts[mid] ?? 0) <= clamped) {
        low = mid;
      } else {
        high = mid - 1;
      }
    }
    return { line: low, character: clamped - (this.lineStarts[low] ?? 0) };
  }

  /** The offset of a position; a column past the end of its line means the end of the line. */
  offsetAt(position: Position): number {
    const start = this.lineStarts[position.line];
    if (start === undefined) {
      return this.text.length;
    }
    let end = this.lineStarts[position.line + 1] ?? this.text.length;
    // LSP clamps to the line's content: the line break is not part of the line.
    while (end > start && isLineBreak(this.text.charCodeAt(end - 1))) {
      end--;
    }
    return Math.min(start + Math.max(0, position.character), end);
  }

  rangeOf(start: number, end: number): Range {
    return { start: this.positionAt(start), end: this.positionAt(end) };
  }
}

function isLineBreak(code: number): boolean {
  return code === 10 || code === 13;
}
