/** The name users see on the output channel, the status item and messages. */
export const DISPLAY_NAME = 'Kestra TLS';

/** The settings section the language server reads through workspace/configuration. */
export { SETTINGS_SECTION as CONFIGURATION_SECTION } from '../../server/src/server/settings';

/** The id of the language client; `kestraTls.trace.server` is derived from it. */
export const CLIENT_ID = 'kestraTls';

/**
 * Languages whose documents go to the server: YAML, and the language id the Docker extension
 * gives to compose files, so compose files are checked whichever extension claims them.
 */
export const LANGUAGE_IDS: readonly string[] = ['yaml', 'dockercompose'];

/** Saved files and unsaved editors alike; other schemes (git, output) are not the user's own. */
export const DOCUMENT_SCHEMES: readonly string[] = ['file', 'untitled'];
