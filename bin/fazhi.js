#!/usr/bin/env node
// The `fazhi` command: runs the TypeScript CLI through tsx, so there is no build step for the server.
import { register } from 'tsx/esm/api';
register();
await import('../src/cli/main.ts');
