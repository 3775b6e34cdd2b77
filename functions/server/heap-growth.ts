/**
 * How fast a node's heap grows. A node reads its whole content snapshot and indexes the site for
 * search when it starts, allocating fast, and V8 then lets the heap grow to several times what is
 * alive before it collects: at 10,000 pages (when it still rendered every searchable page at start)
 * a node peaked at 1.1 to 1.3 GB with about 400 MB alive; growing the heap by half at a time kept
 * it at 0.98 GB in the same time (the build does the same: functions/build/run-astro-build.ts).
 * Imported first by the server's entry, so it holds before anything allocates, however the node
 * is started.
 */
import { setFlagsFromString } from 'node:v8';

setFlagsFromString('--heap-growing-percent=50');
