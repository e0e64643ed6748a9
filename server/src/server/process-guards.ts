import { describeError, type Logger } from './logger';

/**
 * Keeps the server alive through errors nothing caught: an editor loses every diagnostic
 * when its language server dies, while one failed check loses only itself. Each such error
 * is logged so that it can still be found and fixed.
 */
export function guardProcess(logger: Logger): void {
  process.on('uncaughtException', (error) => {
    report(logger, `Uncaught exception: ${describeError(error)}`);
  });
  process.on('unhandledRejection', (reason) => {
    report(logger, `Unhandled rejection: ${describeError(reason)}`);
  });
}

function report(logger: Logger, message: string): void {
  try {
    logger.error(message);
  } catch {
    // The connection itself is broken; stderr is never the protocol channel, so it is safe.
    process.stderr.write(`${message}\n`);
  }
}
