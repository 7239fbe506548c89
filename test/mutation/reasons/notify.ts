import type { SurvivorReason } from '../survivor-list';

/** Webhook delivery: electron/core/notify/{delivery-queue,http-post,channel-rules}.ts. */
export const NOTIFY: SurvivorReason[] = [];
