// Starts a TypeScript worker under tsx (Node 20 does not apply `--import` to a worker's entry).
import { register } from 'tsx/esm/api';
import { workerData } from 'node:worker_threads';
import { pathToFileURL } from 'node:url';

register();
await import(pathToFileURL(workerData.entry).href);
