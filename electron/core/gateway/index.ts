/**
 * The gateway client (docs/protocol.md): codec, connection state machine,
 * ping loop, backoff, failure classification and dialect detection.
 */
export * from './codec';
export * from './connection';
export * from './options';
export * from './backoff';
export * from './ping-scheduler';
export * from './detect';
export type { Listener, Subscribable } from './emitter';
