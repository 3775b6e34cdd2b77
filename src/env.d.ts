/// <reference types="astro/client" />

declare namespace App {
  interface Locals {
    deps: import('../functions/deps.ts').Deps;
  }
}
