/**
 * "Detect" in the profile editor: dialect detection for a profile or an
 * unsaved form (docs/protocol.md §5), as the API answers it.
 */
import type { ApiResult } from '../../../shared/api';
import { apiError, apiOk } from '../../../shared/api';
import type { DialectDetection } from '../../../shared/command-results';
import type { Clock } from '../../../shared/clock';
import { sayEnglish, type Say } from '../../../shared/i18n/translator';
import { detectDialect } from '../gateway/detect';
import type { GatewayIdentity } from '../gateway/options';
import { GatewayOptionsError } from '../gateway/options';

/** Detect the dialect of the gateway at `url`; invalid settings are a validation error. */
export async function detectCommand(
  url: string,
  identity: GatewayIdentity,
  clock: Clock,
  say?: Say,
): Promise<ApiResult<DialectDetection>> {
  try {
    const r = await detectDialect({ url, identity, clock, ...(say ? { say } : {}) });
    return apiOk({
      dialect: r.dialect,
      summary: r.summary,
      evidence: r.evidence,
      credentialsAccepted: r.credentialsAccepted,
      botRegistered: r.botRegistered,
    });
  } catch (err) {
    // Its message lists the problems and never holds a secret's value.
    if (err instanceof GatewayOptionsError)
      return apiError('validation', err.wordedWith(say ?? sayEnglish));
    throw err;
  }
}
