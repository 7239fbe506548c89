/**
 * The profile editor's state and behaviour, shared by its section
 * components through provide/inject: the form, local validation as the user
 * types (shared/profile-validation.ts), the core's check before saving, the
 * core's `fieldErrors` placed next to the same fields, "Detect", "Test
 * connection", save and delete. Invalid input saves nothing.
 *
 * Secrets are write-only: the form only knows whether they are set, and sends
 * `undefined` to keep the stored value (docs/architecture.md §3.7).
 */
import { computed, inject, nextTick, provide, reactive, ref, watch } from 'vue';
import type { InjectionKey } from 'vue';
import type { DialectDetection, HandshakeReport } from '../../../../shared/command-results';
import type { ProfileFields, ProfileInput } from '../../../../shared/profile-model';
import { DIALECT_SPECS } from '../../../../shared/dialects';
import {
  defaultProfileInput,
  isLoopbackHost,
  PROFILE_FIELD_KEYS,
  validateProfileInput,
} from '../../../../shared/profile-validation';
import { withFlag } from '../../../../shared/flag-options';
import type { FlagOption } from '../../../../shared/flag-options';
import { nextProfileColor } from '../../../../shared/profile-colors';
import { gatewayAddress } from '../../../../shared/gateway-address';
import { describedBy, fieldId } from '../../form-ids';
import { say, t } from '../../i18n';
import { navigate, profileHref, routeHref } from '../../router';
import { useAppStore } from '../../stores/app';
import { client } from '../../stores/client';

/** Create the editor of a profile (`null`: a new one) and provide it to the sections. */
export function createProfileEditor(props: { readonly profileId: string | null }) {
  const app = useAppStore();
  const profile = computed(() =>
    props.profileId === null ? null : (app.profileById.get(props.profileId) ?? null),
  );
  const isNew = computed(() => props.profileId === null);
  /** Name of the profile this one was just copied from (Overview → Duplicate). */
  const copiedFrom = computed(() =>
    props.profileId === null ? undefined : app.copiedFrom[props.profileId],
  );

  function localTimeZone(): string {
    try {
      return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
    } catch {
      return 'UTC';
    }
  }

  function fieldsOf(source: ProfileFields): ProfileFields {
    const copy = JSON.parse(JSON.stringify(source)) as ProfileFields & Record<string, unknown>;
    // Keep only the editable fields; the view carries id, order, timestamps…
    const blank = defaultProfileInput() as ProfileFields & Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(blank)) out[key] = copy[key];
    return out as unknown as ProfileFields;
  }

  function blankForm(): ProfileFields {
    const f = fieldsOf(defaultProfileInput());
    f.alerts.quietHours.timeZone = localTimeZone();
    // Each new profile gets a colour no other profile has yet.
    f.color = nextProfileColor(app.profiles.map((p) => p.color));
    return f;
  }

  const form = ref<ProfileFields>(blankForm());
  const initialized = ref(isNew.value);

  watch(
    profile,
    (p) => {
      // Initialise once; later deltas must not overwrite what the user is typing.
      if (p && !initialized.value) {
        form.value = fieldsOf(p);
        initialized.value = true;
      }
    },
    { immediate: true },
  );

  // Secrets: drafts start empty and are never filled from anywhere.
  const publicKeyDraft = ref('');
  const secretDraft = ref('');
  const replacingPublicKey = ref(false);
  const replacingSecret = ref(false);
  watch(
    profile,
    (p) => {
      if (!p || p.secretNeedsReentry) {
        replacingPublicKey.value = !p?.hasPublicKey || !!p?.secretNeedsReentry;
        replacingSecret.value = !p?.hasSecret || !!p?.secretNeedsReentry;
      }
    },
    { immediate: true },
  );
  if (isNew.value) {
    replacingPublicKey.value = true;
    replacingSecret.value = true;
  }

  // Stored secrets are bound to the gateway address they were saved for: as
  // soon as the URL names another address they must be entered again (the
  // core refuses to keep them; this says so while the user types).
  const savedAddress = computed(() =>
    profile.value && (profile.value.hasPublicKey || profile.value.hasSecret)
      ? gatewayAddress(profile.value.url)
      : null,
  );
  const addressMoved = computed(
    () => savedAddress.value !== null && gatewayAddress(form.value.url) !== savedAddress.value,
  );
  watch(addressMoved, (moved) => {
    if (moved) {
      if (profile.value?.hasPublicKey) replacingPublicKey.value = true;
      if (profile.value?.hasSecret) replacingSecret.value = true;
    } else if (!profile.value?.secretNeedsReentry) {
      // Back to the saved address: the stored values fit again unless new ones were typed.
      if (publicKeyDraft.value === '') replacingPublicKey.value = false;
      if (secretDraft.value === '') replacingSecret.value = false;
    }
  });

  const input = computed<ProfileInput>(() => ({
    ...form.value,
    publicKey: replacingPublicKey.value ? publicKeyDraft.value : undefined,
    secret: replacingSecret.value ? secretDraft.value : undefined,
  }));

  const otherNames = computed(() =>
    app.profiles.filter((p) => p.id !== props.profileId).map((p) => p.name),
  );

  const local = computed(() =>
    validateProfileInput(input.value, {
      hasPublicKey:
        !!profile.value?.hasPublicKey && !profile.value.secretNeedsReentry && !addressMoved.value,
      hasSecret:
        !!profile.value?.hasSecret && !profile.value.secretNeedsReentry && !addressMoved.value,
      otherNames: otherNames.value,
      // Worded here, so a language switch re-words the messages on screen.
      say,
    }),
  );

  const touched = reactive(new Set<string>());
  const submitted = ref(false);
  const serverErrors = ref<Record<string, string>>({});
  const saveError = ref<string | null>(null);
  const saving = ref(false);

  /** Mark a field as edited: its local message shows, a stale server message goes. */
  function touch(key: string): void {
    touched.add(key);
    if (serverErrors.value[key] !== undefined) {
      const next = { ...serverErrors.value };
      delete next[key];
      serverErrors.value = next;
    }
  }

  function errorFor(key: string): string | undefined {
    const server = serverErrors.value[key];
    if (server !== undefined) return server;
    if (submitted.value || touched.has(key)) return local.value.errors[key];
    return undefined;
  }

  function warningFor(key: string): string | undefined {
    return local.value.warnings[key];
  }

  function aria(key: string, hint?: string): Record<string, string | undefined> {
    const error = errorFor(key);
    return {
      id: fieldId(key),
      'aria-invalid': error ? 'true' : 'false',
      'aria-describedby': describedBy(key, { hint, warning: warningFor(key), error }),
    };
  }

  /** Server errors for keys no field shows (so nothing is lost). */
  const unplacedErrors = computed(() => {
    const shown = new Set(KNOWN_KEYS);
    return Object.entries(serverErrors.value).filter(([k]) => !shown.has(k));
  });

  const KNOWN_KEYS: string[] = [
    ...PROFILE_FIELD_KEYS.filter((k) => k !== 'alerts'),
    'publicKey',
    'secret',
    'alerts.latencyP95Ms',
    'alerts.lossPct',
    'alerts.waitingForBotAfterMs',
    'alerts.raiseAfter',
    'alerts.clearAfter',
    'alerts.escalateDownFraction',
    'alerts.escalateAfterMs',
    'alerts.quietHours.start',
    'alerts.quietHours.end',
    'alerts.quietHours.timeZone',
  ];

  /** A dialect a monitor must never register with offers no mode choice (docs/protocol.md §2). */
  const mayRegister = computed(() => DIALECT_SPECS[form.value.dialect]?.monitorMayRegister ?? true);
  watch(
    () => form.value.dialect,
    () => {
      if (!mayRegister.value) form.value.monitorMode = 'ping-only';
    },
  );

  // "Detect": which dialect the gateway speaks, found without registering.
  const detecting = ref(false);
  const detection = ref<DialectDetection | null>(null);
  const detectError = ref<string | null>(null);

  async function detect(): Promise<void> {
    detectError.value = null;
    detection.value = null;
    detecting.value = true;
    const r = await client.detectDialect({
      ...(props.profileId !== null ? { profileId: props.profileId } : {}),
      input: input.value,
    });
    detecting.value = false;
    if (!r.ok) {
      detectError.value = t('editor.gateway.detectFailed', { message: r.error.message });
      if (r.error.fieldErrors) serverErrors.value = { ...r.error.fieldErrors };
      return;
    }
    detection.value = r.value;
  }

  function useDetected(): void {
    const d = detection.value?.dialect;
    if (!d) return;
    form.value.dialect = d;
    touch('dialect');
  }

  // The waiting alert's delay is edited in minutes; the model stores ms.
  const waitingMinutes = computed<number | ''>({
    get: () => Math.round((form.value.alerts.waitingForBotAfterMs / 60_000) * 100) / 100,
    set: (v) => {
      form.value.alerts.waitingForBotAfterMs = typeof v === 'number' ? Math.round(v * 60_000) : NaN;
    },
  });

  /** The URL sends credentials in clear to another machine. */
  const urlIsInsecureRemote = computed(() => {
    try {
      const u = new URL(form.value.url.trim());
      return u.protocol === 'ws:' && u.hostname !== '' && !isLoopbackHost(u.hostname);
    } catch {
      return false;
    }
  });
  const showInsecureAck = computed(() => urlIsInsecureRemote.value || form.value.allowInsecure);
  const insecureHost = computed(() => {
    try {
      return new URL(form.value.url.trim()).hostname;
    } catch {
      return '';
    }
  });

  // Flags: named checkboxes plus the raw number, which keeps unknown bits.
  const flagsValue = computed(() => (Number.isInteger(form.value.flags) ? form.value.flags : 0));
  function setFlag(opt: FlagOption, e: Event): void {
    form.value.flags = withFlag(flagsValue.value, opt.name, (e.target as HTMLInputElement).checked);
    touch('flags');
  }

  // Escalation delay is edited in minutes; the model stores ms.
  const escalateMinutes = computed<number | ''>({
    get: () => Math.round((form.value.alerts.escalateAfterMs / 60_000) * 100) / 100,
    set: (v) => {
      form.value.alerts.escalateAfterMs = typeof v === 'number' ? Math.round(v * 60_000) : NaN;
    },
  });

  const timeZones = computed<string[]>(() => {
    try {
      return Intl.supportedValuesOf('timeZone');
    } catch {
      return ['UTC'];
    }
  });
  const timeInZone = computed(() => {
    try {
      return new Intl.DateTimeFormat('en-GB', {
        hour: '2-digit',
        minute: '2-digit',
        timeZone: form.value.alerts.quietHours.timeZone,
      }).format(new Date());
    } catch {
      return null;
    }
  });

  async function focusFirstError(): Promise<void> {
    await nextTick();
    const el = document.querySelector<HTMLElement>('.profile-editor [aria-invalid="true"]');
    el?.focus();
  }

  async function save(): Promise<void> {
    if (saving.value) return;
    submitted.value = true;
    saveError.value = null;
    if (!local.value.ok) {
      saveError.value = t('editor.save.fixFields');
      await focusFirstError();
      return;
    }
    saving.value = true;
    try {
      // One request: the engine validates what it saves (a new secret
      // crosses the boundary once) and answers field by field.
      const result =
        props.profileId === null
          ? await app.createProfile(input.value)
          : await app.updateProfile(props.profileId, input.value);
      if (!result.ok) {
        if (result.error.fieldErrors) serverErrors.value = { ...result.error.fieldErrors };
        saveError.value =
          result.error.code === 'validation' && result.error.fieldErrors
            ? t('editor.save.problems')
            : t('editor.save.failed', { message: result.error.message });
        await focusFirstError();
        return;
      }
      publicKeyDraft.value = '';
      secretDraft.value = '';
      navigate(profileHref(result.value.id));
    } finally {
      saving.value = false;
    }
  }

  // "Test connection": a full handshake against the form as it is now.
  const testing = ref(false);
  const testReport = ref<HandshakeReport | null>(null);
  const testError = ref<string | null>(null);

  async function testConnection(): Promise<void> {
    testError.value = null;
    testReport.value = null;
    if (!local.value.ok) {
      submitted.value = true;
      testError.value = t('editor.test.fixFirst');
      await focusFirstError();
      return;
    }
    testing.value = true;
    const r = await client.testConnection({
      ...(props.profileId !== null ? { profileId: props.profileId } : {}),
      input: input.value,
    });
    testing.value = false;
    if (!r.ok) {
      testError.value = t('editor.test.failedToRun', { message: r.error.message });
      if (r.error.fieldErrors) serverErrors.value = { ...r.error.fieldErrors };
      return;
    }
    testReport.value = r.value;
  }

  // Delete (edit mode only): no confirm dialog; the overview offers "Undo".
  const deleteError = ref<string | null>(null);
  function remove(): void {
    const p = profile.value;
    if (!p) return;
    deleteError.value = null;
    app.deleteWithUndo(p.id);
    navigate(routeHref({ name: 'overview' }));
  }

  const cancelHref = computed(() =>
    props.profileId === null ? routeHref({ name: 'overview' }) : profileHref(props.profileId),
  );
  const notFound = computed(
    () => props.profileId !== null && app.loadState === 'ready' && profile.value === null,
  );

  const editor = {
    app,
    profile,
    isNew,
    copiedFrom,
    localTimeZone,
    fieldsOf,
    blankForm,
    form,
    initialized,
    publicKeyDraft,
    secretDraft,
    replacingPublicKey,
    replacingSecret,
    savedAddress,
    addressMoved,
    input,
    otherNames,
    local,
    touched,
    submitted,
    serverErrors,
    saveError,
    saving,
    touch,
    errorFor,
    warningFor,
    aria,
    unplacedErrors,
    KNOWN_KEYS,
    mayRegister,
    detecting,
    detection,
    detectError,
    detect,
    useDetected,
    waitingMinutes,
    urlIsInsecureRemote,
    showInsecureAck,
    insecureHost,
    flagsValue,
    setFlag,
    escalateMinutes,
    timeZones,
    timeInZone,
    focusFirstError,
    save,
    testing,
    testReport,
    testError,
    testConnection,
    deleteError,
    remove,
    cancelHref,
    notFound,
  };
  provide(EDITOR_KEY, editor);
  return editor;
}

/** What every section of the editor works on. */
export type ProfileEditor = ReturnType<typeof createProfileEditor>;

const EDITOR_KEY: InjectionKey<ProfileEditor> = Symbol('profile-editor');

/** The editor of the enclosing ProfileEditor view (a section component's way in). */
export function useProfileEditor(): ProfileEditor {
  const editor = inject(EDITOR_KEY);
  if (!editor) throw new Error('An editor section was used outside ProfileEditor.vue.');
  return editor;
}
