import type { TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { warmUpSteps } from '../../engine/index';
import { describeError, type Logger } from '../logger';

/**
 * How long the warm-up waits before its first step. An editor sends the documents already
 * open right after `initialized`; they must stop the warm-up before its first, slowest step.
 */
const START_DELAY_MS = 100;

/** The trace line that ends the warm-up, whether it ran to its end or stopped early. */
export const WARM_UP_ENDED = 'Warm-up ended';

/**
 * Warms the engine up while the server has nothing else to do, one step at a time, so that
 * a large file opened later is checked by optimised code. A document that opens stops it
 * for good: a file that is open when the editor starts is checked at once rather than after
 * the warm-up, and from then on real work warms the engine. A message that arrives during a
 * step waits for that step only, at most a few tens of milliseconds.
 */
export class IdleWarmUpFeature {
  private stopped = false;

  constructor(
    private readonly documents: TextDocuments<TextDocument>,
    private readonly logger: Logger,
  ) {}

  /** Starts the steps; each runs once the messages that arrived before it are handled. */
  start(): void {
    this.documents.onDidOpen(() => {
      this.stopped = true;
    });
    const steps = warmUpSteps();
    const started = performance.now();
    const next = (): void => {
      const step = steps.shift();
      if (!step || this.stopped) {
        const how = step ? 'stopped by a document that opened' : 'complete';
        const elapsed = (performance.now() - started).toFixed(0);
        this.logger.trace(`${WARM_UP_ENDED}, ${how}, after ${elapsed} ms`);
        return;
      }
      try {
        step();
      } catch (error) {
        // Only speed is at stake: the engine works as well cold.
        this.logger.warn(`The engine's warm-up failed: ${describeError(error)}`);
        this.stopped = true;
      }
      setImmediate(next);
    };
    setTimeout(next, START_DELAY_MS);
  }
}
