/**
 * Every component mounted by a test gets the app's i18n instance, as
 * `renderer/src/main.ts` installs it, in English unless the test switches.
 */
import { config } from '@vue/test-utils';
import { i18n } from '../../../renderer/src/i18n';

i18n.global.locale.value = 'en';
config.global.plugins = [...(config.global.plugins ?? []), i18n];
