import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { guardProcess } from './process-guards';
import { startServer } from './server';

const TRANSPORTS = ['--stdio', '--node-ipc', '--socket', '--pipe'];

const transportGiven = process.argv
  .slice(2)
  .some((argument) => TRANSPORTS.includes(argument.split('=')[0] ?? ''));

if (transportGiven) {
  // The connection picks its transport from the arguments checked above.
  const connection = createConnection(ProposedFeatures.all);
  guardProcess(startServer(connection));
  connection.listen();
} else {
  process.stderr.write(
    'Usage: kestra-tls-language-server --stdio | --node-ipc | --socket=<port> | --pipe=<name>\n',
  );
  process.exitCode = 2;
}
