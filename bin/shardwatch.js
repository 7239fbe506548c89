#!/usr/bin/env node
// The `shardwatch` command. It runs the TypeScript CLI through tsx, so it needs
// no build step after `npm install` (docs/architecture.md §4).
import { tsImport } from 'tsx/esm/api';

const major = Number(process.versions.node.split('.')[0]);
if (major < 24) {
  process.stderr.write(
    `shardwatch needs Node 24 or newer (this is ${process.version}). Run it through npm so the ` +
      `project's pinned Node is used: \`npx shardwatch …\` or \`npm run shardwatch -- …\`.\n`,
  );
  process.exit(2);
}
const { main } = await tsImport('../electron/cli/index.ts', import.meta.url);
process.exitCode = await main(process.argv.slice(2));
