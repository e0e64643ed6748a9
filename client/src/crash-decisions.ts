/** A server that crashes this often within the window is left stopped. */
export const MAX_RESTARTS = 4;
export const RESTART_WINDOW_MS = 3 * 60 * 1000;

/** Connection errors in a row after which the client gives up on the connection. */
export const MAX_CONNECTION_ERRORS = 3;

/** What to do after the connection to the server failed or closed. */
export interface CrashDecision {
  /** Keep the connection (after an error), or start the server again (after it closed). */
  carryOn: boolean;
  /** Why the server stays stopped, for the user; undefined when there is nothing to say. */
  giveUp?: string;
}

/**
 * The decisions of the client's crash policy, apart from the language client library so
 * that they can be tested without an editor. A server that crashes while running is
 * restarted, unless it keeps crashing. One that dies while starting is not restarted, since
 * it would only die again: the start fails at once and its caller tells the user.
 */
export class CrashDecisions {
  private readonly restarts: number[] = [];

  constructor(private readonly now: () => number = Date.now) {}

  /** After the `count`th connection error in a row. */
  connectionError(count: number | undefined, wasRunning: boolean): CrashDecision {
    if (count !== undefined && count <= MAX_CONNECTION_ERRORS) {
      return { carryOn: true };
    }
    return wasRunning
      ? {
          carryOn: false,
          giveUp: 'the connection to the language server keeps failing; it was shut down.',
        }
      : { carryOn: false };
  }

  /** After the connection closed, as it does when the server process exits. */
  closed(wasRunning: boolean): CrashDecision {
    if (!wasRunning) {
      return { carryOn: false };
    }
    const now = this.now();
    while (this.restarts.length > 0 && now - (this.restarts[0] ?? now) > RESTART_WINDOW_MS) {
      this.restarts.shift();
    }
    if (this.restarts.length >= MAX_RESTARTS) {
      return {
        carryOn: false,
        giveUp: `the language server crashed ${MAX_RESTARTS + 1} times in 3 minutes.`,
      };
    }
    this.restarts.push(now);
    return { carryOn: true };
  }
}
