/// <reference types="astro/client" />

declare namespace App {
  interface Locals {
    deps: import('../functions/deps.ts').Deps;
    /** The TCP peer of this request, passed by the server's front door. */
    socketAddress?: string;
    /**
     * The client's rate-limit identity (functions/http/client-address.ts), set by the middleware
     * for every on-demand page: use it inside a keyed hash only, never store or log it.
     */
    clientAddress: string;
    /**
     * What a console page renders, left by the page gate (functions/console/page-gate.ts) after it
     * checked access, ran the form's action and loaded the page's data.
     */
    console: import('../functions/console/page-table.ts').ConsoleView;
  }
}
