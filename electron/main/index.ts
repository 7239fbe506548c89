/**
 * Composition root of the desktop app: it only wires (docs/architecture.md §3.4). The
 * life cycle is in shell.ts; the engine is the plain-Node core.
 */
import { join } from 'node:path';
import { createAppCore } from '../core/api';
import { startDemoGateway } from '../sim/demo';
import { startDesktopShell } from './shell';

const here = import.meta.dirname;

void startDesktopShell({
  preloadPath: join(here, '../preload/index.cjs'),
  rendererDir: join(here, '../renderer'),
  devServerUrl: process.env['ELECTRON_RENDERER_URL'],
  createCore: createAppCore,
  startDemo: () => startDemoGateway(),
  startSimulator: () => startDemoGateway({ shardCount: 8, outages: false }),
});
