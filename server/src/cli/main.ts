import { runCli } from './run-cli';

// A reader that closes the pipe early (`kestra-tls check | head`) is not a failure of the
// check; without this handler Node would crash with a stack trace on EPIPE.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') {
      throw error;
    }
  });
}

void runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
  cwd: process.cwd(),
}).then((status) => {
  // Setting exitCode instead of calling process.exit lets buffered output drain first.
  process.exitCode = status;
});
