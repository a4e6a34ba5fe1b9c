import * as vscode from 'vscode';
import {
  STATUS_AUDIENCE_LIMIT,
  contactBook,
  explicitAllContacts,
  parseNamedAudiences,
  statusAudience,
  unknownParticipants,
} from '../../core/audience/audience';
import { BACK, type StepAnswer, type StepPosition } from '../../core/common/steps';
import { GreenApiError } from '../../core/greenApi/errors';
import type { GreenApiClient } from '../../core/greenApi/client';
import type { Contact } from '../../core/greenApi/types';
import { displayParticipant, isOwnNumber, type PhoneNumberReader } from '../../core/audience/participants';
import { describeNamedAudienceProblem } from '../platform/messages';
import { phoneNumberReader } from './phoneNumbers';
import type { AudienceChoices, HostServices, PostOptions } from '../platform/services';
import { readSettings } from '../platform/settings';

/**
 * The audience question for a post: the picker (contacts, saved audiences, typed numbers), then the rules the
 * picker cannot see — the "explicit participants" setting for the iPhone bug (#1124), and a note about chosen
 * numbers that are not contacts, who may not see the status.
 */
export function askAudience(
  services: HostServices,
  client: GreenApiClient,
  options: PostOptions = {},
): (signal: AbortSignal, position?: StepPosition) => Promise<StepAnswer<string[]>> {
  const contacts = services.contacts(client);
  const choices: AudienceChoices = {
    contacts: async (refresh) => contactBook(await contacts.get({ refresh })),
    audiences: namedAudiences(services),
    saveAudience: (name, ids) => saveAudience(services, name, ids),
    phoneNumbers: (signal) => phoneNumbers(services, client, signal),
  };
  return async (signal, position) => {
    const ids = await services.prompts.participants(signal, choices, position);
    if (ids === undefined || ids === BACK) return ids;
    if (ids.length === 0)
      return options.explicitAudience || readSettings().requireExplicitParticipants ? allContactsExplicitly(services, await contacts.get()) : [];
    const known = await contacts.get().catch(() => undefined);
    const strangers = known ? unknownParticipants(ids, known) : [];
    if (strangers.length) noteStrangers(services, strangers);
    return ids;
  };
}

/**
 * A notice, not a question: anyone who saved your number can see your statuses, and only their phone knows whether
 * they did, so "not in your contacts" makes missing the status possible, not certain. Stopping the post on a guess
 * would be wrong as often as right; a notification also reaches people who turned the confirmation off.
 */
function noteStrangers(services: HostServices, strangers: readonly string[]): void {
  const numbers = strangers.map(displayParticipant).join(', ');
  services.log.info(`${strangers.length} chosen participant(s) not in GetContacts`);
  void services.notifier.warn(
    strangers.length === 1
      ? vscode.l10n.t('{0} is not in your contacts, so they may not see it, unless they saved your number.', numbers)
      : vscode.l10n.t('{0} are not in your contacts, so they may not see it, unless they saved your number.', numbers),
  );
}

/** "All my contacts" as an explicit list, which iPhones need; undefined, with nothing posted, after saying why it cannot be built. */
async function allContactsExplicitly(services: HostServices, contacts: readonly Contact[]): Promise<string[] | undefined> {
  const ids = explicitAllContacts(contacts);
  if (!ids.length) {
    // An empty list is what an iPhone does not publish, the very thing the explicit list is for.
    void services.notifier.error(
      vscode.l10n.t(
        '"All my contacts" must be sent as a list of numbers for an iPhone, but GREEN-API listed none of your contacts with a phone number, so nothing was posted. Type the numbers of the people who should see it.',
      ),
    );
    services.log.warn('Explicit audience is empty: not posting');
    return undefined;
  }
  if (statusAudience(contacts).capped) services.log.warn(`Audience capped at the first ${STATUS_AUDIENCE_LIMIT} contacts`);
  return ids;
}

/** How long the picker waits for the account's number before reading typed numbers without a country. */
const OWN_NUMBER_WAIT_MS = 5000;

/** The reader of typed numbers, in the country of the account's own number; undefined, after logging why, if it cannot load. */
async function phoneNumbers(services: HostServices, client: GreenApiClient, signal: AbortSignal): Promise<PhoneNumberReader | undefined> {
  const phone = await ownNumber(services, client, signal);
  try {
    return phoneNumberReader(services.bundles, phone);
  } catch (error) {
    services.log.error(`The phone number reader did not load: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
}

/** The account's number: known since Set Credentials, else asked once a session (GetWaSettings). */
async function ownNumber(services: HostServices, client: GreenApiClient, signal: AbortSignal): Promise<string | undefined> {
  const known = services.session.ownNumber;
  if (known?.instance === client.idInstance) return known.phone;
  try {
    const { phone } = await client.getWaSettings({ signal: AbortSignal.any([signal, AbortSignal.timeout(OWN_NUMBER_WAIT_MS)]) });
    if (!isOwnNumber(phone)) return undefined;
    services.session.ownNumber = { instance: client.idInstance, phone };
    return phone;
  } catch (error) {
    if (!(error instanceof GreenApiError)) throw error;
    services.log.warn(`The account's phone number could not be read (${error.message}): typed numbers are read as international`);
    return undefined;
  }
}

function namedAudiences(services: HostServices): AudienceChoices['audiences'] {
  const { audiences, problems } = parseNamedAudiences(readSettings().audiences);
  if (problems.length)
    void services.notifier.warn(vscode.l10n.t('Some saved audiences were skipped: {0}', problems.map(describeNamedAudienceProblem).join('; ')));
  return audiences;
}

async function saveAudience(services: HostServices, name: string, ids: readonly string[]): Promise<void> {
  const config = vscode.workspace.getConfiguration('whatsappStatus');
  const current = config.inspect<Record<string, string[]>>('audiences')?.globalValue ?? {};
  await config.update('audiences', { ...current, [name]: ids.map(displayParticipant) }, vscode.ConfigurationTarget.Global);
  void services.notifier.info(vscode.l10n.t('Saved the audience "{0}" ({1} people).', name, ids.length));
}
