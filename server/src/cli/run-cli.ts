import type { CliIo } from './certs-command';
import { runCertsCommand } from './certs-command';
import { runCheckCommand } from './check-command';
import { EXIT_OK, EXIT_USAGE } from './cli-errors';
import { packageInfo } from './package-info';

export type { CliIo } from './certs-command';

const USAGE = `Usage: kestra-tls <command> [options]

Commands:
  check [PATH...]   check Kestra TLS configuration in YAML files (kestra-tls check --help)
  certs             generate a CA, a server certificate and keystores (kestra-tls certs --help)

Options:
  --debug           print stack traces of internal errors
  --version         print the version
  -h, --help        show this help
`;

/**
 * Runs the `kestra-tls` command line in-process and returns its exit status. Nothing here
 * throws: an unexpected failure is one line on stderr and exit status 2, with the stack
 * only under `--debug`.
 */
export async function runCli(args: readonly string[], io: CliIo): Promise<number> {
  const debug = args.includes('--debug');
  try {
    return await dispatch(args, io, debug);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    io.stderr.write(`kestra-tls: internal error: ${detail.split('\n')[0]}\n`);
    if (debug && error instanceof Error && error.stack) {
      io.stderr.write(`${error.stack}\n`);
    }
    return EXIT_USAGE;
  }
}

async function dispatch(args: readonly string[], io: CliIo, debug: boolean): Promise<number> {
  // Options before the command apply to the program; `--debug` is also read anywhere above.
  let index = 0;
  while (index < args.length && args[index] === '--debug') {
    index++;
  }
  const command = args[index];
  const rest = args.slice(index + 1);
  switch (command) {
    case 'check':
      return runCheckCommand(rest, io, { debug });
    case 'certs':
      return runCertsCommand([...rest], io);
    case '--help':
    case '-h':
    case 'help':
      io.stdout.write(USAGE);
      return EXIT_OK;
    case '--version':
      io.stdout.write(`${packageInfo().version}\n`);
      return EXIT_OK;
    case undefined:
      io.stderr.write(USAGE);
      return EXIT_USAGE;
    default:
      io.stderr.write(
        `kestra-tls: unknown command '${command}'; valid commands: check, certs\n` +
          "Run 'kestra-tls --help' for usage.\n",
      );
      return EXIT_USAGE;
  }
}
