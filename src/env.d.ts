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
  }
}
