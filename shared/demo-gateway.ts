/**
 * The demo gateway as the core sees it. The simulator (`electron/sim/demo.ts`)
 * implements it and the composition roots hand it to the core, which never
 * imports the simulator (docs/architecture.md §2); the type lives here so both
 * sides can name it.
 */
import type { ProfileInput } from './profile-model';

/** A running demo gateway and the profile that reaches it. */
export interface DemoGateway {
  readonly url: string;
  /** A complete profile form for the demo, credentials included (they are demo values, not secrets). */
  profileInput(): ProfileInput;
  stop(): Promise<void>;
}
