import * as vscode from 'vscode';

export type StateSeverity = 'ready' | 'queued' | 'unusable';

/**
 * What an instance state means for posting (docs/greenapi.md §4.1): `ready`; `queued` — GREEN-API accepts the status
 * but holds it up to 24 h; `unusable` — nothing will be sent.
 */
export function describeInstanceState(state: string | null): { severity: StateSeverity; message: string } {
  switch (state) {
    case 'authorized':
      return { severity: 'ready', message: vscode.l10n.t('authorized') };
    case 'notAuthorized':
      return {
        severity: 'queued',
        message: vscode.l10n.t(
          'not authorized: the phone is not linked. Scan the QR code in the GREEN-API console; until then statuses wait in a queue for up to 24 hours.',
        ),
      };
    case 'starting':
      return {
        severity: 'queued',
        message: vscode.l10n.t('starting (the instance is rebooting, usually under 5 minutes); statuses wait in the queue meanwhile.'),
      };
    case 'sleepMode':
      return { severity: 'queued', message: vscode.l10n.t('in sleep mode: the phone is offline. Statuses wait in the queue until it is back.') };
    case 'yellowCard':
    case 'suspended':
      return {
        severity: 'queued',
        message: vscode.l10n.t(
          'suspended: WhatsApp restricted sending for suspected spam. Statuses wait in the queue for up to 24 hours; reboot the instance in the console.',
        ),
      };
    case 'blocked':
      return { severity: 'unusable', message: vscode.l10n.t('blocked: WhatsApp banned this account, so nothing can be sent.') };
    case null:
      return { severity: 'unusable', message: vscode.l10n.t('still being created; try again in a few minutes.') };
    default:
      return { severity: 'queued', message: vscode.l10n.t('in an unknown state ({0}).', state) };
  }
}
