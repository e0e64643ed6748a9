import type { RemoteConsole, RemoteTracer } from 'vscode-languageserver';

/**
 * The server's only way to log: every line goes to the client through the connection, at a
 * level the client can filter. Nothing is ever written to stdout, which may carry the
 * protocol itself. Callers must never pass settings values or key material.
 */
export class Logger {
  constructor(
    private readonly console: RemoteConsole,
    private readonly tracer: RemoteTracer,
  ) {}

  error(message: string): void {
    this.console.error(message);
  }

  warn(message: string): void {
    this.console.warn(message);
  }

  info(message: string): void {
    this.console.info(message);
  }

  debug(message: string): void {
    this.console.debug(message);
  }

  /**
   * Timings and other detail for someone chasing a problem. The connection sends it only
   * while the client has tracing on, so it costs nothing otherwise.
   */
  trace(message: string): void {
    this.tracer.log(message);
  }
}

/** The message of anything thrown, with its stack when there is one. */
export function describeError(error: unknown): string {
  if (error instanceof Error) {
    return error.stack ?? `${error.name}: ${error.message}`;
  }
  return String(error);
}
