/** The gateway client (PROTOCOL.md): codec, connection state machine, ping loop, backoff. */
export * from './codec';
export * from './connection';
export * from './options';
export * from './backoff';
export * from './ping-scheduler';
export type { Listener, Subscribable } from './emitter';
