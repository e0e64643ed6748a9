import type { KestraTlsCommand } from './command';

/** Opens the "Kestra TLS" output channel, which holds the client's and the server's logs. */
export const showLogs: KestraTlsCommand = {
  id: 'kestraTls.showLogs',
  purpose: 'show the logs',
  needsServer: false,
  async run({ log }) {
    log.show(true);
  },
};
