/** Exit status of `kestra-tls check`: no error found. Warnings alone do not fail a build. */
export const EXIT_OK = 0;

/** Exit status when at least one diagnostic has the severity `error`. */
export const EXIT_ERRORS_FOUND = 1;

/**
 * Exit status for a usage error, a path that cannot be read, or a failure of the checker
 * itself: the result is incomplete, so CI must not read it as a pass.
 */
export const EXIT_USAGE = 2;

/** A mistake in the command line; the message names what is valid instead. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
