/**
 * What a console page renders: the view the page gate (functions/console/page-gate.ts) left in
 * `Astro.locals.console`, typed with the data its page's `load` returns.
 */
import type { ConsoleView } from '../../functions/console/page-table.ts';

export function consoleView<D>(locals: App.Locals): ConsoleView<D> {
  return locals.console as ConsoleView<D>;
}
