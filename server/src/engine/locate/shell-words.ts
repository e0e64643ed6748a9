/** A word of a shell command line, with where each of its characters stands in the input. */
export interface ShellWord {
  text: string;
  /** positions[i] is the input offset of the word's character i. */
  positions: number[];
  /** The input offset just past the word, closing quote included. */
  end: number;
}

/**
 * Splits a command line into words as a POSIX shell does for simple commands: blanks
 * separate words, single quotes keep everything, double quotes keep all but `\\`
 * escapes, and a backslash outside quotes escapes the next character or continues the
 * line. Quotes are removed from the words; positions still point at the characters typed.
 */
export function splitShellWords(input: string): ShellWord[] {
  const words: ShellWord[] = [];
  let current: ShellWord | undefined;
  const add = (char: string, at: number) => {
    current ??= { text: '', positions: [], end: at };
    current.text += char;
    current.positions.push(at);
  };
  let i = 0;
  while (i < input.length) {
    const c = input[i] as string;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      if (current) {
        words.push(current);
        current = undefined;
      }
      i++;
    } else if (c === "'") {
      current ??= { text: '', positions: [], end: i };
      const close = input.indexOf("'", i + 1);
      const stop = close === -1 ? input.length : close;
      for (let at = i + 1; at < stop; at++) {
        add(input[at] as string, at);
      }
      i = stop + 1;
    } else if (c === '"') {
      current ??= { text: '', positions: [], end: i };
      i++;
      while (i < input.length && input[i] !== '"') {
        if (input[i] === '\\' && /["\\$`\n]/.test(input[i + 1] ?? '')) {
          if (input[i + 1] !== '\n') {
            add(input[i + 1] as string, i + 1);
          }
          i += 2;
        } else {
          add(input[i] as string, i);
          i++;
        }
      }
      i++;
    } else if (c === '\\') {
      // A backslash before a line break continues the line; before anything else it escapes.
      const next = input[i + 1];
      if (next !== undefined && next !== '\n' && next !== '\r') {
        add(next, i + 1);
      }
      i += next === '\r' && input[i + 2] === '\n' ? 3 : 2;
    } else {
      add(c, i);
      i++;
    }
    if (current) {
      current.end = Math.min(i, input.length);
    }
  }
  if (current) {
    words.push(current);
  }
  return words;
}
