/**
 * GitHub code scanning matches alerts across commits by `primaryLocationLineHash`: a rolling
 * hash over the 100 characters that follow the start of a line, ignoring spaces and tabs,
 * with every line ending read as LF, and a counter that tells identical lines apart.
 * GitHub's upload action computes it when a SARIF file lacks it; computing the same value
 * here makes uploads through the REST API match alerts too.
 */
const WINDOW = 100;
const MULTIPLIER = 37n;
const MULTIPLIER_POWER = BigInt.asUintN(64, MULTIPLIER ** BigInt(WINDOW));
const TAB = 9;
const LF = 10;
const CR = 13;
const SPACE = 32;
// A character no text holds, hashed once after the last one.
const END_OF_TEXT = 0xffff;

/** The `primaryLocationLineHash` of every line of a text, line 1 first. */
export function lineHashes(text: string): string[] {
  const hasher = new LineHasher();
  for (let i = 0; i < text.length; i++) {
    hasher.add(text.charCodeAt(i));
  }
  hasher.add(END_OF_TEXT);
  return hasher.finish();
}

class LineHasher {
  private readonly window: number[] = new Array<number>(WINDOW).fill(0);
  // The line that starts at each window slot, or -1 when none does.
  private readonly lineAt: number[] = new Array<number>(WINDOW).fill(-1);
  private readonly seen = new Map<string, number>();
  private readonly hashes: string[] = [];
  private hash = 0n;
  private index = 0;
  private line = 0;
  private atLineStart = true;
  private afterCr = false;

  add(code: number): void {
    if (code === SPACE || code === TAB || (this.afterCr && code === LF)) {
      this.afterCr = false;
      return;
    }
    this.afterCr = code === CR;
    const character = code === CR ? LF : code;
    if (this.slotLine() !== -1) {
      this.emit();
    }
    if (this.atLineStart) {
      this.atLineStart = false;
      this.line++;
      this.lineAt[this.index] = this.line;
    }
    if (character === LF) {
      this.atLineStart = true;
    }
    this.roll(character);
  }

  /** Flushes the lines whose window reaches past the end of the text. */
  finish(): string[] {
    for (let i = 0; i < WINDOW; i++) {
      if (this.slotLine() !== -1) {
        this.emit();
      }
      this.roll(0);
    }
    return this.hashes;
  }

  private slotLine(): number {
    return this.lineAt[this.index] ?? -1;
  }

  private emit(): void {
    const value = this.hash.toString(16);
    const occurrence = (this.seen.get(value) ?? 0) + 1;
    this.seen.set(value, occurrence);
    this.hashes[this.slotLine() - 1] = `${value}:${occurrence}`;
    this.lineAt[this.index] = -1;
  }

  private roll(character: number): void {
    const leaving = this.window[this.index] ?? 0;
    this.window[this.index] = character;
    this.hash = BigInt.asUintN(
      64,
      MULTIPLIER * this.hash + BigInt(character) - MULTIPLIER_POWER * BigInt(leaving),
    );
    this.index = (this.index + 1) % WINDOW;
  }
}
