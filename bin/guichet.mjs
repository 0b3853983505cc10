#!/usr/bin/env node
// Entry point of the `guichet` command (npx guichet …, npm start).
// TypeScript sources run through tsx's loader: no separate build step for the server.
import { register } from 'tsx/esm/api';

register();
await import('../src/main.ts');
