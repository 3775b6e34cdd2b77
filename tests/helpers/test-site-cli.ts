/**
 * Prints the folder of a build of the current sources, building it first only if a source changed
 * since: the browser tests serve the same build the integration tests start their servers on.
 */
import { builtSite } from './running-server.ts';

process.stdout.write(`${await builtSite()}\n`);
