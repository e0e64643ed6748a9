import * as path from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { parseArgs } from 'node:util';
import {
  CERTIFICATE_FILE_NAMES,
  type CertificateFileName,
  CertificateOptionsError,
  ExistingFilesError,
  findExistingFiles,
  generateCertificateSet,
  PASSWORD_VARIABLE,
  writeCertificateSet,
} from '../certs';

/** The process around a CLI command, passed in so tests can run commands in-process. */
export interface CliIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  stdin: NodeJS.ReadableStream;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

const EXIT_OK = 0;
const EXIT_GENERATION_FAILED = 1;
const EXIT_USAGE = 2;

const USAGE = `Usage: kestra-tls certs --out DIR (--password-stdin | --password-env VAR) [options]

Writes a CA, a server certificate signed by it, keystore.p12, truststore.jks,
truststore.p12 and matching compose and Kubernetes files into DIR.

Options:
  --out DIR            folder to write into (created with mode 0700 if missing)
  --cn NAME            common name of the server certificate (default localhost)
  --san LIST           subject alternative names, e.g. DNS:kestra.example.com,IP:10.0.0.5
                       (repeatable; default DNS:localhost,IP:127.0.0.1; the CN is always added)
  --days N             validity in days (default 365)
  --key-size N         RSA key size: 2048, 3072 or 4096 (default 4096)
  --alias NAME         alias of the key entry in keystore.p12 (default kestra)
  --password-stdin     read the store password from the first line of standard input
  --password-env VAR   read the store password from environment variable VAR
  --only LIST          write only these files, e.g. keystore.p12,truststore.jks; files
                       from different runs do not belong together
  --force              replace files that already exist
  --help               show this help

The password protects ca.key and the stores; it must have at least 6 characters and is
never written to any file. server.key is written unencrypted (mode 0600) for Ingress use.
`;

/** A usage or input problem: reported on stderr with exit code 2. */
class UsageError extends Error {}

/**
 * Runs `kestra-tls certs ARGS`. Returns 0 on success, 1 when generation failed and 2 for
 * usage, input or file errors.
 */
export async function runCertsCommand(args: string[], io: CliIo): Promise<number> {
  try {
    const request = parseCertsArgs(args);
    if (request === 'help') {
      io.stdout.write(USAGE);
      return EXIT_OK;
    }
    const folder = path.resolve(io.cwd, request.out);
    const existing = request.force ? [] : await findExistingFiles(folder, request.only);
    if (existing.length > 0) {
      throw new ExistingFilesError(existing);
    }
    const password = await readPassword(request, io);

    const set = await generateCertificateSet({
      password,
      commonName: request.cn,
      subjectAltNames: request.sans,
      validityDays: request.days,
      keySize: request.keySize,
      alias: request.alias,
      folder: request.out,
    });
    const written = await writeCertificateSet(set, folder, {
      force: request.force,
      only: request.only,
    });

    io.stdout.write(`Wrote ${written.length} files:\n`);
    for (const file of written) {
      io.stdout.write(`  ${file}\n`);
    }
    io.stdout.write(
      `Server certificate: CN=${set.commonName}, ${set.subjectAltNames.join(', ')}, ` +
        `valid until ${set.notAfter.toISOString().slice(0, 10)}; key alias "${set.alias}".\n` +
        `Give Kestra the store password as ${PASSWORD_VARIABLE}; it is in none of these files.\n`,
    );
    return EXIT_OK;
  } catch (error) {
    return report(error, io);
  }
}

function report(error: unknown, io: CliIo): number {
  if (error instanceof UsageError || error instanceof CertificateOptionsError) {
    io.stderr.write(`kestra-tls certs: ${error.message}\n`);
    if (error instanceof UsageError) {
      io.stderr.write('Run "kestra-tls certs --help" for the options.\n');
    }
    return EXIT_USAGE;
  }
  if (error instanceof ExistingFilesError) {
    io.stderr.write(`kestra-tls certs: ${error.message}\n`);
    return EXIT_USAGE;
  }
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const message = error instanceof Error ? error.message : String(error);
  if (typeof code === 'string') {
    // A system error code means reading or writing failed, not generation itself.
    io.stderr.write(`kestra-tls certs: cannot write the files: ${message}\n`);
    return EXIT_USAGE;
  }
  io.stderr.write(`kestra-tls certs: generation failed: ${message}\n`);
  return EXIT_GENERATION_FAILED;
}

interface CertsRequest {
  out: string;
  cn: string | undefined;
  sans: string[] | undefined;
  days: number | undefined;
  keySize: number | undefined;
  alias: string | undefined;
  passwordStdin: boolean;
  passwordEnv: string | undefined;
  only: CertificateFileName[] | undefined;
  force: boolean;
}

function parseCertsArgs(args: string[]): CertsRequest | 'help' {
  let values: ReturnType<typeof parseWithNodeUtil>['values'];
  try {
    values = parseWithNodeUtil(args).values;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help) {
    return 'help';
  }
  if (!values.out) {
    throw new UsageError('--out DIR is required.');
  }
  if (values['password-stdin'] && values['password-env'] !== undefined) {
    throw new UsageError('Give either --password-stdin or --password-env, not both.');
  }
  if (!values['password-stdin'] && values['password-env'] === undefined) {
    throw new UsageError('A store password is required: --password-stdin or --password-env VAR.');
  }
  return {
    out: values.out,
    cn: values.cn,
    sans: values.san ? splitList(values.san) : undefined,
    days: values.days === undefined ? undefined : wholeNumber('--days', values.days),
    keySize:
      values['key-size'] === undefined ? undefined : wholeNumber('--key-size', values['key-size']),
    alias: values.alias,
    passwordStdin: values['password-stdin'] === true,
    passwordEnv: values['password-env'],
    only: values.only ? fileSelection(splitList(values.only)) : undefined,
    force: values.force === true,
  };
}

function parseWithNodeUtil(args: string[]) {
  return parseArgs({
    args,
    strict: true,
    allowPositionals: false,
    options: {
      out: { type: 'string' },
      cn: { type: 'string' },
      san: { type: 'string', multiple: true },
      days: { type: 'string' },
      'key-size': { type: 'string' },
      alias: { type: 'string' },
      'password-stdin': { type: 'boolean' },
      'password-env': { type: 'string' },
      only: { type: 'string', multiple: true },
      force: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

function splitList(values: string[]): string[] {
  const items = values.flatMap((value) => value.split(',')).map((item) => item.trim());
  return items.filter((item) => item.length > 0);
}

function wholeNumber(flag: string, text: string): number {
  if (!/^\d+$/.test(text)) {
    throw new UsageError(`${flag} takes a whole number, not "${text}".`);
  }
  return Number(text);
}

function fileSelection(names: string[]): CertificateFileName[] {
  const known: readonly string[] = CERTIFICATE_FILE_NAMES;
  const unknown = names.filter((name) => !known.includes(name));
  if (unknown.length > 0) {
    throw new UsageError(
      `Unknown file${unknown.length > 1 ? 's' : ''} in --only: ${unknown.join(', ')}. ` +
        `Choose from ${CERTIFICATE_FILE_NAMES.join(', ')}.`,
    );
  }
  return names as CertificateFileName[];
}

async function readPassword(request: CertsRequest, io: CliIo): Promise<string> {
  if (request.passwordEnv !== undefined) {
    const password = io.env[request.passwordEnv];
    if (!password) {
      throw new UsageError(`Environment variable ${request.passwordEnv} is not set or empty.`);
    }
    return password;
  }
  const password = await readFirstLine(io.stdin);
  if (!password) {
    throw new UsageError('No password on standard input (--password-stdin reads one line).');
  }
  return password;
}

/**
 * Reads up to the first line break; a trailing carriage return is not part of it.
 * FIXME: on an interactive terminal the typed password is echoed; --password-stdin is meant
 * for pipes, and a hidden prompt would need raw terminal mode.
 */
async function readFirstLine(stdin: NodeJS.ReadableStream): Promise<string> {
  const decoder = new StringDecoder('utf8');
  let text = '';
  for await (const chunk of stdin) {
    text += typeof chunk === 'string' ? chunk : decoder.write(chunk as Buffer);
    if (text.includes('\n')) {
      break;
    }
  }
  text += decoder.end();
  return text.split('\n')[0]!.replace(/\r$/, '');
}
