import {
  type CancellationToken,
  ErrorCodes,
  LSPErrorCodes,
  ResponseError,
} from 'vscode-languageserver';
import { describeError, type Logger } from './logger';

/** A request handler as features write it: parameters and a cancellation token in. */
export type RequestHandler<P, R> = (params: P, token: CancellationToken) => R | Promise<R>;

/**
 * Wraps a request handler so that nothing it throws reaches the connection as a crash: a
 * throw becomes an LSP error response and an error line in the log, a cancelled request
 * answers RequestCancelled, and every call's duration goes to the trace.
 */
export function handleRequest<P, R, E = void>(
  method: string,
  logger: Logger,
  handler: RequestHandler<P, R>,
): (params: P, token: CancellationToken) => Promise<R | ResponseError<E>> {
  return async (params, token) => {
    const started = performance.now();
    try {
      // A request cancelled while it waited in the queue is not worth starting.
      if (token.isCancellationRequested) {
        return new ResponseError<E>(LSPErrorCodes.RequestCancelled, `${method} was cancelled.`);
      }
      const result = await handler(params, token);
      if (token.isCancellationRequested) {
        return new ResponseError<E>(LSPErrorCodes.RequestCancelled, `${method} was cancelled.`);
      }
      return result;
    } catch (error) {
      if (error instanceof ResponseError) {
        return error as ResponseError<E>;
      }
      logger.error(`${method} failed: ${describeError(error)}`);
      const message = error instanceof Error ? error.message : String(error);
      return new ResponseError<E>(ErrorCodes.InternalError, `${method} failed: ${message}`);
    } finally {
      logger.trace(`${method} took ${(performance.now() - started).toFixed(1)} ms`);
    }
  };
}
