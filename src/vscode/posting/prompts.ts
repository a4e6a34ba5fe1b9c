import * as vscode from 'vscode';
import { contactLabel } from '../../core/audience/audience';
import { CAPTION_MAX, checkCaption, normalizeCaption } from '../../core/statuses/caption';
import { formatBytes } from '../../core/common/format';
import type { Contact } from '../../core/greenApi/types';
import { previewText } from '../../core/store/history';
import { MEDIA_STATUS_EXTENSIONS } from '../../core/media/media';
import { PARTICIPANTS_MAX, displayParticipant, parseParticipants, type ParticipantReading, type PhoneNumberReader } from '../../core/audience/participants';
import type { PostTarget } from '../../core/statuses/postWorkflow';
import { STATUS_SWATCHES, checkBackgroundColor, type SwatchId } from '../../core/statuses/statusColor';
import { TEXT_STATUS_FONTS, TEXT_STATUS_MAX, checkStatusText, type TextStatusFont } from '../../core/statuses/textStatus';
import { VOICE_STATUS_EXTENSIONS } from '../../core/statuses/voiceStatus';
import { checkApiToken, checkIdInstance } from '../platform/credentials';
import { describeCaptionProblem, describeColorProblem, describeParticipantProblem, describeRemovedMetadata, describeTextProblem } from '../platform/messages';
import type { AudienceChoices, ConfirmSummary, HostPrompts, Notifier } from '../platform/services';
import { STORAGE_KEY } from '../platform/ids';
import { inputStep, pickStep, placeStep } from '../platform/quickInput';
import { BACK, type StepAnswer, type StepPosition } from '../../core/common/steps';

const RECENT_AUDIENCES_MAX = 5;
const PREVIEW_CHARS = 120;
/** Numbers an audience is shown with; a longer one ends in "and N more". */
const AUDIENCE_LABEL_NUMBERS = 10;
/** Typed numbers whose reading the typed entry shows. */
const READINGS_SHOWN = 3;

interface AudienceItem extends vscode.QuickPickItem {
  /** The chat ids this choice stands for ([] = all contacts); undefined for an entry that cannot be accepted. */
  readonly ids?: string[];
  /** Opens the contacts picker instead of answering. */
  readonly chooseContacts?: true;
}

interface ContactItem extends vscode.QuickPickItem {
  /** Undefined for the note about contacts whose number WhatsApp hides, which cannot be chosen. */
  readonly id?: string;
}

export function audienceLabel(ids: readonly string[]): string {
  if (ids.length === 0) return vscode.l10n.t('All my contacts');
  const shown = ids.slice(0, AUDIENCE_LABEL_NUMBERS).map(displayParticipant).join(', ');
  return ids.length > AUDIENCE_LABEL_NUMBERS ? vscode.l10n.t('{0} and {1} more', shown, ids.length - AUDIENCE_LABEL_NUMBERS) : shown;
}

/** The real prompts: InputBoxes, QuickPicks and modal dialogs. */
export function createVscodePrompts(globalState: vscode.Memento): HostPrompts {
  return {
    async caption(targets: readonly PostTarget[], signal: AbortSignal, position?: StepPosition, previous?: string) {
      const caption = await inputStep(
        {
          title: targets.length === 1 ? vscode.l10n.t('Caption for {0}', targets[0].label) : vscode.l10n.t('Caption for {0} statuses', targets.length),
          position,
          value: previous,
          prompt: vscode.l10n.t('Optional. Press Enter to continue, Escape to cancel.'),
          placeholder: vscode.l10n.t('Write a caption (up to {0} characters)', CAPTION_MAX),
          validate: (value) => {
            const problem = checkCaption(value);
            if (problem) return { message: describeCaptionProblem(problem), severity: vscode.InputBoxValidationSeverity.Error };
            return {
              message: vscode.l10n.t('{0} / {1} characters', normalizeCaption(value).length, CAPTION_MAX),
              severity: vscode.InputBoxValidationSeverity.Info,
            };
          },
        },
        signal,
      );
      return typeof caption === 'string' ? normalizeCaption(caption) : caption;
    },

    async participants(signal: AbortSignal, choices?: AudienceChoices, position?: StepPosition) {
      for (;;) {
        const picked = await pickAudience(globalState, signal, choices, position);
        if (picked === BACK) return BACK;
        if (!picked?.chooseContacts) {
          if (picked?.ids && !withinLimit(picked.ids)) continue;
          if (picked?.ids?.length) await rememberAudience(globalState, picked.ids);
          return picked?.ids;
        }
        // Escape in the contacts picker goes back to the audience list rather than cancelling the post.
        const ids = choices && (await pickContacts(choices, signal));
        if (ids?.length && withinLimit(ids)) {
          await rememberAudience(globalState, ids);
          return ids;
        }
        if (signal.aborted) return undefined;
      }
    },

    async confirm(summary: ConfirmSummary, _signal?: AbortSignal, position?: StepPosition) {
      const { targets, details, participants, warnings = [] } = summary;
      const size = formatBytes(targets.reduce((total, target) => total + target.file.size, 0));
      const message =
        targets.length === 0
          ? vscode.l10n.t('Post this text as a WhatsApp status?')
          : targets.length === 1
            ? vscode.l10n.t('Post {0} ({1}) as a WhatsApp status?', targets[0].label, size)
            : vscode.l10n.t('Post {0} files ({1}) as WhatsApp statuses?', targets.length, size);
      const lines = [
        details.message !== undefined ? vscode.l10n.t('Text: {0}', previewText(details.message, PREVIEW_CHARS)) : undefined,
        details.caption !== undefined
          ? details.caption
            ? vscode.l10n.t('Caption: {0}', previewText(details.caption, PREVIEW_CHARS))
            : vscode.l10n.t('No caption')
          : undefined,
        details.backgroundColor ? vscode.l10n.t('Background: {0}', details.backgroundColor) : undefined,
        details.font ? vscode.l10n.t('Font: {0}', details.font) : undefined,
        vscode.l10n.t('Audience: {0}', audienceLabel(participants)),
        describeRemovedMetadata(targets),
      ].filter(Boolean);
      // Pre-flight advice, after the summary: accepting the post accepts it.
      const detail = [...lines, ...(warnings.length ? ['', ...warnings] : [])].join('\n');
      // The last of the steps: Back returns to the audience, Cancel (or Escape) cancels the post.
      const back = position && position.step > 1 ? [vscode.l10n.t('Back')] : [];
      const post = warnings.length ? vscode.l10n.t('Post Anyway') : vscode.l10n.t('Post');
      const show = warnings.length ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
      const choice = await show(message, { modal: true, detail }, post, ...back);
      return choice === post || (choice !== undefined && back.includes(choice) ? BACK : false);
    },

    statusText(initial: string, position?: StepPosition) {
      return inputStep({
        title: vscode.l10n.t('Text status'),
        position,
        value: initial,
        prompt: vscode.l10n.t('White text on a coloured background, up to {0} characters.', TEXT_STATUS_MAX),
        validate: (value) => {
          const checked = checkStatusText(value);
          if (!checked.ok) return { message: describeTextProblem(checked.problem), severity: vscode.InputBoxValidationSeverity.Error };
          return { message: vscode.l10n.t('{0} / {1} characters', checked.message.length, TEXT_STATUS_MAX), severity: vscode.InputBoxValidationSeverity.Info };
        },
      });
    },

    async backgroundColor(position?: StepPosition, previous?: string) {
      const custom = vscode.l10n.t('Custom colour…');
      const items = [
        ...STATUS_SWATCHES.map((swatch) => ({ label: swatchName(swatch.id), description: swatch.color, color: swatch.color })),
        { label: `$(edit) ${custom}`, description: '#RRGGBB', color: undefined },
      ];
      for (;;) {
        const active = items.find((item) => item.color === previous);
        const picked = await pickStep(items, { title: vscode.l10n.t('Background colour (the text is always white)'), position, active });
        if (picked === undefined || picked === BACK || picked.color) return picked === undefined || picked === BACK ? picked : picked.color;
        // Back from the typed colour returns to the swatches.
        const typed = await inputStep({
          title: vscode.l10n.t('Background colour'),
          position,
          back: true,
          placeholder: '#075E54',
          value: previous,
          validate: (value) => {
            const checked = checkBackgroundColor(value);
            return checked.ok ? undefined : { message: describeColorProblem(checked.problem), severity: vscode.InputBoxValidationSeverity.Error };
          },
        });
        if (typed === undefined) return undefined;
        if (typed !== BACK) return (checkBackgroundColor(typed) as { color: string }).color;
      }
    },

    async font(position?: StepPosition, previous?: TextStatusFont) {
      const items = TEXT_STATUS_FONTS.map((font) => ({ label: font, font }));
      const picked = await pickStep(items, { title: vscode.l10n.t('Font'), position, active: items.find((item) => item.font === previous) });
      return picked === undefined || picked === BACK ? picked : picked.font;
    },

    async batchMode(count: number) {
      const shared = { label: vscode.l10n.t('Same caption and audience for all {0}', count), mode: 'shared' as const };
      const perFile = { label: vscode.l10n.t('Ask for each file'), mode: 'per-file' as const };
      return (await vscode.window.showQuickPick([shared, perFile], { title: vscode.l10n.t('Posting {0} files', count), ignoreFocusOut: true }))?.mode;
    },

    idInstance(position?: StepPosition, previous?: string) {
      return inputStep({
        title: vscode.l10n.t('GREEN-API credentials'),
        position,
        value: previous,
        prompt: vscode.l10n.t('idInstance: the instance number shown in your GREEN-API console'),
        placeholder: '1101123456',
        validate: (value) =>
          checkIdInstance(value)
            ? undefined
            : { message: vscode.l10n.t('idInstance is a number, for example 1101123456'), severity: vscode.InputBoxValidationSeverity.Error },
      });
    },

    apiToken(position?: StepPosition) {
      return inputStep({
        title: vscode.l10n.t('GREEN-API credentials'),
        position,
        prompt: vscode.l10n.t('apiTokenInstance: the token shown next to it. It is kept in VS Code secret storage only.'),
        password: true,
        validate: (value) =>
          checkApiToken(value)
            ? undefined
            : { message: vscode.l10n.t('Paste the whole apiTokenInstance, without spaces'), severity: vscode.InputBoxValidationSeverity.Error },
      });
    },

    async pickFiles(kind: 'media' | 'voice') {
      const extensions = Object.keys(kind === 'media' ? MEDIA_STATUS_EXTENSIONS : VOICE_STATUS_EXTENSIONS).map((extension) => extension.slice(1));
      return vscode.window.showOpenDialog({
        canSelectMany: true,
        openLabel: kind === 'media' ? vscode.l10n.t('Post as status') : vscode.l10n.t('Post as voice status'),
        filters: { [kind === 'media' ? vscode.l10n.t('Images and videos') : vscode.l10n.t('Audio')]: extensions },
      });
    },

    async ask(message: string, detail: string, confirmLabel: string) {
      return (await vscode.window.showWarningMessage(message, { modal: true, detail }, confirmLabel)) === confirmLabel;
    },
  };
}

function swatchName(id: SwatchId): string {
  const names: Record<SwatchId, string> = {
    teal: vscode.l10n.t('WhatsApp teal'),
    black: vscode.l10n.t('Black'),
    blue: vscode.l10n.t('Blue'),
    purple: vscode.l10n.t('Purple'),
    berry: vscode.l10n.t('Berry'),
    red: vscode.l10n.t('Red'),
    forest: vscode.l10n.t('Forest green'),
    slate: vscode.l10n.t('Slate'),
  };
  return names[id];
}

/** The audience list: all contacts, choose contacts, saved audiences, recent ones, and whatever numbers are typed. */
function pickAudience(
  globalState: vscode.Memento,
  signal: AbortSignal,
  choices: AudienceChoices | undefined,
  position: StepPosition | undefined,
): Promise<StepAnswer<AudienceItem>> {
  const recent = globalState.get<string[][]>(STORAGE_KEY.recentAudiences, []);
  const separator = (label: string): AudienceItem => ({ label, kind: vscode.QuickPickItemKind.Separator });
  const fixedItems: AudienceItem[] = [
    {
      label: `$(organization) ${vscode.l10n.t('All my contacts')}`,
      detail: vscode.l10n.t('Everyone in your phone book who saved your number (first 1024 contacts)'),
      ids: [],
    },
    ...(choices
      ? [
          {
            label: `$(person-add) ${vscode.l10n.t('Choose contacts…')}`,
            detail: vscode.l10n.t('Pick people from your WhatsApp contacts by name'),
            chooseContacts: true as const,
          },
        ]
      : []),
    ...(choices?.audiences.length
      ? [
          separator(vscode.l10n.t('Saved audiences')),
          ...choices.audiences.map((audience) => ({
            label: `$(bookmark) ${audience.name}`,
            description: vscode.l10n.t('{0} people', audience.ids.length),
            ids: audience.ids,
          })),
        ]
      : []),
    ...(recent.length ? [separator(vscode.l10n.t('Recently used')), ...recent.map((ids) => ({ label: `$(history) ${audienceLabel(ids)}`, ids }))] : []),
  ];
  return singlePick(signal, fixedItems, position, (picker) => {
    picker.title = vscode.l10n.t('Who may see this status?');
    picker.placeholder = vscode.l10n.t('Pick an audience, or type phone numbers, separated by commas');
    // Typed numbers wait for the account's country: `8 900 111-22-33` is +7 900 111-22-33 only from a Russian account.
    let reader: PhoneNumberReader | undefined;
    let ready = !choices;
    const showTyped = () => {
      const value = picker.value;
      picker.items = value.trim() ? [ready ? typedAudienceItem(value, reader) : readingItem(value), ...fixedItems] : fixedItems;
    };
    picker.onDidChangeValue(showTyped);
    if (choices) {
      picker.busy = true;
      void choices
        .phoneNumbers(signal)
        .then(
          (loaded) => (reader = loaded),
          () => undefined,
        )
        .finally(() => {
          ready = true;
          picker.busy = false;
          showTyped();
        });
    }
  });
}

/** The typed entry while the account's country is still being asked: it cannot be accepted yet. */
function readingItem(value: string): AudienceItem {
  return { label: `$(loading~spin) ${value}`, description: vscode.l10n.t("reading the numbers in your account's country…"), alwaysShow: true };
}

/** A QuickPick answered by one acceptable item (one with ids or an action), Back, or undefined when hidden or aborted. */
function singlePick(
  signal: AbortSignal,
  items: AudienceItem[],
  position: StepPosition | undefined,
  configure: (picker: vscode.QuickPick<AudienceItem>) => void,
): Promise<StepAnswer<AudienceItem>> {
  return new Promise((resolve) => {
    const picker = vscode.window.createQuickPick<AudienceItem>();
    picker.ignoreFocusOut = true;
    picker.items = items;
    placeStep(picker, position);
    configure(picker);
    let settled = false;
    const finish = (item: StepAnswer<AudienceItem>) => {
      if (settled) return;
      settled = true;
      picker.dispose();
      resolve(item);
    };
    picker.onDidAccept(() => {
      const item = picker.selectedItems[0];
      if (item && (item.ids !== undefined || item.chooseContacts)) finish(item);
    });
    picker.onDidTriggerButton((button) => {
      if (button === vscode.QuickInputButtons.Back) finish(BACK);
    });
    picker.onDidHide(() => finish(undefined));
    signal.addEventListener('abort', () => finish(undefined), { once: true });
    if (signal.aborted) finish(undefined);
    else picker.show();
  });
}

/** Contacts by name, several at once, with "Save this selection as…" and a refresh of the list. */
function pickContacts(choices: AudienceChoices, signal: AbortSignal): Promise<string[] | undefined> {
  return new Promise((resolve) => {
    const picker = vscode.window.createQuickPick<ContactItem>();
    const refresh: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('refresh'), tooltip: vscode.l10n.t('Reload contacts from WhatsApp') };
    const save: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('save'), tooltip: vscode.l10n.t('Save this selection as…') };
    picker.title = vscode.l10n.t('Choose contacts');
    picker.placeholder = vscode.l10n.t('Type a name or number; Space selects, Enter accepts');
    picker.canSelectMany = true;
    picker.matchOnDescription = true;
    picker.ignoreFocusOut = true;
    picker.buttons = [save, refresh];
    const chosenIds = () => picker.selectedItems.flatMap((item) => (item.id ? [item.id] : []));
    const load = async (fresh: boolean) => {
      picker.busy = true;
      try {
        const selected = new Set(chosenIds());
        const book = await choices.contacts(fresh);
        picker.items = [...book.choosable.map(contactItem), ...hiddenNumbersNote(book.hiddenNumbers)];
        picker.selectedItems = picker.items.filter((item) => item.id && selected.has(item.id));
      } catch {
        picker.placeholder = vscode.l10n.t('Could not load your contacts; type numbers in the previous list instead');
      } finally {
        picker.busy = false;
      }
    };
    let settled = false;
    // Naming a saved audience opens an InputBox, which hides the picker for a while: that is not a dismissal.
    let saving = false;
    const finish = (ids: string[] | undefined) => {
      if (settled) return;
      settled = true;
      picker.dispose();
      resolve(ids);
    };
    picker.onDidTriggerButton(async (button) => {
      if (button === refresh) return load(true);
      const ids = chosenIds();
      if (!ids.length) return;
      saving = true;
      const name = await vscode.window.showInputBox({
        title: vscode.l10n.t('Save this selection as…'),
        placeHolder: vscode.l10n.t('Family'),
        ignoreFocusOut: true,
      });
      if (name?.trim()) await choices.saveAudience(name.trim(), ids);
      saving = false;
      picker.show();
    });
    // A multi-select list has no disabled rows, so ticking the note is undone at once.
    picker.onDidChangeSelection((items) => {
      if (items.some((item) => !item.id)) picker.selectedItems = items.filter((item) => item.id);
    });
    picker.onDidAccept(() => finish(chosenIds()));
    picker.onDidHide(() => {
      if (!saving) finish(undefined);
    });
    signal.addEventListener('abort', () => finish(undefined), { once: true });
    picker.show();
    void load(false);
  });
}

function contactItem(contact: Contact): ContactItem {
  const label = contactLabel(contact);
  const number = displayParticipant(contact.id);
  const name = contact.name?.trim();
  return { label, description: number === label ? undefined : number, detail: name && name !== label ? name : undefined, id: contact.id };
}

/**
 * Contacts WhatsApp lists under an id that hides their number cannot be picked, since a status is addressed by
 * number; the note says how many there are and how to reach them. It shows whatever the filter, as it may be the
 * reason a name is not found.
 */
function hiddenNumbersNote(count: number): ContactItem[] {
  if (!count) return [];
  return [
    { label: vscode.l10n.t('Not listed'), kind: vscode.QuickPickItemKind.Separator },
    {
      label: `$(eye-closed) ${count === 1 ? vscode.l10n.t('1 contact whose number WhatsApp hides') : vscode.l10n.t('{0} contacts whose numbers WhatsApp hides', count)}`,
      detail: vscode.l10n.t('To reach them, press Escape and type their phone numbers with the country code.'),
      alwaysShow: true,
    },
  ];
}

/**
 * The entry for what is typed into the audience picker: the parsed numbers with how local ones were read, or what is
 * wrong with them. Parsed on every keystroke, so it stays linear and stops at {@link PARTICIPANTS_MAX} people.
 */
function typedAudienceItem(value: string, reader: PhoneNumberReader | undefined): AudienceItem {
  const parsed = parseParticipants(value, reader);
  if (parsed.invalid) {
    const { entry, problem } = parsed.invalid;
    return { label: `$(error) ${entry}`, description: describeParticipantProblem(problem), alwaysShow: true };
  }
  if (parsed.overLimit) {
    return {
      label: `$(error) ${vscode.l10n.t('More than {0} numbers', PARTICIPANTS_MAX)}`,
      description: vscode.l10n.t('a status can go to at most {0} people', PARTICIPANTS_MAX),
      alwaysShow: true,
    };
  }
  if (!parsed.ids.length) return { label: `$(error) ${value}`, description: describeParticipantProblem('not-a-number'), alwaysShow: true };
  return {
    label: `$(person) ${vscode.l10n.t('Only: {0}', audienceLabel(parsed.ids))}`,
    description: parsed.duplicates ? vscode.l10n.t('{0} duplicate(s) removed', parsed.duplicates) : undefined,
    detail: readingsText(parsed.readings),
    alwaysShow: true,
    ids: parsed.ids,
  };
}

/** How numbers typed without a country code were read: `8 (900) 111-22-33 → +7 900 111-22-33`. */
function readingsText(readings: readonly ParticipantReading[]): string | undefined {
  if (!readings.length) return undefined;
  const shown = readings
    .slice(0, READINGS_SHOWN)
    .map((reading) => `${reading.entry} → ${reading.display}`)
    .join(', ');
  return readings.length > READINGS_SHOWN ? vscode.l10n.t('{0} and {1} more', shown, readings.length - READINGS_SHOWN) : shown;
}

/** Whether a chosen audience is within {@link PARTICIPANTS_MAX} people; says so when it is not. */
function withinLimit(ids: readonly string[]): boolean {
  if (ids.length <= PARTICIPANTS_MAX) return true;
  void vscode.window.showErrorMessage(
    vscode.l10n.t('{0} people chosen: a status can go to at most {1}. Choose fewer, or All my contacts.', ids.length, PARTICIPANTS_MAX),
  );
  return false;
}

async function rememberAudience(globalState: vscode.Memento, ids: string[]): Promise<void> {
  const key = ids.join(',');
  const recent = globalState.get<string[][]>(STORAGE_KEY.recentAudiences, []).filter((entry) => entry.join(',') !== key);
  await globalState.update(STORAGE_KEY.recentAudiences, [ids, ...recent].slice(0, RECENT_AUDIENCES_MAX));
}

export function createVscodeNotifier(): Notifier {
  return {
    info: (message, ...actions) => vscode.window.showInformationMessage(message, ...actions),
    warn: (message, ...actions) => vscode.window.showWarningMessage(message, ...actions),
    error: (message, ...actions) => vscode.window.showErrorMessage(message, ...actions),
  };
}
