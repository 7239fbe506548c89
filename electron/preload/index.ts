// Placeholder preload; the desktop shell issue builds the bridge from shared/api.ts.
import { contextBridge } from 'electron';

contextBridge.exposeInMainWorld('shardwatchVersion', '0.1.0');
