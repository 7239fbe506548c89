// Types of what stryker.config.mjs exports besides Stryker's options, for
// test/mutation/run-groups.ts (the config stays plain JavaScript: Stryker loads it).
import type { PartialStrykerOptions } from '@stryker-mutator/api/core';

export interface MutationGroupConfig {
  name: string;
  mutate: string[];
  tests: string[];
}
export const GROUPS: MutationGroupConfig[];
export function groupReport(name: string): string;
export function testFilesFor(files: string[] | null): string[];
declare const options: PartialStrykerOptions;
export default options;
