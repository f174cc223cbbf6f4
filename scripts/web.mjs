import { serveWeb } from './serveWeb.mjs';

await serveWeb();
