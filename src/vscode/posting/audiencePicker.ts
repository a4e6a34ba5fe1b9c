import * as vscode from 'vscode';
import { contactLabel } from '../../core/audience/audience';
import { PARTICIPANTS_MAX, displayParticipant, parseParticipants, type ParticipantReading, type PhoneNumberReader } from '../../core/audience/participants';
import { BACK, type StepAnswer, type StepPosition } from '../../core/common/steps';
import type { Contact } from '../../core/greenApi/types';
import { describeParticipantProblem } from '../platform/messages';
import { pickStep } from '../platform/quickInput';
import type { AudienceChoices } from '../platform/services';
import { recentAudiences, rememberAudience } from './recentAudiences';

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

/**
 * The audience question: the list (all contacts, saved and recent audiences, typed numbers), or the contacts picker
 * it opens. Chat ids, [] for all contacts, BACK, or undefined when dismissed.
 */
export async function pickAudienceIds(
  globalState: vscode.Memento,
  signal: AbortSignal,
  choices: AudienceChoices | undefined,
  position: StepPosition | undefined,
): Promise<StepAnswer<string[]>> {
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
}

/** The audience list: all contacts, choose contacts, saved audiences, recent ones, and whatever numbers are typed. */
function pickAudience(
  globalState: vscode.Memento,
  signal: AbortSignal,
  choices: AudienceChoices | undefined,
  position: StepPosition | undefined,
): Promise<StepAnswer<AudienceItem>> {
  const recent = recentAudiences(globalState);
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
  return pickStep(fixedItems, {
    title: vscode.l10n.t('Who may see this status?'),
    placeholder: vscode.l10n.t('Pick an audience, or type phone numbers, separated by commas'),
    position,
    signal,
    // An entry that only says what is wrong with typed numbers cannot be accepted.
    accepts: (item) => item.ids !== undefined || item.chooseContacts === true,
    configure: (picker) => configureTyping(picker, fixedItems, choices, signal),
  });
}

/** Typed numbers become an entry of their own, read in the account's country once that is known. */
function configureTyping(picker: vscode.QuickPick<AudienceItem>, fixedItems: AudienceItem[], choices: AudienceChoices | undefined, signal: AbortSignal): void {
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
}

/** The typed entry while the account's country is still being asked: it cannot be accepted yet. */
function readingItem(value: string): AudienceItem {
  return { label: `$(loading~spin) ${value}`, description: vscode.l10n.t("reading the numbers in your account's country…"), alwaysShow: true };
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
