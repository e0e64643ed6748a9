import type { TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { warmUpSteps } from '../../engine/index';
import { describeError, type Logger } from '../logger';

/**
 * How long the server must have seen no document open or change before a warm-up step runs.
 * An editor sends the documents already open right after `initialized`, and a user who
 * types sends changes tens of milliseconds apart: neither waits for a step.
 */
const IDLE_MS = 300;

/** The trace line that ends the warm-up. */
export const WARM_UP_ENDED = 'Warm-up ended';

/**
 * Warms the engine up while the server has nothing else to do, one step at a time, so that
 * a large file opened later is checked by optimised code. Documents come first: each open
 * or change puts the next step off until the documents have been quiet for a while, so a
 * file open as the editor starts is checked at once, and a step, a few tens of
 * milliseconds, only runs when no one is typing.
 */
export class IdleWarmUpFeature {
  private lastActivity = performance.now();

  constructor(
    private readonly documents: TextDocuments<TextDocument>,
    private readonly logger: Logger,
  ) {}

  /** Starts the steps, each once the documents have been quiet for `IDLE_MS`. */
  start(): void {
    this.documents.onDidChangeContent(() => {
      this.lastActivity = performance.now();
    });
    const steps = warmUpSteps();
    let working = 0;
    let failed = false;
    const next = (): void => {
      const quiet = performance.now() - this.lastActivity;
      if (quiet < IDLE_MS) {
        setTimeout(next, IDLE_MS - quiet);
        return;
      }
      const step = steps.shift();
      if (!step) {
        const how = failed ? 'stopped by a failure' : 'complete';
        this.logger.trace(`${WARM_UP_ENDED}, ${how}, after ${working.toFixed(0)} ms of work`);
        return;
      }
      const started = performance.now();
      try {
        step();
      } catch (error) {
        // Only speed is at stake: the engine works as well cold.
        this.logger.warn(`The engine's warm-up failed: ${describeError(error)}`);
        failed = true;
        steps.length = 0;
      }
      working += performance.now() - started;
      setImmediate(next);
    };
    setTimeout(next, IDLE_MS);
  }
}
