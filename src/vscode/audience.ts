import * as vscode from 'vscode';
import { STATUS_AUDIENCE_LIMIT, explicitAllContacts, parseNamedAudiences, statusAudience, unknownParticipants } from '../core/audience';
import type { Contact, GreenApiClient } from '../core/greenApiClient';
import { displayParticipant } from '../core/participants';
import { describeNamedAudienceProblem } from './messages';
import type { AudienceChoices, HostServices } from './services';
import { readSettings } from './settings';

/**
 * The audience question for a post: the picker (contacts, saved audiences, typed numbers), then the rules the
 * picker cannot see — the "explicit participants" setting for the iPhone bug (#1124), and a warning for numbers that
 * are not contacts, who will not see the status.
 */
export function askAudience(services: HostServices, client: GreenApiClient): (signal: AbortSignal) => Promise<string[] | undefined> {
  const contacts = services.contacts(client);
  const choices: AudienceChoices = {
    contacts: async (refresh) => statusAudience(await contacts.get({ refresh })).contacts,
    audiences: namedAudiences(services),
    saveAudience: (name, ids) => saveAudience(services, name, ids),
  };
  return async (signal) => {
    const ids = await services.prompts.participants(signal, choices);
    if (ids === undefined) return undefined;
    if (ids.length === 0) return readSettings().requireExplicitParticipants ? allContactsExplicitly(services, await contacts.get()) : [];
    const known = await contacts.get().catch(() => undefined);
    const strangers = known ? unknownParticipants(ids, known) : [];
    if (!strangers.length) return ids;
    const go = await services.prompts.ask(
      vscode.l10n.t('{0} not in your WhatsApp contacts: they will not see the status.', strangers.map(displayParticipant).join(', ')),
      vscode.l10n.t('Statuses reach only saved contacts who also saved your number. Post anyway?'),
      vscode.l10n.t('Post Anyway'),
    );
    return go ? ids : undefined;
  };
}

/** "All my contacts" as an explicit list, which iPhones need; undefined after saying why it cannot be built. */
async function allContactsExplicitly(services: HostServices, contacts: readonly Contact[]): Promise<string[] | undefined> {
  const ids = explicitAllContacts(contacts);
  if (!ids.length) {
    void services.notifier.error(vscode.l10n.t('whatsappStatus.requireExplicitParticipants is on, but GREEN-API returned no contacts who can see statuses. Pick people or type numbers instead.'));
    return undefined;
  }
  if (statusAudience(contacts).capped) services.log.warn(`Audience capped at the first ${STATUS_AUDIENCE_LIMIT} contacts`);
  return ids;
}

function namedAudiences(services: HostServices): AudienceChoices['audiences'] {
  const { audiences, problems } = parseNamedAudiences(readSettings().audiences);
  if (problems.length) void services.notifier.warn(vscode.l10n.t('Some saved audiences were skipped: {0}', problems.map(describeNamedAudienceProblem).join('; ')));
  return audiences;
}

async function saveAudience(services: HostServices, name: string, ids: readonly string[]): Promise<void> {
  const config = vscode.workspace.getConfiguration('whatsappStatus');
  const current = config.inspect<Record<string, string[]>>('audiences')?.globalValue ?? {};
  await config.update('audiences', { ...current, [name]: ids.map(displayParticipant) }, vscode.ConfigurationTarget.Global);
  void services.notifier.info(vscode.l10n.t('Saved the audience "{0}" ({1} people).', name, ids.length));
}
