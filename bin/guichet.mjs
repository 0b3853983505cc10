#!/usr/bin/env node
// Entry point of the `guichet` command (npx guichet …, npm start): plain JavaScript compiled
// from src/ into dist/server, compiled first when missing or out of date (docs/adr/0011).
import { pathToFileURL } from 'node:url';
import { buildServerIfStale, serverEntry } from './build-server.mjs';

try {
  buildServerIfStale();
} catch (error) {
  process.stderr.write(`guichet: ${error.message}\n`);
  process.exit(1);
}
await import(pathToFileURL(serverEntry).href);
