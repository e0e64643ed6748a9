import type { Position } from 'vscode-languageserver-protocol';
import { type ProcessMemory, ServerSession } from './server-session';

/** A generated file to open in the server and edit one character at a time. */
export interface Scenario {
  title: string;
  uri: string;
  text: string;
  /** Where the one-character edits go: a digit inside an embedded Kestra configuration. */
  editAt: Position;
}

/** What the runs of one scenario measured, one entry per run or per edit. */
export interface ScenarioResult {
  /**
   * From didOpen sent to the first diagnostics received, per run, in a server that has
   * started and warmed up: a file opened while one works.
   */
  openMs: number[];
  /**
   * From the server's start to the first diagnostics of a file opened right after the
   * handshake, per run: the first file, which starts the server, or one open when the
   * editor starts. The engine is cold then.
   */
  startToFirstMs: number[];
  /** From didChange sent to the diagnostics of that version received, per edit. */
  editMs: number[];
  /** The server's own time to check the file after each edit, from its trace. */
  editCheckMs: number[];
  /** From didChange sent to diagnostics received, per character typed (inserted). */
  typeMs: number[];
  /** The server's own time to check the file after each character typed. */
  typeCheckMs: number[];
  /** The server's memory after each run's edits. */
  memory: ProcessMemory[];
  /** Diagnostics published for the file when it opened. */
  diagnostics: number;
}

/**
 * Runs a scenario `runs` times, each in fresh servers so that every open is a first open:
 * once opened as the server starts, then, in another server once it has warmed up, opened
 * and edited `edits` times one character at a time, each edit awaited before the next.
 */
export async function runScenario(
  scenario: Scenario,
  runs: number,
  edits: number,
): Promise<ScenarioResult> {
  const result: ScenarioResult = {
    openMs: [],
    startToFirstMs: [],
    editMs: [],
    editCheckMs: [],
    typeMs: [],
    typeCheckMs: [],
    memory: [],
    diagnostics: 0,
  };
  for (let run = 0; run < runs; run++) {
    const first = await ServerSession.start();
    try {
      await first.open(scenario.uri, scenario.text);
      result.startToFirstMs.push(performance.now() - first.startedAt);
    } finally {
      await first.stop();
    }
    const session = await ServerSession.start();
    try {
      await session.warmedUp;
      let started = performance.now();
      const opened = await session.open(scenario.uri, scenario.text);
      result.openMs.push(performance.now() - started);
      result.diagnostics = opened.diagnostics.length;
      const checksBeforeEdits = session.checkTimes.length;

      const { line, character } = scenario.editAt;
      const range = { start: { line, character }, end: { line, character: character + 1 } };
      for (let edit = 0; edit < edits; edit++) {
        // A new digit each time, so that no edit finds its text already parsed.
        started = performance.now();
        await session.edit(scenario.uri, range, String(edit % 10));
        result.editMs.push(performance.now() - started);
      }
      result.editCheckMs.push(...session.checkTimes.slice(checksBeforeEdits));
      const checksBeforeTyping = session.checkTimes.length;
      for (let typed = 1; typed <= edits; typed++) {
        // Typing inserts: the text after the caret moves, unlike a replaced digit.
        const caret = { line, character: character + typed };
        started = performance.now();
        await session.edit(scenario.uri, { start: caret, end: caret }, String(typed % 10));
        result.typeMs.push(performance.now() - started);
      }
      result.typeCheckMs.push(...session.checkTimes.slice(checksBeforeTyping));
      const memory = session.memory();
      if (memory) {
        result.memory.push(memory);
      }
    } finally {
      await session.stop();
    }
  }
  return result;
}

/** The position of the last character of `needle`'s occurrence nearest the middle of `text`. */
export function middleOf(text: string, needle: string): Position {
  const offset = text.indexOf(needle, Math.floor(text.length / 2));
  if (offset === -1) {
    throw new Error(`${needle} is not in the second half of the text.`);
  }
  const end = offset + needle.length - 1;
  const line = text.slice(0, end).split('\n').length - 1;
  return { line, character: end - text.lastIndexOf('\n', end - 1) - 1 };
}
